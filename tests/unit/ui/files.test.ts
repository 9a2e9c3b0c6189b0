import { describe, expect, it } from 'vitest';
import {
  filesFromDrop,
  filesFromEntries,
  filesFromList,
  folderLabel,
  readAllEntries,
  type DirectoryEntryLike,
  type EntryLike,
  type FileEntryLike,
} from '../../../src/ui/files';

function fileEntry(fullPath: string): FileEntryLike {
  const name = fullPath.split('/').pop() ?? '';
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (ok) => ok(new File(['x'], name)),
  };
}

/** A directory whose reader answers in batches of `batch`, like Chromium's 100. */
function dirEntry(fullPath: string, children: EntryLike[], batch = 2): DirectoryEntryLike {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop() ?? '',
    fullPath,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          const out = children.slice(at, at + batch);
          at += batch;
          setTimeout(() => ok(out), 0);
        },
      };
    },
  };
}

describe('folder traversal', () => {
  const tree = dirEntry('/sweep', [
    dirEntry('/sweep/run_2_lr-2e-4', [fileEntry('/sweep/run_2_lr-2e-4/events.out.tfevents.1')]),
    dirEntry('/sweep/run_1_lr-1e-4', [
      fileEntry('/sweep/run_1_lr-1e-4/events.out.tfevents.1'),
      fileEntry('/sweep/run_1_lr-1e-4/hparams.yaml'),
      fileEntry('/sweep/run_1_lr-1e-4/.DS_Store'),
    ]),
    dirEntry('/sweep/.git', [fileEntry('/sweep/.git/HEAD')]),
    fileEntry('/sweep/results.csv'),
    fileEntry('/sweep/notes.txt'),
  ]);

  it('reads every batch of a directory until an empty one', async () => {
    const reader = dirEntry(
      '/d',
      [1, 2, 3, 4, 5].map((i) => fileEntry(`/d/f${i}`)),
    ).createReader();
    expect((await readAllEntries(reader)).map((e) => e.name)).toEqual([
      'f1',
      'f2',
      'f3',
      'f4',
      'f5',
    ]);
  });

  it('walks folders recursively into relative paths, sorted, without VCS and OS litter', async () => {
    const files = await filesFromEntries([tree]);
    expect(files.map((f) => f.path)).toEqual([
      'sweep/notes.txt',
      'sweep/results.csv',
      'sweep/run_1_lr-1e-4/events.out.tfevents.1',
      'sweep/run_1_lr-1e-4/hparams.yaml',
      'sweep/run_2_lr-2e-4/events.out.tfevents.1',
    ]);
    expect(files[0].file.name).toBe('notes.txt');
    expect(folderLabel(files)).toBe('sweep');
  });

  it('falls back to the plain file list when no entries are offered', async () => {
    const plain = [new File(['a'], 'a.csv'), new File(['b'], 'b.csv')];
    const files = await filesFromDrop({ entries: [], files: plain });
    expect(files.map((f) => f.path)).toEqual(['a.csv', 'b.csv']);
    expect(folderLabel(files)).toBeUndefined();
  });

  it('uses webkitRelativePath for files picked from a folder input', () => {
    const f = new File(['x'], 'events.out.tfevents.1');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'sweep/run_1/events.out.tfevents.1' });
    const files = filesFromList([f]);
    expect(files[0].path).toBe('sweep/run_1/events.out.tfevents.1');
    expect(folderLabel(files)).toBe('sweep');
  });

  it('names no folder when files come from different top folders', () => {
    const file = new File(['x'], 'x');
    expect(
      folderLabel([
        { file, path: 'a/x' },
        { file, path: 'b/x' },
      ]),
    ).toBeUndefined();
  });
});

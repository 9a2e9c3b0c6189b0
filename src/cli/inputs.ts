/**
 * A command-line path → the SourceInputs readSources takes: a file is one input; a folder is
 * every file under it, walked recursively, with paths relative to the folder's parent so the
 * folder's own name leads (`lora-sweep/run_1/logs/events…`), as when it is dropped on the page.
 */
import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ByteSource, SourceInput } from '../lib/ingest';

/** Hidden folders hold caches and version control, never logs; Hydra keeps configs in .hydra. */
const WALK_HIDDEN = new Set(['.hydra']);
/** A sweep folder has hundreds of files; far more means the wrong folder was given. */
export const MAX_FOLDER_FILES = 100_000;

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A file-backed Blob: read as a stream, chunk by chunk, never whole into memory. */
export async function fileSource(file: string, name: string, size: number): Promise<ByteSource> {
  const blob = await openAsBlob(file);
  return {
    name,
    size,
    stream: () => blob.stream() as ReadableStream<Uint8Array>,
    slice: (start, end) => blob.slice(start, end),
  };
}

export async function folderInputs(dir: string): Promise<SourceInput[]> {
  const root = path.basename(path.resolve(dir));
  const found: { file: string; rel: string; size: number }[] = [];
  const walk = async (folder: string, rel: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      const relPath = `${rel}/${entry.name}`;
      // Follows symbolic links, as a file manager's drag and drop does.
      const info = entry.isSymbolicLink() ? await stat(full).catch(() => null) : null;
      const isDir = info ? info.isDirectory() : entry.isDirectory();
      const isFile = info ? info.isFile() : entry.isFile();
      if (isDir) {
        if (entry.name.startsWith('.') && !WALK_HIDDEN.has(entry.name)) continue;
        await walk(full, relPath);
      } else if (isFile) {
        if (found.length >= MAX_FOLDER_FILES)
          throw new InputError(
            `The folder holds more than ${MAX_FOLDER_FILES.toLocaleString('en-US')} files; pass the sweep folder itself.`,
          );
        found.push({ file: full, rel: relPath, size: (info ?? (await stat(full))).size });
      }
    }
  };
  await walk(dir, root);
  if (found.length === 0) throw new InputError('The folder holds no files: nothing to analyse.');
  return Promise.all(
    found.map(async (f) => ({ path: f.rel, source: await fileSource(f.file, f.rel, f.size) })),
  );
}

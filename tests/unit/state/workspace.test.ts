import { describe, expect, it } from 'vitest';
import { quotaError, type NotebookRepository, unavailableError } from '../../../src/lib/persist';
import { LAST_NOTEBOOK_KEY } from '../../../src/lib/state/workspace.svelte';
import { planSource, shortReason } from '../../../src/lib/state/workspace-source';
import { csvFile, CSV, freshFactory, page, repoOn, showLoad } from './workspace-helpers';

const lrParam = { lr: { kind: 'param' as const } };

async function droppedAndSaved(factory = freshFactory()) {
  const s = page(factory);
  await s.ws.start();
  await s.session.loadFiles([{ file: csvFile(), path: 'sweep/sweep.csv' }], 'sweep');
  showLoad(s);
  await s.ws.retry();
  return { ...s, factory };
}

describe('Workspace', () => {
  it('stores a dropped file with a new notebook and remembers it as the last one', async () => {
    const { ws, notebook, factory } = await droppedAndSaved();
    expect(ws.save.status).toBe('saved');
    const repo = await repoOn(factory);
    const listed = await repo.listNotebooks();
    expect(listed.ok && listed.value.map((n) => [n.id, n.sourceLabel, n.bytes])).toEqual([
      [notebook.doc.id, 'sweep', CSV.length],
    ]);
    const source = notebook.doc.source;
    expect(source).toMatchObject({ kind: 'files', label: 'sweep' });
    const blobId = source?.kind === 'files' ? source.files[0].blobId : '';
    const bytes = await repo.readSourceFile(blobId);
    expect(bytes.ok && (await bytes.value.text())).toBe(CSV);
    const last = await repo.getSettings(LAST_NOTEBOOK_KEY);
    expect(last.ok && last.value).toBe(notebook.doc.id);
  });

  it('autosaves edits, role overrides and the selection, and reopens them from storage', async () => {
    const first = await droppedAndSaved();
    first.notebook.add({ kind: 'note', markdown: 'lr 1e-2 diverges' });
    first.notebook.toggleCollapsed(first.notebook.cells[0].id);
    await first.session.setRole('lr', { kind: 'ignore' });
    first.session.selectRuns(['b']);
    first.ws.sync();
    await first.ws.retry();
    const saved = first.notebook.doc;
    expect(saved.roleOverrides).toEqual({ lr: { kind: 'ignore' } });

    // A reload: a new page on the same storage reads the bytes back, no drop needed.
    const second = page(first.factory);
    await second.ws.start();
    expect(second.notebook.doc.cells).toEqual(saved.cells);
    expect(second.session.phase).toBe('ready');
    const load = second.client.loads()[0];
    expect(await load.files[0].file.text()).toBe(CSV);
    expect(load.files[0].path).toBe('sweep/sweep.csv');
    expect(second.session.overrides).toEqual({ lr: { kind: 'ignore' } });
    expect(second.session.selectedRunIds).toEqual(['b']);
    expect(second.ws.notice?.text).toMatch(/^Restored sweep \(saved \d\d:\d\d\)$/);
    // Reopening is not an edit: nothing is written back.
    showLoad(second);
    expect(second.notebook.doc.updatedAt).toBe(saved.updatedAt);
  });

  it("a new load still saves the previous notebook's waiting edit, and reopens the new one", async () => {
    const factory = freshFactory();
    const s = page(factory, { autosaveDelayMs: 60_000 });
    await s.ws.start();
    await s.session.loadFiles([{ file: csvFile(), path: 'a.csv' }]);
    showLoad(s);
    await s.ws.retry();
    const first = s.notebook.doc.id;
    s.notebook.add({ kind: 'note', markdown: 'typed just before the next drop' });
    await s.session.loadFiles([{ file: csvFile('b.csv'), path: 'b.csv' }]);
    showLoad(s);
    await s.ws.retry();
    const second = s.notebook.doc.id;
    expect(second).not.toBe(first);
    const repo = await repoOn(factory);
    await expect
      .poll(async () => {
        const r = await repo.loadNotebook(first);
        return r.ok ? r.value?.document.cells.some((c) => c.kind === 'note') : null;
      })
      .toBe(true);
    const last = await repo.getSettings(LAST_NOTEBOOK_KEY);
    expect(last.ok && last.value).toBe(second);
  });

  it('keeps the cells and asks for the files again when the stored bytes are gone', async () => {
    const first = await droppedAndSaved();
    first.notebook.add({ kind: 'note', markdown: 'keep me' });
    await first.ws.retry();
    const repo = await repoOn(first.factory);
    const doc = first.notebook.doc;
    // Evicted data: the document refers to a blob that is no longer there.
    const gone = {
      ...doc,
      source: {
        kind: 'files' as const,
        label: 'sweep',
        files: [{ path: 'sweep.csv', size: 9, lastModified: 1, blobId: 'blob-gone' }],
      },
    };
    expect((await repo.saveNotebook(gone)).ok).toBe(true);

    const second = page(first.factory);
    await second.ws.start();
    expect(second.session.phase).toBe('empty');
    expect(second.ws.notice).toMatchObject({ tone: 'warning', redrop: true });
    expect(second.ws.notice?.text).toMatch(/no longer stored.*cells and notes are kept/);
    expect(second.notebook.cells.map((c) => c.kind)).toContain('note');

    // Dropping the file again makes it the notebook's data, stored anew.
    await second.session.loadFiles([{ file: csvFile(), path: 'sweep.csv' }], 'sweep.csv');
    showLoad(second);
    await second.ws.retry();
    expect(second.notebook.doc.id).toBe(doc.id);
    expect(second.notebook.cells.map((c) => c.kind)).toContain('note');
    const reread = await repo.loadNotebook(doc.id);
    const src = reread.ok ? reread.value?.document.source : null;
    expect(src?.kind === 'files' && src.files[0].blobId).not.toBe('blob-gone');
    expect(second.ws.notice).toBeNull();
  });

  it('reports a failed save and keeps the previous version in storage', async () => {
    const factory = freshFactory();
    let full = false;
    const s = page(factory, {
      openRepository: async () => {
        const repo = await repoOn(factory);
        const failing: NotebookRepository = {
          ...repo,
          saveNotebook: (doc) =>
            full
              ? Promise.resolve({ ok: false, error: quotaError('save', doc.updatedAt) })
              : repo.saveNotebook(doc),
        };
        return { ok: true, value: failing };
      },
    });
    await s.ws.start();
    await s.session.loadFiles([{ file: csvFile(), path: 'sweep.csv' }]);
    showLoad(s);
    await s.ws.retry();
    const before = s.notebook.doc;
    full = true;
    s.notebook.add({ kind: 'note', markdown: 'lost?' });
    await s.ws.retry();
    expect(s.ws.save.status).toBe('failed');
    expect(s.ws.save.status === 'failed' && shortReason(s.ws.save.error)).toBe('storage is full');
    const stored = await (await repoOn(factory)).loadNotebook(before.id);
    expect(stored.ok && stored.value?.document.cells).toEqual(before.cells);
    // Retry once there is room again: saved.
    full = false;
    await s.ws.retry();
    expect(s.ws.save.status).toBe('saved');
  });

  it('works without storage: loads, edits, and exports a file another browser imports', async () => {
    const s = page(freshFactory(), {
      openRepository: async () => ({ ok: false, error: unavailableError('SecurityError') }),
    });
    await s.ws.start();
    expect(s.ws.storage).toBe('off');
    expect(s.ws.storageError?.code).toBe('unavailable');
    await s.session.loadFiles([{ file: csvFile(), path: 'sweep.csv' }]);
    showLoad(s);
    s.notebook.add({ kind: 'note', markdown: 'exported' });
    await s.session.setOverrides(lrParam);
    s.ws.sync();
    expect(s.ws.save.status).toBe('idle');
    const { blob, fileName } = await s.ws.exportFile();
    expect(fileName).toBe('sweep.csv.hpinb');

    const other = page(freshFactory());
    await other.ws.start();
    await other.ws.importFile(new File([blob], fileName));
    expect(other.notebook.cells.map((c) => c.kind)).toEqual(s.notebook.cells.map((c) => c.kind));
    expect(other.session.phase).toBe('ready');
    expect(await other.client.loads()[0].files[0].file.text()).toBe(CSV);
    expect(other.session.overrides).toEqual(lrParam);
    expect(other.ws.notebooks.map((n) => n.id)).toEqual([other.notebook.doc.id]);
    expect(other.ws.notice?.text).toMatch(/^Imported /);
  });

  it('says why a file cannot be imported', async () => {
    const s = page(freshFactory());
    await s.ws.start();
    await s.ws.importFile(new File(['not gzip'], 'x.hpinb'));
    expect(s.ws.notice).toMatchObject({ tone: 'critical' });
    expect(s.ws.notice?.text).toMatch(
      /"x.hpinb" could not be imported: This is not a notebook file/,
    );
    expect(s.session.phase).toBe('empty');
  });

  it('renames, duplicates and deletes notebooks; deleting the open one goes to the empty page', async () => {
    const s = await droppedAndSaved();
    const id = s.notebook.doc.id;
    await s.ws.rename(id, '  LR sweep ');
    expect(s.notebook.doc.title).toBe('LR sweep');
    await s.ws.duplicate(id);
    expect(s.ws.notebooks.map((n) => n.title).sort()).toEqual(['LR sweep', 'LR sweep (copy)']);
    const copy = s.ws.notebooks.find((n) => n.id !== id)?.id ?? '';
    await s.ws.rename(copy, 'Copy');
    await s.ws.remove(id);
    expect(s.session.phase).toBe('empty');
    expect(s.ws.currentId).toBeNull();
    expect(s.ws.notebooks.map((n) => [n.title, n.bytes])).toEqual([['Copy', CSV.length]]);
    // The copy shares the stored bytes: it still opens.
    await s.ws.open(copy);
    expect(s.session.phase).toBe('ready');
    expect(s.notebook.doc.title).toBe('Copy');
    // A reload after "New notebook" starts empty.
    await s.ws.newNotebook();
    const next = page(s.factory);
    await next.ws.start();
    expect(next.session.phase).toBe('empty');
  });

  it('a ?src= link keeps its URL, and opening the link again reopens its notebook', async () => {
    const factory = freshFactory();
    const link = 'https://team.example/sweeps/a.csv';
    const first = page(factory);
    await first.ws.start([link]);
    showLoad(first);
    expect(first.notebook.doc.source).toEqual({ kind: 'url', url: link });
    first.notebook.add({ kind: 'note', markdown: 'about the link' });
    await first.ws.retry();

    const again = page(factory);
    await again.ws.start([link]);
    expect(again.notebook.doc.id).toBe(first.notebook.doc.id);
    expect(again.notebook.cells.map((c) => c.kind)).toContain('note');
    expect(again.ws.notice?.text).toMatch(/^Reopened /);
    expect(again.session.phase).toBe('ready');
    // Another link is new data: a new notebook, not the last one.
    const other = page(factory);
    await other.ws.start(['https://team.example/sweeps/b.csv']);
    showLoad(other);
    expect(other.notebook.doc.id).not.toBe(first.notebook.doc.id);
  });

  it('keeps a link as its URL and an example by name; files by their bytes', () => {
    let n = 0;
    const id = (p: string) => `${p}${++n}`;
    const files = [{ file: csvFile(), path: 'a.csv' }];
    expect(
      planSource({ kind: 'url', urls: ['https://x/a.csv'], label: 'a.csv', files }, id),
    ).toEqual({
      source: { kind: 'url', url: 'https://x/a.csv' },
      files: [],
    });
    expect(
      planSource({ kind: 'example', name: 'seed-sample', label: 'seed-sample.csv', files }, id)
        .source,
    ).toEqual({ kind: 'example', name: 'seed-sample' });
    const many = planSource(
      { kind: 'url', urls: ['https://x/a', 'https://x/b'], label: '2 links', files },
      id,
    );
    expect(many.source).toMatchObject({
      kind: 'files',
      label: '2 links',
      files: [{ path: 'a.csv', blobId: 'blob-1' }],
    });
    expect(many.files).toEqual([{ blobId: 'blob-1', bytes: files[0].file }]);
  });
});

/**
 * Pure helpers of the workspace: which NotebookSource a load becomes (and which bytes to
 * store), turning stored bytes back into files, and the short words the save indicator uses.
 */
import type { NotebookDocument, NotebookSource, StoredFileRef } from '../model';
import type { PersistError, SourceFile } from '../persist';
import type { InputFile } from '../worker/protocol';
import { EXAMPLES } from './examples';
import type { LoadOrigin, Session } from './session.svelte';

/** HH:MM as the save indicator shows it (the UI may not import lib/persist itself). */
export { clockTime } from '../persist';

export interface SourcePlan {
  source: NotebookSource;
  /** Bytes to store with the first save, keyed by the blob ids the source refers to. */
  files: SourceFile[];
}

/**
 * A dropped file or folder keeps its bytes (the point: reopen without dropping it again). An
 * example is part of the app, so only its name is kept. A single `?src=` link keeps only the
 * URL: it is re-fetched on reopen, like opening the link again (the team's hosted file is the
 * reference). Several links have no URL form in the document, so their fetched bytes are kept.
 */
export function planSource(origin: LoadOrigin, newId: (prefix: string) => string): SourcePlan {
  if (origin.kind === 'example')
    return { source: { kind: 'example', name: origin.name }, files: [] };
  if (origin.kind === 'url' && origin.urls.length === 1) {
    return { source: { kind: 'url', url: origin.urls[0] }, files: [] };
  }
  const refs: StoredFileRef[] = [];
  const files: SourceFile[] = [];
  for (const input of origin.files) {
    const blobId = newId('blob-');
    refs.push({
      path: input.path,
      size: input.file.size,
      lastModified: input.file.lastModified,
      blobId,
    });
    files.push({ blobId, bytes: input.file });
  }
  return { source: { kind: 'files', label: origin.label, files: refs }, files };
}

/** A stored file back as the File the worker reads, under its original name. */
export function inputFromBlob(ref: StoredFileRef, blob: Blob): InputFile {
  const name = ref.path.split('/').pop() || ref.path;
  return { file: new File([blob], name, { lastModified: ref.lastModified }), path: ref.path };
}

/** What the notebook's data is called in notices: "sweep/", "planted-sweep", a URL. */
export function sourceName(doc: NotebookDocument): string {
  const s = doc.source;
  if (s?.kind === 'files') return s.label;
  if (s?.kind === 'example') return s.name;
  if (s?.kind === 'url') return s.url;
  return 'its data';
}

/** The few words after "Not saved:" in the top bar; the full message is one click away. */
export function shortReason(error: PersistError): string {
  switch (error.code) {
    case 'quota':
      return 'storage is full';
    case 'aborted':
      return 'the browser cancelled the save';
    case 'version-change':
      return 'a newer version opened in another tab';
    case 'terminated':
      return 'the browser closed the storage';
    case 'blocked':
      return 'another tab blocks the storage';
    case 'unavailable':
      return 'this browser does not allow saving';
    case 'newer-schema':
      return 'saved by a newer version';
    case 'migration-failed':
      return 'the storage upgrade failed';
    case 'corrupt':
      return 'the data cannot be stored';
  }
}

/**
 * Loads a notebook's data into the session as if it had been dropped: stored bytes (read with
 * `read`), a bundled example, or a link. 'missing' when the bytes are gone or there is no data.
 */
export async function loadSourceData(
  session: Session,
  source: NotebookSource | null,
  read: (blobId: string) => Promise<Blob | null>,
): Promise<'loaded' | 'missing'> {
  if (source?.kind === 'example') {
    const example = EXAMPLES.find((e) => e.name === source.name);
    if (!example) return 'missing';
    await session.loadExample(example.name);
  } else if (source?.kind === 'url') {
    await session.loadUrls([source.url]);
  } else if (source?.kind === 'files') {
    const inputs: InputFile[] = [];
    for (const ref of source.files) {
      const blob = await read(ref.blobId);
      if (!blob) return 'missing';
      inputs.push(inputFromBlob(ref, blob));
    }
    await session.loadFiles(inputs, source.label);
  } else return 'missing';
  return 'loaded';
}

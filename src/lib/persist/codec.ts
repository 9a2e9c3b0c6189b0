/**
 * The shareable notebook file: gzip-compressed JSON
 * `{format: 'hpi-notebook', version: 1, document, files: [{blobId, path, size, base64}]}`.
 * Export builds it as a Blob from parts (base64 in slices, never one giant string); import
 * streams it back through EnvelopeScanner, checks it, runs restore() and gives everything new
 * ids, so importing the same file twice yields two independent notebooks.
 */
import type { NotebookDocument, StoredFileRef } from '../model';
import { encodeBase64 } from './base64';
import { EnvelopeScanner, ScanError } from './envelope-scanner';
import { newId } from './ids';
import { restore } from './restore';
import { isRecord } from './restore-fields';

export const NOTEBOOK_FILE_FORMAT = 'hpi-notebook';
export const NOTEBOOK_FILE_VERSION = 1;
/** 3 MiB: a multiple of 3, so each slice's base64 joins the next without padding. */
const SLICE_BYTES = 3 * 1024 * 1024;

export interface ImportedFile {
  blobId: string;
  path: string;
  bytes: Blob;
}
export type ImportResult =
  { document: NotebookDocument; files: ImportedFile[]; repairs: string[] } | { error: string };

function storedFiles(doc: NotebookDocument): StoredFileRef[] {
  if (doc.source?.kind !== 'files') return [];
  const seen = new Set<string>();
  return doc.source.files.filter((f) => !seen.has(f.blobId) && seen.add(f.blobId));
}

export async function exportNotebookFile(
  doc: NotebookDocument,
  readBlob: (blobId: string) => Promise<Blob>,
): Promise<Blob> {
  const parts: BlobPart[] = [
    `{"format":${JSON.stringify(NOTEBOOK_FILE_FORMAT)},"version":${NOTEBOOK_FILE_VERSION},` +
      `"document":${JSON.stringify(doc)},"files":[`,
  ];
  let first = true;
  for (const file of storedFiles(doc)) {
    const blob = await readBlob(file.blobId);
    parts.push(
      `${first ? '' : ','}{"blobId":${JSON.stringify(file.blobId)},"path":${JSON.stringify(file.path)},` +
        `"size":${blob.size},"base64":"`,
    );
    first = false;
    for (let offset = 0; offset < blob.size; offset += SLICE_BYTES) {
      const bytes = new Uint8Array(await blob.slice(offset, offset + SLICE_BYTES).arrayBuffer());
      // A Blob per slice lets the browser drop the slice's memory (or page it to disk) early.
      parts.push(new Blob([encodeBase64(bytes)]));
    }
    parts.push('"}');
  }
  parts.push(']}');
  const json = new Blob(parts, { type: 'application/json' });
  const gzipped = json.stream().pipeThrough(new CompressionStream('gzip'));
  const out = await new Response(gzipped).blob();
  return new Blob([out], { type: 'application/gzip' });
}

const DAMAGED = 'The notebook file is truncated or damaged: it cannot be read.';

async function scan(
  file: Blob,
): Promise<{ text: string; payloads: Map<number, Blob> } | { error: string }> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    return {
      error:
        'This is not a notebook file: it is not gzip-compressed (notebook files end in .hpi.json.gz).',
    };
  }
  const scanner = new EnvelopeScanner();
  try {
    const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      scanner.push(value);
    }
    return scanner.end();
  } catch (e) {
    return { error: e instanceof ScanError ? e.message : DAMAGED };
  }
}

export async function importNotebookFile(file: Blob): Promise<ImportResult> {
  const scanned = await scan(file);
  if ('error' in scanned) return scanned;
  let envelope: unknown;
  try {
    envelope = JSON.parse(scanned.text);
  } catch {
    return { error: DAMAGED };
  }
  if (!isRecord(envelope) || envelope.format !== NOTEBOOK_FILE_FORMAT) {
    return { error: 'This is not a Hyperparameter Pathology Inspector notebook file.' };
  }
  const version = envelope.version;
  if (typeof version !== 'number' || version !== NOTEBOOK_FILE_VERSION) {
    return {
      error:
        typeof version === 'number' && version > NOTEBOOK_FILE_VERSION
          ? `This notebook file was saved by a newer version of the app (file version ${version}). Update the app to open it.`
          : 'This notebook file has an unknown file version.',
    };
  }
  if (!Array.isArray(envelope.files)) return { error: DAMAGED };

  const idMap = new Map<string, string>();
  const files: ImportedFile[] = [];
  for (const [index, entry] of envelope.files.entries()) {
    if (!isRecord(entry) || typeof entry.blobId !== 'string' || typeof entry.path !== 'string') {
      return { error: `File ${index + 1} in the notebook file has no name or id: ${DAMAGED}` };
    }
    const bytes = scanned.payloads.get(index) ?? new Blob([]);
    if (bytes.size !== entry.size) {
      return {
        error: `The notebook file is damaged: "${entry.path}" should have ${String(entry.size)} bytes but has ${bytes.size}.`,
      };
    }
    const blobId = newId('blob-');
    idMap.set(entry.blobId, blobId);
    files.push({ blobId, path: entry.path, bytes });
  }

  const restored = restore(envelope.document);
  if ('error' in restored) return restored;
  const { document, repairs } = restored;
  document.id = newId('nb-');
  if (document.source?.kind === 'files') {
    for (const ref of document.source.files) {
      const mapped = idMap.get(ref.blobId);
      if (mapped) ref.blobId = mapped;
      else {
        // A fresh id that matches nothing, so it cannot alias another notebook's stored data.
        ref.blobId = newId('blob-');
        repairs.push(
          `"${ref.path}": its data is not in the notebook file; drop the file again to see it`,
        );
      }
    }
  }
  return { document, files, repairs };
}

/**
 * Files and folders the user picks or drops, as `{file, path}` with paths relative to the dropped
 * folder ("sweep/run_1/logs/events.out.tfevents…"). The traversal works on small structural
 * interfaces that the DOM's FileSystemEntry types satisfy, so it is unit-tested with fakes.
 */

/** One input file; `path` includes the top folder's name for folder loads. */
export interface PickedFile {
  file: File;
  path: string;
}

/** What we use of FileSystemEntry (the File and Directory Entries API). */
export interface EntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
}
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, error?: (err: DOMException) => void): void;
}
export interface DirectoryReaderLike {
  readEntries(success: (entries: EntryLike[]) => void, error?: (err: DOMException) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): DirectoryReaderLike;
}

/** Names never worth reading: VCS folders, OS litter, Python caches. */
const IGNORED = new Set(['.git', '.svn', '.hg', '__pycache__', 'node_modules', '.DS_Store']);
const IGNORED_FILES = /^(Thumbs\.db|desktop\.ini|\._.*)$/i;

export function isIgnoredName(name: string): boolean {
  return IGNORED.has(name) || IGNORED_FILES.test(name);
}

const byPath = (a: PickedFile, b: PickedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Files of an `<input type=file multiple>` or a `webkitdirectory` input. */
export function filesFromList(list: ArrayLike<File>): PickedFile[] {
  const out: PickedFile[] = [];
  for (let i = 0; i < list.length; i++) {
    const file = list[i];
    const path = file.webkitRelativePath || file.name;
    if (path.split('/').some(isIgnoredName)) continue;
    out.push({ file, path });
  }
  return out.sort(byPath);
}

/** Every entry of a directory: `readEntries` answers in batches (100 in Chromium) until empty. */
export async function readAllEntries(reader: DirectoryReaderLike): Promise<EntryLike[]> {
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isFileEntry(entry: EntryLike): entry is FileEntryLike {
  return entry.isFile && 'file' in entry;
}
function isDirectoryEntry(entry: EntryLike): entry is DirectoryEntryLike {
  return entry.isDirectory && 'createReader' in entry;
}

/** The path of an entry relative to the drop: its `fullPath` without the leading slash. */
export function entryPath(entry: EntryLike): string {
  const full = entry.fullPath || entry.name;
  return full.startsWith('/') ? full.slice(1) : full;
}

/** Walks dropped entries (files and folders, recursively) into files with relative paths. */
export async function filesFromEntries(entries: readonly EntryLike[]): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const visit = async (entry: EntryLike): Promise<void> => {
    if (isIgnoredName(entry.name)) return;
    if (isFileEntry(entry)) {
      const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, path: entryPath(entry) });
    } else if (isDirectoryEntry(entry)) {
      for (const child of await readAllEntries(entry.createReader())) await visit(child);
    }
  };
  for (const entry of entries) await visit(entry);
  return out.sort(byPath);
}

/**
 * What a drop holds, read synchronously inside the drop handler (the DataTransfer is emptied once
 * the event returns): the entries when the browser offers them, else the plain file list.
 */
export interface DroppedItems {
  entries: EntryLike[];
  files: File[];
}

export function droppedItems(data: DataTransfer): DroppedItems {
  const entries: EntryLike[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  return { entries, files: Array.from(data.files ?? []) };
}

/** The files of a drop: folders walked recursively; the plain list when entries are unavailable. */
export async function filesFromDrop(items: DroppedItems): Promise<PickedFile[]> {
  if (items.entries.length > 0) {
    try {
      return await filesFromEntries(items.entries);
    } catch {
      // A folder that cannot be read (permissions): fall back to what the browser listed.
    }
  }
  return filesFromList(items.files);
}

/** The name of the load: the top folder when every file sits under the same one. */
export function folderLabel(files: readonly PickedFile[]): string | undefined {
  if (files.length === 0) return undefined;
  const first = files[0].path.split('/');
  if (first.length < 2) return undefined;
  const top = first[0];
  return files.every((f) => f.path.startsWith(`${top}/`)) ? top : undefined;
}

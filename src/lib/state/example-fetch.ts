/** Fetches a bundled example as the files a user would have dropped. */
import type { InputFile } from '../worker/protocol';
import { EXAMPLES, isExampleManifest, type ExampleName } from './examples';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface FetchedExample {
  files: InputFile[];
  /** What the page calls the loaded input: the CSV's file name or the folder's name. */
  label: string;
}

async function fetchOk(fetchFn: FetchLike, url: string, signal: AbortSignal): Promise<Response> {
  const response = await fetchFn(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  return response;
}

export async function fetchExample(
  name: ExampleName,
  base: string,
  fetchFn: FetchLike,
  signal: AbortSignal,
): Promise<FetchedExample> {
  const kind = EXAMPLES.find((e) => e.name === name)?.kind ?? 'csv';
  if (kind === 'csv') {
    const fileName = `${name}.csv`;
    const blob = await (await fetchOk(fetchFn, `${base}${fileName}`, signal)).blob();
    const file = new File([blob], fileName, { type: 'text/csv' });
    return { files: [{ file, path: fileName }], label: fileName };
  }
  const manifest: unknown = await (
    await fetchOk(fetchFn, `${base}${name}/manifest.json`, signal)
  ).json();
  if (!isExampleManifest(manifest)) throw new Error(`${name}/manifest.json lists no files`);
  // Folder examples are small (a few hundred kB); fetching them together keeps the click snappy.
  const files = await Promise.all(
    manifest.files.map(async (path) => {
      const blob = await (await fetchOk(fetchFn, `${base}${name}/${path}`, signal)).blob();
      const fileName = path.slice(path.lastIndexOf('/') + 1);
      return { file: new File([blob], fileName), path: `${name}/${path}` };
    }),
  );
  return { files, label: name };
}

/**
 * `?src=<url>` links: a team shares `https://team.example/hpi/?src=sweeps/run42.csv` and the app
 * opens the file as if it had been dropped. Only http(s) is fetched; every failure becomes one
 * sentence that says what to do (network, HTTP status, CORS refusal, too large).
 */
import type { InputFile } from '../worker/protocol';
import type { FetchLike } from './example-fetch';

/** Bytes a link may load: the file is held in memory before the worker streams it. */
export const MAX_SRC_BYTES = 1024 ** 3;

/** Raised with the message the page shows. */
export class SrcError extends Error {
  override name = 'SrcError';
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

/** Every `src` parameter of a query string, in order, empty ones dropped. */
export function srcParams(search: string): string[] {
  return new URLSearchParams(search).getAll('src').filter((s) => s.trim() !== '');
}

/** The absolute http(s) URL of a `src` value (relative ones against the page), or a SrcError. */
export function resolveSrc(raw: string, pageUrl: string): URL {
  let url: URL;
  try {
    // No page URL (Node, tests): only absolute links resolve.
    url = pageUrl ? new URL(raw.trim(), pageUrl) : new URL(raw.trim());
  } catch {
    throw new SrcError(`"${raw}" is not a valid link.`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SrcError(
      `Refused to open "${raw}": only http and https links are loaded, not ${url.protocol} links.`,
      raw,
    );
  }
  return url;
}

/** The file name a download would get: Content-Disposition, else the URL path's last segment. */
export function fileNameOf(url: URL, contentDisposition: string | null): string {
  const fromHeader = contentDisposition ? dispositionName(contentDisposition) : null;
  const segment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const name = fromHeader ?? safeDecode(segment);
  // A name is a name, not a path (the ingest reads folder names as hyperparameters).
  const clean = name.replace(/[/\\]/g, '_').trim();
  return clean || 'download';
}

function dispositionName(header: string): string | null {
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) return safeDecode(star[2].trim());
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  if (!plain) return null;
  return (plain[1] ?? plain[2]).replace(/\\(.)/g, '$1').trim() || null;
}

/** URL.canParse is too new for Safari 16. */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export interface FetchSrcOptions {
  fetch: FetchLike;
  signal: AbortSignal;
  /** The page's origin: a failed cross-origin fetch is probed for a CORS refusal. */
  pageOrigin: string;
  maxBytes?: number;
  /** Bytes received so far and the expected total (0 when the server does not say). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Fetches one link as a File; rejects with a SrcError (or the AbortError when cancelled). */
export async function fetchSrc(url: URL, options: FetchSrcOptions): Promise<File> {
  const { signal } = options;
  const maxBytes = options.maxBytes ?? MAX_SRC_BYTES;
  const href = url.href;
  let response: Response;
  try {
    response = await options.fetch(href, { signal, credentials: 'same-origin' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw await networkError(url, options);
  }
  if (!response.ok) {
    const status = `${response.status} ${response.statusText}`.trim();
    throw new SrcError(`Could not download ${href}: the server answered HTTP ${status}.`, href);
  }
  const declared = Number(response.headers.get('content-length') ?? 0) || 0;
  if (declared > maxBytes) throw tooLarge(href, `is ${mib(declared)}, more`, maxBytes);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  options.onProgress?.(0, declared);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        throw tooLarge(href, 'is larger', maxBytes);
      }
      chunks.push(value);
      options.onProgress?.(received, Math.max(declared, received));
    }
  } else {
    chunks.push(new Uint8Array(await response.arrayBuffer()));
  }
  const name = fileNameOf(url, response.headers.get('content-disposition'));
  const type = response.headers.get('content-type')?.split(';')[0] ?? '';
  return new File(chunks, name, { type });
}

/**
 * fetch() rejects with the same TypeError for "offline" and "CORS refused". A no-cors request
 * tells them apart: it succeeds (with an opaque answer) when the server is reachable.
 */
async function networkError(url: URL, options: FetchSrcOptions): Promise<SrcError> {
  if (url.origin !== options.pageOrigin) {
    try {
      await options.fetch(url.href, { mode: 'no-cors', signal: options.signal });
      return new SrcError(
        `Could not download ${url.href}: the server at ${url.origin} does not allow cross-origin reads (CORS). Host the file beside the app, or have that server send Access-Control-Allow-Origin.`,
        url.href,
      );
    } catch {
      // Unreachable either way: report the network failure below.
    }
  }
  return new SrcError(
    `Could not download ${url.href}: the network request failed (offline, a wrong host name, or the server is down).`,
    url.href,
  );
}

const mib = (n: number) => `${Math.round(n / 1024 ** 2)} MiB`;

function tooLarge(href: string, size: string, max: number): SrcError {
  return new SrcError(
    `Could not open ${href}: it ${size} than the ${mib(max)} a link may load. Download it and drop it on the page instead.`,
    href,
  );
}

/** Several links: the files and the label the page shows while and after loading them. */
export function srcInputs(
  files: File[],
  urls: URL[],
  pageUrl: string,
): { files: InputFile[]; label: string } {
  if (files.length === 1) {
    return { files: [{ file: files[0], path: files[0].name }], label: files[0].name };
  }
  // Paths keep the URL's folders, so runs hosted as runs/lr-1e-3/events… get their names.
  // Relative to the page's folder when hosted beside the app (the usual case).
  const page = parseUrl(pageUrl);
  const pageDir = page ? new URL('./', page).href : null;
  const inputs = files.map((file, i) => {
    const href = urls[i].href.split(/[?#]/)[0];
    const path =
      pageDir && href.startsWith(pageDir) ? href.slice(pageDir.length) : urls[i].pathname;
    const dir = safeDecode(path.replace(/^\/+/, '').replace(/[^/]*$/, ''));
    return { file, path: `${dir}${file.name}` };
  });
  return { files: inputs, label: `${files.length} files` };
}

export interface FetchSrcFilesOptions {
  fetch: FetchLike;
  signal: AbortSignal;
  /** The page's URL: relative links resolve against it, its origin decides the CORS probe. */
  pageUrl: string;
  maxBytes?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Every link checked first (one bad scheme refuses the lot before anything is fetched), then
 * fetched one after the other with progress summed over the files.
 */
export async function fetchSrcFiles(
  raws: readonly string[],
  options: FetchSrcFilesOptions,
): Promise<{ files: InputFile[]; label: string }> {
  const urls = raws.map((raw) => resolveSrc(raw, options.pageUrl));
  const pageOrigin = parseUrl(options.pageUrl)?.origin ?? '';
  const files: File[] = [];
  let done = 0;
  for (const url of urls) {
    const file = await fetchSrc(url, {
      fetch: options.fetch,
      signal: options.signal,
      pageOrigin,
      maxBytes: options.maxBytes,
      onProgress: (read, total) => options.onProgress?.(done + read, total > 0 ? done + total : 0),
    });
    done += file.size;
    files.push(file);
  }
  return srcInputs(files, urls, options.pageUrl);
}

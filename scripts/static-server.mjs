// A small, dependency-free static file server for the production build in `dist/`.
// Used by `npm start` (scripts/serve.mjs), the browser tests and the benchmark.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Content types by file extension (lower case, with the dot). */
export const MIME_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
});

const DEFAULT_TYPE = 'application/octet-stream';

/**
 * The Content Security Policy the static build is written for (docs/DEPLOY.md explains each
 * part). No inline script and no eval; 'wasm-unsafe-eval' lets web-llm compile WebAssembly.
 * connect-src lists the default model hosts (Hugging Face and its CDNs, GitHub for the model
 * libraries); a deployment that uses self-hosted weights or an OpenAI-compatible endpoint on
 * another origin adds that origin, and one that does neither can drop them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co https://raw.githubusercontent.com",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** @param {string} filePath */
export function contentType(filePath) {
  return (
    MIME_TYPES[/** @type {keyof typeof MIME_TYPES} */ (path.extname(filePath).toLowerCase())] ??
    DEFAULT_TYPE
  );
}

/**
 * Normalises a sub-path to the form `/a/b/` (or `/`).
 * @param {string | undefined} subPath
 */
export function normaliseSubPath(subPath) {
  const parts = String(subPath ?? '/')
    .split('/')
    .filter((p) => p.length > 0);
  if (parts.some((p) => p === '.' || p === '..')) {
    throw new Error(`subPath must not contain "." or ".." segments: ${subPath}`);
  }
  return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
}

/**
 * Maps a request URL path to a file under `root`, or null when it must not be served.
 * Rejects anything outside `subPath`, malformed escapes, NUL bytes, backslashes and `..` segments.
 * @param {string} root absolute path of the served folder
 * @param {string} base normalised sub-path (`/` or `/a/b/`)
 * @param {string} urlPath the path part of the request URL, still percent-encoded
 * @returns {string | null}
 */
export function resolveRequestPath(root, base, urlPath) {
  if (!urlPath.startsWith(base)) return null;
  let rel;
  try {
    rel = decodeURIComponent(urlPath.slice(base.length));
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const segments = rel.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const filePath = path.resolve(root, ...rel.split('/').filter((s) => s.length > 0));
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return null;
  return filePath;
}

/**
 * @typedef {object} StartServerOptions
 * @property {string} [root] folder to serve (default `dist` under the current directory)
 * @property {number} [port] first port to try; 0 picks a free one (default 4173)
 * @property {string} [host] interface to bind (default 127.0.0.1)
 * @property {string} [subPath] URL prefix the folder is served under, e.g. `/team/hpi/` (default `/`)
 * @property {number} [maxAttempts] how many consecutive ports to try when one is busy (default 20)
 * @property {(line: string) => void} [log] request logger (default: none)
 * @property {Record<string, string>} [headers] extra headers on every file response, e.g.
 *   `{ 'Content-Security-Policy': CONTENT_SECURITY_POLICY }`
 */

/**
 * @typedef {object} RunningServer
 * @property {import('node:http').Server} server
 * @property {number} port the port actually bound
 * @property {string} url `http://localhost:<port><subPath>`
 * @property {string} origin `http://127.0.0.1:<port>`
 * @property {string} subPath normalised sub-path
 * @property {() => Promise<void>} close
 */

/**
 * Starts serving `root`. Resolves once listening; if the port is busy, tries the next ones.
 * @param {StartServerOptions} [options]
 * @returns {Promise<RunningServer>}
 */
export async function startServer(options = {}) {
  const root = path.resolve(options.root ?? 'dist');
  const host = options.host ?? '127.0.0.1';
  const base = normaliseSubPath(options.subPath);
  const firstPort = options.port ?? 4173;
  const maxAttempts = firstPort === 0 ? 1 : Math.max(1, options.maxAttempts ?? 20);
  const log = options.log;
  const extraHeaders = { ...options.headers };

  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) {
    throw new Error(`Nothing to serve: ${root} is not a folder. Run \`npm run build\` first.`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      }
      res.end('Internal server error\n');
      log?.(`500 ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const method = req.method ?? 'GET';
    /** @param {number} status @param {string} text @param {Record<string,string>} [headers] */
    const send = (status, text, headers = {}) => {
      res.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      res.end(method === 'HEAD' ? undefined : text);
      log?.(`${status} ${method} ${req.url}`);
    };

    if (method !== 'GET' && method !== 'HEAD') {
      return send(405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    const rawUrl = req.url ?? '/';
    const urlPath = rawUrl.split(/[?#]/, 1)[0];
    // `/team/hpi` without the trailing slash: redirect so relative asset URLs resolve.
    if (base !== '/' && urlPath === base.slice(0, -1)) {
      return send(301, 'Moved\n', { Location: base + rawUrl.slice(urlPath.length) });
    }
    const filePath = resolveRequestPath(root, base, urlPath);
    if (filePath === null) return send(404, 'Not found\n');

    // Folder URLs ending in `/` map to their index.html; a folder without the slash is not a file.
    const info = await stat(filePath).catch(() => null);
    if (!info?.isFile()) return send(404, 'Not found\n');
    const target = filePath;

    const headers = {
      'Content-Type': contentType(target),
      'Content-Length': String(info.size),
      'Cache-Control': 'no-cache',
      'Last-Modified': info.mtime.toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    };
    if (method === 'HEAD') {
      res.writeHead(200, headers);
      res.end();
      return;
    }
    await new Promise((resolve, reject) => {
      const stream = createReadStream(target);
      stream.once('open', () => res.writeHead(200, headers));
      stream.once('error', reject);
      stream.once('end', resolve);
      res.once('close', () => {
        stream.destroy();
        resolve(undefined);
      });
      stream.pipe(res);
    });
    log?.(`200 ${method} ${req.url}`);
  }

  const port = await listenFrom(server, host, firstPort, maxAttempts);
  return {
    server,
    port,
    url: `http://localhost:${port}${base}`,
    origin: `http://127.0.0.1:${port}`,
    subPath: base,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections?.();
      }),
  };
}

/**
 * @param {import('node:http').Server} server
 * @param {string} host
 * @param {number} firstPort
 * @param {number} attempts
 * @returns {Promise<number>}
 */
async function listenFrom(server, host, firstPort, attempts) {
  let lastError;
  for (let i = 0; i < attempts; i++) {
    const port = firstPort + i;
    if (port > 65535) break;
    try {
      await new Promise((resolve, reject) => {
        /** @param {Error} err */
        const onError = (err) => {
          server.off('listening', onListening);
          reject(err);
        };
        const onListening = () => {
          server.off('error', onError);
          resolve(undefined);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    } catch (err) {
      lastError = err;
      const code = /** @type {NodeJS.ErrnoException} */ (err).code;
      if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
    }
  }
  throw new Error(
    `No free port in ${firstPort}–${firstPort + attempts - 1} on ${host}: ${String(lastError)}`,
  );
}

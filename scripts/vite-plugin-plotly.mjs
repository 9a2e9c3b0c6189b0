/**
 * Builds the partial plotly.js bundle (src/ui/plot/plotly-partial.js) as ONE self-contained
 * classic script during every `vite build` / `vite` run, and hands its path to Vite under
 * `virtual:plotly-partial.js`, so `import url from 'virtual:plotly-partial.js?url'` emits it as
 * a hashed asset. The app loads that URL with a <script> tag and the exported HTML report inlines
 * the same file: one copy in dist, nothing generated is committed.
 *
 * Why a nested build rather than a lazily imported chunk: the report needs a classic script that
 * defines window.Plotly, which an ES chunk of the app's graph is not. The script is rebuilt once
 * per `vite build` / dev-server start (~2 s of CPU) into node_modules/.cache/hpi-plotly; a change
 * to the entry file needs a dev-server restart.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';

const SHIM = '\0hpi-plotly-shim:';

/**
 * plotly's CommonJS dependencies expect browserify: `typedarray-pool` (via gl-text, scattergl)
 * reads `require('buffer').Buffer.isBuffer`, and the map subplot's stylesheet is required
 * unconditionally. Node's Buffer never reaches a browser, and no map is drawn.
 */
const SHIMS = new Map([
  [
    'buffer',
    'export class Buffer extends Uint8Array { static isBuffer(v) { return v instanceof Buffer; } }',
  ],
  ['maplibre-gl/dist/maplibre-gl.css', 'export {};'],
]);
/** Shim ids without the specifier's extension: a `.css` id would go down Vite's CSS pipeline. */
const shimId = (specifier) => `${SHIM}${[...SHIMS.keys()].indexOf(specifier)}`;

/**
 * Rolldown's complaint about bit-twiddle's "use restrict" typo is noise; the rest is not.
 * @type {import('vite').Rolldown.InputOptions['onLog']} */
function onLog(level, log, handler) {
  if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
  // A Node built-in stubbed out as an empty module would break at runtime: shim it above instead.
  if (log.message.includes('externalized for browser compatibility')) handler('error', log);
  else handler(level, log);
}

/**
 * @param {string} root project root
 * @param {string} outDir where the script is written (under node_modules/.cache)
 * @returns {Promise<string>} the script's path
 */
async function bundle(root, outDir) {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: {
      global: 'globalThis',
      'process.env.NODE_ENV': '"production"',
      'process.env.NODE_DEBUG': 'false',
    },
    plugins: [
      {
        name: 'hpi:plotly-shims',
        enforce: 'pre',
        resolveId: (id) => (SHIMS.has(id) ? shimId(id) : null),
        load: (id) =>
          id.startsWith(SHIM) ? [...SHIMS.values()][Number(id.slice(SHIM.length))] : null,
      },
    ],
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      lib: {
        entry: path.join(root, 'src/ui/plot/plotly-partial.js'),
        formats: ['iife'],
        name: 'Plotly',
        fileName: () => 'plotly-partial.js',
      },
      rolldownOptions: { onLog },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  const chunks = results.flatMap((r) => ('output' in r ? r.output : [])).filter((o) => 'code' in o);
  if (chunks.length !== 1)
    throw new Error(`plotly partial: expected 1 chunk, got ${chunks.length}`);
  // Write then rename: concurrent builds in one checkout never read a half-written file.
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'plotly-partial.js');
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, chunks[0].code);
  await rename(temp, file);
  return file;
}

/** @returns {import('vite').Plugin} */
export function plotlyPartial() {
  let root = process.cwd();
  /** @type {Promise<string> | null} */
  let built = null;
  return {
    name: 'hpi:plotly-partial',
    // Before Vite's own resolver, which would reject the `virtual:` scheme.
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    resolveId: {
      // Rolldown skips the JS call for every other import.
      filter: { id: /^virtual:plotly-partial\.js(\?|$)/ },
      async handler(source) {
        const query = source.split('?', 2)[1];
        built ??= bundle(root, path.join(root, 'node_modules/.cache/hpi-plotly'));
        const file = await built;
        return query === undefined ? file : `${file}?${query}`;
      },
    },
  };
}

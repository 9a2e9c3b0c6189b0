/**
 * Build of the command-line tool: src/cli/main.ts and the analysis core it imports, bundled with
 * its dependencies into one ESM file for Node 20 (which cannot run TypeScript):
 * `npm run build:cli` → dist-cli/hpi.mjs, run by bin/hpi.mjs.
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  define: { __HPI_VERSION__: JSON.stringify(pkg.version) },
  // Bundle every dependency (papaparse, …): the file runs without resolving node_modules.
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'hpi.mjs' },
    },
  },
});

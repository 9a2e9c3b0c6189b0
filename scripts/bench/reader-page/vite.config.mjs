// Builds the bench-only reader page into bench/out/reader-page (served by scripts/static-server.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: path.resolve(here, '../../../bench/out/reader-page'),
    emptyOutDir: true,
  },
});

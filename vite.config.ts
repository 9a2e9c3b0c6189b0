import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offlineApp } from './src/pwa/vite-plugin';
import { plotlyPartial } from './scripts/vite-plugin-plotly.mjs';

/**
 * The web-llm code (main-thread chunk, its wrapper and its worker, ~12 MB) is cached on first use
 * rather than at install: the narrative needs downloaded model weights anyway, so it cannot work
 * offline before it has been used online once, and most visitors never open it.
 */
const isWebLlm = (file: string, moduleIds: readonly string[]): boolean =>
  /(^|\/)webllm(\.worker)?-[\w-]+\.js$/.test(file) ||
  moduleIds.some((id) => id.includes('/@mlc-ai/web-llm/'));

// Relative base: the build works from any sub-path of a static host and from file-less localhost.
export default defineConfig({
  base: './',
  plugins: [plotlyPartial(), svelte(), offlineApp({ lazy: isWebLlm })],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
});

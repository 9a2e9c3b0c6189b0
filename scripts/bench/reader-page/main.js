// Bench-only page (built by scripts/bench/reader-page/vite.config.mjs): the files chosen in the
// input go to a Worker that runs one reader; its report lands in window.__readerResult.
// window.__readerMode selects the reader: 'curves-bytes', 'curves-text' or 'tfevents'.
window.__readerResult = null;
window.__readerReady = false;
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.addEventListener('message', (event) => {
  if (event.data && event.data.ready) window.__readerReady = true;
  else window.__readerResult = { ...event.data, receivedAt: performance.now() };
});
document.querySelector('input').addEventListener('change', (event) => {
  const files = Array.from(event.target.files ?? []);
  window.__readerStartedAt = performance.now();
  worker.postMessage({ mode: window.__readerMode ?? 'curves-bytes', files });
});

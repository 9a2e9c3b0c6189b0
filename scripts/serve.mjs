#!/usr/bin/env node
// `npm start` / `npm run preview`: serve the production build in dist/ on localhost.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './static-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requested = process.env.PORT === undefined ? 4173 : Number(process.env.PORT);
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  console.error(`PORT must be an integer between 0 and 65535, got "${process.env.PORT}".`);
  process.exit(1);
}

try {
  const running = await startServer({ root: path.join(repoRoot, 'dist'), port: requested });
  console.log(`Hyperparameter Pathology Inspector is running at ${running.url}`);
  if (requested !== 0 && running.port !== requested) {
    console.log(`(port ${requested} was busy, using ${running.port})`);
  }
  console.log(
    'Everything runs in your browser; no data leaves this machine. Press Ctrl+C to stop.',
  );
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

#!/usr/bin/env node
// `hpi`: runs the command-line tool built into dist-cli/hpi.mjs (`npm run build:cli`).
import { existsSync } from 'node:fs';

const built = new URL('../dist-cli/hpi.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write(
    'hpi: the command-line tool is not built yet. Run `npm run build:cli` in the project ' +
      '(`npm install` builds it too), then try again.\n',
  );
  process.exit(2);
}

// `hpi analyze … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));

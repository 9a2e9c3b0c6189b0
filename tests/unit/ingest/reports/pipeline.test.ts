/** Reports through the whole pipeline (readSources → analyze → markdown): nothing throws. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hfAllResults,
  jsonLinesRuns,
  lmEvalCurrent,
  lmEvalOld,
  pythonNanReport,
  seed004EvaluationResults,
  seed004TrainingResults,
  trackerExport,
} from '../../../../src/lib/fixtures';
import { runPipeline } from '../../hardening/harness';
import { input } from './helpers';

const DIR = path.resolve(__dirname, '../../../../../shared/data/real/eval_json');

async function pipeline(files: { name: string; text: string | Uint8Array }[]) {
  const result = await runPipeline(files.map((f) => input(f.name, f.text)));
  expect(result.error).toBeNull();
  expect(result.markdown?.length).toBeGreaterThan(0);
  return result;
}

describe('reports through analyze', () => {
  it.each([
    ['all_results', [hfAllResults()]],
    ['lm-eval old', [lmEvalOld()]],
    ['lm-eval current', [lmEvalCurrent()]],
    ['tracker', [trackerExport()]],
    ['JSON Lines', [jsonLinesRuns()]],
    ['Python NaN', [pythonNanReport()]],
    ['seed 004 pair', [seed004TrainingResults(), seed004EvaluationResults()]],
  ])('%s: analysed without an error', async (_, files) => {
    await pipeline(files);
  });

  it.runIf(existsSync(DIR))('every real report file: analysed without an error', async () => {
    for (const name of readdirSync(DIR))
      await pipeline([{ name, text: new Uint8Array(readFileSync(path.join(DIR, name))) }]);
  });
});

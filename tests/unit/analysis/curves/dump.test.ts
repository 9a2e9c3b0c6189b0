import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'vitest';
import { readTrainerState, readCurveCsv } from '../../../../src/lib/ingest/curves';
const R = '/work/shared/data/real';
test('dump', () => {
  for (const f of readdirSync(`${R}/trainer_state`)) {
    const s = readTrainerState(readFileSync(`${R}/trainer_state/${f}`, 'utf8'), f, f).curves;
    console.log('##', f, JSON.stringify(s.runs.map((r) => [r.runId, r.plannedSteps, r.plannedEpochs, r.notes])));
    for (const c of s.curves) console.log('  ', c.metric, c.steps.length, Array.from(c.steps).slice(0, 40).join(','), '|', Array.from(c.values).slice(0, 40).map((v) => v.toPrecision(3)).join(','));
  }
  for (const f of readdirSync(`${R}/curves_csv`)) {
    const s = readCurveCsv(readFileSync(`${R}/curves_csv/${f}`, 'utf8'), f, { runId: f }).curves;
    console.log('##', f, JSON.stringify(s.runs.map((r) => [r.runId, r.plannedSteps, r.plannedEpochs, r.notes])));
    for (const c of s.curves) console.log('  ', c.runId, c.metric, c.steps.length, Array.from(c.steps).slice(0, 60).join(','), '|', Array.from(c.values).slice(0, 40).map((v) => v.toPrecision(3)).join(','));
  }
});

import { describe, expect, it } from 'vitest';
import { runIdsOf } from '../../../../src/lib/analysis';
import { SWEEP_LEVEL_DETECTORS } from '../../../../src/lib/analysis/associations';
import { SWEEP_LEVEL, figureContext } from '../../../../src/lib/report/figures/context';
import { generatePlantedSweep } from '../../../../src/lib/fixtures';
import { planted, HAS_WANDB, wandbQuant } from './helpers';

describe('figure context', () => {
  it('treats the same detectors as sweep-level as the analysis does', () => {
    expect([...SWEEP_LEVEL].sort()).toEqual([...SWEEP_LEVEL_DETECTORS].sort());
  });

  it('names trials like the analysis when the page copy dropped runIds', async () => {
    for (const { columns, summary } of [
      await planted(),
      ...(HAS_WANDB ? [await wandbQuant()] : []),
    ]) {
      const ctx = figureContext(columns, { ...summary, runIds: [] });
      const table = { columns, rowCount: ctx.rowCount, sourceLines: new Int32Array() };
      expect(ctx.runIds).toEqual(runIdsOf(table, summary.roles));
      expect(ctx.runIds).toEqual(summary.runIds);
    }
  });

  it('marks exactly the planted trials sick, critical above warning', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const p = generatePlantedSweep(42, 60).planted;
    const critical = new Set([...p.nanMetrics, ...p.failedStatus]);
    const warning = new Set([...p.overfitting, ...p.shortRun].filter((id) => !critical.has(id)));
    ctx.runIds.forEach((id, row) => {
      expect(ctx.health[row], id).toBe(critical.has(id) ? 2 : warning.has(id) ? 1 : 0);
    });
    expect(ctx.params).toEqual(['lr', 'batch_size', 'weight_decay']);
    expect(ctx.budgets).toEqual(['epochs', 'runtime_sec']);
  });
});

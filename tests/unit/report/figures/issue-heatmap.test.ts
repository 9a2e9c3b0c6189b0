import { describe, expect, it } from 'vitest';
import { MAX_BUCKET_RUN_IDS } from '../../../../src/lib/analysis';
import { generatePlantedSweep } from '../../../../src/lib/fixtures';
import { figureContext, issueHeatmap, type HeatmapTrace } from '../../../../src/lib/report';
import { planted, HAS_WANDB, wandbQuant } from './helpers';

describe('issue heatmap', () => {
  it('puts the highest nan-metrics rate in the high learning-rate bucket, with its trials', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const spec = issueHeatmap(ctx, { theme: 'light' });
    const trace = spec.data[0] as HeatmapTrace;
    const x = trace.x.findIndex((_, i) => spec.layout.xaxis?.ticktext?.[i] === 'NaN/Inf metrics');
    expect(x).toBeGreaterThanOrEqual(0);
    const column = trace.z.map((row) => row[x] ?? -1);
    const y = column.indexOf(Math.max(...column));
    const label = spec.layout.yaxis?.ticktext?.[y] ?? '';
    expect(label.startsWith('lr · ')).toBe(true);
    // The top lr bucket: it holds the largest learning rates of the sweep.
    const lr = summary.associations.find((a) => a.param === 'lr' && a.issue === 'nan-metrics');
    expect(label).toBe(`lr · ${lr?.buckets.at(-1)?.label}`);
    const selection = spec.selection.cells;
    if (selection.kind !== 'cells') throw new Error('cells expected');
    const cell = selection.cells[y][x];
    const expected = generatePlantedSweep(42, 60).planted.nanMetrics;
    expect([...(cell?.runIds ?? [])].sort()).toEqual([...expected].sort());
    expect(cell?.rows.map((r) => ctx.runIds[r])).toEqual(cell?.runIds);
    expect(cell?.capped).toBe(false);
    expect(trace.text?.[y][x]).toBe(`<b>${expected.length}/15</b>`);
    // Outlined as the (significant) hot bucket.
    expect(spec.layout.shapes).toContainEqual(
      expect.objectContaining({
        x0: x - 0.5,
        y0: y - 0.5,
        line: expect.objectContaining({ dash: 'solid' }),
      }),
    );
    expect(trace.hovertext[y][x]).toContain('hot bucket');
  });

  it('says when a cell lists only the first MAX_BUCKET_RUN_IDS trials', async () => {
    const { columns, summary } = await planted();
    const a = summary.associations[0];
    const ids = Array.from({ length: MAX_BUCKET_RUN_IDS }, (_, i) => String(i + 1));
    const capped = {
      ...summary,
      associations: [
        { ...a, buckets: [{ ...a.buckets[0], withIssue: 500, trials: 900, runIds: ids }] },
      ],
    };
    const spec = issueHeatmap(figureContext(columns, capped), { theme: 'light' });
    const sel = spec.selection.cells;
    if (sel.kind !== 'cells') throw new Error('cells expected');
    expect(sel.cells[0][0]).toMatchObject({ total: 500, capped: true });
    expect((spec.data[0] as HeatmapTrace).hovertext[0][0]).toContain(
      `click lists the first ${MAX_BUCKET_RUN_IDS} of 500 trials`,
    );
  });

  it('has an empty state', async () => {
    const { columns, summary } = await planted();
    const spec = issueHeatmap(figureContext(columns, { ...summary, associations: [] }), {
      theme: 'dark',
    });
    expect(spec.data).toEqual([]);
    expect(spec.empty).toBe(
      'No trial has a critical or warning finding to link to hyperparameters.',
    );
    expect(spec.layout.paper_bgcolor).toBe('#16191f');
    const first = { ...summary, associations: [], firstPass: true };
    expect(issueHeatmap(figureContext(columns, first), { theme: 'light' }).empty).toMatch(
      /still running/,
    );
  });

  it('matches its snapshots', async () => {
    const p = await planted();
    expect(issueHeatmap(figureContext(p.columns, p.summary), { theme: 'light' })).toMatchSnapshot();
  });

  // The real W&B export is read in place, so only when ../shared/data exists.
  it.runIf(HAS_WANDB)('matches its snapshots (W&B export)', async () => {
    const w = await wandbQuant();
    expect(issueHeatmap(figureContext(w.columns, w.summary), { theme: 'dark' })).toMatchSnapshot();
  });
});

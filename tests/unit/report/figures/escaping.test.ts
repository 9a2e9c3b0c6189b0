/**
 * Hostile trial ids, column names, category labels and finding titles through every figure:
 * plotly renders a pseudo-HTML subset, substitutes `%{…}` in templates and (with MathJax) typesets
 * `$…$`, so none of that may survive from the data into a spec.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../src/lib/model';
import {
  correlationMatrix,
  defaultFigures,
  figureContext,
  metricDistribution,
  paramHeatmap,
  parallelCoordinates,
  paretoFront,
  slicePlots,
  type FigureSpec,
} from '../../../../src/lib/report';
import { analyzeTable, tableFromColumns } from '../../analysis/table-helper';
import { OWN_PLACEHOLDERS, OWN_TAGS, stringsOf } from './helpers';

const IMG = '<img src=x onerror=alert(1)>';
const JS = 'javascript:alert(1)';
const TEX = '$\\href{javascript:alert(1)}{x}$';
const LINK = '<a href="javascript:alert(1)">x</a>';
const TEMPLATE = '%{x}';

function hostileSweep() {
  const n = 24;
  const ids = Array.from({ length: n }, (_, i) => [IMG, JS, TEX, LINK, TEMPLATE][i % 5] + i);
  const table = tableFromColumns(
    {
      [`id ${IMG}`]: ids,
      [IMG]: Array.from({ length: n }, (_, i) => 10 ** (-5 + (i % 6) * 0.8)),
      [LINK]: Array.from({ length: n }, (_, i) => [IMG, TEX, '__proto__', TEMPLATE][i % 4]),
      [TEX]: Array.from({ length: n }, (_, i) => (i === 3 ? 'NaN' : 0.2 + ((i * 7) % 11) / 10)),
      [`${TEMPLATE} acc`]: Array.from({ length: n }, (_, i) => 0.5 + ((i * 5) % 9) / 20),
      [`runtime ${JS}`]: Array.from({ length: n }, (_, i) => 100 + i * 10),
    },
    [`id ${IMG}`],
  );
  const metric = (direction: 'min' | 'max'): Role => ({
    kind: 'metric',
    split: 'val',
    family: direction === 'min' ? 'loss' : 'accuracy',
    direction,
  });
  const summary = analyzeTable(table, {
    [`id ${IMG}`]: { kind: 'id' },
    [IMG]: { kind: 'param' },
    [LINK]: { kind: 'param' },
    [TEX]: metric('min'),
    [`${TEMPLATE} acc`]: metric('max'),
    [`runtime ${JS}`]: { kind: 'budget', unit: 'runtime' },
  });
  return figureContext(table.columns, summary);
}

function expectInert(spec: FigureSpec) {
  for (const [path, text] of stringsOf({ data: spec.data, layout: spec.layout })) {
    const bare = text.replace(OWN_TAGS, '');
    expect(bare, path).not.toMatch(/[<>$\\]/);
    const templated = path.endsWith('.texttemplate') || path.endsWith('.hovertemplate');
    expect(templated ? text.replace(OWN_PLACEHOLDERS, '') : text, path).not.toContain('%{');
  }
}

describe('escaping in figures', () => {
  it('keeps hostile names inert in every figure', () => {
    const ctx = hostileSweep();
    expect(ctx.summary.findings.some((f) => f.title.includes(TEX))).toBe(true);
    const specs = [
      ...defaultFigures(ctx, 'light'),
      paramHeatmap(ctx, { x: IMG, y: LINK, metric: TEX, aggregate: 'best', theme: 'dark' }),
      correlationMatrix(ctx, { theme: 'light' }),
      parallelCoordinates(ctx, { theme: 'light', color: 'issue' }),
      slicePlots(ctx, { theme: 'light', metric: `${TEMPLATE} acc` }),
      paretoFront(ctx, { theme: 'light', x: TEX, y: `${TEMPLATE} acc` }),
      metricDistribution(ctx, { theme: 'light', metric: 'missing <b>column</b>' }),
    ];
    for (const spec of specs) {
      // Plotly builds CSS selectors from uids (e.g. colour bars): no data, no punctuation.
      for (const trace of spec.data) expect(trace.uid, spec.id).toMatch(/^[a-z0-9-]+$/);
      for (const uid of Object.keys(spec.selection))
        expect(spec.data.map((t) => t.uid)).toContain(uid);
      if (spec.kind !== 'importance' && !spec.id.includes('missing'))
        expect(spec.empty, spec.id).toBeNull();
      expectInert(spec);
    }
    // Shown, not dropped: the escaped name is there.
    const slice = specs.find((s) => s.kind === 'slice');
    expect(JSON.stringify(slice?.layout)).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps data out of empty-state notes too', () => {
    const ctx = hostileSweep();
    const spec = metricDistribution(ctx, { theme: 'light', metric: `${LINK}` });
    expect(spec.empty).toBe('Needs a numeric metric column.');
    const missing = paramHeatmap(ctx, {
      x: IMG,
      y: TEX + 'x',
      metric: TEX,
      aggregate: 'mean',
      theme: 'light',
    });
    expect(missing.empty).toContain(TEX);
    expectInert(missing);
  });
});

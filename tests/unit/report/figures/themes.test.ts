import { describe, expect, it } from 'vitest';
import {
  defaultFigures,
  figureContext,
  importanceBars,
  metricDistribution,
  OKABE_ITO,
  PALETTES,
} from '../../../../src/lib/report';
import { planted, stringsOf, wandbQuant } from './helpers';

describe('themes', () => {
  it('changes colours only: same traces, selections and texts in light and dark', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const light = defaultFigures(ctx, 'light');
    const dark = defaultFigures(ctx, 'dark');
    const colour = /^(#[0-9a-fA-F]{6}|rgb)/;
    light.forEach((spec, i) => {
      const other = dark[i];
      expect(other.data.map((t) => t.uid)).toEqual(spec.data.map((t) => t.uid));
      expect(other.selection).toEqual(spec.selection);
      expect(spec.layout.paper_bgcolor).toBe(PALETTES.light.paper);
      expect(other.layout.paper_bgcolor).toBe(PALETTES.dark.paper);
      expect(spec.layout.colorway).toEqual([...OKABE_ITO]);
      const texts = (s: typeof spec) =>
        stringsOf({ data: s.data, layout: s.layout })
          .map(([, text]) => text)
          .filter((text) => !colour.test(text));
      expect(texts(other)).toEqual(texts(spec));
    });
  });

  it('matches the W&B snapshots of the remaining figures', async () => {
    const { columns, summary } = await wandbQuant();
    const ctx = figureContext(columns, summary);
    expect(importanceBars(ctx, { theme: 'light' })).toMatchSnapshot();
    expect(metricDistribution(ctx, { theme: 'dark', metric: 'quant_test_acc' })).toMatchSnapshot();
  });
});

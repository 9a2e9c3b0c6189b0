import { describe, expect, it } from 'vitest';
import {
  defaultFigures,
  figureContext,
  importanceBars,
  metricDistribution,
  issueHeatmap,
  OKABE_ITO,
  PALETTES,
  parallelCoordinates,
  paramHeatmap,
  type ColorScale,
  type FigureSpec,
  type ThemeName,
} from '../../../../src/lib/report';
import { planted, stringsOf, HAS_WANDB, wandbQuant } from './helpers';

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

  it.runIf(HAS_WANDB)('matches the W&B snapshots of the remaining figures', async () => {
    const { columns, summary } = await wandbQuant();
    const ctx = figureContext(columns, summary);
    expect(importanceBars(ctx, { theme: 'light' })).toMatchSnapshot();
    expect(metricDistribution(ctx, { theme: 'dark', metric: 'quant_test_acc' })).toMatchSnapshot();
  });

  it('keeps both ends of the sequential scale visible on its background', async () => {
    const { columns, summary } = await planted();
    const ctx = figureContext(columns, summary);
    const scalesOf = (spec: FigureSpec): ColorScale[] =>
      spec.data.flatMap((t) =>
        t.type === 'heatmap' ? [t.colorscale] : t.type === 'parcoords' ? [t.line.colorscale] : [],
      );
    for (const theme of ['light', 'dark'] as ThemeName[]) {
      const specs = [
        issueHeatmap(ctx, { theme }),
        paramHeatmap(ctx, {
          theme,
          x: 'lr',
          y: 'weight_decay',
          metric: 'val_loss',
          aggregate: 'mean',
        }),
        parallelCoordinates(ctx, { theme, color: 'metric' }),
      ];
      const scales = specs.flatMap(scalesOf);
      expect(scales).toHaveLength(3);
      const background = PALETTES[theme].paper;
      for (const scale of scales) {
        if (typeof scale === 'string') throw new Error('explicit stops expected');
        expect(scale[0][0]).toBe(0);
        expect(scale.at(-1)?.[0]).toBe(1);
        const low = scale[0][1];
        const high = scale.at(-1)?.[1] ?? '';
        // Full Viridis: #440154 on #16191f is 1.2:1, #fde725 on white 1.3:1.
        expect(contrast(low, background)).toBeGreaterThan(1.9);
        expect(contrast(high, background)).toBeGreaterThan(1.5);
        expect(contrast(low, high)).toBeGreaterThan(4);
      }
    }
  });
});

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [la, lb] = [a, b].map(luminance);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

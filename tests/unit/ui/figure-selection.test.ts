/** plotly events → trials for sampled figures: merged points and brushes over every trial. */
import { describe, expect, it } from 'vitest';
import type { FigureEvent, FigureTraceState } from 'plotly.js-dist-min';
import type { SelectionMap } from '../../../src/lib/state/figures';
import {
  brushedTrials,
  clickedTrials,
  highlightOf,
  selectedTrials,
} from '../../../src/ui/plot/figure-selection';

const event = (points: { uid: string; pointIndex: number }[]): FigureEvent =>
  ({
    points: points.map((p) => ({ data: { uid: p.uid }, pointIndex: p.pointIndex })),
  }) as unknown as FigureEvent;

describe('merged points', () => {
  const map: SelectionMap = {
    s: { kind: 'points', rows: [0, 3], runIds: ['a', 'd'], members: [['a', 'b', 'c'], ['d']] },
  };

  it('a click on a merged point selects every trial under it', () => {
    expect(clickedTrials(map, event([{ uid: 's', pointIndex: 0 }]))).toEqual({
      runIds: ['a', 'b', 'c'],
      total: 3,
      label: '3 trials',
    });
    expect(clickedTrials(map, event([{ uid: 's', pointIndex: 1 }]))?.runIds).toEqual(['d']);
  });

  it('a box selection counts each trial once', () => {
    const picked = selectedTrials(
      map,
      event([
        { uid: 's', pointIndex: 0 },
        { uid: 's', pointIndex: 1 },
      ]),
    );
    expect(picked?.runIds).toEqual(['a', 'b', 'c', 'd']);
    expect(picked?.total).toBe(4);
  });
});

describe('brushes', () => {
  // Two lines drawn (a, c) out of four trials; the axes are matched by label.
  const map: SelectionMap = {
    lines: {
      kind: 'lines',
      rows: [0, 2],
      runIds: ['a', 'c'],
      brush: {
        runIds: ['a', 'b', 'c', 'd'],
        labels: ['lr', 'loss'],
        values: [
          [1, 2, 3, 4],
          [0.5, 0.1, 0.9, 0.2],
        ],
      },
    },
  };
  const traces = (dims: FigureTraceState['dimensions']): FigureTraceState[] => [
    { uid: 'lines', dimensions: dims } as FigureTraceState,
  ];

  it('selects among every trial, not only the drawn lines, whatever the axis order', () => {
    const picked = brushedTrials(
      map,
      traces([
        { label: 'loss', values: [0.5, 0.9], constraintrange: [0, 0.3] },
        { label: 'lr', values: [1, 3] },
      ]),
    );
    expect(picked).toEqual({ runIds: ['b', 'd'], total: 2, label: null });
  });

  it('combines ranges on several axes and several ranges on one axis', () => {
    const picked = brushedTrials(
      map,
      traces([
        {
          label: 'lr',
          values: [1, 3],
          constraintrange: [
            [0.5, 1.5],
            [3.5, 4.5],
          ],
        },
        { label: 'loss', values: [0.5, 0.9], constraintrange: [0, 0.3] },
      ]),
    );
    expect(picked?.runIds).toEqual(['d']);
  });

  it('is null once the brush is cleared', () => {
    expect(brushedTrials(map, traces([{ label: 'lr', values: [1, 3] }]))).toBeNull();
  });
});

describe('highlightOf', () => {
  const map: SelectionMap = {
    pts: { kind: 'points', rows: [0, 3], runIds: ['a', 'd'], members: [['a', 'b'], ['d']] },
    bars: {
      kind: 'bins',
      bins: [
        { label: 'x', rows: [0], runIds: ['a'], total: 1, capped: false },
        { label: 'y', rows: [1], runIds: ['c'], total: 1, capped: false },
      ],
    },
    heat: { kind: 'cells', cells: [] },
  };
  const uids = ['heat', 'pts', undefined, 'bars'];

  it('marks the points and bars holding a selected trial, merged points included', () => {
    expect(highlightOf(map, uids, new Set(['b', 'c']))).toEqual({
      traces: [1, 3],
      selectedpoints: [[0], [1]],
    });
  });

  it('clears with null when nothing is selected, and skips heatmaps', () => {
    expect(highlightOf(map, uids, new Set())).toEqual({
      traces: [1, 3],
      selectedpoints: [null, null],
    });
  });
});

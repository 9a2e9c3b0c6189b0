/**
 * The typed-array fast paths of the analysis (issue 9) against the plain implementations they
 * replaced, on random data with the awkward values: ties, 0 and −0, NaN, ±Infinity, missing cells.
 */
import { describe, expect, it } from 'vitest';
import { bucketCodes, bucketRows } from '../../../../src/lib/analysis/buckets';
import { createContext } from '../../../../src/lib/analysis/context';
import { inferRoles } from '../../../../src/lib/analysis/roles';
import { runIdsOf } from '../../../../src/lib/analysis/analyze';
import { DEFAULT_SETTINGS } from '../../../../src/lib/analysis/settings';
import { kthSmallest } from '../../../../src/lib/analysis/stats';
import { orderBy } from '../../../../src/lib/analysis/stats/order';
import { averageRanks } from '../../../../src/lib/analysis/stats/spearman';
import { columnCodes, sweepFacts } from '../../../../src/lib/analysis/sweep/facts';
import { sharesRounded } from '../../../../src/lib/analysis/sweep/rounded-ties';
import { sameValue, tieGroups } from '../../../../src/lib/analysis/sweep/tie-groups';
import { createRandom } from '../../../../src/lib/fixtures';
import { CellState, type NumberColumn } from '../../../../src/lib/model';
import { tableFromColumns, type Cell } from '../table-helper';

const SEEDS = [1, 2, 3, 4, 5];

/** Values with many exact ties, near-ties, zeros of both signs. */
function awkwardValues(seed: number, n: number): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => {
    const u = rng.next();
    if (u < 0.1) return 0;
    if (u < 0.15) return -0;
    if (u < 0.5) return rng.int(0, 20) / 10;
    if (u < 0.6) return 1 + rng.int(0, 5) * 1e-9;
    return Number(rng.uniform(-3, 3).toPrecision(rng.int(2, 9)));
  });
}

function numberColumn(cells: (number | 'NaN' | null)[]): NumberColumn {
  const values = new Float64Array(cells.length);
  const states = new Uint8Array(cells.length);
  cells.forEach((c, i) => {
    if (c === null) [values[i], states[i]] = [NaN, CellState.missing];
    else if (c === 'NaN') [values[i], states[i]] = [NaN, CellState.nan];
    else values[i] = c;
  });
  return { kind: 'number', name: 'x', values, states };
}

describe('orderBy', () => {
  for (const seed of SEEDS) {
    it(`orders as a stable comparator sort does (seed ${seed})`, () => {
      const keys = Float64Array.from(awkwardValues(seed, 500));
      const expected = Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b]);
      expect(Array.from(orderBy(keys))).toEqual(expected);
    });
  }
});

describe('kthSmallest and averageRanks', () => {
  it('picks the value a sort puts at position k', () => {
    for (const seed of SEEDS) {
      const values = awkwardValues(seed, 301);
      const sorted = [...values].sort((a, b) => a - b);
      for (const k of [0, 7, 150, 300]) {
        // 0 and −0 are the same cutoff: compare as numbers.
        expect(kthSmallest(Float64Array.from(values), k) === sorted[k]).toBe(true);
      }
    }
  });

  it('gives tied values the mean of their positions', () => {
    for (const seed of SEEDS) {
      const values = awkwardValues(seed, 200);
      const ranks = averageRanks(values);
      values.forEach((v, i) => {
        const below = values.filter((w) => w < v).length;
        const equal = values.filter((w) => w === v).length;
        expect(ranks[i]).toBe(below + (equal + 1) / 2);
      });
    }
  });
});

describe('tieGroups', () => {
  /** The comparator sort it replaced. */
  function reference(rows: number[], valueOf: (r: number) => number, tol: number, min: number) {
    const sorted = [...rows].sort((a, b) => valueOf(a) - valueOf(b));
    const groups: number[][] = [];
    for (let i = 0; i < sorted.length;) {
      let j = i + 1;
      while (j < sorted.length && sameValue(valueOf(sorted[i]), valueOf(sorted[j]), tol)) j++;
      if (j - i >= min) groups.push(sorted.slice(i, j).sort((a, b) => a - b));
      i = j;
    }
    return groups;
  }

  for (const seed of SEEDS) {
    it(`finds the same groups as a comparator sort (seed ${seed})`, () => {
      const values = awkwardValues(seed, 600);
      const rng = createRandom(seed + 100);
      // Rows in a shuffled order, as a filtered or ranked list may be.
      const rows = rng.shuffle(Array.from(values.keys()));
      const valueOf = (r: number) => values[r];
      for (const [tol, min] of [
        [1e-6, 3],
        [0.02, 2],
        [0, 5],
      ]) {
        expect(tieGroups(rows, valueOf, tol, min)).toEqual(reference(rows, valueOf, tol, min));
      }
    });
  }
});

describe('sharesRounded', () => {
  for (const seed of SEEDS) {
    it(`flags the rows whose rounded text another row shares (seed ${seed})`, () => {
      const rng = createRandom(seed);
      const cells = awkwardValues(seed, 400).map((v) => (rng.next() < 0.05 ? null : v));
      const column = numberColumn(cells);
      const rows = rng.shuffle(Array.from(cells.keys())).slice(0, 300);
      for (const digits of [2, 4, 7]) {
        const text = (r: number) => (cells[r] === null ? '' : column.values[r].toPrecision(digits));
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(text(r), (counts.get(text(r)) ?? 0) + 1);
        const expected = rows.map((r) => (counts.get(text(r))! >= 2 ? 1 : 0));
        expect(Array.from(sharesRounded(column, rows, digits))).toEqual(expected);
      }
    });
  }
});

describe('column codes and configuration ids', () => {
  function awkwardTable(seed: number) {
    const rng = createRandom(seed);
    const n = 400;
    const pick = <T>(items: T[]) => Array.from({ length: n }, () => rng.pick(items));
    const columns: Record<string, Cell[]> = {
      lr: awkwardValues(seed, n).map((v) => (rng.next() < 0.05 ? null : v)),
      batch: pick<Cell>([16, 32, 64, null, 'NaN', 'inf', '-inf', 0, -0]),
      optimizer: pick<Cell>(['adam', 'sgd', null]),
      seed: pick<Cell>([1, 2, 3]),
      val_loss: Array.from({ length: n }, () => rng.uniform(0.1, 1)),
    };
    // A few rows without any hyperparameter.
    for (const r of [5, 17, 99]) {
      columns.lr[r] = null;
      columns.batch[r] = null;
      columns.optimizer[r] = null;
    }
    const table = tableFromColumns(columns);
    const roles = inferRoles(table, {
      lr: { kind: 'param' },
      batch: { kind: 'param' },
      optimizer: { kind: 'param' },
      seed: { kind: 'param' },
    });
    return createContext(table, roles, DEFAULT_SETTINGS, runIdsOf(table, roles));
  }

  for (const seed of SEEDS) {
    it(`codes numbers as a Map keyed by value does (seed ${seed})`, () => {
      const ctx = awkwardTable(seed);
      for (const column of ctx.table.columns) {
        if (column.kind !== 'number') continue;
        const byValue = new Map<number, number>();
        const expected = Array.from({ length: ctx.table.rowCount }, (_, row) => {
          if (column.states[row] === CellState.missing) return -1;
          const v = column.states[row] === CellState.nan ? NaN : column.values[row];
          if (!byValue.has(v)) byValue.set(v, byValue.size);
          return byValue.get(v)!;
        });
        const codes = columnCodes(ctx, column);
        expect(Array.from(codes.codes)).toEqual(expected);
        expect(codes.size).toBe(byValue.size);
      }
    });

    it(`keeps 0 and −0, and every NaN, one value in a big column (seed ${seed})`, () => {
      // Big enough for a hash table where 0 and −0 would hash apart.
      const rng = createRandom(seed);
      const n = 70_000;
      const cells = Array.from({ length: n }, (_, i): number | 'NaN' | null =>
        i % 11 === 0 ? 0 : i % 13 === 0 ? -0 : i % 17 === 0 ? 'NaN' : rng.uniform(0, 1),
      );
      const column = numberColumn(cells);
      const table = { columns: [column], rowCount: n, sourceLines: new Int32Array(n) };
      const ctx = createContext(table, [], DEFAULT_SETTINGS, []);
      const { codes, size } = columnCodes(ctx, column);
      expect(codes[13]).toBe(codes[11]);
      expect(codes[17]).toBe(codes[34]);
      expect(size).toBe(new Set(cells.map((c) => (c === 'NaN' ? NaN : c))).size);
    });

    it(`gives rows the same configuration id exactly when their settings match (seed ${seed})`, () => {
      const ctx = awkwardTable(seed);
      const facts = sweepFacts(ctx);
      const text = (columns: typeof facts.params, row: number) =>
        columns.map((c) => columnCodes(ctx, c).codes[row]).join(',');
      const rows = ctx.table.rowCount;
      for (let a = 0; a < rows; a += 3) {
        const none = facts.params.every((c) => columnCodes(ctx, c).codes[a] < 0);
        expect(facts.unconfigured[a]).toBe(none ? 1 : 0);
        for (let b = a + 1; b < rows; b += 7) {
          const sameParams = text(facts.params, a) === text(facts.params, b);
          const sameAll = sameParams && text(facts.seeds, a) === text(facts.seeds, b);
          // Rows without any setting are never replicates, but share their id with seeds.
          expect(facts.configKeys[a] === facts.configKeys[b]).toBe(sameParams && !none);
          expect(facts.fullKeys[a] === facts.fullKeys[b]).toBe(sameAll);
        }
      }
    });
  }
});

describe('bucketCodes', () => {
  it('puts each row in the bucket bucketRows lists it in', () => {
    for (const seed of SEEDS) {
      const rng = createRandom(seed);
      const cells: Cell[] = awkwardValues(seed, 300).map((v) =>
        rng.next() < 0.05 ? null : rng.next() < 0.02 ? 'NaN' : v,
      );
      const table = tableFromColumns({
        x: cells,
        c: cells.map((v) => (v === null ? null : `v${v}`)),
      });
      for (const column of table.columns) {
        for (const quantiles of [1, 4, 10]) {
          const lists = bucketRows(column, table.rowCount, quantiles);
          const { buckets, codes } = bucketCodes(column, table.rowCount, quantiles);
          expect(buckets.map((b) => [b.label, b.trials])).toEqual(
            lists.map((b) => [b.label, b.rows.length]),
          );
          lists.forEach((b, i) => b.rows.forEach((row) => expect(codes[row]).toBe(i)));
        }
      }
    }
  });
});

/**
 * Column scales (see scaleOf) over every row and over the scored trials, once per analysis:
 * several detectors ask for the same ones, and each costs a pass and a quickselect over the
 * column.
 */
import type { NumberColumn } from '../../model';
import type { DetectorContext } from '../context';
import { sweepFacts } from './facts';
import { scaleOf, type ColumnScale } from './metric-kind';

interface Scales {
  all?: ColumnScale | null;
  scored?: ColumnScale | null;
}

const cache = new WeakMap<DetectorContext, Map<NumberColumn, Scales>>();
const allRowsCache = new WeakMap<DetectorContext, number[]>();

function scalesOf(ctx: DetectorContext, column: NumberColumn): Scales {
  let byColumn = cache.get(ctx);
  if (!byColumn) cache.set(ctx, (byColumn = new Map()));
  let scales = byColumn.get(column);
  if (!scales) byColumn.set(column, (scales = {}));
  return scales;
}

/** scaleOf over every row of the table. */
export function scaleOverAll(ctx: DetectorContext, column: NumberColumn): ColumnScale | null {
  const scales = scalesOf(ctx, column);
  if (scales.all === undefined) {
    let rows = allRowsCache.get(ctx);
    if (!rows) {
      rows = Array.from({ length: ctx.table.rowCount }, (_, i) => i);
      allRowsCache.set(ctx, rows);
    }
    scales.all = scaleOf(column, rows);
  }
  return scales.all;
}

/**
 * scaleOf over the scored trials, which is also its scale over any of them that keeps every
 * scored trial with a finite value (scaleOf skips the others, in the same order).
 */
export function scaleOverScored(ctx: DetectorContext, column: NumberColumn): ColumnScale | null {
  const scales = scalesOf(ctx, column);
  if (scales.scored === undefined) scales.scored = scaleOf(column, sweepFacts(ctx).scored);
  return scales.scored;
}

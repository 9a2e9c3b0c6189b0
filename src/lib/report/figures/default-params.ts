/**
 * Which hyperparameters a many-axes figure shows when the user has not chosen: the most
 * important ones (summary.importance; before it is computed, the first columns), kept in column
 * order so the axes do not reshuffle when the ranking arrives. Past ~8 axes a parallel-coordinates
 * figure's labels overlap at notebook width and its cost grows with every panel between axes
 * (each one a separate WebGL draw and readback); a slice grid past 3 × 3 is a long scroll.
 */
import type { FigureContext } from './context';
import { thousands } from './spec';

export interface ChosenParams {
  params: string[];
  /** A note when some hyperparameters were left out, else ''. */
  note: string;
}

export function chooseParams(
  ctx: FigureContext,
  requested: readonly string[] | undefined,
  max: number,
): ChosenParams {
  const available = ctx.params.filter((p) => ctx.column(p));
  if (requested !== undefined) {
    const params = requested.filter((p) => available.includes(p));
    return { params, note: '' };
  }
  if (available.length <= max) return { params: available, note: '' };
  const ranked = ctx.summary.importance?.params.map((p) => p.param) ?? [];
  const order = [...new Set([...ranked.filter((p) => available.includes(p)), ...available])];
  const kept = new Set(order.slice(0, max));
  const how = ranked.length > 0 ? 'the most important' : 'the first';
  return {
    params: available.filter((p) => kept.has(p)),
    note: `${max} of ${thousands(available.length)} hyperparameters (${how}); choose others in Options`,
  };
}

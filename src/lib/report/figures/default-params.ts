/**
 * Which hyperparameters a many-axes figure shows: the user's choice, else the most important
 * ones (`defaultParams` in the model, which the Options panel shows ticked). Each parcoords
 * panel between two axes is a separate WebGL draw and pixel readback, so the default also bounds
 * the figure's cost.
 */
import { defaultParams } from '../../model';
import type { FigureContext } from './context';
import { thousands } from './spec';

export interface ChosenParams {
  params: string[];
  /** A note when some hyperparameters were left out or a choice was not found, else ''. */
  note: string;
}

export function chooseParams(
  ctx: FigureContext,
  requested: readonly string[] | undefined,
  max: number,
): ChosenParams {
  const available = ctx.params.filter((p) => ctx.column(p));
  const found = requested?.filter((p) => available.includes(p)) ?? [];
  if (found.length > 0) return { params: found, note: '' };
  const ranked = ctx.summary.importance?.params.map((p) => p.param) ?? [];
  const params = defaultParams(available, ranked, max);
  // A notebook opened on another sweep: its chosen columns are not here, so draw the default.
  const missing =
    requested !== undefined ? 'the chosen hyperparameters are not in this data; ' : '';
  if (params.length === available.length)
    return { params, note: missing ? missing.slice(0, -2) : '' };
  const how = ranked.length > 0 ? 'the most important' : 'the first';
  return {
    params,
    note: `${missing}${max} of ${thousands(available.length)} hyperparameters (${how}); choose others in Options`,
  };
}

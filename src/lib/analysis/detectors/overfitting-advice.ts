/** Run-specific advice for an overfitting run, from its regularisation and its budget. */
import { formatNumber as fmt } from '../../model';
import { finiteAt, isFinishedRun, type DetectorContext } from '../context';
import { knownParam, valuesWhere, type NamedColumn } from '../known-params';
import { median } from '../stats';

interface Reference {
  param: NamedColumn;
  /** Median over finished runs: what "typical" means in this sweep. */
  median: number;
}

function reference(ctx: DetectorContext, which: 'weightDecay' | 'dropout'): Reference | null {
  const param = knownParam(ctx, which);
  if (!param) return null;
  const values = valuesWhere(param.column, ctx.table.rowCount, (r) => isFinishedRun(ctx, r));
  return { param, median: median(values) };
}

/** Built once per analysis, because the sweep medians do not depend on the run. */
export function overfittingAdvisor(
  ctx: DetectorContext,
): (row: number, heldOut?: string) => string {
  const decay = reference(ctx, 'weightDecay');
  const dropout = reference(ctx, 'dropout');
  const budget = ctx.budget;
  return (row, heldOut = 'the validation metric') => {
    const tips: string[] = [];
    const wd = decay ? finiteAt(decay.param.column, row) : null;
    if (decay && wd === 0) {
      tips.push(
        `${decay.param.name} is 0 → add weight decay (1e-4 to 1e-2; this sweep's median is ${fmt(decay.median)})`,
      );
    } else if (decay && wd !== null && wd < decay.median) {
      tips.push(
        `raise ${decay.param.name} from ${fmt(wd)} to at least the sweep's median ${fmt(decay.median)}`,
      );
    }
    const p = dropout ? finiteAt(dropout.param.column, row) : null;
    if (dropout && p !== null && p < dropout.median) {
      tips.push(`raise ${dropout.param.name} from ${fmt(p)} towards ${fmt(dropout.median)}`);
    }
    const spent = budget ? finiteAt(budget.column, row) : null;
    if (budget && spent !== null && spent > 1.25 * budget.median) {
      tips.push(
        `it trained ${fmt(spent)} ${budget.column.name}, ${fmt(Number((spent / budget.median).toPrecision(2)))}× the median ${fmt(budget.median)}: stop earlier with early stopping on ${heldOut}`,
      );
    } else {
      tips.push(`keep the checkpoint with the best ${heldOut} (early stopping)`);
    }
    tips.push('add data augmentation or more training data if you can');
    // Not capitalised: a tip may start with a column name, whose spelling must be kept.
    return `To generalise better: ${tips.join('; ')}.`;
  };
}

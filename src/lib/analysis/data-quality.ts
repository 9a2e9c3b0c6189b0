/**
 * Plain sentences about what the data lacks or could not be read, so a quiet analysis is never
 * mistaken for a healthy sweep ("no findings" because there was nothing to check).
 */
import type { SourceInfo } from '../model';
import type { DetectorContext } from './context';
import { metricPairs } from './detectors/overfitting';
import { parseName } from './names';

const MAX_LISTED = 5;

export function dataQuality(ctx: DetectorContext, source: SourceInfo): string[] {
  const notes: string[] = [];
  const has = (kind: string) => ctx.roles.some((r) => r.role.kind === kind);
  const rows = ctx.table.rowCount;
  if (rows === 0) notes.push('The file has no data rows, so there is nothing to analyse.');
  if (source.quarantinedCount > 0) {
    const s = source.quarantinedCount === 1 ? ' row' : ' rows';
    notes.push(
      `${source.quarantinedCount}${s} of ${source.file} could not be read and ${source.quarantinedCount === 1 ? 'was' : 'were'} left out (see Sources for line numbers).`,
    );
  }
  if (!has('metric')) {
    notes.push(
      'No metric columns were recognised (such as val_loss or accuracy), so only run statuses were checked; mark a column as a metric in the Data cell to analyse it.',
    );
  } else if (metricPairs(ctx, 'loss').length + metricPairs(ctx, 'accuracy').length === 0) {
    notes.push(
      'No train/validation metric pair (such as train_loss and val_loss), so overfitting could not be checked.',
    );
  }
  if (!has('id')) {
    notes.push(
      'No run id column, so runs are called "row 1", "row 2"…; mark the id column in the Data cell to use your ids.',
    );
  }
  if (!ctx.status) {
    notes.push(
      'No status column, so failed or crashed runs can only be found through their metrics.',
    );
  } else {
    const unknown = unknownStatuses(ctx);
    if (unknown.length > 0) {
      notes.push(
        `Unrecognised status values were treated as finished: ${unknown.map((s) => `"${s}"`).join(', ')}.`,
      );
    }
  }
  const { budget } = ctx;
  const minTrials = ctx.settings.shortRun.minTrials;
  if (!budget) {
    notes.push(
      'No budget column (epochs, steps or runtime), so too-short runs could not be detected and overfitting was judged on every run.',
    );
  } else if (budget.count < minTrials) {
    notes.push(
      `Only ${budget.count} finished ${budget.count === 1 ? 'run has' : 'runs have'} a ${budget.column.name} value; at least ${minTrials} are needed to know the typical budget, so too-short runs were not checked.`,
    );
  }
  if (!has('param') && rows > 0) {
    notes.push('No hyperparameter columns, so issues could not be linked to settings.');
  }
  return notes;
}

function unknownStatuses(ctx: DetectorContext): string[] {
  const out = new Set<string>();
  const status = ctx.status;
  if (!status) return [];
  for (let row = 0; row < status.labels.length && out.size < MAX_LISTED; row++) {
    if (status.classes[row] === 'unknown' && status.labels[row] !== '') out.add(status.labels[row]);
  }
  return [...out];
}

const SEED_WORDS = new Set(['seed', 'seeds', 'randomseed', 'rngseed']);
const CLASS_WORDS = new Set(['classes', 'class', 'labels', 'nclasses', 'numclasses', 'numlabels']);

/**
 * What the next sweep should log so the analysis can say more, as imperative sentences: each
 * names the gap in this file and what it would enable. Checked on the roles and column names.
 */
export function logNextTime(ctx: DetectorContext): string[] {
  const out: string[] = [];
  const metrics = ctx.roles.flatMap((r) => (r.role.kind === 'metric' ? [r.role] : []));
  const names = ctx.table.columns.map((c) => parseName(c.name).tokens);
  const named = (words: Set<string>) =>
    names.some((tokens) => tokens.some((t) => words.has(t)) || words.has(tokens.join('')));
  const has = (kind: string) => ctx.roles.some((r) => r.role.kind === kind);
  if (metrics.length === 0) {
    out.push(
      'Log the metric you select trials by (a validation loss or accuracy) for every trial, finished or not.',
    );
  } else {
    if (!metrics.some((m) => m.split === 'val' || m.split === 'test')) {
      out.push(
        'Log a validation metric (e.g. val_loss on held-out data): training metrics alone cannot show overfitting or pick the trial that generalises.',
      );
    }
    if (!metrics.some((m) => m.split === 'train')) {
      out.push(
        'Log the final training loss next to the validation loss, so overfitting (the gap between them) can be measured.',
      );
    }
    if (metrics.some((m) => m.family === 'accuracy') && !named(CLASS_WORDS)) {
      out.push(
        'Log the number of classes (or the chance-level accuracy), so accuracy at chance level can be recognised.',
      );
    }
  }
  if (!named(SEED_WORDS)) {
    out.push(
      'Log the random seed of every trial and rerun the best configurations on 2–3 seeds, so seed noise can be told apart from hyperparameter effects.',
    );
  }
  if (!ctx.status) {
    out.push(
      'Log each trial’s final status (completed, failed, pruned), so crashes are not mistaken for bad configurations.',
    );
  }
  if (!ctx.budget) {
    out.push(
      'Log the budget each trial actually used (epochs or steps), so trials cut short can be found.',
    );
  }
  if (!has('id')) out.push('Log a run id per trial, so findings point at runs you can look up.');
  return out;
}

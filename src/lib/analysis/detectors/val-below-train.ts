/**
 * A held-out loss well below the training loss. A little below is normal (dropout and
 * augmentation are off at evaluation; an epoch-averaged training loss lags the end-of-epoch
 * model), but far below — and, on a per-epoch curve, at every epoch — points to leakage (the
 * validation examples are in, or easier than, the training set), a loss averaged differently on
 * the two splits, or a validation set too small to mean anything. Final values only: "at the
 * end"; audit/val-below-train-curves.ts reads whole per-epoch curves for the "every epoch" case.
 */
import { formatNumber as fmt, type Finding } from '../../model';
import { finiteAt, isFinishedRun, type Detector } from '../context';
import { runLabel } from '../known-params';
import { metricPairs } from './overfitting';

export const VAL_BELOW_TRAIN_EXPLANATION =
  'A model scores worse on data it has not seen than on its training data; a held-out loss far below the training loss means the two losses do not measure the same thing. The usual causes: validation examples duplicated in (or much easier than) the training set, a training loss averaged over the epoch with dropout on while validation uses the end-of-epoch model without it, losses summed or normalised differently on the two splits, or a validation set so small its loss is luck. Until the cause is found, the validation score says nothing about generalisation.';

export const VAL_BELOW_TRAIN_RECOMMENDATION =
  'Check the validation examples for duplicates and near-duplicates of training ones, compute both losses the same way (same reduction over tokens and batch, model in eval mode, at the same checkpoint), and evaluate the training loss with the final model on the training set; then re-evaluate on a larger held-out set.';

export const valBelowTrain: Detector = {
  id: 'val-below-train',
  label: 'Validation below training',
  description:
    'A held-out loss at or below maxRatio × the training loss: leakage, a loss computed differently on the two splits, or dropout and epoch averaging beyond the usual few percent.',
  run(ctx) {
    const { maxRatio } = ctx.settings.valBelowTrain;
    const findings: Finding[] = [];
    for (const { train, heldOut } of metricPairs(ctx, 'loss')) {
      for (let row = 0; row < ctx.table.rowCount; row++) {
        if (!isFinishedRun(ctx, row)) continue;
        const t = finiteAt(train, row);
        const v = finiteAt(heldOut, row);
        if (t === null || v === null || !(t > 0) || v < 0) continue;
        const ratio = v / t;
        if (ratio > maxRatio) continue;
        const runId = ctx.runIds[row];
        findings.push({
          id: `val-below-train:${runId}:${heldOut.name}`,
          detector: 'val-below-train',
          severity: 'warning',
          title: `${runLabel(runId)}: ${heldOut.name} ${fmt(v)} is below ${train.name} ${fmt(t)} at the end (ratio ${fmt(round(ratio))})`,
          runIds: [runId],
          rows: [row],
          evidence: [
            { label: heldOut.name, value: fmt(v), column: heldOut.name },
            { label: train.name, value: fmt(t), column: train.name },
            {
              label: `${heldOut.name} / ${train.name}`,
              value: fmt(round(ratio)),
              threshold: `≤ ${fmt(maxRatio)}`,
            },
          ],
          explanation: VAL_BELOW_TRAIN_EXPLANATION,
          recommendation: VAL_BELOW_TRAIN_RECOMMENDATION,
        });
      }
    }
    return findings;
  },
};

function round(x: number): number {
  return Number(x.toPrecision(3));
}

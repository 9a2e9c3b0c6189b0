/**
 * val-below-train on per-epoch curves (a training report's train_losses / val_losses lists): the
 * held-out loss at or below maxRatio × the training loss at EVERY evaluation, not just the last.
 * A pure function over a CurveSet: the sweep detector only sees final values, so this one is
 * called where the curves are analysed (curve-analysis.ts).
 */
import {
  formatNumber as fmt,
  type Curve,
  type CurveSet,
  type DetectorSettings,
  type Finding,
} from '../../model';
import { isEvalMetric, isLossLike, metricStem } from '../curves/series';
import {
  VAL_BELOW_TRAIN_EXPLANATION,
  VAL_BELOW_TRAIN_RECOMMENDATION,
} from '../detectors/val-below-train';
import { runLabel } from '../known-params';

export function valBelowTrainOnCurves(set: CurveSet, settings: DetectorSettings): Finding[] {
  const { maxRatio, minEpochs } = settings.valBelowTrain;
  const findings: Finding[] = [];
  for (const run of set.runs) {
    const curves = set.curves.filter((c) => c.runId === run.runId && isLossLike(c.metric));
    for (const val of curves.filter((c) => isEvalMetric(c.metric))) {
      const train = curves.find(
        (c) => !isEvalMetric(c.metric) && metricStem(c.metric) === metricStem(val.metric),
      );
      const pairs = train ? aligned(train, val) : [];
      if (!train || pairs.length < minEpochs) continue;
      if (!pairs.every(([t, v]) => t > 0 && v >= 0 && v / t <= maxRatio)) continue;
      const ratios = pairs.map(([t, v]) => v / t);
      const worst = Math.max(...ratios);
      const [lastT, lastV] = pairs[pairs.length - 1];
      findings.push({
        id: `val-below-train:${run.runId}:${val.metric}`,
        detector: 'val-below-train',
        severity: 'warning',
        title: `${runLabel(run.runId)}: ${val.metric} is below ${train.metric} at every one of ${pairs.length} evaluations (${fmt(lastV)} vs ${fmt(lastT)} at the end)`,
        runIds: [run.runId],
        rows: [],
        evidence: [
          {
            label: 'evaluations with held-out < training',
            value: `${pairs.length} of ${pairs.length}`,
          },
          {
            label: `${val.metric} / ${train.metric}, per evaluation`,
            value: ratios.map((r) => fmt(Number(r.toPrecision(2)))).join(', '),
            threshold: `every one ≤ ${fmt(maxRatio)} (highest ${fmt(Number(worst.toPrecision(3)))})`,
          },
          {
            label: `${val.metric}, per evaluation`,
            value: pairs.map(([, v]) => fmt(v)).join(' → '),
          },
          {
            label: `${train.metric}, per evaluation`,
            value: pairs.map(([t]) => fmt(t)).join(' → '),
          },
        ],
        explanation: VAL_BELOW_TRAIN_EXPLANATION,
        recommendation: VAL_BELOW_TRAIN_RECOMMENDATION,
        curve: { metric: val.metric, steps: [val.steps[0], val.steps[val.steps.length - 1]] },
      });
    }
  }
  return findings;
}

/** (train, held-out) at each held-out step: the last training value logged at or before it. */
function aligned(train: Curve, val: Curve): [number, number][] {
  const out: [number, number][] = [];
  let j = -1;
  for (let i = 0; i < val.steps.length; i++) {
    while (j + 1 < train.steps.length && train.steps[j + 1] <= val.steps[i]) j++;
    const t = j >= 0 ? train.values[j] : NaN;
    const v = val.values[i];
    if (Number.isFinite(t) && Number.isFinite(v)) out.push([t, v]);
  }
  return out;
}

/**
 * Several trials with different configurations and exactly the same primary metric.
 *
 * - When the shared value is a failure (at chance, zero, or far worse than every other trial) the
 *   group is a collapse: a constant predictor or a model that diverged to the same degenerate
 *   state (warning). Ties of such values count even when logged with few digits.
 * - When the shared value is a normal result, the settings that vary inside the group made no
 *   difference there, e.g. C for a linear-kernel SVM whose score does not change with it
 *   (info). Only ties logged at full precision count: 0.95 on a 20-example fold ties by chance.
 * Ties are looked for in the primary metric and, for failures only, in every accuracy-like
 * metric (held-out first): a constant predictor gives the very same accuracy while its loss
 * still varies a little.
 * One finding per group; the evidence ties it to the hyperparameter values its trials share.
 */
import { formatNumber as fmt, type Evidence, type Finding } from '../../model';
import type { Detector, DetectorContext } from '../context';
import { listIds, listValues } from '../sweep/facts';
import { collapsedGroupsAllMetrics } from '../sweep/metric-ties';
import { groupParams, type ParamValues, type TiedGroup } from '../sweep/ties';

const setText = (p: ParamValues) =>
  p.values.length === 1
    ? `${p.column.name} ${p.values[0]}`
    : `${p.column.name} ∈ {${p.values.join(', ')}}`;

export const collapsedTrials: Detector = {
  id: 'collapsed-trials',
  label: 'Collapsed trials',
  description:
    'At least minTrials trials with different configs share one value of the primary metric: a collapse (constant predictor, diverged model) when that value is at chance, zero or far below the rest; otherwise a setting without effect (info).',
  run(ctx) {
    return collapsedGroupsAllMetrics(ctx).map(({ metric, group }) => finding(ctx, group, metric));
  },
};

function finding(ctx: DetectorContext, group: TiedGroup, metric: string): Finding {
  const runIds = group.rows.map((r) => ctx.runIds[r]);
  const params = groupParams(ctx, group.rows);
  const value = fmt(group.value);
  // Precise enough to keep groups apart (they differ by more than the tolerance), short when it can be.
  const key = String(Number(group.value.toPrecision(7)));
  const evidence: Evidence[] = [
    {
      label: `${metric} shared by ${group.rows.length} trials`,
      value,
      threshold: `≥ ${ctx.settings.collapsedTrials.minTrials} trials, equal within ${fmt(ctx.settings.collapsedTrials.tolerance)} (relative)`,
      column: metric,
    },
    { label: 'distinct configurations among them', value: String(group.configs) },
  ];
  if (group.degenerate) evidence.push({ label: 'the shared value is', value: group.why });
  for (const p of params.common) {
    evidence.push({
      label: `${p.column.name} (same in all)`,
      value: p.values[0],
      column: p.column.name,
    });
  }
  for (const p of params.varying) {
    evidence.push({
      label: `${p.column.name} (varies, no effect)`,
      value: p.values.join(', '),
      column: p.column.name,
    });
  }
  const separating = params.separating.filter((p) => p.values.length > 0);
  // The settings that single the group out: values found nowhere else, or the combination of
  // the shared values when no other trial has it.
  const tied = separating.length > 0 ? separating : params.coversCommon ? params.common : [];
  const tiedText = tied.map(setText).join(', ');
  const varyingText = listValues(params.varying.map((p) => p.column.name));
  const where = params.common.map((p) => `${p.column.name} = ${p.values[0]}`).join(', ');
  if (group.degenerate) {
    const alsoCommon = params.common.filter((p) => !separating.some((s) => s.column === p.column));
    const context =
      separating.length > 0 && alsoCommon.length > 0
        ? ` (all with ${alsoCommon.map((p) => `${p.column.name} = ${p.values[0]}`).join(', ')})`
        : '';
    return {
      id: `collapsed-trials:${metric}=${key}`,
      detector: 'collapsed-trials',
      severity: 'warning',
      title: `${group.rows.length} trials collapsed to ${metric} ${value}${tiedText ? `: every trial with ${tiedText}` : ''}`,
      runIds,
      rows: group.rows,
      evidence,
      explanation: `Different configurations do not land on the exact same ${metric} by chance, and this value is ${group.why}: the model predicts a constant (typically the majority class) or diverged to the same degenerate state. These trials are failures, not measurements of their hyperparameters${varyingText ? `; ${varyingText} did not change anything once collapsed` : ''}.`,
      recommendation: `Treat these ${runIds.length} trials (${listIds(runIds)}) as failed. ${tiedText ? `They are the trials with ${tiedText}${context}: ` : ''}check one of them for a single predicted class and for a loss that stopped moving early (input scaling, a kernel width or learning rate so extreme that the model cannot fit). Leave that region out of the next sweep, or fix what makes it collapse before comparing it with the rest.`,
    };
  }
  return {
    id: `collapsed-trials:${metric}=${key}`,
    detector: 'collapsed-trials',
    severity: 'info',
    title: `${group.rows.length} trials score exactly ${metric} ${value}${varyingText ? `: ${varyingText} made no difference` : ''}${where ? ` with ${where}` : ''}`,
    runIds,
    rows: group.rows,
    evidence,
    explanation: `Identical results to full precision from different settings mean those settings had no effect here: the model does not use them${where ? ` when ${where}` : ''} (like C for a linear-kernel SVM whose data is separable, or a parameter that only applies to another model), or they never reached the model. The trials spent on them measured the same thing ${group.rows.length} times.`,
    recommendation: `${varyingText ? `Stop varying ${varyingText}` : 'Stop varying these settings'}${where ? ` when ${where}` : ''}, or check that ${params.varying.length === 1 ? 'it is' : 'they are'} passed to the model; spend those trials on settings that change the result.`,
  };
}

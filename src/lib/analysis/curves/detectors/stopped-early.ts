/**
 * stopped-early: a run whose last logged step is below its planned budget (minus one logging
 * interval, since the last log need not fall on the last step), or far shorter than its siblings.
 */
import { formatNumber as fmt, type Finding } from '../../../model';
import { median, runIds, runOf } from '../series';
import { curveFinding, type CurveDetector } from './types';

interface Extent {
  last: number;
  interval: number;
}

function extents(set: Parameters<CurveDetector>[0]): Map<string, Extent> {
  const out = new Map<string, Extent>();
  for (const c of set.curves) {
    let last = -Infinity;
    const gaps: number[] = [];
    for (let i = 0; i < c.steps.length; i++) {
      last = Math.max(last, c.steps[i]);
      if (i > 0 && c.steps[i] > c.steps[i - 1]) gaps.push(c.steps[i] - c.steps[i - 1]);
    }
    if (!Number.isFinite(last)) continue;
    const prev = out.get(c.runId);
    const interval = gaps.length > 0 ? median(gaps) : 0;
    if (!prev || last > prev.last) out.set(c.runId, { last, interval });
    else if (last === prev.last) prev.interval = Math.min(prev.interval || interval, interval);
  }
  return out;
}

export const stoppedEarly: CurveDetector = (set, s) => {
  const findings: Finding[] = [];
  const ext = extents(set);
  const lasts = [...ext.values()].map((e) => e.last);
  const typical = lasts.length >= s.siblingMinRuns ? median(lasts) : NaN;
  for (const runId of runIds(set)) {
    const e = ext.get(runId);
    if (!e) continue;
    const planned = runOf(set, runId)?.plannedSteps ?? null;
    const margin = planned !== null ? Math.max(e.interval, 0.01 * planned) : 0;
    if (planned !== null && planned > 0 && e.last < planned - margin) {
      const share = Math.round((100 * e.last) / planned);
      findings.push(
        curveFinding(set, {
          detector: 'stopped-early',
          severity: 'warning',
          runId,
          metric: '*',
          steps: [e.last],
          title: `Stopped at step ${fmt(e.last)} of a planned ${fmt(planned)} (${share}%)`,
          evidence: [
            { label: 'last logged step', value: fmt(e.last) },
            {
              label: 'planned steps',
              value: fmt(planned),
              threshold: `last < planned − ${fmt(margin)} (one logging interval)`,
            },
          ],
          explanation:
            'The run ended before its planned budget: it crashed, was killed (time limit, out of memory, preemption) or was stopped by early stopping. Its final numbers are not comparable with runs that finished, and a learning-rate schedule planned for the full budget never decayed.',
          recommendation:
            'Check the job log for the reason; if it crashed, resume from the last checkpoint; if early stopping ended it, say so when comparing runs; otherwise compare it with the others at the same step.',
        }),
      );
      continue;
    }
    if (Number.isFinite(typical) && e.last < s.siblingFraction * typical) {
      findings.push(
        curveFinding(set, {
          detector: 'stopped-early',
          severity: 'warning',
          runId,
          metric: '*',
          steps: [e.last],
          title: `Stopped at step ${fmt(e.last)}, far shorter than its siblings (median ${fmt(typical)})`,
          evidence: [
            { label: 'last logged step', value: fmt(e.last) },
            {
              label: `median last step of ${lasts.length} runs`,
              value: fmt(typical),
              threshold: `last < ${fmt(s.siblingFraction)} × median = ${fmt(s.siblingFraction * typical)}`,
            },
          ],
          explanation:
            'This run logged far fewer steps than the other runs of the set: it probably crashed or was stopped. Its final values are not comparable with the others, and ranking it by final loss would be unfair.',
          recommendation:
            'Check why it stopped (log, out of memory, time limit), rerun or resume it, and compare runs at a common step until then.',
        }),
      );
    }
  }
  return findings;
};

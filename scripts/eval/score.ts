/**
 * Scoring rules of the detector accuracy harness (see docs/DETECTOR-ACCURACY.md):
 *
 * - Trial-level detectors are scored per (detector, trial): a flagged trial in the scenario's
 *   truth is a TP, a truth trial left unflagged is a FN, any other flagged trial is a FP unless
 *   the scenario lists it as an allowed side effect. A finding with no run ids, or whose id ends
 *   in `:sweep`, flags the pseudo-trial `sweep`.
 * - Sweep-level detectors (SWEEP_LEVEL) are scored per finding: when the scenario plants the
 *   detector, the sweep counts as one TP if at least one finding mentions every name the scenario
 *   requires (e.g. both confounded hyperparameters), otherwise one FN; findings that do not match
 *   are FPs. When it is not planted, every finding is a FP unless allowed.
 * - Every severity counts (an info finding is still a claim shown to the user); FPs that are
 *   info-only are reported separately. Healthy sweeps judge false alarms on critical and warning.
 * - A scenario may require a minimum severity for a detector (`atLeast`): findings below it are
 *   left out for that detector, so they neither find the planted truth nor count as FPs.
 */
import { severityRank, type DetectorId, type Finding } from '../../src/lib/model';
import {
  ALL_DETECTORS,
  SWEEP,
  SWEEP_LEVEL,
  type PlantedScenario,
} from '../../src/lib/fixtures/planted';

export interface DetectorScore {
  tp: number;
  fp: number;
  fn: number;
  /** FPs whose findings are all info severity. */
  fpInfo: number;
  /** Units (trial ids, `sweep`, or finding ids for sweep-level detectors) behind the FNs and FPs. */
  missed: string[];
  falseAlarms: string[];
}

export type ScenarioScore = Record<DetectorId, DetectorScore>;

const empty = (): DetectorScore => ({
  tp: 0,
  fp: 0,
  fn: 0,
  fpInfo: 0,
  missed: [],
  falseAlarms: [],
});

function isSweepFinding(f: Finding): boolean {
  return f.runIds.length === 0 || f.id.endsWith(`:${SWEEP}`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a finding names `name` as a word in its id, title or evidence. */
export function mentions(f: Finding, name: string): boolean {
  const text = [
    f.id,
    f.title,
    ...f.evidence.flatMap((e) => [e.label, e.value, e.column ?? '', e.threshold ?? '']),
  ].join('\n');
  return new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(name)}($|[^A-Za-z0-9_])`).test(text);
}

function allows(scenario: PlantedScenario, detector: DetectorId, unit: string): boolean {
  const list = scenario.allowed?.[detector];
  return !!list && (list.includes('*') || list.includes(unit));
}

function scoreTrialLevel(
  scenario: PlantedScenario,
  detector: DetectorId,
  findings: Finding[],
): DetectorScore {
  const score = empty();
  // Unit → whether every finding that flags it is info.
  const flagged = new Map<string, boolean>();
  for (const f of findings) {
    const units = isSweepFinding(f) ? [SWEEP, ...f.runIds] : f.runIds;
    for (const u of units) flagged.set(u, (flagged.get(u) ?? true) && f.severity === 'info');
  }
  const truth = new Set(scenario.truth[detector] ?? []);
  for (const id of truth) {
    if (flagged.has(id)) score.tp++;
    else {
      score.fn++;
      score.missed.push(id);
    }
  }
  for (const [unit, infoOnly] of flagged) {
    if (truth.has(unit) || allows(scenario, detector, unit)) continue;
    score.fp++;
    if (infoOnly) score.fpInfo++;
    score.falseAlarms.push(unit);
  }
  return score;
}

function scoreSweepLevel(
  scenario: PlantedScenario,
  detector: DetectorId,
  findings: Finding[],
): DetectorScore {
  const score = empty();
  const planted = scenario.truth[detector]?.includes(SWEEP) ?? false;
  const required = scenario.mentions?.[detector] ?? [];
  const matches = (f: Finding) => planted && required.every((name) => mentions(f, name));
  if (planted) {
    if (findings.some(matches)) score.tp++;
    else {
      score.fn++;
      score.missed.push(required.length > 0 ? `${SWEEP} (${required.join(' + ')})` : SWEEP);
    }
  }
  for (const f of findings) {
    if (matches(f) || allows(scenario, detector, SWEEP)) continue;
    score.fp++;
    if (f.severity === 'info') score.fpInfo++;
    score.falseAlarms.push(f.id);
  }
  return score;
}

export function scoreScenario(scenario: PlantedScenario, findings: Finding[]): ScenarioScore {
  const out = {} as ScenarioScore;
  for (const detector of ALL_DETECTORS) {
    const floor = scenario.atLeast?.[detector];
    const own = findings.filter(
      (f) => f.detector === detector && (!floor || severityRank(f.severity) <= severityRank(floor)),
    );
    out[detector] = SWEEP_LEVEL.has(detector)
      ? scoreSweepLevel(scenario, detector, own)
      : scoreTrialLevel(scenario, detector, own);
  }
  return out;
}

/** A healthy sweep raises a false alarm when any finding is critical or warning. */
export function isFalseAlarm(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'critical' || f.severity === 'warning');
}

export interface ImportanceLike {
  method?: string;
  metric?: string;
  params: { param: string; importance: number }[];
}

/** The hyperparameter ranked first by the summary's importance, or undefined when there is none. */
export function topParam(importance: ImportanceLike | null | undefined): string | undefined {
  if (!importance || importance.params.length === 0) return undefined;
  return [...importance.params].sort((a, b) => b.importance - a.importance)[0].param;
}

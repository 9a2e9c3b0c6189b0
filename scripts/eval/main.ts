/**
 * The detector accuracy harness: generates sweeps with planted pathologies, healthy sweeps and
 * single-driver sweeps, runs the real ingest and analysis on each, and prints precision and recall
 * per detector, the false-alarm rate on healthy sweeps and the importance rank-first rate.
 *
 *   npm run eval:detectors                       # 12 sweeps per detector, 40 healthy, 40 importance
 *   npm run eval:detectors -- --write            # also rewrite docs/DETECTOR-ACCURACY.md
 *   npm run eval:detectors -- --only at-chance --verbose --per-detector 30
 *   npm run eval:detectors -- --show edge-of-range#3   # one sweep: CSV, truth, effects, findings
 *
 * It measures, it does not gate: the exit code is 0 whatever the numbers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { analyze, DEFAULT_SETTINGS } from '../../src/lib/analysis';
import {
  ALL_DETECTORS,
  generateHealthyScenario,
  generateImportanceScenario,
  generateScenario,
  type PlantedScenario,
} from '../../src/lib/fixtures/planted';
import type { AnalysisSummary, DetectorId, SweepDetectorId, Finding } from '../../src/lib/model';
import { datasetFromCsv } from './csv';
import { renderDoc } from './doc';
import {
  isFalseAlarm,
  scoreScenario,
  topParam,
  type DetectorScore,
  type ImportanceLike,
} from './score';

export const GOALS = { precision: 0.95, recall: 0.95, healthyQuiet: 0.95, importance: 0.95 };

export interface Options {
  perDetector: number;
  healthy: number;
  importance: number;
  only: SweepDetectorId[] | null;
  verbose: boolean;
  write: boolean;
  examples: number;
  /** `family#seed`: print that sweep's CSV, truth and findings instead of the table. */
  show: string | null;
}

/** First heading of the hand-written part of docs/DETECTOR-ACCURACY.md. */
const HAND_WRITTEN_FROM = '## Curve detectors';

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    perDetector: 12,
    healthy: 40,
    importance: 40,
    only: null,
    verbose: false,
    write: false,
    examples: 3,
    show: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      return value;
    };
    if (arg === '--write') options.write = true;
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg === '--per-detector') options.perDetector = Number(next());
    else if (arg === '--healthy') options.healthy = Number(next());
    else if (arg === '--importance') options.importance = Number(next());
    else if (arg === '--examples') options.examples = Number(next());
    else if (arg === '--show') options.show = next();
    else if (arg === '--only') {
      const wanted = next().split(',') as SweepDetectorId[];
      const unknown = wanted.filter((d) => !ALL_DETECTORS.includes(d));
      if (unknown.length > 0) throw new Error(`unknown detector(s): ${unknown.join(', ')}`);
      options.only = wanted;
    } else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

/** One problem a scenario showed for one detector: what was missed, what was flagged wrongly. */
export interface Incident {
  detector: SweepDetectorId;
  scenario: string;
  description: string;
  missed: string[];
  falseAlarms: string[];
  /** Title of a finding behind the false alarms, for context. */
  example?: string;
}

export interface Report {
  options: Options;
  planted: number;
  tallies: Record<SweepDetectorId, DetectorScore & { sweeps: number }>;
  incidents: Incident[];
  healthy: { total: number; alarmed: number; byDetector: Partial<Record<DetectorId, number>> };
  importance: { total: number; first: number; available: boolean; misses: string[] };
  errors: string[];
  seconds: number;
}

/** The scenario called `family#seed`. */
export function scenarioNamed(name: string): PlantedScenario {
  const [family, seedText] = name.split('#');
  const seed = Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`expected family#seed, got ${name}`);
  if (family === 'healthy') return generateHealthyScenario(seed);
  if (family === 'importance') return generateImportanceScenario(seed);
  if (!ALL_DETECTORS.includes(family as SweepDetectorId))
    throw new Error(`unknown family ${family}`);
  return generateScenario(family as SweepDetectorId, seed);
}

async function show(name: string): Promise<void> {
  const scenario = scenarioNamed(name);
  const summary = await summarize(scenario);
  const { csv, ...rest } = scenario;
  console.log(csv);
  console.log(JSON.stringify(rest, null, 2));
  console.log('\nFindings:');
  for (const f of summary.findings) {
    console.log(
      `  [${f.severity}] ${f.id} — ${f.title} (runs: ${f.runIds.slice(0, 8).join(', ')}${f.runIds.length > 8 ? ', …' : ''})`,
    );
  }
  const scores = scoreScenario(scenario, summary.findings);
  for (const [d, s] of Object.entries(scores)) {
    if (s.tp + s.fp + s.fn > 0) {
      console.log(
        `  ${d}: TP ${s.tp} FP ${s.fp} FN ${s.fn}${s.missed.length ? ` missed ${s.missed.join(', ')}` : ''}${s.falseAlarms.length ? ` false alarms ${s.falseAlarms.join(', ')}` : ''}`,
      );
    }
  }
}

async function summarize(scenario: PlantedScenario): Promise<AnalysisSummary> {
  const dataset = await datasetFromCsv(scenario.csv, `${scenario.name.replace('#', '-')}.csv`);
  return analyze(dataset, { overrides: {}, settings: DEFAULT_SETTINGS });
}

export async function evaluate(options: Options): Promise<Report> {
  const started = Date.now();
  const detectors = options.only ?? ALL_DETECTORS;
  const tallies = {} as Report['tallies'];
  for (const d of ALL_DETECTORS) {
    tallies[d] = { sweeps: 0, tp: 0, fp: 0, fn: 0, fpInfo: 0, missed: [], falseAlarms: [] };
  }
  const incidents: Incident[] = [];
  const errors: string[] = [];

  const record = (scenario: PlantedScenario, findings: Finding[]) => {
    const scores = scoreScenario(scenario, findings);
    for (const d of ALL_DETECTORS) {
      const s = scores[d];
      const t = tallies[d];
      t.tp += s.tp;
      t.fp += s.fp;
      t.fn += s.fn;
      t.fpInfo += s.fpInfo;
      if (scenario.truth[d]) t.sweeps++;
      if (s.missed.length > 0 || s.falseAlarms.length > 0) {
        const example = findings.find(
          (f) =>
            f.detector === d &&
            (s.falseAlarms.includes(f.id) || f.runIds.some((id) => s.falseAlarms.includes(id))),
        );
        incidents.push({
          detector: d,
          scenario: scenario.name,
          description: scenario.description,
          missed: s.missed,
          falseAlarms: s.falseAlarms,
          ...(example ? { example: `[${example.severity}] ${example.title}` } : {}),
        });
      }
    }
  };

  let planted = 0;
  for (const detector of detectors) {
    for (let seed = 1; seed <= options.perDetector; seed++) {
      const scenario = generateScenario(detector, seed);
      planted++;
      try {
        record(scenario, (await summarize(scenario)).findings);
      } catch (error) {
        errors.push(`${scenario.name}: ${(error as Error).stack ?? String(error)}`);
        record(scenario, []);
      }
    }
  }

  const healthy: Report['healthy'] = { total: 0, alarmed: 0, byDetector: {} };
  for (let seed = 1; seed <= options.healthy; seed++) {
    const scenario = generateHealthyScenario(seed);
    healthy.total++;
    let findings: Finding[] = [];
    try {
      findings = (await summarize(scenario)).findings;
    } catch (error) {
      errors.push(`${scenario.name}: ${(error as Error).stack ?? String(error)}`);
    }
    record(scenario, findings);
    if (isFalseAlarm(findings)) healthy.alarmed++;
    const alarming = new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.detector));
    for (const d of alarming) healthy.byDetector[d] = (healthy.byDetector[d] ?? 0) + 1;
  }

  const importance: Report['importance'] = { total: 0, first: 0, available: false, misses: [] };
  for (let seed = 1; seed <= options.importance; seed++) {
    const scenario = generateImportanceScenario(seed);
    try {
      const summary = (await summarize(scenario)) as AnalysisSummary & {
        importance?: ImportanceLike | null;
      };
      importance.total++;
      if (summary.importance) importance.available = true;
      const top = topParam(summary.importance);
      if (top === scenario.driver) importance.first++;
      else
        importance.misses.push(
          `${scenario.name}: ${scenario.description}; ranked first: ${top ?? 'none'}`,
        );
    } catch (error) {
      errors.push(`${scenario.name}: ${(error as Error).stack ?? String(error)}`);
    }
  }

  return {
    options,
    planted,
    tallies,
    incidents,
    healthy,
    importance,
    errors,
    seconds: (Date.now() - started) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// Printing

export const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);
export const fmtRatio = (x: number | null): string => (x === null ? '—' : x.toFixed(3));
export const pass = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

export interface Row {
  detector: SweepDetectorId;
  sweeps: number;
  tp: number;
  fp: number;
  fpInfo: number;
  fn: number;
  precision: number | null;
  /** Precision when info-only false positives are not counted. */
  precisionWarn: number | null;
  recall: number | null;
  ok: boolean;
}

export function rowsOf(report: Report): Row[] {
  const detectors = report.options.only ?? ALL_DETECTORS;
  return detectors.map((detector) => {
    const t = report.tallies[detector];
    const precision = ratio(t.tp, t.tp + t.fp);
    const precisionWarn = ratio(t.tp, t.tp + t.fp - t.fpInfo);
    const recall = ratio(t.tp, t.tp + t.fn);
    // No finding at all on a detector that was planted: precision is undefined, recall 0.
    const ok =
      (precision ?? (t.fp === 0 ? 1 : 0)) >= GOALS.precision &&
      recall !== null &&
      recall >= GOALS.recall;
    return { detector, ...t, precision, precisionWarn, recall, ok };
  });
}

export function table(rows: Row[]): string {
  const lines = [
    '| detector | planted sweeps | TP | FP (info) | FN | precision | precision w/o info FP | recall | goal |',
    '|---|--:|--:|--:|--:|--:|--:|--:|:-:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.detector} | ${r.sweeps} | ${r.tp} | ${r.fp} (${r.fpInfo}) | ${r.fn} | ${fmtRatio(r.precision)} | ${fmtRatio(r.precisionWarn)} | ${fmtRatio(r.recall)} | ${pass(r.ok)} |`,
    );
  }
  return lines.join('\n');
}

export function healthyLine(report: Report): { text: string; ok: boolean } {
  const { total, alarmed, byDetector } = report.healthy;
  const quiet = ratio(total - alarmed, total);
  const ok = quiet !== null && quiet >= GOALS.healthyQuiet;
  const by = Object.entries(byDetector)
    .sort((a, b) => b[1] - a[1])
    .map(([d, n]) => `${d} ${n}`)
    .join(', ');
  return {
    ok,
    text: `Healthy sweeps with no critical/warning finding: ${total - alarmed}/${total} (${quiet === null ? '—' : `${(100 * quiet).toFixed(1)}%`}); false-alarm rate ${quiet === null ? '—' : `${(100 * (1 - quiet)).toFixed(1)}%`}${by ? ` (sweeps alarmed by: ${by})` : ''} — goal ≥ ${100 * GOALS.healthyQuiet}% quiet: ${pass(ok)}`,
  };
}

export function importanceLine(report: Report): { text: string; ok: boolean | null } {
  const { total, first, available } = report.importance;
  if (!available) {
    return {
      ok: null,
      text: `Importance rank-first when one hyperparameter drives the metric: n/a (the summary has no importance yet; ${total} sweeps) — goal ≥ ${100 * GOALS.importance}%: n/a`,
    };
  }
  const rate = ratio(first, total);
  const ok = rate !== null && rate >= GOALS.importance;
  return {
    ok,
    text: `Importance rank-first when one hyperparameter drives the metric: ${first}/${total} (${rate === null ? '—' : `${(100 * rate).toFixed(1)}%`}) — goal ≥ ${100 * GOALS.importance}%: ${pass(ok)}`,
  };
}

export function incidentLines(report: Report, perDetector: number): string[] {
  const lines: string[] = [];
  const detectors = ALL_DETECTORS;
  for (const d of detectors) {
    const own = report.incidents.filter((i) => i.detector === d);
    if (own.length === 0) continue;
    lines.push(`- **${d}** (${own.length} sweep${own.length === 1 ? '' : 's'}):`);
    for (const i of own.slice(0, perDetector)) {
      const parts: string[] = [];
      if (i.missed.length > 0) {
        parts.push(
          `missed ${i.missed.slice(0, 8).join(', ')}${i.missed.length > 8 ? ` (+${i.missed.length - 8})` : ''}`,
        );
      }
      if (i.falseAlarms.length > 0) {
        parts.push(
          `false alarm on ${i.falseAlarms.slice(0, 6).join(', ')}${i.falseAlarms.length > 6 ? ` (+${i.falseAlarms.length - 6})` : ''}`,
        );
      }
      lines.push(
        `  - \`${i.scenario}\` (${i.description}): ${parts.join('; ')}${i.example ? ` — e.g. ${i.example}` : ''}`,
      );
    }
    if (own.length > perDetector) lines.push(`  - … ${own.length - perDetector} more`);
  }
  return lines;
}

export async function main(argv: string[]): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`eval:detectors: ${(error as Error).message}`);
    console.error(
      'usage: npm run eval:detectors -- [--write] [--verbose] [--per-detector N] [--healthy N] [--importance N] [--only id,id] [--examples N] [--show family#seed]',
    );
    return;
  }
  if (options.show) {
    await show(options.show);
    return;
  }
  const report = await evaluate(options);
  const rows = rowsOf(report);
  const healthy = healthyLine(report);
  const importance = importanceLine(report);
  const out: string[] = [
    `Detector accuracy: ${report.planted} planted sweeps (${options.perDetector} per detector), ${report.healthy.total} healthy, ${report.importance.total} importance (${report.seconds.toFixed(1)} s)`,
    '',
    table(rows),
    '',
    healthy.text,
    importance.text,
    '',
    'Goals:',
    ...rows.map(
      (r) =>
        `  ${pass(r.ok)}  ${r.detector}: precision ${fmtRatio(r.precision)} / recall ${fmtRatio(r.recall)} (goal ≥ ${GOALS.precision} / ≥ ${GOALS.recall})`,
    ),
    `  ${pass(healthy.ok)}  healthy sweeps quiet ≥ ${100 * GOALS.healthyQuiet}%`,
    `  ${importance.ok === null ? 'n/a ' : pass(importance.ok)}  importance rank-first ≥ ${100 * GOALS.importance}%`,
  ];
  const incidents = incidentLines(report, options.verbose ? Infinity : options.examples);
  if (incidents.length > 0) {
    out.push(
      '',
      `Misses and false alarms${options.verbose ? '' : ` (first ${options.examples} per detector; --verbose for all)`}:`,
      ...incidents,
    );
  }
  if (options.verbose && report.importance.misses.length > 0) {
    out.push('', 'Importance misses:', ...report.importance.misses.map((m) => `  - ${m}`));
  }
  if (report.errors.length > 0) {
    out.push(
      '',
      `${report.errors.length} sweep(s) threw:`,
      ...report.errors.slice(0, 5).map((e) => `  ${e.split('\n').slice(0, 4).join('\n  ')}`),
    );
  }
  console.log(out.join('\n'));
  if (options.write) {
    const path = 'docs/DETECTOR-ACCURACY.md';
    // The sections after the generated ones (curve and report detectors, measured on real files
    // by the unit tests) are written by hand: keep them.
    const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const handWritten = previous.indexOf(HAND_WRITTEN_FROM);
    const text =
      renderDoc(report, rows, healthy.text, importance.text) +
      (handWritten >= 0 ? `\n${previous.slice(handWritten)}` : '');
    const config = (await prettier.resolveConfig(path)) ?? {};
    writeFileSync(path, await prettier.format(text, { ...config, filepath: path }));
    console.log(`\nWrote ${path}`);
  }
}

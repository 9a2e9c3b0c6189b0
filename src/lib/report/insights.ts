/**
 * Report parts built from the primary metric's statistics: importance, Spearman correlations and
 * the recommended region of the best trials, plus the "search next" advice they imply.
 */
import type {
  AnalysisSummary,
  ParamCorrelation,
  PrimaryMetric,
  RecommendedRegion,
  RegionParam,
} from '../model';
import { escapeList, escapeMarkdown as esc } from './escape';
import { fineShare, num, pEquals, range, rho, share, trials } from './format';

/** Hyperparameters below this importance with a low-confidence region "barely matter". */
const NEGLIGIBLE_IMPORTANCE = 0.05;
const MAX_ROWS = 20;

const SPLIT_NAMES: Record<PrimaryMetric['split'], string> = {
  train: 'training',
  val: 'validation',
  test: 'test',
  other: 'unlabelled split',
};

export function describeMetric(m: PrimaryMetric): string {
  const family = m.family === 'other' ? 'metric' : m.family;
  const better = m.direction === 'min' ? 'lower is better' : 'higher is better';
  return `**${esc(m.column)}** (${SPLIT_NAMES[m.split]} ${family}, ${better})`;
}

function correlationText(c: ParamCorrelation | undefined): string {
  if (!c) return '–';
  const method = c.pMethod === 'exact' ? ', exact' : '';
  return `${rho(c.rho)} (n = ${c.n}, ${pEquals('p', c.pValue)}${method})`;
}

export function importanceSection(s: AnalysisSummary): string {
  const lines = ['## Importance and best region', ''];
  const metric = s.primaryMetric;
  if (!metric) {
    lines.push('No metric column was recognised, so there is nothing to rank trials by.');
    return lines.join('\n');
  }
  lines.push(`Primary metric: ${describeMetric(metric)}.`, '');
  const imp = s.importance;
  const byParam = new Map(s.correlations.map((c) => [c.param, c]));
  if (imp && imp.params.length > 0) {
    lines.push(
      `Hyperparameter importance: ${esc(imp.method)}, over ${imp.trials} finished trials. Importance is the share of the variance of ${esc(metric.column)}'s ranks that a hyperparameter explains alone; Spearman's ρ says whether the metric rises (+) or falls (−) with it.`,
      '',
      '| Hyperparameter | Importance | Spearman ρ |',
      '| --- | --- | --- |',
    );
    for (const p of imp.params.slice(0, MAX_ROWS)) {
      lines.push(
        `| ${esc(p.param)} | ${fineShare(p.importance)} | ${correlationText(byParam.get(p.param))} |`,
      );
    }
    if (imp.params.length > MAX_ROWS) {
      lines.push(
        '',
        `${imp.params.length - MAX_ROWS} more hyperparameters are in the JSON summary.`,
      );
    }
    lines.push(
      '',
      `Interactions between hyperparameters explain the remaining ${share(imp.interactions)}.`,
    );
  } else {
    lines.push(
      'Hyperparameter importance was not computed: it needs at least 10 finished trials with a finite value of the metric and a hyperparameter that varies (see Data quality).',
    );
    if (s.correlations.length > 0) {
      lines.push('', '| Hyperparameter | Spearman ρ |', '| --- | --- |');
      for (const c of s.correlations.slice(0, MAX_ROWS)) {
        lines.push(`| ${esc(c.param)} | ${correlationText(c)} |`);
      }
    }
  }
  lines.push('', ...regionLines(s.recommendedRegion));
  return lines.join('\n');
}

function regionLines(region: RecommendedRegion | null): string[] {
  if (!region) {
    return [
      'No best region: it needs at least 10 finished trials without a critical finding and with a finite value of the metric.',
    ];
  }
  const best = region.runIds.map((id, i) => `${esc(id)} (${num(region.values[i])})`);
  const excluded =
    region.excluded > 0
      ? `; ${trials(region.excluded)} with a critical finding or an untrustworthy metric left out`
      : '';
  const lines = [
    `Best region: the ${region.topK} best of ${region.ranked} ranked trials by ${esc(region.metric)} (top 10%, at least 5${excluded}): ${best.slice(0, 10).join(', ')}${best.length > 10 ? ` … (+${best.length - 10} more)` : ''}.`,
    '',
  ];
  if (region.params.length === 0) {
    lines.push('No hyperparameter varies among the ranked trials.');
    return lines;
  }
  lines.push(
    '| Hyperparameter | Best trials | Searched | Trials in it | Confidence |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const p of region.params.slice(0, MAX_ROWS)) {
    lines.push(
      `| ${esc(p.param)} | ${bestText(p, region.topK)} | ${searchedText(p)} | ${share(p.share)} | ${p.confidence} (${pEquals('p', p.pValue)}) |`,
    );
  }
  lines.push(
    '',
    `"Trials in it" is the share of all ranked trials inside the best trials' range (or with their most common value). Confidence says how unlikely random trials are to be this concentrated: high for p ≤ 0.01, medium for p ≤ 0.1, low otherwise (the best trials are spread like random ones).`,
  );
  return lines;
}

function bestText(p: RegionParam, k: number): string {
  if (p.kind === 'range') return range(p.lo, p.hi);
  return p.values.map((v) => `${esc(v.value)} (${v.best} of ${k})`).join(', ');
}

function searchedText(p: RegionParam): string {
  if (p.kind === 'range')
    return `${range(p.searchedLo, p.searchedHi)}${p.logScale ? ' (log)' : ''}`;
  return `${p.searchedValues} values`;
}

/** "Search next" items for the recommendations, most important hyperparameter first. */
export function searchNextRecommendations(s: AnalysisSummary): string[] {
  const region = s.recommendedRegion;
  if (!region || region.params.length === 0) return [];
  const importance = new Map(s.importance?.params.map((p) => [p.param, p.importance]));
  const items: string[] = [];
  const from = `the ${region.topK} best trials by ${esc(region.metric)}`;
  for (const p of region.params) {
    if (p.confidence === 'low') continue;
    const imp = importance.get(p.param);
    const why = `${p.confidence} confidence, ${pEquals('p', p.pValue)}${imp !== undefined ? `; importance ${fineShare(imp)}` : ''}`;
    items.push(`${searchAdvice(p, region.topK)} (${why}; from ${from}).`);
  }
  const negligible = region.params.filter(
    (p) => p.confidence === 'low' && (importance.get(p.param) ?? 1) < NEGLIGIBLE_IMPORTANCE,
  );
  if (negligible.length > 0) {
    items.push(
      `${escapeList(negligible.map((p) => p.param))} barely ${negligible.length === 1 ? 'matters' : 'matter'} for ${esc(region.metric)} (importance under ${share(NEGLIGIBLE_IMPORTANCE)}, best trials spread like random ones): fix ${negligible.length === 1 ? 'it' : 'them'} at a convenient value and spend the trials on the hyperparameters that matter.`,
    );
  }
  if (items.length === 0) {
    items.push(
      `No hyperparameter pins down ${from}: they are spread over the searched space like random trials. Rerun the best configurations on 2–3 seeds before trusting their order, and widen the search or add trials.`,
    );
  }
  return items;
}

function searchAdvice(p: RegionParam, k: number): string {
  const name = `**${esc(p.param)}**`;
  if (p.kind === 'values') {
    const head = p.values[0];
    const others =
      p.values.length > 1
        ? ` (others among the best: ${p.values
            .slice(1)
            .map((v) => esc(v.value))
            .join(', ')})`
        : '';
    return `Prefer ${name} = ${esc(head.value)}: ${head.best} of the ${k} best trials, against ${share(p.share)} of all trials${others}`;
  }
  const sampling = p.logScale ? ', sampled log-uniformly' : '';
  const inside = `the best trials use ${range(p.lo, p.hi)}, where only ${share(p.share)} of all trials are`;
  if (p.edge === 'high') {
    return `Search ${name} from ${num(p.lo)} upwards and extend the range above ${num(p.searchedHi)}${sampling}: ${inside}, at the top of the searched range`;
  }
  if (p.edge === 'low') {
    return `Search ${name} up to ${num(p.hi)} and extend the range below ${num(p.searchedLo)}${sampling}: ${inside}, at the bottom of the searched range`;
  }
  if (p.edge === 'both') {
    return `Search ${name} over ${range(p.lo, p.hi)} and beyond both ends${sampling}: ${inside}`;
  }
  return `Narrow ${name} to ${range(p.lo, p.hi)}${sampling}: ${inside}`;
}

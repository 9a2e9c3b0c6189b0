/**
 * Language-model losses and perplexities at the level of a uniform guess over the vocabulary: a
 * per-token cross-entropy above ln(vocabulary) (10.4 for 32,000 tokens) is worse than guessing,
 * and a perplexity in the thousands after fine-tuning is a model that has not learned, however
 * much it fell ("44% lower perplexity": 45,916 → 25,594). Only judged on language-model runs —
 * a perplexity metric or a vocab_size in the row — since an MSE or a summed loss has no such scale.
 */
import { formatNumber as fmt, type Evidence, type Finding, type NumberColumn } from '../../model';
import { plain } from '../audit/interval';
import { finiteAt, metricColumns, type Detector, type DetectorContext } from '../context';
import { runLabel } from '../known-params';
import { metricKind } from '../sweep/metric-kind';

const VOCAB = /(^|[/._])(vocab|vocabulary)[_-]?size$/i;

export const implausibleLossScale: Detector = {
  id: 'implausible-loss-scale',
  label: 'Implausible loss scale',
  description:
    'On language-model runs: a per-token loss above ln(vocabulary size), or a perplexity at or above maxPerplexity — the model is near or below a uniform guess over its tokens.',
  run(ctx) {
    const { maxPerplexity } = ctx.settings.implausibleLossScale;
    const metrics = metricColumns(ctx);
    const perplexities = metrics.filter((m) => metricKind(m.column.name, m.role) === 'perplexity');
    const losses = metrics.filter(
      (m) => m.role.family === 'loss' && metricKind(m.column.name, m.role) !== 'perplexity',
    );
    const vocabColumns = ctx.table.columns.filter(
      (c): c is NumberColumn => c.kind === 'number' && VOCAB.test(c.name),
    );
    if (perplexities.length === 0 && vocabColumns.length === 0) return [];
    const findings: Finding[] = [];
    for (let row = 0; row < ctx.table.rowCount; row++) {
      const stated = vocabAt(vocabColumns, row);
      const lm = stated !== null || perplexities.some((m) => finiteAt(m.column, row) !== null);
      if (!lm) continue;
      const vocab = stated ?? ctx.settings.implausibleLossScale.vocabSize;
      const lnV = Math.log(vocab);
      const source = stated !== null ? 'vocab_size in the run' : 'vocabSize setting';
      const evidence: Evidence[] = [];
      let headline = '';
      for (const { column } of perplexities) {
        const v = finiteAt(column, row);
        if (v === null || v < maxPerplexity) continue;
        evidence.push({
          label: column.name,
          value: plain(v),
          threshold: `≥ ${plain(maxPerplexity)}; a uniform guess over ${plain(vocab)} tokens scores ${plain(vocab)}`,
          column: column.name,
        });
        evidence.push(...otherRuns(ctx, column, row, maxPerplexity));
        headline ||= `${column.name} ${plain(v)}`;
      }
      for (const { column } of losses) {
        const v = finiteAt(column, row);
        if (v === null || v <= lnV) continue;
        evidence.push({
          label: column.name,
          value: fmt(v),
          threshold: `> ln(${plain(vocab)}) ≈ ${fmt(Number(lnV.toPrecision(3)))} (${source})`,
          column: column.name,
        });
        headline ||= `${column.name} ${fmt(v)}`;
      }
      if (evidence.length === 0) continue;
      findings.push(findingFor(ctx, row, vocab, headline, evidence));
    }
    return findings;
  },
};

/** The same metric in the other runs (a base model): a 44% drop between two such values is no fix. */
function otherRuns(
  ctx: DetectorContext,
  column: NumberColumn,
  row: number,
  maxPerplexity: number,
): Evidence[] {
  const others: string[] = [];
  for (let other = 0; other < ctx.table.rowCount && others.length < 4; other++) {
    const v = other === row ? null : finiteAt(column, other);
    if (v !== null && v >= maxPerplexity) others.push(`${ctx.runIds[other]} ${plain(v)}`);
  }
  if (others.length === 0) return [];
  return [
    { label: `${column.name} of the other runs, also implausible`, value: others.join(', ') },
  ];
}

function vocabAt(columns: NumberColumn[], row: number): number | null {
  for (const column of columns) {
    const v = finiteAt(column, row);
    if (v !== null && v >= 2) return v;
  }
  return null;
}

function findingFor(
  ctx: DetectorContext,
  row: number,
  vocab: number,
  headline: string,
  evidence: Evidence[],
): Finding {
  const runId = ctx.runIds[row];
  const lnV = fmt(Number(Math.log(vocab).toPrecision(3)));
  const v = plain(vocab);
  return {
    id: `implausible-loss-scale:${runId}`,
    detector: 'implausible-loss-scale',
    severity: 'critical',
    title: `${runLabel(runId)}: ${headline} is at the level of a uniform guess over ${v} tokens (loss ln ${v} ≈ ${lnV})`,
    runIds: [runId],
    rows: [row],
    evidence,
    explanation: `A language model that guesses uniformly over ${v} tokens has a per-token loss of ln(${v}) ≈ ${lnV} and a perplexity of ${v}; trained models reach losses of 1–4 (perplexities of 3–50). A value at or above that level means the model has not learned the data, or the loss is not a per-token mean (summed over tokens or batch, computed on padding, or over mis-shifted labels). A large relative improvement between two such values is still a model that predicts next to nothing.`,
    recommendation:
      'Check that the loss is the mean cross-entropy per predicted token (ignore padding, shift labels by one) and that the tokenizer matches the model; evaluate the base model the same way as a sanity check (a pretrained LM scores far below ln(vocabulary)); and do not report the relative change between two implausible values as an improvement.',
  };
}

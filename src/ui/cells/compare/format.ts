/** How the Compare cell writes differences, intervals and p-values. */
import type { CompareTest, DiffInterval } from '../../../lib/model';

/** 3 significant digits: an interval's ends need no more than the difference they bound. */
function short(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return abs.toExponential(1);
  return String(Number(abs.toPrecision(3)));
}

/** "+0.035" / "−0.088" (a real minus sign, so the column lines up and reads well). */
export function formatDiff(v: number): string {
  const s = short(v);
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : '0';
}

export function formatInterval(i: DiffInterval): string {
  return `[${formatDiff(i.low)}, ${formatDiff(i.high)}]`;
}

/** "p < 0.001", "p = 0.032", "p = 0.71". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : String(Number(p.toPrecision(2)))}`;
}

/** Significant at 5%: the interval of the difference excludes 0. */
export function isSignificant(test: CompareTest): boolean {
  return test.pValue !== null && test.pValue < 0.05;
}

/** "±0.0098" beside a leaderboard value. */
export function formatHalfWidth(value: number, i: DiffInterval): string {
  return `±${short(Math.max(i.high - value, value - i.low))}`;
}

/** What each test did, in plain words, behind the one-line method (a disclosure in the table). */
export function explainTest(test: CompareTest): string {
  switch (test.kind) {
    case 'paired-bootstrap':
      return (
        'Both runs were scored on the same examples, so each example gives a paired difference. ' +
        'Those examples were resampled with replacement many times: the interval holds the middle ' +
        '95% of the resampled mean differences, and p is how often a resample lands as far from ' +
        'the observed difference as the observed difference is from zero.'
      );
    case 'stderr-z':
      return (
        'Each score came with its standard error (as lm-evaluation-harness reports it). The ' +
        'difference is divided by the combined error √(se₁² + se₂²) and read against a normal ' +
        'curve; this assumes the two evaluations are independent, which overstates the noise ' +
        'when both ran on the same examples.'
      );
    case 'two-proportion':
      return (
        'Accuracies on a known number of examples: the difference is compared with how far two ' +
        'accuracies measured on that many examples drift apart by chance alone.'
      );
    case 'none':
      return (
        'Without per-sample results, a standard error or the number of examples, nothing says ' +
        'how much this value would move on a rerun, so the difference cannot be called noise or ' +
        'real.'
      );
  }
}

/** The verdict beside a tested difference. */
export function verdictOf(test: CompareTest): 'real difference' | 'within noise' | null {
  if (test.pValue === null || !test.interval) return null;
  return isSignificant(test) ? 'real difference' : 'within noise';
}

/**
 * A long id or path split after its separators (`_ - / . , =`), so it wraps between words
 * (`lmeval_v04_llama3_peft_` / `epoch62_…`) rather than at an arbitrary letter.
 */
export function breakParts(text: string): string[] {
  // Not inside a number: `lr1e-6` stays whole.
  return text.split(/(?<=[_/.,=]|-(?=\D))/);
}

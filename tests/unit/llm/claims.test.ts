import { describe, expect, it } from 'vitest';
import { checkClaims, collectFacts } from '../../../src/lib/llm';
import { NumberSet, parseWritten } from '../../../src/lib/llm/numbers';
import { buildMarkdownReport } from '../../../src/lib/report';
import { noWeightDecaySummary, seedSummary } from './fixtures';

const unmatched = (text: string, facts = collectFacts(seedSummary())) =>
  checkClaims(text, facts).unmatched.map((c) => `${c.kind}:${c.text}`);

describe('reading written numbers', () => {
  it('implies a rounding tolerance from the digits written', () => {
    expect(parseWritten('0.42')).toMatchObject({ value: 0.42, tolerance: 0.005 });
    expect(parseWritten('5')).toMatchObject({ value: 5, tolerance: 0.5 });
    expect(parseWritten('2e-4')?.tolerance).toBeCloseTo(0.5e-4, 12);
    expect(parseWritten('1.5e-3')?.tolerance).toBeCloseTo(0.5e-4, 12);
    expect(parseWritten('1,234')).toMatchObject({ value: 1234, tolerance: 0.5 });
    expect(parseWritten('abc')).toBeNull();
  });

  it('matches a value within the written rounding only', () => {
    const set = new NumberSet([5.333333, 0.0002, 0.1 + 0.2]);
    expect(set.matches(parseWritten('5.33')!)).toBe(true);
    expect(set.matches(parseWritten('5.3')!)).toBe(true);
    expect(set.matches(parseWritten('5.4')!)).toBe(false);
    expect(set.matches(parseWritten('2e-4')!)).toBe(true);
    expect(set.matches(parseWritten('0.0002')!)).toBe(true);
    expect(set.matches(parseWritten('0.3')!)).toBe(true);
    expect(set.matches(parseWritten('3e-4')!)).toBe(false);
  });
});

describe('checkClaims on the seed sample', () => {
  it('accepts numbers and run ids that are in the summary, in any written form', () => {
    const text = [
      'Trial 2 failed with NaN metrics and trial 4 logged an infinite val_loss.',
      'Trial 3 overfits: val_loss is 5.33× train_loss (5.333, 0.8 vs 0.15).',
      'Two of the 6 trials are healthy (33%); 67% have issues.',
      'Keep lr ≤ 0.005 rather than 0.01 or 0.02; weight_decay was 1e-4.',
    ].join('\n');
    expect(unmatched(text)).toEqual([]);
  });

  it('accepts every number of the deterministic report when it is given as a source', () => {
    const summary = seedSummary();
    const md = buildMarkdownReport(summary);
    const facts = collectFacts(summary, [md]);
    expect(checkClaims(md, facts).unmatched).toEqual([]);
  });

  it('flags invented numbers, percentages and scientific notation', () => {
    expect(
      unmatched('val_loss reached 0.57, 42.5% of runs failed and lr 3e-4 worked best.'),
    ).toEqual(['number:0.57', 'number:42.5%', 'number:3e-4']);
  });

  it('flags run ids that do not exist, numeric or not', () => {
    expect(unmatched('Trials 2, 4 and 9 crashed; run_7_lr-1e-3 diverged.')).toEqual([
      'run:9',
      'run:run_7_lr-1e-3',
    ]);
  });

  it('treats a number after "trial" as an id, not as a value', () => {
    // 20 is a value in the data (epochs) but no trial is called 20.
    expect(unmatched('Trial 20 was the best.')).toEqual(['run:20']);
  });

  it('skips markdown list markers', () => {
    expect(unmatched('1. Trial 2 failed.\n2. Trial 4 diverged.\n')).toEqual([]);
  });

  it('reports offsets that cover the claim and the percent sign', () => {
    const text = 'About 42.5 % failed.';
    const [claim] = checkClaims(text, collectFacts(seedSummary())).unmatched;
    expect(text.slice(claim.start, claim.end)).toBe('42.5 %');
  });
});

describe("the original tool's hallucination", () => {
  const facts = collectFacts(noWeightDecaySummary());
  const text =
    'The failed trial used a weight decay of 0.01, which caused the divergence. Trial 2 failed.';

  it('flags the hyperparameter the data does not have and the value credited to it', () => {
    const report = checkClaims(text, facts);
    expect(report.unmatched.map((c) => `${c.kind}:${c.text}`)).toEqual([
      'name:weight decay',
      'number:0.01',
    ]);
    expect(report.counts).toEqual({ number: 1, run: 0, name: 1 });
    expect(report.unmatched[1].reason).toMatch(/no "weight decay"/);
  });

  it('keeps names the data has', () => {
    expect(checkClaims('The learning rate (lr) of 0.03 failed.', facts).unmatched).toEqual([]);
    const seedFacts = collectFacts(seedSummary());
    expect(checkClaims('weight decay was 0.001 in trial 6', seedFacts).unmatched).toEqual([]);
  });
});

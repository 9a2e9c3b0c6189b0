/** How the Compare cell writes its tests (src/ui/cells/compare/format.ts): verdicts and wrapping. */
import { describe, expect, it } from 'vitest';
import type { CompareTest } from '../../../../src/lib/model';
import {
  breakParts,
  explainTest,
  formatP,
  verdictOf,
} from '../../../../src/ui/cells/compare/format';

const test = (pValue: number | null): CompareTest => ({
  kind: pValue === null ? 'none' : 'stderr-z',
  method: '',
  difference: -0.03,
  pValue,
  interval: pValue === null ? null : { low: -0.06, high: 0.004 },
});

describe('Compare cell wording', () => {
  it('calls p < 0.05 a real difference, anything else within noise, no test no verdict', () => {
    expect(verdictOf(test(0.083))).toBe('within noise');
    expect(verdictOf(test(0.0001))).toBe('real difference');
    expect(verdictOf(test(null))).toBeNull();
    expect(formatP(0.0832)).toBe('p = 0.083');
  });

  it('explains every kind of test in words', () => {
    for (const kind of ['paired-bootstrap', 'stderr-z', 'two-proportion', 'none'] as const)
      expect(explainTest({ ...test(0.5), kind }).length).toBeGreaterThan(60);
  });

  it('splits long ids after separators, never inside a number like 1e-6', () => {
    const id = 'lmeval_v04_llama3_peft_epoch62/lr1e-6';
    expect(breakParts(id).join('')).toBe(id);
    expect(breakParts(id)).toEqual(['lmeval_', 'v04_', 'llama3_', 'peft_', 'epoch62/', 'lr1e-6']);
    expect(breakParts('a-b')).toEqual(['a-', 'b']);
  });
});

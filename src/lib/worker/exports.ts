/** The worker side of the exports: each format built from the full summary, as a Blob. */
import type { AnalysisSummary } from '../model';
import { summaryToJson } from '../report';
import { findingsCsvLines } from '../report/findings-csv';
import { htmlReportParts, type HtmlReportItem, type ReportFigure } from '../report/html-report';
import type { FigureSpec } from '../report/figures';
import type { ExportFormat, FigureRequest, HtmlReportOptions } from './protocol';

export async function buildExport(
  summary: AnalysisSummary,
  format: ExportFormat,
  report: HtmlReportOptions | undefined,
  figure: (request: FigureRequest) => FigureSpec,
): Promise<Blob> {
  switch (format) {
    case 'summary-json':
      return new Blob([summaryToJson(summary)], { type: 'application/json' });
    case 'findings-csv':
      return new Blob(findingsCsvLines(summary), { type: 'text/csv;charset=utf-8' });
    case 'html-report': {
      const cells = report?.cells ?? [];
      const items: HtmlReportItem[] = cells.map((cell) =>
        cell.kind === 'note'
          ? { kind: 'note', markdown: String(cell.markdown) }
          : { kind: 'figure', spec: safeFigure(cell.request, figure) },
      );
      const plotlyScript = report?.plotly ? await report.plotly.text() : undefined;
      const parts = await htmlReportParts({ summary, items, plotlyScript });
      return new Blob(parts, { type: 'text/html;charset=utf-8' });
    }
  }
}

/** One figure that cannot be built (e.g. a column renamed since) must not sink the whole report. */
function safeFigure(
  request: FigureRequest,
  figure: (request: FigureRequest) => FigureSpec,
): ReportFigure {
  try {
    return figure(request);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { title: request.kind, data: [], layout: {}, empty: `Not drawn: ${reason}` };
  }
}

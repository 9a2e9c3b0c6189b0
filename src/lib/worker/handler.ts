/** Request handling for the analysis worker, separated from `self` so it runs in Node tests. */
import { analyze, curveView, inferRoles, roleHintsOf, summaryForView } from '../analysis';
import { compareForView } from '../analysis/compare';
import { IngestCancelled, IngestError, readSources } from '../ingest';
import type { AnalysisSummary, Column, Dataset } from '../model';
import { buildMarkdownReport } from '../report';
import { buildFigure, figureAxes, figureContext, type FigureContext } from '../report/figures';
import type {
  AnalyzeOptions,
  AnalyzeResult,
  FromWorker,
  LoadResult,
  Request,
  WorkerError,
} from './protocol';
import { buildExport } from './exports';
import { mergeSettings } from './settings';
import { settingsSchema } from './settings-schema';

export interface WorkerHost {
  post(message: FromWorker, transfer?: Transferable[]): void;
}

const datasets = new Map<number, Dataset>();
/** The full summary of each dataset's latest analysis, for exports. */
const latest = new Map<number, AnalysisSummary>();
let nextDatasetId = 1;

export async function handleRequest(
  request: Request,
  host: WorkerHost,
  isCancelled: () => boolean,
): Promise<void> {
  try {
    if (request.type === 'load') {
      if (request.files.length === 0) {
        postError(host, request.id, { code: 'unsupported', message: 'No file was given.' });
        return;
      }
      const inputs = request.files.map(({ file, path }) => ({ path, source: file }));
      const dataset = await readSources(
        inputs,
        {
          isCancelled,
          onProgress: (progress) => host.post({ kind: 'progress', id: request.id, progress }),
        },
        { tableFormats: request.options.tableFormats },
      );
      if (isCancelled()) throw new IngestCancelled();
      const datasetId = nextDatasetId++;
      // One dataset at a time is enough for the notebook; drop older ones to free memory.
      datasets.clear();
      latest.clear();
      datasets.set(datasetId, dataset);
      host.post({
        kind: 'progress',
        id: request.id,
        progress: {
          phase: 'analysing',
          bytesRead: dataset.source.bytes,
          totalBytes: dataset.source.bytes,
          rows: dataset.table.rowCount,
        },
      });
      const analysis =
        dataset.table.rowCount > 0
          ? runAnalysis(
              dataset,
              request.options,
              datasetId,
              dataset.table.rowCount > FIRST_PASS_ROWS ? 'first-pass' : 'full',
            )
          : null;
      const columns = dataset.table.columns.map(copyColumn);
      const roles =
        analysis?.summary.roles ??
        inferRoles(dataset.table, request.options.overrides, roleHintsOf(dataset));
      const schema = settingsSchema();
      const result: LoadResult = {
        datasetId,
        source: dataset.source,
        columns,
        rowCount: dataset.table.rowCount,
        roles,
        analysis,
        settings: analysis?.settings ?? mergeSettings(schema, request.options.settings),
        settingsSchema: schema,
      };
      host.post(
        { kind: 'response', id: request.id, ok: true, type: 'load', result },
        columns.flatMap(buffersOf),
      );
      return;
    }
    const dataset = datasets.get(request.datasetId);
    if (!dataset) {
      postError(host, request.id, {
        code: 'unknown-dataset',
        message: 'That dataset is no longer loaded in the worker; drop the file again.',
      });
      return;
    }
    if (request.type === 'curves') {
      const view = curveView(dataset, request.query, latest.get(request.datasetId)?.findings ?? []);
      host.post(
        { kind: 'response', id: request.id, ok: true, type: 'curves', result: view },
        view.series.flatMap((s) => [s.x.buffer, s.raw.buffer, s.smoothed.buffer]),
      );
      return;
    }
    if (request.type === 'compare') {
      const summary = latest.get(request.datasetId);
      if (!summary) {
        postError(host, request.id, {
          code: 'unknown-dataset',
          message: 'There is no analysis to compare runs in yet.',
        });
        return;
      }
      const result = compareForView(dataset, summary, request.request);
      host.post({ kind: 'response', id: request.id, ok: true, type: 'compare', result });
      return;
    }
    if (request.type === 'figure') {
      const summary = latest.get(request.datasetId);
      if (!summary) {
        postError(host, request.id, {
          code: 'unknown-dataset',
          message: 'There is no analysis to draw yet.',
        });
        return;
      }
      const ctx = figureContextFor(dataset, summary);
      const result = {
        spec: buildFigure(ctx, request.request, request.theme),
        axes: figureAxes(ctx),
      };
      host.post({ kind: 'response', id: request.id, ok: true, type: 'figure', result });
      return;
    }
    if (request.type === 'export') {
      const summary = latest.get(request.datasetId);
      if (!summary) {
        postError(host, request.id, {
          code: 'unknown-dataset',
          message: 'There is no analysis to export yet.',
        });
        return;
      }
      const blob = await buildExport(summary, request.format, request.report, (figure) =>
        // Fixed light theme: the report's stylesheet is light (see report/html-report-style.ts).
        buildFigure(figureContextFor(dataset, summary), figure, 'light'),
      );
      host.post({ kind: 'response', id: request.id, ok: true, type: 'export', result: { blob } });
      return;
    }
    host.post({
      kind: 'response',
      id: request.id,
      ok: true,
      type: 'analyze',
      result: runAnalysis(dataset, request.options, request.datasetId),
    });
  } catch (error) {
    postError(host, request.id, toWorkerError(error));
  }
}

/**
 * Above this many trials the load answers with the per-trial detectors only (about a second for
 * 100k trials) and the page asks for the full analysis right after (several seconds).
 */
export const FIRST_PASS_ROWS = 20_000;

/** One figure context per analysis: built on the first figure, reused by the others. */
let figureCache: { summary: AnalysisSummary; ctx: FigureContext } | null = null;

function figureContextFor(dataset: Dataset, summary: AnalysisSummary): FigureContext {
  if (figureCache?.summary !== summary) {
    figureCache = { summary, ctx: figureContext(dataset.table.columns, summary) };
  }
  return figureCache.ctx;
}

export function runAnalysis(
  dataset: Dataset,
  options: AnalyzeOptions,
  datasetId: number,
  scope: 'full' | 'first-pass' = 'full',
): AnalyzeResult {
  // Whatever the page sends (stored values, partial settings) is checked against the defaults.
  const settings = mergeSettings(settingsSchema(), options.settings);
  const summary = analyze(dataset, { overrides: options.overrides, settings, scope });
  latest.set(datasetId, summary);
  // The exports carry every finding; the page gets a bounded copy it can render quickly.
  return {
    summary: summaryForView(summary),
    reportMarkdown: buildMarkdownReport(summary),
    settings,
  };
}

function postError(host: WorkerHost, id: number, error: WorkerError): void {
  host.post({ kind: 'response', id, ok: false, error });
}

export function toWorkerError(error: unknown): WorkerError {
  if (error instanceof IngestCancelled) return { code: 'cancelled', message: error.message };
  if (error instanceof IngestError) {
    return {
      code: 'parse',
      message: error.message,
      file: error.file,
      line: error.line,
      column: error.column,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error in the analysis worker: ${message}` };
}

/** The worker keeps its dataset, so the main thread gets copies whose buffers are transferred. */
function copyColumn(column: Column): Column {
  switch (column.kind) {
    case 'number':
      return { ...column, values: column.values.slice(), states: column.states.slice() };
    case 'time':
      return { ...column, values: column.values.slice() };
    default:
      return { ...column, codes: column.codes.slice(), labels: column.labels.slice() };
  }
}

function buffersOf(column: Column): Transferable[] {
  switch (column.kind) {
    case 'number':
      return [column.values.buffer, column.states.buffer];
    case 'time':
      return [column.values.buffer];
    default:
      return [column.codes.buffer];
  }
}

/**
 * The session's stateless worker queries: they need only the client and the id of the dataset
 * on screen. A dataset the worker no longer holds (a newer load replaced it) or a cancelled
 * request answers null, so a cell drawn for the old data simply shows nothing.
 */
import { isCancelled, toWorkerError, type AnalysisClient } from '../worker/client';
import type {
  CurveQuery,
  CurveView,
  ExportFormat,
  FigureRequest,
  FigureResult,
  HtmlReportOptions,
  ThemeName,
} from '../worker/protocol';

/** Null for the answers that only mean "the data changed meanwhile"; anything else is thrown. */
function goneAsNull(error: unknown): null {
  if (isCancelled(error) || toWorkerError(error).code === 'unknown-dataset') return null;
  throw error;
}

/** An export built by the worker from the full summary, as a Blob (never a page-sized string). */
export async function requestExport(
  client: AnalysisClient,
  datasetId: number,
  spec: { format: ExportFormat; report?: HtmlReportOptions },
): Promise<Blob> {
  const { blob } = await client.request({ type: 'export', datasetId, ...spec });
  return blob;
}

/** Downsampled, smoothed curves of one metric, computed from the full-resolution series. */
export async function requestCurves(
  client: AnalysisClient,
  datasetId: number,
  query: CurveQuery,
): Promise<CurveView | null> {
  try {
    return await client.request({ type: 'curves', datasetId, query });
  } catch (error) {
    return goneAsNull(error);
  }
}

/** A figure of the current analysis, built in the worker next to the columns. */
export async function requestFigure(
  client: AnalysisClient,
  datasetId: number,
  request: FigureRequest,
  theme: ThemeName,
): Promise<FigureResult | null> {
  try {
    return await client.request({ type: 'figure', datasetId, request, theme });
  } catch (error) {
    return goneAsNull(error);
  }
}

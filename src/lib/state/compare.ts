/**
 * The Compare cell's side of the session: which runs a cell compares (its own list, or the
 * current selection) and the worker request that compares them. The statistics are the worker's.
 */
import type { CompareRequest, CompareResult } from '../model';
import { isCancelled, toWorkerError, type AnalysisClient } from '../worker/client';

export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

export interface ComparedRuns {
  /** The runs compared: 2–4, or fewer when there is nothing to compare yet. */
  runIds: string[];
  /** Selected runs beyond the fourth, left out (the cell says so). */
  overflow: string[];
  /** True when the runs come from the selection rather than the cell's own list. */
  fromSelection: boolean;
}

/**
 * The cell's own runs when it has a list (even one still being ticked, with fewer than two), else
 * the selection; never more than four.
 */
export function comparedRuns(
  own: readonly string[] | undefined,
  selected: readonly string[],
): ComparedRuns {
  const fromSelection = own === undefined;
  const ids = [...new Set(fromSelection ? selected : own)];
  return {
    runIds: ids.slice(0, MAX_COMPARED),
    overflow: ids.slice(MAX_COMPARED),
    fromSelection,
  };
}

/** Null when the dataset is gone (a newer load replaced it) or the request was cancelled. */
export async function requestCompare(
  client: AnalysisClient,
  datasetId: number,
  request: CompareRequest,
): Promise<CompareResult | null> {
  try {
    return await client.request({ type: 'compare', datasetId, request });
  } catch (error) {
    if (isCancelled(error) || toWorkerError(error).code === 'unknown-dataset') return null;
    throw error;
  }
}

/**
 * Reads one planned input with the reader of its kind; a file that fails becomes a skipped file.
 * JSON that is no trainer_state.json, and per-run JSON Lines, are read as reports.
 */
import { IngestCancelled, IngestError } from '../errors';
import { splitFromPath } from '../runs';
import { fileStem } from '../curves/series';
import {
  mayHoldLogHistory,
  readConfigInput,
  readEventInput,
  readTrainerStateInput,
} from './read-logs';
import { readCurveCsvInput, readSweepCsvInput, sniffCsv } from './read-csv-input';
import { readReportInput } from './read-report-input';
import { readWholeText, type LoadProgress } from './progress';
import type { RunLocator } from './run-locator';
import {
  chosenFormat,
  newFileRead,
  type FileRead,
  type PlannedInput,
  type ReadOptions,
} from './types';

export async function readInput(
  planned: PlannedInput,
  locator: RunLocator,
  progress: LoadProgress,
  options: ReadOptions = {},
): Promise<FileRead> {
  const { input } = planned;
  const runId = locator.runIdOf(input.path);
  const ownRun = runId ?? fileStem(input.path);
  try {
    switch (planned.kind) {
      case 'skipped':
        return newFileRead(input, 'skipped', `Skipped: ${planned.reason}.`);
      case 'event-file': {
        const read = await readEventInput(input, ownRun, splitFromPath(input.path), progress);
        read.file.runId = ownRun;
        return read;
      }
      case 'trainer-state':
      case 'report':
      case 'json': {
        const text = await readWholeText(input.source, progress);
        // A JSON without a log_history is an evaluation or fine-tuning report (or nothing).
        if (planned.kind !== 'trainer-state' && !mayHoldLogHistory(text))
          return readReportInput(input, text, runId);
        const read = await readTrainerStateInput(input, ownRun, progress, text);
        if (read.curves === null && planned.kind !== 'trainer-state') {
          const skipped = newFileRead(input, 'skipped', `Skipped: ${read.file.detail}.`);
          return skipped;
        }
        read.file.runId = ownRun;
        return read;
      }
      case 'json-lines':
        return readReportInput(input, await readWholeText(input.source, progress), runId);
      case 'config': {
        const read = await readConfigInput(input, runId, progress);
        read.file.runId = runId;
        return read;
      }
      case 'csv': {
        const sniff = await sniffCsv(input.source);
        if (sniff.curveFormat === null)
          return await readSweepCsvInput(input, progress, chosenFormat(options, input.path));
        const read = await readCurveCsvInput(input, sniff, runId, progress);
        const runs = read.curves?.runs ?? [];
        read.file.runId = runs.length === 1 ? runs[0].runId : null;
        return read;
      }
    }
  } catch (error) {
    if (error instanceof IngestCancelled || !(error instanceof IngestError)) throw error;
    const read = newFileRead(input, 'skipped', `Could not be read: ${error.message}`);
    read.issues.push({
      code: error.code,
      severity: 'error',
      file: input.path,
      message: error.message,
      line: error.line,
      column: error.column,
    });
    return read;
  }
}

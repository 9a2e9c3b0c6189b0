/** Reads one planned input with the reader of its kind; a file that fails becomes a skipped file. */
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
import { JSON_LINES_REASON } from './classify';
import { readWholeText, type LoadProgress } from './progress';
import type { RunLocator } from './run-locator';
import { newFileRead, type FileRead, type PlannedInput } from './types';

export async function readInput(
  planned: PlannedInput,
  locator: RunLocator,
  progress: LoadProgress,
): Promise<FileRead> {
  const { input } = planned;
  const runId = locator.runIdOf(input.path);
  const ownRun = runId ?? fileStem(input.path);
  try {
    switch (planned.kind) {
      case 'skipped': {
        const read = newFileRead(input, 'skipped', `Skipped: ${planned.reason}.`);
        if (planned.reason === JSON_LINES_REASON)
          read.issues.push({
            code: 'unsupported-format',
            severity: 'warning',
            file: input.path,
            message: `${input.path} is ${JSON_LINES_REASON}. Export the metrics as a CSV (a step column and a column per metric), or load the run's TensorBoard event files or trainer_state.json.`,
          });
        return read;
      }
      case 'event-file': {
        const read = await readEventInput(input, ownRun, splitFromPath(input.path), progress);
        read.file.runId = ownRun;
        return read;
      }
      case 'trainer-state':
      case 'json': {
        const text = await readWholeText(input.source, progress);
        if (planned.kind === 'json' && !mayHoldLogHistory(text))
          return newFileRead(
            input,
            'skipped',
            'Skipped: JSON without a "log_history" list (not a trainer_state.json).',
          );
        const read = await readTrainerStateInput(input, ownRun, progress, text);
        if (read.curves === null && planned.kind === 'json') {
          const skipped = newFileRead(input, 'skipped', `Skipped: ${read.file.detail}.`);
          return skipped;
        }
        read.file.runId = ownRun;
        return read;
      }
      case 'config': {
        const read = await readConfigInput(input, runId, progress);
        read.file.runId = runId;
        return read;
      }
      case 'csv': {
        const sniff = await sniffCsv(input.source);
        if (sniff.curveFormat === null) return await readSweepCsvInput(input, progress);
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

/**
 * Readers for one input of each log kind, reusing the format readers: TensorBoard event files
 * (streamed chunk by chunk), trainer_state.json and config files (small, read whole).
 */
import type { CurveRun } from '../../model';
import { readTrainerState } from '../curves';
import { paramsFromConfig } from '../runs';
import { createEventFileReader } from '../tfevents';
import { forEachChunk, readWholeText, type LoadProgress } from './progress';
import { newFileRead, type FileRead, type SourceInput } from './types';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

function run(runId: string, source: string): CurveRun {
  return { runId, source, params: {}, plannedSteps: null, plannedEpochs: null, notes: [] };
}

export async function readEventInput(
  input: SourceInput,
  runId: string,
  split: string | null,
  progress: LoadProgress,
): Promise<FileRead> {
  const reader = createEventFileReader(input.path, runId);
  await forEachChunk(input.source, progress, (chunk) => reader.push(chunk));
  const result = reader.finish();
  const { stats } = result;
  const detail =
    `TensorBoard event file: ${plural(result.curves.length, 'scalar tag')}, ` +
    `${plural(stats.scalars, 'point')}, ${plural(stats.corruptRecords, 'corrupt record')}` +
    (stats.truncatedTail ? ', truncated at the end' : '') +
    (split !== null ? ` (${split} split)` : '');
  const read = newFileRead(input, 'event-file', detail);
  read.issues = result.issues;
  read.split = split;
  read.curves = { runs: [run(runId, input.path)], curves: result.curves };
  return read;
}

/** A quick test before parsing a JSON file that is not named trainer_state.json. */
export function mayHoldLogHistory(text: string): boolean {
  return text.includes('"log_history"');
}

export async function readTrainerStateInput(
  input: SourceInput,
  runId: string,
  progress: LoadProgress,
  text?: string,
): Promise<FileRead> {
  const body = text ?? (await readWholeText(input.source, progress));
  const result = readTrainerState(body, input.path, runId);
  const points = result.curves.curves.reduce((n, c) => n + c.values.length, 0);
  const info = result.info;
  // A syntax error (a truncated file) is not "not a trainer_state.json": say what went wrong.
  const error = result.issues.find((i) => i.severity === 'error');
  const detail = info
    ? `Hugging Face trainer_state.json: ${plural(result.curves.curves.length, 'series')}, ` +
      `${plural(points, 'point')}` +
      (info.maxSteps !== null ? `, max_steps ${count(info.maxSteps)}` : '')
    : error
      ? `Could not be read: ${error.message.replace(/\.$/, '')}`
      : 'JSON file that is not a trainer_state.json';
  const read = newFileRead(input, 'trainer-state', detail);
  read.issues = result.issues;
  if (info) {
    read.curves = result.curves;
    for (const c of result.curves.curves)
      for (let i = 0; i < c.steps.length; i++)
        if (c.steps[i] > read.lastStep) read.lastStep = c.steps[i];
  }
  return read;
}

export async function readConfigInput(
  input: SourceInput,
  runId: string | null,
  progress: LoadProgress,
): Promise<FileRead> {
  const text = await readWholeText(input.source, progress);
  const result = paramsFromConfig(input.path, text);
  const n = Object.keys(result.params).length;
  const where =
    runId === null
      ? 'it sits in no run folder, so they were not attached to a run'
      : `for run ${runId}`;
  const read = newFileRead(
    input,
    'config',
    `${result.reason}: ${plural(n, 'hyperparameter')}, ${where}`,
  );
  read.issues = result.issues;
  if (runId !== null && n > 0) read.config = { runId, params: result.params };
  return read;
}

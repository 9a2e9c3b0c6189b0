/**
 * Every input the page can be given — one sweep CSV, one log, several files, a whole folder —
 * read into one Dataset: a run table plus, when logs were among the inputs, the training curves.
 */
import type { Dataset } from '../../model';
import type { ByteSource } from '../decode';
import { readCsv, type IngestHooks } from '../read-csv';

/** One input file; `path` is relative to the dropped folder (the file name for a lone file). */
export interface SourceInput {
  path: string;
  source: ByteSource;
}

export async function readSources(inputs: SourceInput[], hooks: IngestHooks): Promise<Dataset> {
  // Placeholder until multi-file reading lands: a single sweep CSV.
  return readCsv(inputs[0].source, hooks);
}

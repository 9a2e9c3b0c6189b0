/** Datasets and summaries the figure tests build on: the planted sweep and the real W&B export. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, DEFAULT_SETTINGS } from '../../../../src/lib/analysis';
import { generatePlantedSweep } from '../../../../src/lib/fixtures';
import { readCsv } from '../../../../src/lib/ingest';
import type { AnalysisSummary, Column, Dataset } from '../../../../src/lib/model';

/** Read in place from ../shared/data beside the repository (never copied); absent: tests skip. */
export const WANDB_QUANT = path.resolve(
  import.meta.dirname,
  '../../../../../shared/data/real/sweep_csv/wandb_export_quant_bits.csv',
);
export const HAS_WANDB = existsSync(WANDB_QUANT);

export interface Analysed {
  columns: Column[];
  summary: AnalysisSummary;
}

const noHooks = { onProgress: () => {}, isCancelled: () => false };

export async function readText(text: string, name: string): Promise<Dataset> {
  return readCsv(new File([text], name), noHooks);
}

export async function analyseCsv(text: string, name: string): Promise<Analysed> {
  const dataset = await readText(text, name);
  const summary = analyze(dataset, { overrides: {}, settings: DEFAULT_SETTINGS });
  return { columns: dataset.table.columns, summary };
}

export function planted(): Promise<Analysed> {
  return analyseCsv(generatePlantedSweep(42, 60).csv, 'planted_42.csv');
}

export function wandbQuant(): Promise<Analysed> {
  return analyseCsv(readFileSync(WANDB_QUANT, 'utf8'), 'wandb_export_quant_bits.csv');
}

/** Every string in a spec, with its path, for the escaping checks. */
export function stringsOf(value: unknown, path = '$', out: [string, string][] = []) {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) stringsOf(v, `${path}.${k}`, out);
  return out;
}

/** Markup we emit ourselves; anything else in a spec string came from the data unescaped. */
export const OWN_TAGS = /<(\/?)(br|b|i|sup|extra)>/g;

/** Template placeholders we emit ourselves. */
export const OWN_PLACEHOLDERS = /%\{(x|y|text|customdata)\}/g;

/**
 * Hyperparameters from the config file saved beside a run's logs: Lightning `hparams.yaml`,
 * `config.json` / `params.json` / `args.json` (argparse dumps, Hugging Face configs), W&B
 * `config.yaml`. Nested objects are flattened with dots (`optimizer.lr`); scalars are kept, and a
 * short list of scalars is kept as its JSON text (a categorical value such as `["q_proj","v_proj"]`).
 * W&B's `{desc, value}` wrappers are unwrapped, and its `_wandb` / `wandb_version` bookkeeping
 * dropped.
 */
import type { ParseIssue } from '../../model';
import { isJsonObject, parseJsonTolerant } from '../json';
import { parseYamlSubset } from './yaml';

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

export interface ConfigParamsResult {
  params: Params;
  issues: ParseIssue[];
  /** How the file was read, e.g. "YAML mapping (hparams.yaml)". */
  reason: string;
}

/** Config file names this module reads when they sit beside a run's logs. */
export const CONFIG_FILE_NAMES = [
  'hparams.yaml',
  'hparams.yml',
  'config.json',
  'params.json',
  'args.json',
  'config.yaml',
  'config.yml',
  'hparams.json',
  'training_args.json',
];

const MAX_DEPTH = 8;
const MAX_LIST_TEXT = 200;

export function isConfigFileName(fileName: string): boolean {
  const base = baseName(fileName).toLowerCase();
  return CONFIG_FILE_NAMES.includes(base);
}

export function paramsFromConfig(fileName: string, text: string): ConfigParamsResult {
  const base = baseName(fileName);
  const lower = base.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    const { value, issues } = parseYamlSubset(text, fileName);
    return { params: flattenParams(value), issues, reason: `YAML mapping (${base})` };
  }
  if (lower.endsWith('.json')) {
    const parsed = parseJsonTolerant(text, fileName);
    if ('error' in parsed) return { params: {}, issues: [parsed.error], reason: `JSON (${base})` };
    if (!isJsonObject(parsed.value)) {
      return {
        params: {},
        issues: [
          {
            code: 'unsupported-format',
            severity: 'warning',
            file: fileName,
            message: `${base} holds a JSON ${Array.isArray(parsed.value) ? 'list' : 'value'}, not an object of settings; no hyperparameters were read from it.`,
          },
        ],
        reason: `JSON (${base})`,
      };
    }
    return { params: flattenParams(parsed.value), issues: [], reason: `JSON object (${base})` };
  }
  return {
    params: {},
    issues: [
      {
        code: 'unsupported-format',
        severity: 'warning',
        file: fileName,
        message: `${base} is not a .yaml, .yml or .json config file; no hyperparameters were read from it.`,
      },
    ],
    reason: 'not a config file',
  };
}

/** Flattens nested objects with dots, keeping scalars (null dropped) and short scalar lists. */
export function flattenParams(source: unknown): Params {
  const out: Params = Object.create(null) as Params;
  walk(source, '', 0, out);
  // A plain object for callers (and for equality in tests); keys are own data properties.
  const plain: Params = {};
  for (const key of Object.keys(out))
    Object.defineProperty(plain, key, {
      value: out[key],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return plain;
}

function walk(value: unknown, prefix: string, depth: number, out: Params): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    if (prefix !== '') out[prefix] = value;
    return;
  }
  if (Array.isArray(value)) {
    if (prefix === '' || !value.every(isScalar)) return;
    const text = JSON.stringify(value);
    if (text.length <= MAX_LIST_TEXT) out[prefix] = text;
    return;
  }
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  // W&B config.yaml: {desc: null, value: x}.
  if (keys.includes('value') && keys.every((k) => k === 'value' || k === 'desc')) {
    walk(obj.value, prefix, depth + 1, out);
    return;
  }
  for (const key of keys) {
    if (depth === 0 && (key === '_wandb' || key === 'wandb_version')) continue;
    walk(obj[key], prefix === '' ? key : `${prefix}.${key}`, depth + 1, out);
  }
}

function isScalar(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

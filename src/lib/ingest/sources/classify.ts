/**
 * What each input is, from its name and first bytes: TensorBoard event file, trainer_state.json
 * (or another JSON that may hold `log_history`), a config file beside the logs, a CSV (curve log
 * or sweep table, decided later from its header), or something to skip with a reason.
 */
import { isEventFileName, looksLikeEventFile } from '../tfevents';
import { isConfigFileName } from '../runs';
import { headBytes } from './progress';
import { baseName, extension, type PlannedInput, type SourceInput } from './types';

const TABLE_EXTENSIONS = new Set(['csv', 'tsv', 'txt']);
const JSON_EXTENSIONS = new Set(['json']);
/**
 * One JSON value per line: read as a report when every record names its run; per-step logs are
 * skipped with this reason (a lone one was read as a CSV table once, a nonsense table of
 * `{"step": 1` columns).
 */
export const JSON_LINES_EXTENSIONS = new Set(['jsonl', 'ndjson']);
export const JSON_LINES_REASON = 'JSON Lines; per-step logs in JSON Lines are not read yet';
/** Named so the skip reason says what the file probably is. */
const KNOWN_OTHER: [RegExp, string][] = [
  [/^(?:png|jpe?g|gif|svg|webp|bmp|pdf)$/, 'an image or document'],
  [
    /^(?:pt|pth|bin|ckpt|safetensors|onnx|h5|hdf5|pkl|pickle|npy|npz|msgpack|model|gguf)$/,
    'a checkpoint or weights file',
  ],
  [/^(?:gz|zip|tar|tgz|bz2|xz|zst|7z)$/, 'an archive (extract it first)'],
  [
    /^(?:py|ipynb|sh|md|log|out|err|html|yaml|yml|toml|cfg|ini)$/,
    'a script, text or config file that is not read',
  ],
];
/**
 * Names the tools give their reports: Trainer's `*_results.json`, lm-evaluation-harness
 * `results*.json`, hand-made `training_results.json` / `evaluation_results.json`. Planned apart
 * from other JSON so that several of them in one output folder stay that folder's run (several
 * unnamed JSONs side by side are a collection of runs, one per file).
 */
const REPORT_NAME =
  /^(?:(?:all|train|eval|test|predict|training|evaluation)_results|results(?:[_-].*)?)\.json$/i;
/** Hydra keeps the run's config in `.hydra/`; other hidden folders (.git, caches) are noise. */
const READ_HIDDEN_FOLDERS = new Set(['.hydra']);

export async function classify(input: SourceInput): Promise<PlannedInput> {
  const { path } = input;
  const base = baseName(path);
  const lower = base.toLowerCase();
  const plan = (kind: PlannedInput['kind'], reason: string): PlannedInput => ({
    input,
    kind,
    reason,
  });
  if (base.startsWith('.')) return plan('skipped', 'hidden file');
  const hidden = path
    .split(/[\\/]+/)
    .slice(0, -1)
    .find((p) => p.startsWith('.') && p !== '.' && p !== '..' && !READ_HIDDEN_FOLDERS.has(p));
  if (hidden !== undefined) return plan('skipped', `inside the hidden folder ${hidden}`);
  if (isEventFileName(path))
    return plan('event-file', 'TensorBoard event file (named events.out.tfevents.*)');
  if (lower === 'trainer_state.json')
    return plan('trainer-state', 'Hugging Face trainer_state.json');
  if (isConfigFileName(path))
    return plan('config', `config file (${base}): hyperparameters of the run folder it sits in`);
  const ext = extension(path);
  if (REPORT_NAME.test(base)) return plan('report', 'JSON report (named like one)');
  if (JSON_EXTENSIONS.has(ext)) return plan('json', 'JSON file');
  if (TABLE_EXTENSIONS.has(ext)) return plan('csv', 'delimited text');
  if (JSON_LINES_EXTENSIONS.has(ext)) return plan('json-lines', 'JSON Lines');
  if (input.source.size >= 12 && looksLikeEventFile(await headBytes(input.source, 12)))
    return plan(
      'event-file',
      'TensorBoard event file (the first bytes are a TFRecord header with a valid checksum)',
    );
  for (const [pattern, what] of KNOWN_OTHER)
    if (pattern.test(ext)) return plan('skipped', `${what}, not a log or a table`);
  return plan(
    'skipped',
    ext === ''
      ? 'no extension and not a TensorBoard event file'
      : `.${ext} is not a log, config or table format this app reads`,
  );
}

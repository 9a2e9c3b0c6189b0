/**
 * Run names from file paths inside a dropped folder. The run is the nearest folder above the
 * file whose name says something: folders that every logger creates (`logs`, `tensorboard`,
 * `lightning_logs`, `version_0`, `train`, `eval`, Hugging Face's `runs/Jun05_12-30-00_host`,
 * `checkpoint-500`…) are skipped. `sweep/run_2_lr-2e-4_rank-32_epochs-1/logs/events.out.tfevents.1`
 * → `run_2_lr-2e-4_rank-32_epochs-1`.
 */

/** Folder names that never name a run. Compared lower-case. */
const GENERIC_NAMES = new Set([
  '.',
  '..',
  'log',
  'logs',
  'logging',
  'tensorboard',
  'tensorboard_logs',
  'tb',
  'tb_logs',
  'tblogs',
  'tf_logs',
  'runs',
  'lightning_logs',
  'csv_logs',
  'csvlogs',
  'metrics',
  'events',
  'summaries',
  'summary',
  'train',
  'training',
  'eval',
  'evaluation',
  'validation',
  'valid',
  'val',
  'test',
  'plugins',
  'profile',
  'scalars',
  'output',
  'outputs',
  'results',
  'files',
  'artifacts',
  'checkpoints',
  'ckpt',
  'ckpts',
  'history',
  'wandb',
  'mlruns',
  'hparams',
  'default',
  '.hydra',
  'multirun',
]);

/** Folders of subsets of one run's logs (Keras writes `train/` and `validation/` side by side). */
const SPLIT_NAMES: Record<string, string> = {
  train: 'train',
  training: 'train',
  eval: 'eval',
  evaluation: 'eval',
  validation: 'validation',
  valid: 'validation',
  val: 'validation',
  test: 'test',
};

const GENERIC_PATTERNS = [
  /^version_\d+$/i,
  /^checkpoint[-_]\d+$/i,
  /^ckpt[-_]\d+$/i,
  // Hugging Face's default logging_dir: runs/<Mon><DD>_<HH>-<MM>-<SS>_<host>
  /^[A-Z][a-z]{2}\d{2}_\d{2}-\d{2}-\d{2}_.+$/,
  // Timestamps: 2024-01-05_12-30-00, 20240105-123000
  /^\d{4}-?\d{2}-?\d{2}(?:[_T-]\d{2}[-:]?\d{2}(?:[-:]?\d{2})?(?:\.\d+)?)?$/,
  // Hydra's multirun time folder: 12-30-00
  /^\d{2}-\d{2}-\d{2}$/,
];

export function isGenericFolderName(name: string): boolean {
  const lower = name.toLowerCase();
  return GENERIC_NAMES.has(lower) || GENERIC_PATTERNS.some((p) => p.test(name));
}

function folders(path: string): string[] {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  parts.pop(); // the file itself
  return parts;
}

/**
 * The run a file belongs to, from its path (the last segment is the file). Null when the file
 * sits in no folder. When every folder is generic, the nearest one is used (`version_3`), so
 * sibling runs still get distinct names.
 */
export function runNameFromPath(path: string): string | null {
  const parts = folders(path);
  for (let i = parts.length - 1; i >= 0; i--) if (!isGenericFolderName(parts[i])) return parts[i];
  return parts.length > 0 ? parts[parts.length - 1] : null;
}

/**
 * The subset folder between the run folder and the file, when there is one:
 * `run_1/logs/validation/events…` → "validation". Lets a caller keep `epoch_loss` of `train/` and
 * of `validation/` apart.
 */
export function splitFromPath(path: string): string | null {
  const parts = folders(path);
  for (let i = parts.length - 1; i >= 0; i--) {
    const split = SPLIT_NAMES[parts[i].toLowerCase()];
    if (split) return split;
    if (!isGenericFolderName(parts[i])) return null;
  }
  return null;
}

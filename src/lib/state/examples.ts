/** The embedded examples behind "Try an example" (files in public/examples/). */
export type ExampleName = 'planted-sweep' | 'seed-sample' | 'lora-sweep';

export interface ExampleInfo {
  name: ExampleName;
  title: string;
  description: string;
  /**
   * `csv`: one file, `<name>.csv`. `folder`: a sweep folder, `<name>/manifest.json` listing the
   * files (paths relative to `<name>/`), loaded together as if the folder had been dropped.
   */
  kind: 'csv' | 'folder';
}

export const EXAMPLES: readonly ExampleInfo[] = [
  {
    name: 'planted-sweep',
    title: 'Sweep with planted pathologies',
    description: '~60 trials: NaN metrics, crashes, overfitting, too-short runs.',
    kind: 'csv',
  },
  {
    name: 'lora-sweep',
    title: 'Folder of TensorBoard logs',
    description:
      'A LoRA sweep as event files, hyperparameters in folder names: spikes, divergence, NaN, an early stop.',
    kind: 'folder',
  },
  {
    name: 'seed-sample',
    title: 'Small seed sweep',
    description: 'A handful of trials in the classic sweep-CSV schema.',
    kind: 'csv',
  },
];

/** What `<name>/manifest.json` holds. */
export interface ExampleManifest {
  files: string[];
}

export function isExampleManifest(value: unknown): value is ExampleManifest {
  if (typeof value !== 'object' || value === null) return false;
  const files = (value as { files?: unknown }).files;
  return Array.isArray(files) && files.every((f) => typeof f === 'string' && !f.includes('..'));
}

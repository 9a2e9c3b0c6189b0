/** The embedded examples behind "Try an example" (files in public/examples/). */
export type ExampleName = 'planted-sweep' | 'seed-sample';

export interface ExampleInfo {
  name: ExampleName;
  title: string;
  description: string;
}

export const EXAMPLES: readonly ExampleInfo[] = [
  {
    name: 'planted-sweep',
    title: 'Sweep with planted pathologies',
    description: '~60 trials: NaN metrics, crashes, overfitting, too-short runs.',
  },
  {
    name: 'seed-sample',
    title: 'Small seed sweep',
    description: 'A handful of trials in the classic sweep-CSV schema.',
  },
];

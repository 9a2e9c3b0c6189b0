/** The default explainer: no model, no network. The deterministic report is the whole report. */
import { ExplainerError, type Explainer, type GenerateResult } from './types';

export class NullExplainer implements Explainer {
  readonly kind = 'none' as const;

  generate(): Promise<GenerateResult> {
    return Promise.reject(
      new ExplainerError(
        'disabled',
        'No language model is set up: choose a model (or an endpoint) and load it first.',
      ),
    );
  }

  stop(): void {}

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

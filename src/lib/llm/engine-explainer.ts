/**
 * An `Explainer` over any web-llm-shaped engine: the real worker engine and the test fake share
 * this streaming, stop and error logic, so the tests exercise the code the app ships.
 */
import {
  ExplainerError,
  errorMessage,
  type ChatMessage,
  type EngineLike,
  type Explainer,
  type ExplainerKind,
  type FinishReason,
  type GenerateResult,
} from './types';

export interface EngineExplainerOptions {
  kind?: ExplainerKind;
  maxTokens?: number;
  temperature?: number;
  /** Called after `dispose()` unloaded the engine, e.g. to terminate its worker. */
  onDispose?: () => void;
}

export class EngineExplainer implements Explainer {
  readonly kind: ExplainerKind;
  #interrupted = false;
  #running = false;
  #disposed = false;

  constructor(
    private readonly engine: EngineLike,
    private readonly options: EngineExplainerOptions = {},
  ) {
    this.kind = options.kind ?? 'webllm';
  }

  async generate(
    messages: ChatMessage[],
    onDelta: (text: string) => void,
  ): Promise<GenerateResult> {
    if (this.#disposed) throw new ExplainerError('disabled', 'The model was unloaded.');
    if (this.#running) throw new ExplainerError('generate-failed', 'A narrative is being written.');
    this.#running = true;
    this.#interrupted = false;
    let text = '';
    let finish: FinishReason = 'stop';
    try {
      // Each narrative starts from a clean conversation: no earlier answer leaks into this one.
      await this.engine.resetChat();
      const stream = await this.engine.chat.completions.create({
        messages,
        stream: true,
        temperature: this.options.temperature ?? 0.2,
        max_tokens: this.options.maxTokens ?? 768,
      });
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta.content ?? '';
        if (delta) {
          text += delta;
          onDelta(delta);
        }
        if (choice?.finish_reason === 'length') finish = 'length';
        // A fake or a slow engine may keep yielding after an interrupt; stop reading at once.
        if (this.#interrupted) break;
      }
    } catch (error) {
      if (!this.#interrupted) {
        throw new ExplainerError('generate-failed', `The model stopped: ${errorMessage(error)}`);
      }
    } finally {
      this.#running = false;
    }
    return { text, finish: this.#interrupted ? 'interrupted' : finish };
  }

  stop(): void {
    if (!this.#running) return;
    this.#interrupted = true;
    this.engine.interruptGenerate();
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.stop();
    try {
      await this.engine.unload();
    } finally {
      this.options.onDispose?.();
    }
  }
}

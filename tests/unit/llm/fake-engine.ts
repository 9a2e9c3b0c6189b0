/**
 * A fake of web-llm's engine (the subset the app uses): chat.completions.create({stream: true})
 * resolves to an async iterable of chunks, interruptGenerate ends it, reload/unload/resetChat
 * are recorded. Tokens are released one by one when the test (or a timer) says so.
 */
import type { ChatChunk, ChatRequest, EngineLike } from '../../../src/lib/llm';

export interface FakeEngineOptions {
  tokens: string[];
  /** Throw this error after `failAfter` tokens. */
  failAfter?: number;
  failWith?: Error;
  /** Milliseconds between tokens (0: as fast as the consumer reads). */
  delayMs?: number;
}

export class FakeEngine implements EngineLike {
  requests: ChatRequest[] = [];
  calls: string[] = [];
  interrupted = false;
  #wake: (() => void) | null = null;

  constructor(private readonly options: FakeEngineOptions) {}

  chat = {
    completions: {
      create: async (request: ChatRequest): Promise<AsyncIterable<ChatChunk>> => {
        this.requests.push(request);
        this.interrupted = false;
        return this.#stream();
      },
    },
  };

  async *#stream(): AsyncGenerator<ChatChunk> {
    const { tokens, failAfter, failWith, delayMs = 0 } = this.options;
    for (let i = 0; i < tokens.length; i++) {
      if (failAfter !== undefined && i === failAfter) throw failWith ?? new Error('device lost');
      if (this.interrupted) return;
      if (delayMs > 0) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delayMs);
          this.#wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
      if (this.interrupted) return;
      const last = i === tokens.length - 1;
      yield { choices: [{ delta: { content: tokens[i] }, finish_reason: last ? 'stop' : null }] };
    }
  }

  interruptGenerate(): void {
    this.calls.push('interruptGenerate');
    this.interrupted = true;
    this.#wake?.();
  }
  async reload(modelId: string): Promise<void> {
    this.calls.push(`reload:${modelId}`);
  }
  async unload(): Promise<void> {
    this.calls.push('unload');
  }
  async resetChat(): Promise<void> {
    this.calls.push('resetChat');
  }
}

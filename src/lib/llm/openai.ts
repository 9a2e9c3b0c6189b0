/**
 * The second backend, for browsers without WebGPU: an OpenAI-compatible endpoint the user runs
 * (llama.cpp `llama-server`, Ollama, vLLM), e.g. http://localhost:8080. It is contacted only
 * when the user configured it and pressed Generate; the summary goes to that endpoint only.
 */
import { SseParser, chunkDelta } from './sse';
import {
  ExplainerError,
  errorMessage,
  type ChatMessage,
  type Explainer,
  type FinishReason,
  type GenerateResult,
} from './types';

export interface EndpointOptions {
  /** e.g. "http://localhost:11434" (Ollama) or "http://localhost:8080" (llama.cpp). */
  baseUrl: string;
  model: string;
  maxTokens?: number;
  fetch?: typeof fetch;
}

export function completionsUrl(baseUrl: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  return /\/v1$/.test(base) ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
}

export class EndpointExplainer implements Explainer {
  readonly kind = 'openai' as const;
  #abort: AbortController | null = null;

  constructor(private readonly options: EndpointOptions) {}

  async generate(messages: ChatMessage[], onDelta: (t: string) => void): Promise<GenerateResult> {
    const abort = new AbortController();
    this.#abort = abort;
    const doFetch = this.options.fetch ?? fetch.bind(globalThis);
    let text = '';
    let finish: FinishReason = 'stop';
    try {
      const response = await doFetch(completionsUrl(this.options.baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({
          model: this.options.model,
          messages,
          stream: true,
          temperature: 0.2,
          max_tokens: this.options.maxTokens ?? 768,
        }),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      const take = (payloads: string[]) => {
        for (const payload of payloads) {
          const chunk = chunkDelta(payload);
          if (!chunk) continue;
          if (chunk.delta) {
            text += chunk.delta;
            onDelta(chunk.delta);
          }
          if (chunk.finish === 'length') finish = 'length';
        }
      };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        take(parser.push(value));
      }
      take(parser.end());
    } catch (error) {
      if (!abort.signal.aborted) {
        throw new ExplainerError(
          'endpoint-failed',
          `The endpoint ${completionsUrl(this.options.baseUrl)} failed: ${errorMessage(error)}`,
        );
      }
    } finally {
      this.#abort = null;
    }
    return { text, finish: abort.signal.aborted ? 'interrupted' : finish };
  }

  stop(): void {
    this.#abort?.abort();
  }

  dispose(): Promise<void> {
    this.stop();
    return Promise.resolve();
  }
}

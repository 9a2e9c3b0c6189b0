/**
 * The explainer contract: something that turns a prompt into streamed prose. Pure types, shared by
 * the null explainer (default), the web-llm adapter, the OpenAI-compatible endpoint and the fakes.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One streamed chunk, shaped like web-llm's (and OpenAI's) `ChatCompletionChunk`, reduced. */
export interface ChatChunk {
  choices: Array<{ delta: { content?: string | null }; finish_reason?: string | null }>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  stream: true;
  temperature?: number;
  max_tokens?: number;
}

/**
 * The subset of web-llm's `MLCEngineInterface` the app uses. The real `WebWorkerMLCEngine`
 * satisfies it, and so does the test-only fake engine (see fake-hook.ts).
 */
export interface EngineLike {
  chat: { completions: { create(request: ChatRequest): Promise<AsyncIterable<ChatChunk>> } };
  interruptGenerate(): void;
  reload(modelId: string): Promise<void>;
  unload(): Promise<void>;
  resetChat(keepStats?: boolean): Promise<void>;
}

/** Download / compile progress while a model loads, from 0 to 1. */
export interface LoadProgress {
  progress: number;
  text: string;
}

export type FinishReason = 'stop' | 'length' | 'interrupted';

export interface GenerateResult {
  text: string;
  finish: FinishReason;
}

export type ExplainerKind = 'none' | 'webllm' | 'openai' | 'fake';

/** A backend that writes the narrative. All of them stream; none of them sees the raw data. */
export interface Explainer {
  readonly kind: ExplainerKind;
  /**
   * Streams the answer: `onDelta` gets each piece of text as it arrives. Resolves with the whole
   * text when the model stops, hits its token limit or is interrupted by `stop()`.
   */
  generate(messages: ChatMessage[], onDelta: (text: string) => void): Promise<GenerateResult>;
  /** Interrupts a running generation; the pending `generate` resolves with what was written. */
  stop(): void;
  /** Frees the model (GPU memory, worker). The explainer cannot be used afterwards. */
  dispose(): Promise<void>;
}

/** Error with a short code the UI can explain (what is missing, what to do). */
export class ExplainerError extends Error {
  constructor(
    readonly code:
      | 'no-webgpu'
      | 'no-adapter'
      | 'no-f16'
      | 'low-memory'
      | 'unknown-model'
      | 'load-failed'
      | 'cancelled'
      | 'generate-failed'
      | 'endpoint-failed'
      | 'disabled',
    message: string,
  ) {
    super(message);
    this.name = 'ExplainerError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The narrative's state: which backend and model, GPU availability, download progress, the
 * streamed text and the claims checked against the summary. The UI reaches the LLM layer only
 * through this class; web-llm itself is imported dynamically when the user presses Load.
 */
import type { AnalysisSummary } from '../model';
import {
  EndpointExplainer,
  EngineExplainer,
  ExplainerError,
  NullExplainer,
  buildPrompt,
  checkClaims,
  checkGpu,
  collectFacts,
  errorMessage,
  findModel,
  readFakeHook,
  type ClaimReport,
  type Explainer,
  type FactIndex,
  type FakeLlmHook,
  type FinishReason,
  type GpuCheck,
  type GpuLike,
  type LoadProgress,
  type ModelChoice,
} from '../llm';
import { defaultStorage, type SettingsStorage } from './settings-store';
import {
  DEFAULT_LLM_SETTINGS,
  readLlmSettings,
  writeLlmSettings,
  type LlmSettings,
} from './llm-store';

type WebLlmModule = typeof import('../llm/webllm');

export interface ExplainerDeps {
  storage: SettingsStorage | null;
  gpu: () => GpuLike | undefined;
  deviceMemoryGB: () => number | undefined;
  fakeHook: () => FakeLlmHook | null;
  webllm: () => Promise<WebLlmModule>;
}

export type ExplainerPhase = 'idle' | 'loading' | 'ready' | 'generating';

/** The endpoint's context is unknown; 8k tokens is what llama.cpp and Ollama commonly run. */
const ENDPOINT_CONTEXT = 8192;
const MAX_OUTPUT_TOKENS = 768;
/** Streamed text reaches the page at most this often: markdown + claim checks are not free. */
const FLUSH_MS = 60;

function browserDeps(): ExplainerDeps {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    storage: defaultStorage(),
    gpu: () => (nav ? (Reflect.get(nav, 'gpu') as GpuLike | undefined) : undefined),
    deviceMemoryGB: () => {
      const m: unknown = nav ? Reflect.get(nav, 'deviceMemory') : undefined;
      return typeof m === 'number' ? m : undefined;
    },
    fakeHook: () => readFakeHook(),
    webllm: () => import('../llm/webllm'),
  };
}

export class ExplainerState {
  settings: LlmSettings = $state(DEFAULT_LLM_SETTINGS);
  phase = $state<ExplainerPhase>('idle');
  availability = $state.raw<GpuCheck | null>(null);
  progress = $state.raw<LoadProgress | null>(null);
  loadedModelId = $state<string | null>(null);
  cached = $state<boolean | null>(null);
  text = $state('');
  finish = $state<FinishReason | null>(null);
  error = $state.raw<{ code: string; message: string } | null>(null);
  notice = $state<string | null>(null);
  omitted = $state.raw<string[]>([]);
  facts = $state.raw<FactIndex | null>(null);
  readonly model: ModelChoice | undefined = $derived(findModel(this.settings.modelId));
  readonly claims: ClaimReport | null = $derived(
    this.facts && this.text ? checkClaims(this.text, this.facts) : null,
  );
  /** A test engine replaces web-llm (see llm/fake-hook.ts). */
  readonly usingFake: boolean;

  #deps: ExplainerDeps;
  #explainer: Explainer = new NullExplainer();
  #abort: AbortController | null = null;
  #pending = '';
  #flushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(deps: Partial<ExplainerDeps> = {}) {
    this.#deps = { ...browserDeps(), ...deps };
    this.settings = readLlmSettings(this.#deps.storage);
    this.usingFake = this.#deps.fakeHook() !== null;
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.phase === 'generating';
  }

  /** Whether Generate can run now: a loaded model, or a configured endpoint. */
  get canGenerate(): boolean {
    if (this.busy) return false;
    if (this.settings.backend === 'openai') return this.settings.endpointUrl.trim() !== '';
    return this.phase === 'ready';
  }

  update(patch: Partial<LlmSettings>): void {
    this.settings = { ...this.settings, ...patch };
    writeLlmSettings(this.#deps.storage, this.settings);
    if (patch.modelId !== undefined || patch.baseUrl !== undefined) {
      this.cached = null;
      this.availability = null;
    }
  }

  /** WebGPU checks for the chosen model: no download, just the adapter and its features. */
  async checkAvailability(): Promise<GpuCheck | null> {
    const model = this.model;
    if (!model) return null;
    const check: GpuCheck = this.usingFake
      ? { ok: true, adapter: 'test engine', f16: true, warning: null }
      : await checkGpu(this.#deps.gpu(), model, this.#deps.deviceMemoryGB());
    this.availability = check;
    return check;
  }

  async load(): Promise<void> {
    const model = this.model;
    if (!model || this.busy) return;
    this.error = null;
    this.notice = null;
    const check = await this.checkAvailability();
    if (!check?.ok) {
      if (check) this.error = { code: check.problem, message: check.message };
      return;
    }
    await this.#explainer.dispose().catch(() => undefined);
    this.#explainer = new NullExplainer();
    this.loadedModelId = null;
    const abort = new AbortController();
    this.#abort = abort;
    this.phase = 'loading';
    this.progress = { progress: 0, text: 'Starting…' };
    try {
      const hook = this.#deps.fakeHook();
      if (hook) {
        const engine = await hook.createEngine(model.id);
        await engine.reload(model.id);
        this.#explainer = new EngineExplainer(engine, { kind: 'fake' });
      } else {
        const webllm = await this.#deps.webllm();
        this.#explainer = await webllm.createWebLlmExplainer({
          model,
          baseUrl: this.settings.baseUrl.trim() || null,
          onProgress: (p) => (this.progress = p),
          signal: abort.signal,
        });
        this.cached = true;
      }
      this.loadedModelId = model.id;
      this.phase = 'ready';
    } catch (error) {
      this.phase = 'idle';
      if (error instanceof ExplainerError && error.code === 'cancelled') {
        this.notice = 'Download cancelled. Files already downloaded stay cached.';
      } else this.#fail(error, 'load-failed');
    } finally {
      this.#abort = null;
      this.progress = null;
    }
  }

  cancelLoad(): void {
    this.#abort?.abort();
  }

  async generate(summary: AnalysisSummary, reportMarkdown: string | null): Promise<void> {
    if (!this.canGenerate) return;
    const endpoint = this.settings.backend === 'openai';
    const explainer = endpoint
      ? new EndpointExplainer({
          baseUrl: this.settings.endpointUrl,
          model: this.settings.endpointModel || 'default',
          maxTokens: MAX_OUTPUT_TOKENS,
        })
      : this.#explainer;
    const prompt = buildPrompt(summary, {
      contextWindow: endpoint ? ENDPOINT_CONTEXT : (this.model?.contextWindow ?? 4096),
      maxOutputTokens: MAX_OUTPUT_TOKENS,
    });
    this.facts = collectFacts(summary, reportMarkdown ? [reportMarkdown] : []);
    this.omitted = prompt.omitted;
    this.text = '';
    this.finish = null;
    this.error = null;
    this.notice = null;
    const before = this.phase;
    this.phase = 'generating';
    if (endpoint) this.#explainer = explainer;
    try {
      const result = await explainer.generate(prompt.messages, (delta) => this.#push(delta));
      this.#flush();
      this.finish = result.finish;
    } catch (error) {
      this.#flush();
      this.#fail(error, 'generate-failed');
    } finally {
      this.phase = endpoint ? 'idle' : before === 'generating' ? 'ready' : before;
      if (endpoint) this.#explainer = new NullExplainer();
    }
  }

  stop(): void {
    this.#explainer.stop();
  }

  async unload(): Promise<void> {
    const explainer = this.#explainer;
    this.#explainer = new NullExplainer();
    this.loadedModelId = null;
    if (this.phase !== 'loading') this.phase = 'idle';
    await explainer.dispose().catch(() => undefined);
  }

  /** Whether the chosen model's weights are in the browser cache (loads web-llm, no download). */
  async refreshCache(): Promise<void> {
    if (this.usingFake || !this.model) return;
    this.error = null;
    try {
      const webllm = await this.#deps.webllm();
      this.cached = await webllm.isModelCached(this.model.id, this.settings.baseUrl.trim() || null);
    } catch (error) {
      this.cached = null;
      this.#fail(error, 'load-failed');
    }
  }

  async deleteCache(): Promise<void> {
    const model = this.model;
    if (this.usingFake || !model || this.busy) return;
    if (this.loadedModelId === model.id) await this.unload();
    this.error = null;
    try {
      const webllm = await this.#deps.webllm();
      const had = await webllm.deleteCachedModel(model.id, this.settings.baseUrl.trim() || null);
      this.cached = false;
      this.notice = had
        ? `Deleted the cached files of ${model.label}.`
        : `No weights of ${model.label} were cached; nothing left to delete.`;
    } catch (error) {
      this.#fail(error, 'load-failed');
    }
  }

  #push(delta: string): void {
    this.#pending += delta;
    this.#flushTimer ??= setTimeout(() => this.#flush(), FLUSH_MS);
  }

  #flush(): void {
    if (this.#flushTimer !== null) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    if (this.#pending) this.text += this.#pending;
    this.#pending = '';
  }

  #fail(error: unknown, fallback: string): void {
    const code = error instanceof ExplainerError ? error.code : fallback;
    this.error = { code, message: errorMessage(error) };
  }
}

let shared: ExplainerState | null = null;

/** One explainer for the page: a loaded model survives new analyses and cell remounts. */
export function sharedExplainer(): ExplainerState {
  shared ??= new ExplainerState();
  return shared;
}

export { checkClaims, describeSize, MODEL_CHOICES } from '../llm';
export type { Claim, ClaimReport, FactIndex, ModelChoice } from '../llm';

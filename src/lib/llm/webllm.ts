/**
 * The web-llm adapter. This module is only ever reached through a dynamic import (see
 * state/explainer.svelte.ts), and it imports @mlc-ai/web-llm dynamically too, so neither is part
 * of the initial bundle. The engine runs in its own worker: inference never blocks the page.
 */
import type { AppConfig, InitProgressReport, ModelRecord } from '@mlc-ai/web-llm';
import { EngineExplainer } from './engine-explainer';
import { selfHostedRecord, type ModelChoice } from './models';
import { ExplainerError, errorMessage, type Explainer, type LoadProgress } from './types';

type WebLlm = typeof import('@mlc-ai/web-llm');

let library: Promise<WebLlm> | null = null;

/** Loads the library once; a failed load (offline, blocked chunk) may be retried. */
export function loadWebLlm(): Promise<WebLlm> {
  library ??= import('@mlc-ai/web-llm').catch((error: unknown) => {
    library = null;
    throw new ExplainerError('load-failed', `Could not load web-llm: ${errorMessage(error)}`);
  });
  return library;
}

/** The app config for one model: web-llm's own record, or a copy pointing at a self-hosted base. */
export function appConfigFor(lib: WebLlm, modelId: string, baseUrl: string | null): AppConfig {
  const record = lib.prebuiltAppConfig.model_list.find((r: ModelRecord) => r.model_id === modelId);
  if (!record) {
    throw new ExplainerError(
      'unknown-model',
      `web-llm ${lib.modelVersion} has no model ${modelId}.`,
    );
  }
  const chosen = baseUrl ? selfHostedRecord(record, new URL(baseUrl, location.href).href) : record;
  return { ...lib.prebuiltAppConfig, model_list: [chosen] };
}

export interface WebLlmLoadOptions {
  model: ModelChoice;
  baseUrl: string | null;
  onProgress: (progress: LoadProgress) => void;
  /** Aborting terminates the worker: the download stops at once. */
  signal: AbortSignal;
}

export async function createWebLlmExplainer(options: WebLlmLoadOptions): Promise<Explainer> {
  const { model, baseUrl, onProgress, signal } = options;
  const lib = await loadWebLlm();
  const appConfig = appConfigFor(lib, model.id, baseUrl);
  if (signal.aborted) throw cancelled();
  const worker = new Worker(new URL('./webllm.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hpi-webllm',
  });
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // A worker that dies (script error, out of memory) never answers: fail instead of hanging.
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) =>
      reject(new ExplainerError('load-failed', `The model worker failed: ${event.message}`)),
    );
  });
  try {
    const engine = await Promise.race([
      lib.CreateWebWorkerMLCEngine(worker, model.id, {
        appConfig,
        initProgressCallback: (report: InitProgressReport) =>
          onProgress({ progress: report.progress, text: report.text }),
      }),
      aborted,
      crashed,
    ]);
    return new EngineExplainer(engine, {
      kind: 'webllm',
      maxTokens: 768,
      onDispose: () => worker.terminate(),
    });
  } catch (error) {
    worker.terminate();
    if (error instanceof ExplainerError) throw error;
    const where = baseUrl ? ` from ${baseUrl}` : '';
    const why = (await diagnose(appConfig)) ?? errorMessage(error);
    throw new ExplainerError('load-failed', `Could not load ${model.label}${where}: ${why}`);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * web-llm reports a missing file as "Failed to execute 'add' on 'Cache'": ask for the model's
 * config ourselves to name the URL and the HTTP status (or the network failure) instead.
 */
async function diagnose(appConfig: AppConfig): Promise<string | null> {
  const record = appConfig.model_list[0];
  const base = record.model.endsWith('/') ? record.model : `${record.model}/`;
  const url = new URL(
    'mlc-chat-config.json',
    /\/resolve\/.+\//.test(base) ? base : `${base}resolve/main/`,
  );
  try {
    const response = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    if (response.ok) return null;
    return `${url.href} answered HTTP ${response.status}. Check the base URL and the file layout.`;
  } catch {
    return `${url.origin} could not be reached (offline, or the server does not allow this page). Set a self-hosted model base URL to work offline.`;
  }
}

function cancelled(): ExplainerError {
  return new ExplainerError('cancelled', 'Model download cancelled.');
}

export async function isModelCached(modelId: string, baseUrl: string | null): Promise<boolean> {
  const lib = await loadWebLlm();
  return lib.hasModelInCache(modelId, appConfigFor(lib, modelId, baseUrl));
}

/**
 * Deletes the model's cached files; false when no weights were cached. The weights are deleted
 * only when web-llm has their manifest cached: its delete otherwise fetches the manifest from
 * the network first, which fails (or downloads) for a model that was never stored.
 */
export async function deleteCachedModel(modelId: string, baseUrl: string | null): Promise<boolean> {
  const lib = await loadWebLlm();
  const appConfig = appConfigFor(lib, modelId, baseUrl);
  const cached = await lib.hasModelInCache(modelId, appConfig);
  if (cached) await lib.deleteModelInCache(modelId, appConfig);
  await lib.deleteModelWasmInCache(modelId, appConfig);
  await lib.deleteChatConfigInCache(modelId, appConfig);
  return cached;
}

/** Ids of the offered models that this web-llm version does not know (a unit test keeps it empty). */
export async function unknownModelIds(ids: readonly string[]): Promise<string[]> {
  const lib = await loadWebLlm();
  const known = new Set(lib.prebuiltAppConfig.model_list.map((r: ModelRecord) => r.model_id));
  return ids.filter((id) => !known.has(id));
}

/** The narrative settings kept between visits: model choice, self-hosted base, endpoint. */
import { DEFAULT_MODEL_ID, findModel } from '../llm';
import type { SettingsStorage } from './settings-store';

export const LLM_STORAGE_KEY = 'hpi.llm.v1';

export type LlmBackend = 'webllm' | 'openai';

export interface LlmSettings {
  backend: LlmBackend;
  modelId: string;
  /** Base URL of self-hosted weights ('' = web-llm's default hosts). */
  baseUrl: string;
  /** OpenAI-compatible endpoint, e.g. http://localhost:11434 ('' = not configured). */
  endpointUrl: string;
  endpointModel: string;
}

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  backend: 'webllm',
  modelId: DEFAULT_MODEL_ID,
  baseUrl: '',
  endpointUrl: '',
  endpointModel: '',
};

/** The stored settings merged over the defaults; garbage and unknown models fall back. */
export function readLlmSettings(storage: SettingsStorage | null): LlmSettings {
  let raw: unknown = null;
  try {
    const text = storage?.getItem(LLM_STORAGE_KEY);
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  const out: LlmSettings = { ...DEFAULT_LLM_SETTINGS };
  if (!raw || typeof raw !== 'object') return out;
  const get = (key: keyof LlmSettings): string | null => {
    const v: unknown = Reflect.get(raw, key);
    return typeof v === 'string' ? v : null;
  };
  const backend = get('backend');
  if (backend === 'webllm' || backend === 'openai') out.backend = backend;
  const modelId = get('modelId');
  if (modelId && findModel(modelId)) out.modelId = modelId;
  out.baseUrl = get('baseUrl') ?? '';
  out.endpointUrl = get('endpointUrl') ?? '';
  out.endpointModel = get('endpointModel') ?? '';
  return out;
}

export function writeLlmSettings(storage: SettingsStorage | null, settings: LlmSettings): void {
  try {
    storage?.setItem(LLM_STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // A full or blocked storage only loses persistence.
  }
}

import { describe, expect, it } from 'vitest';
import { ExplainerState } from '../../../src/lib/state/explainer.svelte';
import { LLM_STORAGE_KEY, readLlmSettings } from '../../../src/lib/state/llm-store';
import type { SettingsStorage } from '../../../src/lib/state/settings-store';
import { FakeEngine } from './fake-engine';
import { noWeightDecaySummary } from './fixtures';

function memoryStorage(
  initial: Record<string, string> = {},
): SettingsStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => void (data[k] = v),
    removeItem: (k) => void delete data[k],
  };
}

const noWebLlm = () => Promise.reject(new Error('web-llm must not load in this test'));

describe('ExplainerState', () => {
  it('reports a missing WebGPU before any download and never loads web-llm', async () => {
    const state = new ExplainerState({
      storage: memoryStorage(),
      gpu: () => undefined,
      fakeHook: () => null,
      webllm: noWebLlm,
    });
    await state.load();
    expect(state.phase).toBe('idle');
    expect(state.error?.code).toBe('no-webgpu');
    expect(state.error?.message).toMatch(/navigator\.gpu/);
  });

  it('loads a fake engine, streams, and checks claims against the summary', async () => {
    const engine = new FakeEngine({
      tokens: ['Trial 2 failed. ', 'A weight decay of 0.01 ', 'caused it.'],
    });
    const state = new ExplainerState({
      storage: memoryStorage(),
      fakeHook: () => ({ createEngine: () => engine }),
      webllm: noWebLlm,
    });
    await state.load();
    expect(state.phase).toBe('ready');
    expect(engine.calls[0]).toMatch(/^reload:/);
    await state.generate(noWeightDecaySummary(), null);
    expect(state.text).toBe('Trial 2 failed. A weight decay of 0.01 caused it.');
    expect(state.finish).toBe('stop');
    expect(state.claims?.unmatched.map((c) => c.text)).toEqual(['weight decay', '0.01']);
    await state.unload();
    expect(engine.calls).toContain('unload');
    expect(state.phase).toBe('idle');
  });

  it('persists settings under hpi.llm.v1 and ignores garbage', () => {
    const storage = memoryStorage();
    const state = new ExplainerState({ storage, fakeHook: () => null, webllm: noWebLlm });
    state.update({ modelId: 'SmolLM2-360M-Instruct-q4f32_1-MLC', baseUrl: './models/' });
    expect(JSON.parse(storage.data[LLM_STORAGE_KEY])).toMatchObject({
      modelId: 'SmolLM2-360M-Instruct-q4f32_1-MLC',
      baseUrl: './models/',
    });
    expect(new ExplainerState({ storage, fakeHook: () => null }).settings.baseUrl).toBe(
      './models/',
    );
    const bad = memoryStorage({ [LLM_STORAGE_KEY]: '{"modelId":"nope","backend":7' });
    expect(readLlmSettings(bad).modelId).not.toBe('nope');
    expect(
      readLlmSettings(memoryStorage({ [LLM_STORAGE_KEY]: '{"modelId":"nope"}' })).modelId,
    ).not.toBe('nope');
  });
});

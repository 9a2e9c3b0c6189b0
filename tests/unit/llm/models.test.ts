import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { MODEL_CHOICES, checkGpu, describeSize, type GpuLike } from '../../../src/lib/llm';
import { normaliseBaseUrl, selfHostedRecord } from '../../../src/lib/llm/models';

const f16Model = MODEL_CHOICES.find((m) => m.needsF16 && m.lowResource)!;
const f32Model = MODEL_CHOICES.find((m) => !m.needsF16)!;
const bigModel = MODEL_CHOICES.find((m) => !m.lowResource)!;

function gpu(features: string[], binding = 2 ** 31): GpuLike {
  return {
    requestAdapter: async () => ({
      features: new Set(features),
      limits: { maxStorageBufferBindingSize: binding, maxBufferSize: binding },
      info: { vendor: 'acme', architecture: 'gen1' },
    }),
  };
}

describe('the offered models', () => {
  it('all exist in the installed web-llm with the VRAM, f16 and resource flags we show', () => {
    for (const m of MODEL_CHOICES) {
      const record = prebuiltAppConfig.model_list.find((r) => r.model_id === m.id);
      expect(record, m.id).toBeDefined();
      expect(Math.abs((record!.vram_required_MB ?? 0) - m.vramMB)).toBeLessThan(1);
      expect(m.needsF16).toBe(/f16/.test(m.id));
      expect(m.lowResource).toBe(record!.low_resource_required === true);
      expect(record!.overrides?.context_window_size ?? 4096).toBeGreaterThanOrEqual(
        m.contextWindow,
      );
    }
    expect(describeSize(f16Model)).toMatch(/^≈ .+ download · .+ VRAM$/);
  });

  it('points a record at a self-hosted base for offline use', () => {
    const record = prebuiltAppConfig.model_list.find((r) => r.model_id === f16Model.id)!;
    const local = selfHostedRecord(record, 'http://localhost:5173/models');
    expect(local.model).toBe(`http://localhost:5173/models/${f16Model.id}/resolve/main/`);
    expect(local.model_lib).toMatch(/^http:\/\/localhost:5173\/models\/libs\/[^/]+\.wasm$/);
    expect(local.vram_required_MB).toBe(record.vram_required_MB);
    expect(normaliseBaseUrl('./models', 'https://team.example/hpi/')).toBe(
      'https://team.example/hpi/models/',
    );
  });
});

describe('checkGpu, before any download', () => {
  it('names a missing navigator.gpu', async () => {
    expect(await checkGpu(undefined, f16Model)).toMatchObject({ ok: false, problem: 'no-webgpu' });
  });
  it('names a missing adapter, and a throwing requestAdapter', async () => {
    const none: GpuLike = { requestAdapter: async () => null };
    const throws: GpuLike = { requestAdapter: () => Promise.reject(new Error('blocked')) };
    expect(await checkGpu(none, f16Model)).toMatchObject({ problem: 'no-adapter' });
    expect(await checkGpu(throws, f16Model)).toMatchObject({ problem: 'no-adapter' });
  });
  it('requires shader-f16 for f16 models only', async () => {
    const check = await checkGpu(gpu([]), f16Model);
    expect(check).toMatchObject({ ok: false, problem: 'no-f16' });
    expect(!check.ok && check.message).toMatch(/shader-f16/);
    expect(await checkGpu(gpu([]), f32Model)).toMatchObject({ ok: true, f16: false });
    expect(await checkGpu(gpu(['shader-f16']), f16Model)).toMatchObject({
      ok: true,
      f16: true,
      adapter: 'acme gen1',
    });
  });
  it('refuses a large model on a GPU with small storage buffers, warns on little memory', async () => {
    expect(await checkGpu(gpu(['shader-f16'], 2 ** 27), bigModel)).toMatchObject({
      problem: 'low-memory',
    });
    const check = await checkGpu(gpu(['shader-f16']), f16Model, 1);
    expect(check.ok && check.warning).toMatch(/1 GB/);
  });
});

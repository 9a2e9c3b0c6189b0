/**
 * WebGPU checks made BEFORE any download: is there `navigator.gpu`, an adapter, the features and
 * the buffer sizes the chosen model needs? Pure over a structural `navigator.gpu` so the tests
 * can pass fakes; the browser passes the real one.
 */
import type { ModelChoice } from './models';

export interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits: { maxStorageBufferBindingSize: number; maxBufferSize: number };
  info?: { vendor?: string; architecture?: string; description?: string };
}

export interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<GpuAdapterLike | null>;
}

export type GpuProblem = 'no-webgpu' | 'no-adapter' | 'no-f16' | 'low-memory';

export type GpuCheck =
  | { ok: true; adapter: string; f16: boolean; warning: string | null }
  | { ok: false; problem: GpuProblem; message: string; f16?: boolean };

/** web-llm refuses models that are not `low_resource_required` below a 1 GiB binding size. */
const FULL_BINDING_BYTES = 1 << 30;

export async function checkGpu(
  gpu: GpuLike | undefined,
  model: ModelChoice,
  deviceMemoryGB?: number,
): Promise<GpuCheck> {
  if (!gpu) {
    return {
      ok: false,
      problem: 'no-webgpu',
      message:
        'This browser has no WebGPU (navigator.gpu is missing). Use a current Chrome or Edge ' +
        '(Safari 26 / Firefox 141+ on some systems), serve the page over https or localhost, or ' +
        'configure an OpenAI-compatible endpoint below.',
    };
  }
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) {
    return {
      ok: false,
      problem: 'no-adapter',
      message:
        'WebGPU is present but no GPU adapter is available (requestAdapter() returned none): ' +
        'the GPU may be blocked by the browser or its drivers. Check chrome://gpu.',
    };
  }
  const f16 = adapter.features.has('shader-f16');
  if (model.needsF16 && !f16) {
    return {
      ok: false,
      problem: 'no-f16',
      f16,
      message: `${model.label} needs the WebGPU feature shader-f16, which this GPU lacks. Pick an f32 model.`,
    };
  }
  if (!model.lowResource && adapter.limits.maxStorageBufferBindingSize < FULL_BINDING_BYTES) {
    return {
      ok: false,
      problem: 'low-memory',
      f16,
      message: `${model.label} needs 1 GiB storage buffers; this GPU allows ${mib(adapter.limits.maxStorageBufferBindingSize)}. Pick a smaller model.`,
    };
  }
  const name = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ');
  // navigator.deviceMemory is capped at 8 (GB) and coarse: only a hint, never a refusal.
  const warning =
    deviceMemoryGB !== undefined && deviceMemoryGB * 1024 < model.vramMB * 1.5
      ? `This device reports about ${deviceMemoryGB} GB of memory; ${model.label} needs about ${mib(model.vramMB * 2 ** 20)} of GPU memory and may fail to load.`
      : null;
  return { ok: true, adapter: name || 'WebGPU adapter', f16, warning };
}

function mib(bytes: number): string {
  const mb = bytes / 2 ** 20;
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GiB` : `${Math.round(mb)} MiB`;
}

/**
 * The short list of small instruction models offered in the Report cell. Ids exist in
 * `prebuiltAppConfig.model_list` of @mlc-ai/web-llm 0.2.86 (checked by a unit test); VRAM is the
 * record's `vram_required_MB`. Download sizes are approximate (weight shards + wasm library):
 * web-llm's records do not carry them, and the UI says "≈".
 */

export interface ModelChoice {
  id: string;
  label: string;
  /** Approximate download, MB. */
  downloadMB: number;
  /** `vram_required_MB` of the web-llm record. */
  vramMB: number;
  /** Context window (tokens) the prompt is bounded to. */
  contextWindow: number;
  /** f16 weights or activations need the WebGPU `shader-f16` feature. */
  needsF16: boolean;
  /** web-llm's `low_resource_required`: runs within the default 128 MiB binding size. */
  lowResource: boolean;
  note: string;
}

export const MODEL_CHOICES: readonly ModelChoice[] = [
  {
    id: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    label: 'Qwen2.5 1.5B Instruct',
    downloadMB: 900,
    vramMB: 1630,
    contextWindow: 4096,
    needsF16: true,
    lowResource: true,
    note: 'Best balance of quality and size.',
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC',
    label: 'Qwen2.5 0.5B Instruct',
    downloadMB: 290,
    vramMB: 945,
    contextWindow: 4096,
    needsF16: true,
    lowResource: true,
    note: 'Small and quick; plainer prose.',
  },
  {
    id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    label: 'Llama 3.2 1B Instruct',
    downloadMB: 710,
    vramMB: 879,
    contextWindow: 4096,
    needsF16: true,
    lowResource: true,
    note: 'Small, good at following the format.',
  },
  {
    id: 'Llama-3.2-3B-Instruct-q4f16_1-MLC',
    label: 'Llama 3.2 3B Instruct',
    downloadMB: 1800,
    vramMB: 2264,
    contextWindow: 4096,
    needsF16: true,
    lowResource: true,
    note: 'Better prose; needs a discrete or recent integrated GPU.',
  },
  {
    id: 'Phi-3.5-mini-instruct-q4f16_1-MLC',
    label: 'Phi-3.5 mini Instruct',
    downloadMB: 2150,
    vramMB: 3672,
    contextWindow: 4096,
    needsF16: true,
    lowResource: false,
    note: 'Largest here; best reasoning, heavy download.',
  },
  {
    id: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC',
    label: 'Qwen2.5 0.5B Instruct (f32)',
    downloadMB: 300,
    vramMB: 1060,
    contextWindow: 4096,
    needsF16: false,
    lowResource: true,
    note: 'For GPUs without shader-f16.',
  },
  {
    id: 'SmolLM2-360M-Instruct-q4f32_1-MLC',
    label: 'SmolLM2 360M Instruct (f32)',
    downloadMB: 210,
    vramMB: 580,
    contextWindow: 4096,
    needsF16: false,
    lowResource: true,
    note: 'Tiny; for weak GPUs. Expect more flagged numbers.',
  },
];

export const DEFAULT_MODEL_ID = MODEL_CHOICES[0].id;

export function findModel(id: string): ModelChoice | undefined {
  return MODEL_CHOICES.find((m) => m.id === id);
}

/** "≈ 900 MB download · 1.6 GB VRAM" */
export function describeSize(model: ModelChoice): string {
  const size = (mb: number) => (mb >= 1000 ? `${(mb / 1024).toFixed(1)} GB` : `${mb} MB`);
  return `≈ ${size(model.downloadMB)} download · ${size(model.vramMB)} VRAM`;
}

/** The fields of web-llm's `ModelRecord` this module reads and writes. */
export interface ModelRecordLike {
  model: string;
  model_id: string;
  model_lib: string;
}

/**
 * Points a model record at a self-hosted copy beside the static build, so a team works offline:
 *   {base}/{model_id}/resolve/main/…   the weight shards, mlc-chat-config.json, tokenizer
 *   {base}/libs/{wasm file name}       the compiled model library
 * The `resolve/main/` segment mirrors the Hugging Face layout web-llm expects for every model URL
 * (it appends it when missing), so `huggingface-cli download mlc-ai/<id> --local-dir
 * <base>/<id>/resolve/main` produces the right tree.
 */
export function selfHostedRecord<R extends ModelRecordLike>(record: R, base: string): R {
  const root = normaliseBaseUrl(base);
  const lib = record.model_lib.split('/').pop() ?? record.model_lib;
  return {
    ...record,
    model: `${root}${record.model_id}/resolve/main/`,
    model_lib: `${root}libs/${lib}`,
  };
}

/** Absolute, with one trailing slash; relative bases resolve against the page. */
export function normaliseBaseUrl(base: string, pageUrl?: string): string {
  const trimmed = base.trim();
  const absolute = pageUrl ? new URL(trimmed, pageUrl).href : trimmed;
  return absolute.endsWith('/') ? absolute : `${absolute}/`;
}

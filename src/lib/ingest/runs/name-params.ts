/**
 * Hyperparameters encoded in a run or folder name. Supported spellings:
 *
 * - `key=value` pairs, separated by `,` `;` `&` whitespace `_` or `-`: `lr=0.001,bs=32`,
 *   `model=bert_base_lr=3e-5` (values may be text here, since `=` marks them unambiguously);
 * - `key-number` / `key_number` pairs joined by `_` or `-`: `run_2_lr-2e-4_rank-32_epochs-1`,
 *   `lr_0.001-wd_0.1`, `seed-3_shuffle-true`;
 * - `keyNumber` with no separator: `lr0.001_bs32`, `r16-alpha32`.
 *
 * Without `=`, only numbers and true/false are read (`opt_adam` is ambiguous and skipped).
 * A key is one word; common multi-word names (`batch_size`, `weight_decay`, `lora_r`,
 * `num_train_epochs`…) keep their leading words. Counters that only number the runs (`run_2`,
 * `trial-7`, `version_0`) are not hyperparameters and are dropped.
 */
import type { Params, ParamValue } from './config';

/** Names that number runs rather than configure them. */
const COUNTER_KEYS = new Set([
  'run',
  'runs',
  'trial',
  'trials',
  'exp',
  'experiment',
  'version',
  'v',
  'id',
  'job',
  'sweep',
  'idx',
  'index',
  'checkpoint',
  'ckpt',
  'step',
  'fold',
  'iter',
  'part',
]);

/** Words that start a multi-word key: `batch_size`, `num_train_epochs`, `lora_alpha`. */
const PREFIX_WORDS = new Set([
  'batch',
  'learning',
  'weight',
  'warmup',
  'num',
  'n',
  'max',
  'min',
  'lora',
  'grad',
  'gradient',
  'hidden',
  'label',
  'train',
  'eval',
  'total',
  'per',
  'device',
  'accumulation',
  'lr',
  'drop',
  'dropout',
  'init',
  'adam',
  'beta',
  'seq',
  'sequence',
  'context',
  'embed',
  'embedding',
  'model',
  'mini',
  'micro',
  'global',
  'local',
  'attn',
  'attention',
  'ffn',
  'top',
  'temp',
  'kl',
  'clip',
]);

const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** "2e-4" → 2e-4, "true" → true, "adam" → "adam". */
export function typedValue(text: string): ParamValue {
  const s = text.trim();
  if (NUMBER_TEXT.test(s)) return Number(s);
  if (/^true$/i.test(s)) return true;
  if (/^false$/i.test(s)) return false;
  return s;
}

export function paramsFromName(name: string): Params {
  const out: Params = {};
  const trimmed = name.trim();
  if (trimmed.includes('=')) readAssignments(trimmed, out);
  else scanPairs(trimmed, out);
  for (const key of Object.keys(out)) if (COUNTER_KEYS.has(key.toLowerCase())) delete out[key];
  return out;
}

function setParam(out: Params, key: string, value: ParamValue): void {
  Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
}

const SEPARATORS = /[,;&\s_\-/]/;
const KEY_TEXT = /^[A-Za-z][\w.]*$/;

/**
 * `k1=v1<sep>k2=v2…`: the text between two `=` holds the end of one value and the next key. The
 * split goes at the first separator after which a whole key follows: a word, or prefix words and
 * a word (`1e-4_batch_size` → 1e-4 and `batch_size`; `bert_base_lr` → `bert_base` and `lr`).
 */
function readAssignments(text: string, out: Params): void {
  const eqs: number[] = [];
  for (let i = text.indexOf('='); i !== -1; i = text.indexOf('=', i + 1)) eqs.push(i);
  let key = keyFromTail(text.slice(0, eqs[0]));
  for (let k = 0; k < eqs.length; k++) {
    const segment = text.slice(eqs[k] + 1, k + 1 < eqs.length ? eqs[k + 1] : text.length);
    if (k + 1 === eqs.length) {
      const value = segment.replace(/^[,;&\s]+|[,;&\s]+$/g, '');
      if (key !== '' && value !== '') setParam(out, key, typedValue(value));
      break;
    }
    const split = splitValueAndKey(segment);
    if (key !== '' && split.value !== '') setParam(out, key, typedValue(split.value));
    key = split.key;
  }
}

/** The key that ends `text` ("run_3_lr" → "lr", "per_device_batch_size" kept whole). */
function keyFromTail(text: string): string {
  const m = /[A-Za-z][\w.]*$/.exec(text.trimEnd());
  return m ? trimKey(m[0]) : '';
}

function splitValueAndKey(segment: string): { value: string; key: string } {
  const clean = (v: string) => v.replace(/[,;&\s_\-/]+$/, '');
  let fallback: { value: string; key: string } | null = null;
  for (let i = 0; i < segment.length; i++) {
    if (!SEPARATORS.test(segment[i])) continue;
    const key = segment.slice(i + 1);
    if (!KEY_TEXT.test(key)) continue;
    const value = clean(segment.slice(0, i));
    if (trimKey(key) === key) return { value, key };
    fallback = { value, key: trimKey(key) };
  }
  return fallback ?? { value: '', key: keyFromTail(segment) };
}

const WORD = '[A-Za-z][A-Za-z0-9]*';
const UNSIGNED = '(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';
const NUM = `[-+]?${UNSIGNED}`;
const BOUNDARY = '(?=$|[,;&\\s_\\-/+])';
/** `key<sep>value`: key words joined by `_`, then `-` `_` or `:` before the value. */
const SEPARATED = new RegExp(
  `^(${WORD}(?:_${WORD})*)[-_:](${NUM}|true|false|True|False)${BOUNDARY}`,
);
/** `keyValue`: a known short key immediately followed by a number (`lr0.001`, `bs32`). */
const JOINED = new RegExp(`^([A-Za-z]+)(${UNSIGNED})${BOUNDARY}`);

/**
 * Keys accepted without a separator. A list, because `gpt2`, `t5`, `resnet50` or `fp16` are
 * model and precision names, not `gpt = 2`.
 */
const JOINED_KEYS = new Set([
  'lr',
  'bs',
  'bsz',
  'mbs',
  'gbs',
  'wd',
  'ep',
  'epoch',
  'epochs',
  'e',
  'seed',
  's',
  'r',
  'rank',
  'alpha',
  'a',
  'do',
  'drop',
  'dropout',
  'p',
  'warmup',
  'wu',
  'ga',
  'gas',
  'accum',
  'steps',
  'layers',
  'nl',
  'l',
  'heads',
  'nh',
  'h',
  'dim',
  'd',
  'hd',
  'hidden',
  'emb',
  'k',
  'topk',
  'tau',
  'temp',
  'beta',
  'b',
  'mom',
  'momentum',
  'gamma',
  'eps',
  'lam',
  'lambda',
  'c',
  'clip',
  'ls',
  'n',
  'm',
  'width',
  'depth',
]);

function scanPairs(text: string, out: Params): void {
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const separated = SEPARATED.exec(rest);
    let joined = JOINED.exec(rest);
    if (joined && !JOINED_KEYS.has(joined[1].toLowerCase())) joined = null;
    // The longer reading wins; on a tie `lr1e-3` is lr = 1e-3, not "lr1e" = 3.
    const m = separated && (!joined || separated[0].length > joined[0].length) ? separated : joined;
    if (m) {
      const key = trimKey(m[1]);
      setParam(out, key, typedValue(m[2]));
      i += m[0].length;
      // Step over the separator after the value.
      if (i < text.length) i++;
      continue;
    }
    // Move to the start of the next token.
    const next = rest.slice(1).search(/[,;&\s_\-/+]/);
    if (next === -1) break;
    i += next + 2;
  }
}

/** "uncased_lr" → "lr"; "per_device_batch_size" → "per_device_batch_size". */
function trimKey(key: string): string {
  const words = key.split('_');
  let start = words.length - 1;
  while (start > 0 && PREFIX_WORDS.has(words[start - 1].toLowerCase())) start--;
  return words.slice(start).join('_');
}

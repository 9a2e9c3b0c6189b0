/**
 * Column-name parsing shared by role inference and detectors. Tools spell the same thing many
 * ways (`val_loss`, `val/loss`, `metrics.valLoss`, `params_lr`), so names are reduced to a
 * namespace prefix plus lowercase word tokens before anything is matched.
 */

export type NamePrefix = 'metric' | 'param' | 'tag' | null;

export interface ParsedName {
  /** Which tool namespace the name was under, if any. */
  prefix: NamePrefix;
  /** The name without the namespace prefix. */
  bare: string;
  /** Lowercase words of `bare`, split on `_ . / - space` and camelCase. */
  tokens: string[];
}

// Longest first, so `params.` wins over `param_`-style partial matches.
const PREFIXES: readonly [string, NamePrefix][] = [
  ['metrics.', 'metric'],
  ['metrics/', 'metric'],
  ['summary/', 'metric'],
  ['params.', 'param'],
  ['params/', 'param'],
  ['params_', 'param'],
  ['param_', 'param'],
  ['config/', 'param'],
  ['config.', 'param'],
  ['hparams/', 'param'],
  ['hparams.', 'param'],
  ['tags.', 'tag'],
  ['tags/', 'tag'],
];

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

export function parseName(name: string): ParsedName {
  const lower = name.toLowerCase();
  for (const [prefix, kind] of PREFIXES) {
    if (lower.startsWith(prefix) && name.length > prefix.length) {
      const bare = name.slice(prefix.length);
      return { prefix: kind, bare, tokens: splitWords(bare) };
    }
  }
  return { prefix: null, bare: name, tokens: splitWords(name) };
}

export const TRAIN_WORDS = new Set(['train', 'training', 'trn']);
export const VAL_WORDS = new Set(['val', 'valid', 'validation', 'eval', 'evaluation', 'dev']);
export const TEST_WORDS = new Set(['test', 'testing', 'holdout']);

/**
 * The metric name without its split words, so that `train_loss` and `val_loss` (or `train/loss`
 * and `eval/loss`) are recognised as the same quantity measured on two splits.
 */
export function metricStem(name: string): string {
  return parseName(name)
    .tokens.filter((t) => !TRAIN_WORDS.has(t) && !VAL_WORDS.has(t) && !TEST_WORDS.has(t))
    .join('_');
}

/** True when the bare name's tokens, joined without separators, match the pattern. */
export function joinedMatches(tokens: readonly string[], pattern: RegExp): boolean {
  return pattern.test(tokens.join(''));
}

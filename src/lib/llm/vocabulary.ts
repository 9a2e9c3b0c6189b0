/**
 * Hyperparameters a model likes to mention whether or not the sweep searched them (the original
 * tool's sample report credited a weight decay its data never had). A mention is fine when some
 * column's normalised name contains one of the aliases as whole words.
 */
export interface HyperparameterWord {
  label: string;
  pattern: RegExp;
  /** Normalised column-name words that count as this hyperparameter. */
  aliases: string[];
}

export const HYPERPARAMETER_WORDS: readonly HyperparameterWord[] = [
  {
    label: 'weight decay',
    pattern: /\bweight[\s_-]?decay\b/gi,
    aliases: ['weight decay', 'wd', 'l2'],
  },
  {
    label: 'learning rate',
    pattern: /\blearning[\s_-]?rates?\b/gi,
    aliases: ['learning rate', 'lr', 'eta', 'learning rate init'],
  },
  { label: 'dropout', pattern: /\bdropout\b/gi, aliases: ['dropout', 'drop rate', 'p drop'] },
  {
    label: 'batch size',
    pattern: /\bbatch[\s_-]?sizes?\b/gi,
    aliases: ['batch size', 'bs', 'batch', 'per device train batch size'],
  },
  {
    label: 'warmup',
    pattern: /\bwarm[\s_-]?up\b/gi,
    aliases: ['warmup', 'warm up', 'warmup steps', 'warmup ratio'],
  },
  { label: 'momentum', pattern: /\bmomentum\b/gi, aliases: ['momentum', 'beta1'] },
  {
    label: 'label smoothing',
    pattern: /\blabel[\s_-]?smoothing\b/gi,
    aliases: ['label smoothing'],
  },
  {
    label: 'gradient clipping',
    pattern: /\bgrad(?:ient)?[\s_-]?clip(?:ping)?\b/gi,
    aliases: ['clip', 'grad clip', 'max grad norm', 'gradient clipping'],
  },
  {
    label: 'LoRA rank',
    pattern: /\blora[\s_-]?(?:rank|r)\b/gi,
    aliases: ['lora r', 'lora rank', 'rank', 'r'],
  },
];

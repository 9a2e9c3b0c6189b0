/**
 * The accuracy of guessing, per run: 1 / number of classes. The class count comes from (in
 * order) the user's `chanceLevel` setting, a classes-like column (`num_classes`, `n_labels`),
 * the metric's own name (`cifar10_test_acc`), or a dataset named anywhere in the run's row (a
 * checkpoint path `mobilenetv2_cifar10_best.pth`, a `dataset` column) or in a column name.
 * Unknown when none of these says it, or when they disagree.
 */
import { CellState, type CategoryColumn, type Column, type TextColumn } from '../../model';
import type { DetectorContext } from '../context';
import { parseName } from '../names';

export interface Chance {
  /** On a 0–1 scale. */
  level: number;
  /** Class count when known (null for a level set by the user). */
  classes: number | null;
  /** Where it came from, for the evidence. */
  source: string;
}

const DATASETS: readonly { pattern: RegExp; classes: number; name: string }[] = [
  { pattern: /tiny[-_ ]?imagenet/, classes: 200, name: 'Tiny ImageNet' },
  { pattern: /cifar[-_ ]?100(?!\d)/, classes: 100, name: 'CIFAR-100' },
  { pattern: /cifar[-_ ]?10(?!\d)/, classes: 10, name: 'CIFAR-10' },
  {
    pattern: /(?<![a-z])(fashion[-_ ]?mnist|fmnist|kmnist|mnist)(?![a-z])/,
    classes: 10,
    name: 'MNIST',
  },
  { pattern: /(?<![a-z])svhn(?![a-z])/, classes: 10, name: 'SVHN' },
  { pattern: /(?<![a-z])stl[-_ ]?10(?!\d)/, classes: 10, name: 'STL-10' },
  { pattern: /(?<![a-z])(imagenet(?![-_ ]?2[12]k)|ilsvrc)/, classes: 1000, name: 'ImageNet' },
];

/** Every dataset pattern contains one of these: most texts (run ids, paths) are ruled out at once. */
const ANY_DATASET = /imagenet|ilsvrc|cifar|mnist|svhn|stl/;

/** The dataset a text names, with its class count; null when none or several disagree. */
export function datasetIn(text: string): { classes: number; name: string } | null {
  const lower = text.toLowerCase();
  if (!ANY_DATASET.test(lower)) return null;
  let found: { classes: number; name: string } | null = null;
  let rest = lower;
  for (const d of DATASETS) {
    if (!d.pattern.test(rest)) continue;
    if (found && found.classes !== d.classes) return null;
    found ??= { classes: d.classes, name: d.name };
    // `tiny-imagenet` must not also count as ImageNet, nor `cifar100` as CIFAR-10.
    rest = rest.replace(new RegExp(d.pattern.source, 'g'), ' ');
  }
  return found;
}

function isClassesName(name: string): boolean {
  const tokens = parseName(name).tokens.filter((t) => !/^(num|n|nb|number|of|total)$/.test(t));
  return tokens.length === 1 && /^(classes|class|labels)$/.test(tokens[0]);
}

function classesAt(column: Column, row: number): number | null {
  let v = NaN;
  if (column.kind === 'number') {
    if (column.states[row] === CellState.value) v = column.values[row];
  } else if (column.kind !== 'time' && column.codes[row] >= 0) {
    v = Number(column.labels[column.codes[row]]);
  }
  return Number.isInteger(v) && v >= 2 ? v : null;
}

export interface ChanceResolver {
  /** Chance for one metric column in one row, or null when unknown. */
  at(metric: string, row: number): Chance | null;
}

// Several detectors and every tied metric ask: one resolver per analysis.
const resolverCache = new WeakMap<DetectorContext, ChanceResolver>();

export function chanceResolver(ctx: DetectorContext): ChanceResolver {
  let resolver = resolverCache.get(ctx);
  if (!resolver) resolverCache.set(ctx, (resolver = createResolver(ctx)));
  return resolver;
}

function createResolver(ctx: DetectorContext): ChanceResolver {
  const set = ctx.settings.atChance.chanceLevel;
  if (set !== null && set > 0 && set < 1) {
    const fixed: Chance = { level: set, classes: null, source: 'chanceLevel setting' };
    return { at: () => fixed };
  }
  const classColumns = ctx.table.columns.filter((c) => isClassesName(c.name));
  const textColumns = ctx.table.columns.filter(
    (c): c is CategoryColumn | TextColumn => c.kind === 'category' || c.kind === 'text',
  );
  // Dataset per label, once per label and only for the labels asked about: an id column has as
  // many labels as trials, and most analyses ask about a few rows.
  const labelDatasets = textColumns.map(
    (c) => new Array<{ classes: number; name: string } | null | undefined>(c.labels.length),
  );
  const datasetOf = (i: number, code: number) => {
    let d = labelDatasets[i][code];
    if (d === undefined) labelDatasets[i][code] = d = datasetIn(textColumns[i].labels[code]);
    return d;
  };
  const fromColumnNames = new Map<number, string>();
  for (const c of ctx.table.columns) {
    const d = datasetIn(c.name);
    if (d) fromColumnNames.set(d.classes, `${d.name}, ${d.classes} classes (column ${c.name})`);
  }
  const nameDataset = fromColumnNames.size === 1 ? [...fromColumnNames][0] : null;
  const metricCache = new Map<string, { classes: number; name: string } | null>();
  return {
    at(metric, row) {
      for (const column of classColumns) {
        const k = classesAt(column, row);
        if (k !== null) return { level: 1 / k, classes: k, source: `${column.name} = ${k}` };
      }
      if (!metricCache.has(metric)) metricCache.set(metric, datasetIn(metric));
      const own = metricCache.get(metric);
      if (own) {
        return {
          level: 1 / own.classes,
          classes: own.classes,
          source: `${own.name} (metric name)`,
        };
      }
      let found: Chance | null = null;
      for (let i = 0; i < textColumns.length; i++) {
        const column = textColumns[i];
        const code = column.codes[row];
        const d = code >= 0 ? datasetOf(i, code) : null;
        if (!d) continue;
        if (found && found.classes !== d.classes) return null;
        found ??= {
          level: 1 / d.classes,
          classes: d.classes,
          source: `${d.name}, ${d.classes} classes (from ${column.name} "${column.labels[code]}")`,
        };
      }
      if (found) return found;
      if (nameDataset) {
        const [k, source] = nameDataset;
        return { level: 1 / k, classes: k, source };
      }
      return null;
    },
  };
}

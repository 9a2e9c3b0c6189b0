/** Property: no table and no role assignment makes analyze, the report or the export throw. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS } from '../../../src/lib/analysis';
import type { Role, RoleOverrides } from '../../../src/lib/model';
import { buildMarkdownReport, summaryToJson } from '../../../src/lib/report';
import { datasetOf, tableFromColumns, type Cell } from '../analysis/table-helper';
import { fuzzRuns, timeoutFor } from './harness';

const RUNS = fuzzRuns(200);

const NAMES = [
  'trial_id',
  'run',
  'status',
  'state',
  'lr',
  'learning_rate',
  'batch_size',
  'seed',
  'optimizer',
  'epochs',
  'max_steps',
  'runtime',
  'val_loss',
  'train_loss',
  'eval_accuracy',
  'test_acc',
  'f1',
  'perplexity',
  'duration',
  'created',
  'x',
  '',
  '__proto__',
  'constructor',
  'val_loss_2',
];

const ROLES: Role[] = [
  { kind: 'id' },
  { kind: 'status' },
  { kind: 'param' },
  { kind: 'metric', split: 'val', family: 'loss', direction: 'min' },
  { kind: 'metric', split: 'train', family: 'loss', direction: 'min' },
  { kind: 'metric', split: 'test', family: 'accuracy', direction: 'max' },
  { kind: 'metric', split: 'other', family: 'other', direction: 'max' },
  { kind: 'budget', unit: 'epochs' },
  { kind: 'budget', unit: 'steps' },
  { kind: 'budget', unit: 'runtime' },
  { kind: 'time' },
  { kind: 'ignore' },
];

const numberCell: fc.Arbitrary<Cell> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, 'NaN', 'inf', '-inf', 0, 1) },
);
const labelCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom<Cell>('COMPLETE', 'FAILED', 'RUNNING', 'adam', 'sgd', 'crashed', 'ok', '<b>'),
  fc.string({ maxLength: 4 }),
);

const arbitraryCase = fc
  .record({
    rows: fc.integer({ min: 0, max: 9 }),
    names: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 7 }),
    seed: fc.nat(),
  })
  .chain(({ rows, names }) =>
    fc.record({
      columns: fc.tuple(
        ...names.map((name) =>
          fc
            .oneof(
              fc.array(numberCell, { minLength: rows, maxLength: rows }),
              fc.array(labelCell, { minLength: rows, maxLength: rows }),
            )
            .map((cells) => [name, cells] as const),
        ),
      ),
      overrides: fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...ROLES)), {
        maxLength: 4,
      }),
      firstPass: fc.boolean(),
    }),
  );

describe('property: detectors never throw', () => {
  it(
    'random small tables with random roles go through analyze, markdown and JSON',
    () => {
      fc.assert(
        fc.property(arbitraryCase, ({ columns, overrides, firstPass }) => {
          const table = tableFromColumns(Object.fromEntries(columns));
          const roleOverrides: RoleOverrides = Object.fromEntries(overrides);
          const summary = analyze(datasetOf(table), {
            overrides: roleOverrides,
            settings: DEFAULT_SETTINGS,
            scope: firstPass ? 'first-pass' : 'full',
          });
          expect(summary.overview.trials).toBe(table.rowCount);
          expect(buildMarkdownReport(summary)).toMatch(/^# /);
          expect(() => JSON.parse(summaryToJson(summary))).not.toThrow();
        }),
        { numRuns: RUNS, seed: 9101 },
      );
    },
    timeoutFor(RUNS),
  );
});

/** The settings schema the worker sends, and how the worker checks the settings it receives. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTING_RATIONALES } from '../../../src/lib/analysis';
import { SEED_SAMPLE_CSV } from '../../../src/lib/fixtures';
import type { DetectorSettings } from '../../../src/lib/model';
import { handleRequest } from '../../../src/lib/worker/handler';
import type {
  AnalyzeResult,
  FromWorker,
  LoadResult,
  Request,
} from '../../../src/lib/worker/protocol';
import {
  mergeSettings,
  plainOverrides,
  settingFields,
  settingsDiff,
  withSetting,
} from '../../../src/lib/worker/settings';
import { buildSettingsSchema, settingsSchema } from '../../../src/lib/worker/settings-schema';

const mixed = {
  overfitting: { lossRatio: 1.5, accuracyGap: 0.1, minBudgetFraction: 0.5 },
  shortRun: { fractionOfMedian: 0.5, minTrials: 4 },
  association: { buckets: 4 },
  atChance: { enabled: true, chanceLevel: null, zScore: 2, perfectScore: 1 },
} as unknown as DetectorSettings;

describe('buildSettingsSchema', () => {
  const schema = buildSettingsSchema(mixed, { overfitting: { lossRatio: 'Why 1.5.' } }, [
    { id: 'overfitting', label: 'Overfitting', description: 'val vs train' },
    { id: 'short-run', label: 'Too-short runs', description: 'budget' },
  ]);
  const field = (path: string) => settingFields(schema).find((f) => f.path === path);

  it('lists every section and key of the defaults, in order, with labels', () => {
    expect(schema.sections.map((s) => [s.key, s.label])).toEqual([
      ['overfitting', 'Overfitting'],
      ['shortRun', 'Too-short runs'],
      ['association', 'Association'],
      ['atChance', 'At chance'],
    ]);
    expect(schema.sections[0].description).toBe('val vs train');
    expect(settingFields(schema).map((f) => f.path)).toEqual([
      'overfitting.lossRatio',
      'overfitting.accuracyGap',
      'overfitting.minBudgetFraction',
      'shortRun.fractionOfMedian',
      'shortRun.minTrials',
      'association.buckets',
      'atChance.enabled',
      'atChance.chanceLevel',
      'atChance.zScore',
      'atChance.perfectScore',
    ]);
    expect(field('overfitting.minBudgetFraction')?.label).toBe('Min budget fraction');
    expect(field('overfitting.lossRatio')?.rationale).toBe('Why 1.5.');
    expect(field('overfitting.accuracyGap')?.rationale).toBe('');
    expect(schema.defaults).toEqual(mixed);
  });

  it('derives the kind, step and minimum from the default and the name', () => {
    expect(field('overfitting.lossRatio')).toMatchObject({ kind: 'number', step: 0.1, min: 0 });
    expect(field('overfitting.accuracyGap')).toMatchObject({ kind: 'number', step: 0.01 });
    expect(field('shortRun.minTrials')).toMatchObject({ kind: 'integer', step: 1, min: 1 });
    expect(field('association.buckets')).toMatchObject({ kind: 'integer', step: 1 });
    expect(field('atChance.enabled')).toMatchObject({ kind: 'boolean', default: true });
    expect(field('atChance.chanceLevel')).toMatchObject({ kind: 'optional-number', default: null });
    // Whole defaults of real-valued thresholds stay real.
    expect(field('atChance.zScore')).toMatchObject({ kind: 'number', step: 0.1 });
    expect(field('atChance.perfectScore')).toMatchObject({ kind: 'number', step: 0.1 });
  });

  it('covers this build’s detector settings, each with a one-line rationale', () => {
    const real = settingsSchema();
    const paths = settingFields(real).map((f) => f.path);
    const expected = Object.entries(DEFAULT_SETTINGS).flatMap(([section, group]) =>
      Object.keys(group).map((key) => `${section}.${key}`),
    );
    expect(paths).toEqual(expected);
    for (const f of settingFields(real)) {
      const rationales = SETTING_RATIONALES as unknown as Record<string, Record<string, string>>;
      expect(f.rationale, f.path).toBe(rationales[f.section][f.key]);
      expect(f.rationale.length, f.path).toBeGreaterThan(10);
      expect(f.rationale, f.path).not.toContain('\n');
    }
    expect(real.sections.find((s) => s.key === 'overfitting')?.label).toBe('Overfitting');
  });

  it('shows the curve detectors’ sections with their own labels and whole counts', () => {
    const real = settingsSchema();
    const curve = real.sections.filter((s) => s.key.startsWith('curve'));
    expect(curve.map((s) => s.key)).toEqual([
      'curvePoints',
      'curveSmoothing',
      'curveSpikes',
      'curveDivergence',
      'curvePlateau',
      'curveStillImproving',
      'curveOverfitting',
      'curveGradNorm',
      'curveBudget',
    ]);
    for (const s of curve) {
      expect(s.label, s.key).toMatch(/^Curves: /);
      expect(s.description?.length, s.key).toBeGreaterThan(10);
    }
    const field = (path: string) => settingFields(real).find((f) => f.path === path);
    for (const path of [
      'curvePoints.minPoints',
      'curveSpikes.window',
      'curveSpikes.minHistoryPoints',
      'curvePlateau.minPoints',
      'curveOverfitting.risingEvaluations',
      'curveOverfitting.wideningEvaluations',
      'curveGradNorm.minHistoryPoints',
      'curveBudget.minSiblingRuns',
    ]) {
      expect(field(path)?.kind, path).toBe('integer');
    }
    expect(field('curveSmoothing.weight')).toMatchObject({ kind: 'number', default: 0.6 });
    expect(field('curveSpikes.noiseMultiplier')).toMatchObject({ kind: 'number', default: 6 });
  });
});

describe('mergeSettings', () => {
  const schema = buildSettingsSchema(mixed, {}, []);

  it('keeps valid values and takes defaults for everything else', () => {
    const merged = mergeSettings(schema, {
      overfitting: { lossRatio: 3, accuracyGap: 'x', minBudgetFraction: -1 },
      shortRun: { minTrials: 2.5 },
      atChance: { enabled: false, chanceLevel: 0.25 },
      unknown: { a: 1 },
    }) as unknown as Record<string, Record<string, unknown>>;
    expect(merged.overfitting).toEqual({ lossRatio: 3, accuracyGap: 0.1, minBudgetFraction: 0.5 });
    expect(merged.shortRun).toEqual({ fractionOfMedian: 0.5, minTrials: 4 });
    expect(merged.atChance).toMatchObject({ enabled: false, chanceLevel: 0.25 });
    expect(merged).not.toHaveProperty('unknown');
  });

  it.each([undefined, null, 42, 'x', [], { overfitting: null }])(
    'turns %j into the defaults',
    (candidate) => {
      expect(mergeSettings(schema, candidate)).toEqual(mixed);
    },
  );

  it('diffs against the defaults; plainOverrides keeps only plain values', () => {
    const changed = withSetting(mixed, 'atChance', 'chanceLevel', 0.5);
    expect(settingsDiff(schema, changed)).toEqual({ atChance: { chanceLevel: 0.5 } });
    expect(settingsDiff(schema, mixed)).toEqual({});
    expect(plainOverrides({ a: { x: 1, y: 'no', z: null, w: Infinity }, b: 3 })).toEqual({
      a: { x: 1, z: null },
    });
    expect(plainOverrides({ a: { y: 'no' } })).toBeNull();
  });
});

describe('worker handler with settings', () => {
  async function send(request: Request) {
    const messages: FromWorker[] = [];
    await handleRequest(request, { post: (m) => messages.push(m) }, () => false);
    const last = messages.at(-1)!;
    if (last.kind !== 'response' || !last.ok) throw new Error(JSON.stringify(last));
    return last.result;
  }
  const seed = () => new File([SEED_SAMPLE_CSV], 'seed.csv');
  const overfits3 = (r: AnalyzeResult | null) =>
    r?.summary.findings.some((f) => f.detector === 'overfitting' && f.runIds.includes('3'));

  it('the load result carries the schema and the settings in use (defaults when none sent)', async () => {
    const result = (await send({
      type: 'load',
      id: 1,
      files: [{ file: seed(), path: 'seed.csv' }],
      options: { overrides: {} },
    })) as LoadResult;
    expect(result.settingsSchema).toEqual(settingsSchema());
    expect(result.settings).toEqual(DEFAULT_SETTINGS);
    expect(result.analysis?.settings).toEqual(DEFAULT_SETTINGS);
    expect(overfits3(result.analysis)).toBe(true);
  });

  it('partial or invalid settings are checked and completed; thresholds change the findings', async () => {
    const loaded = (await send({
      type: 'load',
      id: 1,
      files: [{ file: seed(), path: 'seed.csv' }],
      options: {
        overrides: {},
        settings: { overfitting: { lossRatio: 10, accuracyGap: 'x' } } as never,
      },
    })) as LoadResult;
    expect(loaded.settings.overfitting).toEqual({
      ...DEFAULT_SETTINGS.overfitting,
      lossRatio: 10,
    });
    // Trial 3 still overfits by accuracy (0.99 vs 0.60) …
    expect(overfits3(loaded.analysis)).toBe(true);
    // … until the accuracy gap threshold is raised too.
    const settings = withSetting(loaded.settings, 'overfitting', 'accuracyGap', 1);
    const result = (await send({
      type: 'analyze',
      id: 2,
      datasetId: loaded.datasetId,
      options: { overrides: {}, settings },
    })) as AnalyzeResult;
    expect(result.settings).toEqual(settings);
    expect(overfits3(result)).toBe(false);
  });
});

describe('plainOverrides and hostile keys', () => {
  it('stores "__proto__" sections and keys as data, polluting nothing', () => {
    const stored: unknown = JSON.parse(
      '{"__proto__": {"polluted": 1}, "overfitting": {"__proto__": 2, "lossRatio": 3}}',
    );
    const out = plainOverrides(stored);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out && Object.hasOwn(out, '__proto__')).toBe(true);
    expect(out?.overfitting.lossRatio).toBe(3);
    expect(out && Object.getPrototypeOf(out.overfitting)).toBe(Object.prototype);
  });
});

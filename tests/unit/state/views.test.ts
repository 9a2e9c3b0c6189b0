import { describe, expect, it } from 'vitest';
import {
  columnViews,
  downloadBaseName,
  groupFindings,
  roleForKind,
  sameRole,
} from '../../../src/lib/state/views';
import { columns, finding, roles, summary } from './fixtures';

describe('roleForKind', () => {
  it('keeps sub-options when the kind is unchanged and gives defaults otherwise', () => {
    const metric = { kind: 'metric', split: 'val', family: 'loss', direction: 'min' } as const;
    expect(roleForKind('metric', metric)).toBe(metric);
    expect(roleForKind('metric', { kind: 'param' })).toEqual({
      kind: 'metric',
      split: 'other',
      family: 'other',
      direction: 'min',
    });
    expect(roleForKind('budget')).toEqual({ kind: 'budget', unit: 'epochs' });
    expect(roleForKind('ignore', metric)).toEqual({ kind: 'ignore' });
  });

  it('compares roles by value', () => {
    expect(sameRole({ kind: 'budget', unit: 'steps' }, { kind: 'budget', unit: 'steps' })).toBe(
      true,
    );
    expect(sameRole({ kind: 'budget', unit: 'steps' }, { kind: 'budget', unit: 'epochs' })).toBe(
      false,
    );
    expect(sameRole({ kind: 'id' }, undefined)).toBe(false);
  });
});

describe('columnViews', () => {
  it('shows overrides as set by you, with the inferred role kept for reference', () => {
    const views = columnViews(columns, roles(), null, { lr: { kind: 'ignore' } });
    expect(views[1]).toEqual({
      name: 'lr',
      kind: 'number',
      role: { kind: 'ignore' },
      reason: 'set by you',
      overridden: true,
      inferred: { kind: 'param' },
      inferredReason: 'named like a learning rate',
    });
    expect(views[0].role).toEqual({ kind: 'id' });
  });

  it('falls back to "not inferred yet" when no role is known', () => {
    const views = columnViews(columns, [], null, {});
    expect(views[0]).toMatchObject({ role: null, reason: 'not inferred yet' });
  });
});

describe('groupFindings', () => {
  it('groups by detector, most severe group first, and drops empty detectors', () => {
    const s = summary({}, [
      finding('nan-metrics', ['a']),
      finding('failed-status', ['b']),
      finding('nan-metrics', ['c']),
    ]);
    const groups = groupFindings(s);
    // nan-metrics findings are critical, failed-status warnings: critical first.
    expect(groups.map((g) => [g.detector, g.label, g.findings.length])).toEqual([
      ['nan-metrics', 'NaN / Inf metrics', 2],
      ['failed-status', 'Failed runs', 1],
    ]);
    expect(groupFindings(null)).toEqual([]);
  });

  it('keeps the summary order within a severity', () => {
    // Both warnings: failed-status is listed in detectorCounts, short-run is not (appended).
    const s = summary({}, [finding('short-run', ['c']), finding('failed-status', ['b'])]);
    expect(groupFindings(s).map((g) => g.detector)).toEqual(['failed-status', 'short-run']);
  });
});

describe('downloadBaseName', () => {
  it('makes a safe base name', () => {
    expect(downloadBaseName('my sweep (1).csv')).toBe('my_sweep_1_');
    expect(downloadBaseName('../../etc.csv')).toBe('etc');
    expect(downloadBaseName(null)).toBe('analysis');
    expect(downloadBaseName('.csv')).toBe('analysis');
  });
});

describe('columnViews and hostile column names', () => {
  it('a column named "__proto__" or "constructor" has no override unless one is set', () => {
    const named = ['__proto__', 'constructor'].map((name) => ({ ...columns[0], name }));
    const views = columnViews(named, [], null, {});
    expect(views.map((v) => v.overridden)).toEqual([false, false]);
  });
});

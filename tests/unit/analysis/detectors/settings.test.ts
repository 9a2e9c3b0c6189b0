import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../../../src/lib/analysis';
import {
  DEFAULT_SETTINGS,
  SETTING_RATIONALES,
  withDefaults,
} from '../../../../src/lib/analysis/settings';
import type { DetectorSettings } from '../../../../src/lib/model';

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

describe('detector settings', () => {
  it('gives every threshold a one-line rationale', () => {
    for (const [section, group] of Object.entries(DEFAULT_SETTINGS)) {
      const rationales = (SETTING_RATIONALES as Record<string, Record<string, string>>)[section];
      for (const key of Object.keys(group as object)) {
        expect(rationales[key], `${section}.${key}`).toMatch(/\w.{20,}/);
      }
    }
  });

  it('has a section named after each sweep-table detector that has thresholds', () => {
    const sections = new Set(Object.keys(DEFAULT_SETTINGS).map(kebab));
    const withThresholds = DETECTORS.map((d) => d.id).filter(
      (id) => !['nan-metrics', 'failed-status', 'eval-missing'].includes(id),
    );
    for (const id of withThresholds) expect(sections.has(id), id).toBe(true);
  });

  it('fills partial settings from the defaults', () => {
    const partial = { atChance: { chanceLevel: 0.25 } } as unknown as Partial<DetectorSettings>;
    const settings = withDefaults(partial);
    expect(settings.atChance).toEqual({
      chanceLevel: 0.25,
      margin: DEFAULT_SETTINGS.atChance.margin,
    });
    expect(settings.flatSweep).toEqual(DEFAULT_SETTINGS.flatSweep);
    expect(withDefaults(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});

/** Detector settings in the session: validation, debounced re-analysis, persistence. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Session,
  SETTINGS_STORAGE_KEY,
  type SettingsStorage,
} from '../../../src/lib/state/session.svelte';
import type { DetectorSettings } from '../../../src/lib/model';
import { FakeClient } from './fake-client';
import { analyzeResult, loadResult, testDefaults, testSchema } from './fixtures';

class MemoryStorage implements SettingsStorage {
  map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const file = () => new File(['trial_id,lr,val_loss,epochs\na,1,2,3\n'], 'sweep.csv');
const stored = (storage: MemoryStorage) => {
  const text = storage.getItem(SETTINGS_STORAGE_KEY);
  return text === null ? null : JSON.parse(text);
};
/** What the worker answers: the defaults with some values changed. */
const settingsWith = (changes: Record<string, Record<string, unknown>>) => {
  const out = structuredClone(testDefaults) as unknown as Record<string, Record<string, unknown>>;
  for (const [section, values] of Object.entries(changes)) Object.assign(out[section], values);
  return out as unknown as DetectorSettings;
};

async function loaded(storage: MemoryStorage | null = new MemoryStorage(), answer = testDefaults) {
  const client = new FakeClient();
  const session = new Session(client, { storage });
  const done = session.loadFile(file());
  client.last().resolve(loadResult(1, true, answer));
  await done;
  return { client, session, storage };
}

describe('Session settings', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('knows no settings before the first load; afterwards the defaults with their schema', async () => {
    const client = new FakeClient();
    const session = new Session(client, { storage: new MemoryStorage() });
    expect(session.settings).toBeNull();
    expect(session.settingsSchema).toBeNull();
    expect(session.setSetting('overfitting', 'lossRatio', 3)).toBe(false);
    const done = session.loadFile(file());
    expect(client.last().req.options.settings).toBeUndefined();
    client.last().resolve(loadResult());
    await done;
    expect(session.settings).toEqual(testDefaults);
    expect(session.settingsSchema).toBe(testSchema);
    expect(session.settingsChanged).toBe(0);
  });

  it('a change is stored at once and re-runs the analysis once, 300 ms after the last edit', async () => {
    const { client, session, storage } = await loaded();
    const before = client.calls.length;
    expect(session.setSetting('overfitting', 'lossRatio', 2)).toBe(true);
    vi.advanceTimersByTime(200);
    expect(session.setSetting('overfitting', 'lossRatio', 2.5)).toBe(true);
    vi.advanceTimersByTime(299);
    expect(client.calls.length).toBe(before);
    expect(stored(storage!)).toEqual({ overfitting: { lossRatio: 2.5 } });
    expect(session.settingsChanged).toBe(1);

    vi.advanceTimersByTime(1);
    expect(client.calls.length).toBe(before + 1);
    const expected = settingsWith({ overfitting: { lossRatio: 2.5 } });
    expect(client.last().req).toEqual({
      type: 'analyze',
      datasetId: 1,
      options: { overrides: {}, settings: expected },
    });
    expect(session.analyzing).toBe(true);
    client.last().resolve(analyzeResult({}, expected));
    await vi.advanceTimersByTimeAsync(0);
    expect(session.analyzing).toBe(false);
    expect(session.settings).toEqual(expected);
  });

  it('setting the value it already has does nothing', async () => {
    const { client, session } = await loaded();
    const before = client.calls.length;
    expect(session.setSetting('overfitting', 'lossRatio', 1.5)).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(client.calls.length).toBe(before);
  });

  it.each([
    ['overfitting', 'lossRatio', Number.NaN],
    ['overfitting', 'lossRatio', Infinity],
    ['overfitting', 'lossRatio', -1],
    ['overfitting', 'lossRatio', null],
    ['overfitting', 'lossRatio', true],
    ['shortRun', 'minTrials', 2.5],
    ['shortRun', 'minTrials', 0],
    ['atChance', 'enabled', 1],
    ['atChance', 'chanceLevel', false],
    ['overfitting', 'noSuchKey', 1],
    ['noSuchSection', 'lossRatio', 1],
  ])('refuses %s.%s = %s and changes nothing', async (section, key, value) => {
    const { client, session, storage } = await loaded();
    const before = client.calls.length;
    expect(session.setSetting(section, key, value as never)).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(client.calls.length).toBe(before);
    expect(session.settings).toEqual(testDefaults);
    expect(storage!.getItem(SETTINGS_STORAGE_KEY)).toBeNull();
  });

  it('booleans and automatic (null) numbers are settings like any other', async () => {
    const { session, storage } = await loaded();
    expect(session.setSetting('atChance', 'enabled', false)).toBe(true);
    expect(session.setSetting('atChance', 'chanceLevel', 0.1)).toBe(true);
    expect(session.setSetting('shortRun', 'minTrials', 6)).toBe(true);
    expect(stored(storage!)).toEqual({
      atChance: { enabled: false, chanceLevel: 0.1 },
      shortRun: { minTrials: 6 },
    });
    expect(session.settingsChanged).toBe(3);
    expect(session.setSetting('atChance', 'chanceLevel', null)).toBe(true);
    expect(stored(storage!)).toEqual({ atChance: { enabled: false }, shortRun: { minTrials: 6 } });
  });

  it('stored settings are sent with the next visit’s first load and shown after it', async () => {
    const storage = new MemoryStorage();
    const first = await loaded(storage);
    first.session.setSetting('overfitting', 'accuracyGap', 1);
    first.session.dispose();

    const client = new FakeClient();
    const session = new Session(client, { storage });
    const done = session.loadFile(file());
    expect(client.last().req.options.settings).toEqual({ overfitting: { accuracyGap: 1 } });
    client.last().resolve(loadResult(1, true, settingsWith({ overfitting: { accuracyGap: 1 } })));
    await done;
    expect(session.settings).toEqual(settingsWith({ overfitting: { accuracyGap: 1 } }));
    expect(session.settingsChanged).toBe(1);
  });

  it.each([
    ['not JSON', '{oops'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['wrong types', '{"overfitting":{"lossRatio":"abc","accuracyGap":[1]}}'],
  ])('garbage in storage (%s) is ignored: the defaults apply', async (_what, text) => {
    const storage = new MemoryStorage();
    storage.setItem(SETTINGS_STORAGE_KEY, text);
    const client = new FakeClient();
    const session = new Session(client, { storage });
    const done = session.loadFile(file());
    expect(client.last().req.options.settings).toBeUndefined();
    client.last().resolve(loadResult());
    await done;
    expect(session.settings).toEqual(testDefaults);
    expect(storage.getItem(SETTINGS_STORAGE_KEY)).toBeNull();
  });

  it('stored values the schema rejects are dropped; valid ones are kept', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      SETTINGS_STORAGE_KEY,
      JSON.stringify({
        overfitting: { lossRatio: -5, accuracyGap: 0.3, gone: 1 },
        oldSection: { x: 1 },
        shortRun: { minTrials: 'four' },
      }),
    );
    const client = new FakeClient();
    const session = new Session(client, { storage });
    const done = session.loadFile(file());
    // Before the schema is known, only the plain values go to the worker, which checks them.
    expect(client.last().req.options.settings).toEqual({
      overfitting: { lossRatio: -5, accuracyGap: 0.3, gone: 1 },
      oldSection: { x: 1 },
    });
    // A worker that checked nothing: the session checks again against the schema.
    client.last().resolve(
      loadResult(1, true, {
        ...settingsWith({ overfitting: { accuracyGap: 0.3 } }),
        overfitting: { lossRatio: -5, accuracyGap: 0.3 },
      } as unknown as DetectorSettings),
    );
    await done;
    expect(session.settings).toEqual(settingsWith({ overfitting: { accuracyGap: 0.3 } }));
    expect(stored(storage)).toEqual({ overfitting: { accuracyGap: 0.3 } });
  });

  it('storage that throws never breaks the session', async () => {
    const broken: SettingsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const client = new FakeClient();
    const session = new Session(client, { storage: broken });
    const done = session.loadFile(file());
    client.last().resolve(loadResult());
    await done;
    expect(session.setSetting('overfitting', 'lossRatio', 4)).toBe(true);
    expect(session.settings).toEqual(settingsWith({ overfitting: { lossRatio: 4 } }));
    expect(() => session.resetSettings()).not.toThrow();
  });

  it('reset to defaults clears the storage and re-runs the analysis at once', async () => {
    const { client, session, storage } = await loaded();
    session.setSetting('overfitting', 'lossRatio', 10);
    session.setSetting('atChance', 'enabled', false);
    const before = client.calls.length;
    session.resetSettings();
    expect(session.settings).toEqual(testDefaults);
    expect(session.settingsChanged).toBe(0);
    expect(storage!.getItem(SETTINGS_STORAGE_KEY)).toBeNull();
    vi.advanceTimersByTime(0);
    expect(client.calls.length).toBe(before + 1);
    expect(client.last().req.options.settings).toEqual(testDefaults);
    // Nothing changed since: a second reset does nothing.
    session.resetSettings();
    vi.advanceTimersByTime(1000);
    expect(client.calls.length).toBe(before + 1);
  });

  it('cancel during a settings re-analysis restores the settings of the summary on screen', async () => {
    const { client, session, storage } = await loaded();
    session.setSetting('overfitting', 'lossRatio', 7);
    vi.advanceTimersByTime(300);
    expect(session.analyzing).toBe(true);
    session.cancel();
    expect(client.cancelled).toContain(client.last().id);
    expect(session.analyzing).toBe(false);
    expect(session.settings).toEqual(testDefaults);
    expect(storage!.getItem(SETTINGS_STORAGE_KEY)).toBeNull();
  });

  it('a role change while a settings change waits runs one analysis with both', async () => {
    const { client, session } = await loaded();
    const before = client.calls.length;
    session.setSetting('overfitting', 'lossRatio', 3);
    void session.setRole('epochs', { kind: 'param' });
    expect(client.calls.length).toBe(before + 1);
    expect(client.last().req.options).toEqual({
      overrides: { epochs: { kind: 'param' } },
      settings: settingsWith({ overfitting: { lossRatio: 3 } }),
    });
    vi.advanceTimersByTime(1000);
    expect(client.calls.length).toBe(before + 1);
  });

  it('a new analysis (reset) drops a pending re-run but keeps the settings', async () => {
    const { client, session } = await loaded();
    const before = client.calls.length;
    session.setSetting('overfitting', 'lossRatio', 3);
    session.reset();
    vi.advanceTimersByTime(1000);
    expect(client.calls.length).toBe(before);
    expect(session.settings).toEqual(settingsWith({ overfitting: { lossRatio: 3 } }));
    const done = session.loadFile(file());
    expect(client.last().req.options.settings).toEqual(
      settingsWith({ overfitting: { lossRatio: 3 } }),
    );
    client.last().resolve(loadResult(2, true, settingsWith({ overfitting: { lossRatio: 3 } })));
    await done;
  });

  it('without storage, settings still apply to the visit', async () => {
    const { session } = await loaded(null);
    expect(session.setSetting('overfitting', 'lossRatio', 3)).toBe(true);
    expect(session.settingsChanged).toBe(1);
  });
});

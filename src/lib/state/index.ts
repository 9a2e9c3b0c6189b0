/** The state layer: rune classes the UI reads and calls. */
import { createAnalysisClient, defaultWorkerFactory } from '../worker/client';
import { Session, type SessionOptions } from './session.svelte';

export { Session, EXAMPLES, SETTINGS_STORAGE_KEY } from './session.svelte';
export type {
  ExampleInfo,
  ExampleName,
  Phase,
  SessionOptions,
  SettingsStorage,
} from './session.svelte';
export {
  BUDGET_UNITS,
  DIRECTIONS,
  METRIC_FAMILIES,
  METRIC_SPLITS,
  ROLE_KINDS,
  downloadBaseName,
  roleForKind,
  type ColumnView,
  type FindingGroup,
} from './views';
export type {
  SettingField,
  SettingKind,
  SettingsSchema,
  SettingsSection,
  SettingValue,
  WorkerError,
} from '../worker/protocol';
export { getSetting } from '../worker/settings';

/** The session of the running app, with the real module worker. */
export function createBrowserSession(options?: SessionOptions): Session {
  return new Session(createAnalysisClient(defaultWorkerFactory), options);
}
export { comparedRuns, MAX_COMPARED, MIN_COMPARED, type ComparedRuns } from './compare';

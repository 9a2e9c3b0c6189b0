/** The state layer: rune classes the UI reads and calls. */
import { createAnalysisClient, defaultWorkerFactory } from '../worker/client';
import { Session, type SessionOptions } from './session.svelte';

export { Session, EXAMPLES } from './session.svelte';
export type { ExampleInfo, ExampleName, Phase, SessionOptions } from './session.svelte';
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
export type { WorkerError } from '../worker/protocol';

/** The session of the running app, with the real module worker. */
export function createBrowserSession(options?: SessionOptions): Session {
  return new Session(createAnalysisClient(defaultWorkerFactory), options);
}

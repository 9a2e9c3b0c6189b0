/**
 * Run ids for files in a dropped folder. The run is the folder runNameFromPath() picks, so the
 * event files, configs and logs under `run_3_lr-2e-4/…` form one run. Two exceptions:
 * - several trainer states or curve CSVs side by side in one folder are several runs (a folder
 *   of collected `*.json` states), each named by its file stem; several event files in one
 *   folder stay one run (a resumed run writes a new file);
 * - when two different folders have the same name (`sweep1/run_1`, `sweep2/run_1`), the id is
 *   the folder's path, so their curves are never merged.
 */
import { fileStem } from '../curves/series';
import { paramsFromName, runNameFromPath, isGenericFolderName, type Params } from '../runs';
import type { PlannedInput } from './types';

interface RunPlace {
  name: string;
  /** Path of the run folder (or of the file, for a run named by its file) inside the drop. */
  dir: string;
  /** Names that may carry hyperparameters, outermost first. */
  names: string[];
}

const PER_FILE_KINDS = new Set<PlannedInput['kind']>(['trainer-state', 'json', 'csv']);

function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
}

function folderPlace(path: string): RunPlace | null {
  const parts = segments(path);
  parts.pop();
  const name = runNameFromPath(path);
  if (name === null) return null;
  const at = parts.lastIndexOf(name);
  // Parent folders carry settings too (`lr-1e-3/seed-2/…`); generic ones (`logs`) never.
  const names = [...parts.slice(0, at).filter((n) => !isGenericFolderName(n)), name];
  return { name, dir: parts.slice(0, at + 1).join('/'), names };
}

export class RunLocator {
  private readonly places = new Map<string, RunPlace | null>();
  private readonly ids = new Map<string, string | null>();
  private readonly byId = new Map<string, RunPlace>();

  constructor(planned: readonly PlannedInput[]) {
    const perFolder = new Map<string, number>();
    const parentOf = (path: string) => segments(path).slice(0, -1).join('/');
    for (const p of planned)
      if (PER_FILE_KINDS.has(p.kind)) {
        const parent = parentOf(p.input.path);
        perFolder.set(parent, (perFolder.get(parent) ?? 0) + 1);
      }
    const dirsByName = new Map<string, Set<string>>();
    for (const p of planned) {
      if (p.kind === 'skipped') continue;
      const path = p.input.path;
      const own = PER_FILE_KINDS.has(p.kind) && (perFolder.get(parentOf(path)) ?? 0) > 1;
      const place: RunPlace | null = own
        ? { name: fileStem(path), dir: path, names: [fileStem(path)] }
        : folderPlace(path);
      this.places.set(path, place);
      if (!place) continue;
      const dirs = dirsByName.get(place.name) ?? new Set<string>();
      dirs.add(place.dir);
      dirsByName.set(place.name, dirs);
    }
    for (const [path, place] of this.places) {
      if (!place) {
        this.ids.set(path, null);
        continue;
      }
      const id = (dirsByName.get(place.name)?.size ?? 0) > 1 ? place.dir : place.name;
      this.ids.set(path, id);
      if (!this.byId.has(id)) this.byId.set(id, place);
    }
  }

  /** The run a file belongs to; null when it sits in no folder. */
  runIdOf(path: string): string | null {
    return this.ids.get(path) ?? null;
  }

  /** Folder path of a run found through runIdOf, for CurveRun.source. */
  dirOf(runId: string): string | null {
    return this.byId.get(runId)?.dir ?? null;
  }

  /**
   * Hyperparameters spelled in the run's folder names (nearest folder wins); for runs named by a
   * file's content (W&B exports), in the run name itself.
   */
  nameParams(runId: string): Params {
    const names = this.byId.get(runId)?.names ?? [runId];
    const out: Params = {};
    for (const name of names) mergeParams(out, paramsFromName(name));
    return out;
  }
}

/** Copies params as own data properties (a key such as `__proto__` stays a plain key). */
export function mergeParams(target: Params, source: Params): Params {
  for (const key of Object.keys(source))
    Object.defineProperty(target, key, {
      value: source[key],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return target;
}

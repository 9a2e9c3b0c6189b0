/** The public types of the session (see session.svelte.ts). */
import type { TableFormatId } from '../model';
import type { InputFile } from '../worker/protocol';
import type { ExampleName } from './examples';
import type { SettingsStorage } from './settings-store';

export type Phase = 'empty' | 'loading' | 'ready' | 'error';

/** The sweep table's format: which file, what detection said, what the user chose instead. */
export interface TableFormatChoice {
  path: string;
  detected: TableFormatId;
  /** Null: the detected format is in use. */
  chosen: TableFormatId | null;
  options: { id: TableFormatId; label: string }[];
}

export interface SessionOptions {
  /** Used by `loadExample`; defaults to the global `fetch`. */
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
  /** Where the examples live, relative to the page. */
  examplesBase?: string;
  /** Where detector settings persist; defaults to `localStorage`, null: not kept. */
  storage?: SettingsStorage | null;
  /** Quiet time after a settings change before the analysis re-runs (default 300 ms). */
  settingsDelayMs?: number;
}

/**
 * What the current data was loaded from, with the files read (fetched ones included), so the
 * workspace can store the bytes and reopen the notebook without the user dropping them again.
 */
export type LoadOrigin = { label: string; files: readonly InputFile[] } & (
  { kind: 'files' } | { kind: 'example'; name: ExampleName } | { kind: 'url'; urls: string[] }
);

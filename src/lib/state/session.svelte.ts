/**
 * One analysis session: the file being read, its columns, the roles, the summary and the report.
 * The only place that talks to the analysis worker (through the injected client).
 *
 * Every asynchronous operation takes a token; an answer whose token is no longer current (the user
 * cancelled, reset or started another load) is dropped, so late worker answers never overwrite
 * newer state.
 */
import type {
  AnalysisSummary,
  Column,
  CompareRequest,
  CompareResult,
  ColumnRole,
  DetectorSettings,
  Progress,
  Role,
  RoleOverrides,
  SourceInfo,
  TableFormatId,
} from '../model';
import { setOwn } from '../model';
import { isCancelled, toWorkerError, type AnalysisClient } from '../worker/client';
import type {
  AnalyzeResult,
  CurveQuery,
  CurveView,
  ExportFormat,
  FigureRequest,
  FigureResult,
  HtmlReportOptions,
  InputFile,
  LoadResult,
  SettingsOverrides,
  SettingsSchema,
  SettingValue,
  ThemeName,
  WorkerError,
} from '../worker/protocol';
import { TABLE_FORMAT_LABELS } from '../worker/protocol';
import {
  isValidSetting,
  mergeSettings,
  getSetting,
  sameSettings,
  settingsDiff,
  withSetting,
} from '../worker/settings';
import { requestCompare } from './compare';
import { EXAMPLES, type ExampleName } from './examples';
import { fetchExample, type FetchedExample } from './example-fetch';
import {
  defaultStorage,
  readStoredSettings,
  writeStoredSettings,
  type SettingsStorage,
} from './settings-store';
import { fetchSrcFiles, SrcError } from './src-url';
import { columnViews, groupFindings, sameRole, type ColumnView, type FindingGroup } from './views';

export type Phase = 'empty' | 'loading' | 'ready' | 'error';

/** The sweep table's format: which file, what detection said, what the user chose instead. */
export interface TableFormatChoice {
  path: string;
  detected: TableFormatId;
  /** Null: the detected format is in use. */
  chosen: TableFormatId | null;
  options: { id: TableFormatId; label: string }[];
}

const TABLE_FORMAT_OPTIONS = Object.entries(TABLE_FORMAT_LABELS).map(([id, label]) => ({
  id: id as TableFormatId,
  label,
}));

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

export { EXAMPLES, type ExampleInfo, type ExampleName } from './examples';
export { SETTINGS_STORAGE_KEY, type SettingsStorage } from './settings-store';

export class Session {
  /** Name of the file being read or shown. */
  fileName = $state<string | null>(null);
  phase = $state<Phase>('empty');
  /** Progress of the running load; null when nothing is loading. */
  progress = $state.raw<Progress | null>(null);
  /** The read file: source info, typed columns (raw: typed arrays are not proxied), row count. */
  loaded = $state.raw<LoadResult | null>(null);
  summary = $state.raw<AnalysisSummary | null>(null);
  reportMarkdown = $state<string | null>(null);
  /** Role overrides set by the user, keyed by column name. */
  overrides = $state.raw<RoleOverrides>({});
  /** A fatal load error (phase `error`). */
  error = $state.raw<WorkerError | null>(null);
  /** True while the analysis re-runs after a role change. */
  analyzing = $state(false);
  /** The last re-analysis failed (e.g. no metric left); the file itself is still loaded. */
  analysisError = $state.raw<WorkerError | null>(null);
  /** Runs selected in one cell, highlighted in the others. */
  selectedRunIds = $state.raw<readonly string[]>([]);
  /** Every detector threshold with default and rationale; known after the first load. */
  settingsSchema = $state.raw<SettingsSchema | null>(null);
  /**
   * The detector thresholds the analysis runs with (complete once the schema is known), kept in
   * storage across visits. Null before the first load.
   */
  settings = $state.raw<DetectorSettings | null>(null);
  /** Where the data on screen came from; set when a load starts, null on the empty page. */
  loadedFrom = $state.raw<LoadOrigin | null>(null);

  /** Sweep tables the user reads as another format than detected, keyed by path. */
  #tableFormats = $state.raw<Record<string, TableFormatId>>({});
  /** What detection said on the first read of this load (later reads carry the user's choice). */
  #detectedFormat = $state<TableFormatId | null>(null);
  /** Roles as first inferred for this file, before any override. */
  #inferredRoles = $state.raw<readonly ColumnRole[]>([]);
  #idColumn: string | null = null;
  // A snapshot rebuilt when the selection changes, never mutated: no SvelteSet needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #selected: ReadonlySet<string> = $derived(new Set(this.selectedRunIds));

  readonly source: SourceInfo | null = $derived(this.loaded?.source ?? null);
  readonly columns: readonly Column[] = $derived(this.loaded?.columns ?? []);
  readonly rowCount: number = $derived(this.loaded?.rowCount ?? 0);
  /** One row per column for the Data cell: kind, role in use, reason, inferred role. */
  readonly columnViews: ColumnView[] = $derived(
    columnViews(
      this.loaded?.columns ?? [],
      this.#inferredRoles,
      this.summary?.roles ?? null,
      this.overrides,
    ),
  );
  readonly findingGroups: FindingGroup[] = $derived(groupFindings(this.summary));
  /** Null when no sweep table was read (logs, event files or reports alone). */
  readonly tableFormatChoice: TableFormatChoice | null = $derived.by(() => {
    const source = this.loaded?.source;
    const detected = this.#detectedFormat;
    // The table used is the first sweep CSV of a multi-file load, or the lone file.
    const path = source?.files
      ? source.files.find((f) => f.kind === 'sweep-csv')?.path
      : this.#files.length === 1
        ? this.#files[0].path
        : undefined;
    if (!source?.tableFormat || detected === null || path === undefined) return null;
    const chosen = Object.hasOwn(this.#tableFormats, path) ? this.#tableFormats[path] : null;
    return { path, detected, chosen, options: TABLE_FORMAT_OPTIONS };
  });
  /** How many thresholds differ from their defaults. */
  readonly settingsChanged: number = $derived.by(() => {
    const schema = this.settingsSchema;
    const settings = this.settings;
    if (!schema || !settings) return 0;
    const diff = settingsDiff(schema, settings);
    return Object.values(diff).reduce((n, group) => n + Object.keys(group).length, 0);
  });
  /** Loaded but not analysed: why, in one sentence (null when analysed or not loaded). */
  readonly notAnalysedReason: string | null = $derived.by(() => {
    if (this.phase !== 'ready' || this.summary || this.analyzing) return null;
    if (this.analysisError) return this.analysisError.message;
    const issue = this.loaded?.source.issues.find((i) => i.code === 'no-metrics');
    return (
      issue?.message ??
      'This file was read but could not be analysed. Mark at least one column as a metric in the Data cell.'
    );
  });

  readonly #client: AnalysisClient;
  readonly #fetch: (url: string, init?: RequestInit) => Promise<Response>;
  readonly #examplesBase: string;
  #files: InputFile[] = [];
  /** Set by loadExample / loadUrls for the loadFiles call they make. */
  #nextOrigin: LoadOrigin | null = null;
  #token = 0;
  #inflightId: number | null = null;
  #fetchAbort: AbortController | null = null;
  /** Overrides of the summary on screen, restored when a re-analysis is cancelled. */
  #appliedOverrides: RoleOverrides = {};
  /** Settings of the summary on screen, restored when a re-analysis is cancelled. */
  #appliedSettings: DetectorSettings | null = null;
  readonly #storage: SettingsStorage | null;
  /** Values read from storage, sent with the first load before the schema can check them. */
  #storedSettings: SettingsOverrides | null;
  readonly #settingsDelayMs: number;
  #settingsTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(client: AnalysisClient, options: SessionOptions = {}) {
    this.#client = client;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#examplesBase = options.examplesBase ?? './examples/';
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#settingsDelayMs = options.settingsDelayMs ?? 300;
    this.#storedSettings = this.#readStoredSettings();
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.analyzing;
  }

  isSelected(runId: string): boolean {
    return this.#selected.has(runId);
  }

  /** Read a file and analyse it with inferred roles. */
  loadFile(file: File): Promise<void> {
    return this.loadFiles([{ file, path: file.name }]);
  }

  /**
   * Read several files (a dropped folder: sweep CSVs, logs, event files, configs) as one dataset.
   * `label` names them on the page, e.g. the folder name; default: the first file's name.
   */
  async loadFiles(files: InputFile[], label?: string): Promise<void> {
    if (files.length === 0) return;
    const token = this.#begin();
    this.#clearData();
    this.#files = files;
    this.fileName = label ?? (files.length === 1 ? files[0].file.name : `${files.length} files`);
    this.loadedFrom = this.#nextOrigin ?? { kind: 'files', label: this.fileName, files };
    this.#nextOrigin = null;
    this.phase = 'loading';
    const totalBytes = files.reduce((n, f) => n + f.file.size, 0);
    this.progress = { phase: 'reading', bytesRead: 0, totalBytes, rows: 0 };
    const request = this.#client.request(
      { type: 'load', files, options: { overrides: {}, settings: this.#settingsToSend() } },
      (p) => {
        if (token === this.#token) this.progress = p;
      },
    );
    this.#inflightId = request.id;
    try {
      const result = await request;
      if (token !== this.#token) return;
      this.#applyLoad(result, {});
      this.#inferredRoles = result.analysis?.summary.roles ?? result.roles ?? [];
      this.#detectedFormat = result.source.tableFormat?.id ?? null;
      this.phase = 'ready';
    } catch (error) {
      if (token !== this.#token) return;
      if (isCancelled(error)) this.#toEmpty();
      else this.#fail(toWorkerError(error));
    } finally {
      if (token === this.#token) {
        this.#inflightId = null;
        this.progress = null;
      }
    }
    // A large sweep answers with the per-trial detectors first; fetch the full analysis now.
    if (token === this.#token && this.summary?.firstPass) await this.#reanalyze(this.overrides);
  }

  /** Fetch one of the bundled examples (a CSV, or a folder of logs) and load it. */
  async loadExample(name: ExampleName): Promise<void> {
    const token = this.#begin();
    const kind = EXAMPLES.find((e) => e.name === name)?.kind ?? 'csv';
    const label = kind === 'csv' ? `${name}.csv` : name;
    this.#clearData();
    this.fileName = label;
    this.phase = 'loading';
    this.progress = { phase: 'reading', bytesRead: 0, totalBytes: 0, rows: 0 };
    const abort = new AbortController();
    this.#fetchAbort = abort;
    let fetched: FetchedExample;
    try {
      fetched = await fetchExample(name, this.#examplesBase, this.#fetch, abort.signal);
    } catch (error) {
      if (token !== this.#token) return;
      this.#fail({
        code: 'internal',
        message: `Could not fetch the example ${label}: ${error instanceof Error ? error.message : String(error)}`,
        file: label,
      });
      return;
    } finally {
      if (this.#fetchAbort === abort) this.#fetchAbort = null;
    }
    if (token !== this.#token) return;
    this.#nextOrigin = { kind: 'example', name, label: fetched.label, files: fetched.files };
    await this.loadFiles(fetched.files, fetched.label);
  }

  /** Override the role of one column (null: back to the inferred role) and re-run the analysis. */
  setRole(column: string, role: Role | null): Promise<void> {
    const next = { ...this.overrides };
    const inferred = this.#inferredRoles.find((r) => r.column === column)?.role;
    if (role === null || sameRole(role, inferred)) delete next[column];
    else setOwn(next, column, role);
    return this.#reanalyze(next);
  }

  /**
   * Read the sweep table at `path` as `format` (the detected one: back to detection). The files
   * are sent and read again whole; the detector settings and the role overrides whose column
   * still exists carry over (a second pass, so the inferred roles stay those of the new read).
   */
  async reloadWithFormat(path: string, format: TableFormatId): Promise<void> {
    if (this.phase !== 'ready' || !this.loaded || this.#files.length === 0) return;
    const formats = { ...this.#tableFormats };
    if (format === this.#detectedFormat) delete formats[path];
    else setOwn(formats, path, format);
    const token = this.#begin();
    const overrides = this.overrides;
    let kept: RoleOverrides = {};
    this.analyzing = true;
    try {
      const request = this.#client.request({
        type: 'load',
        files: this.#files,
        options: { overrides: {}, settings: this.#settingsToSend(), tableFormats: formats },
      });
      this.#inflightId = request.id;
      const result = await request;
      if (token !== this.#token) return;
      const names = result.columns.map((c) => c.name);
      kept = Object.fromEntries(
        Object.entries(overrides).filter(([column]) => names.includes(column)),
      );
      // Committed only now: a cancelled re-read leaves the table on screen and its format.
      this.#tableFormats = formats;
      this.#applyLoad(result, {});
      this.#inferredRoles = result.analysis?.summary.roles ?? result.roles ?? [];
    } catch (error) {
      if (token !== this.#token || isCancelled(error)) return;
      this.analysisError = toWorkerError(error);
    } finally {
      if (token === this.#token) {
        this.analyzing = false;
        this.#inflightId = null;
      }
    }
    const more = Object.keys(kept).length > 0 || this.summary?.firstPass;
    if (token === this.#token && more) await this.#reanalyze(kept);
  }

  /** Drop every override and re-run the analysis. */
  resetRoles(): Promise<void> {
    return this.#reanalyze({});
  }

  /** Every override at once (a reopened notebook's) and re-run the analysis. */
  setOverrides(overrides: RoleOverrides): Promise<void> {
    return this.#reanalyze({ ...overrides });
  }

  /**
   * The thresholds the next load runs with (a reopened notebook's own; null: the defaults).
   * Checked against the schema once the worker sends it, like stored settings.
   */
  useSettings(overrides: SettingsOverrides | null): void {
    this.#storedSettings = overrides;
    this.settings = this.settingsSchema
      ? mergeSettings(this.settingsSchema, overrides ?? {})
      : null;
  }

  /**
   * Change one detector threshold (`section.key` of the schema). The value is checked against
   * its field (type, finite, minimum): an invalid one is refused (false) and nothing changes.
   * A valid one is stored at once; the analysis re-runs after `settingsDelayMs` of quiet, so
   * typing "2.5" runs it once.
   */
  setSetting(section: string, key: string, value: SettingValue): boolean {
    const schema = this.settingsSchema;
    const settings = this.settings;
    const field = schema?.sections
      .find((s) => s.key === section)
      ?.fields.find((f) => f.key === key);
    if (!schema || !settings || !field || !isValidSetting(field, value)) return false;
    if (Object.is(getSetting(settings, section, key), value)) return true;
    this.settings = withSetting(settings, section, key, value);
    this.#persistSettings();
    this.#scheduleSettingsAnalysis(this.#settingsDelayMs);
    return true;
  }

  /** Every threshold back to its default; the analysis re-runs at once. */
  resetSettings(): void {
    const schema = this.settingsSchema;
    if (!schema || !this.settings) return;
    if (sameSettings(schema, this.settings, schema.defaults)) return;
    this.settings = mergeSettings(schema, schema.defaults);
    this.#persistSettings();
    this.#scheduleSettingsAnalysis(0);
  }

  /** Stop what is running: a load goes back to the empty page, a re-analysis to the last result. */
  cancel(): void {
    if (this.phase === 'loading') {
      this.#begin();
      this.#toEmpty();
    } else if (this.analyzing) {
      this.#begin();
      this.analyzing = false;
      this.overrides = this.#appliedOverrides;
      if (this.#appliedSettings && this.settings !== this.#appliedSettings) {
        this.settings = this.#appliedSettings;
        this.#persistSettings();
      }
    }
  }

  /**
   * The full JSON summary (every finding) of the current analysis, built by the worker on demand
   * and returned as a Blob, so a large export never passes through the page as a string.
   */
  async exportSummaryJson(): Promise<Blob | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary) return null;
    const { blob } = await this.#client.request({
      type: 'export',
      datasetId: loaded.datasetId,
      format: 'summary-json',
    });
    return blob;
  }

  /**
   * Another export of the current analysis, built by the worker from the full summary: the
   * findings CSV, or the self-contained HTML report (its figure and note cells, plotly inlined).
   */
  async exportAs(format: ExportFormat, report?: HtmlReportOptions): Promise<Blob | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary) return null;
    const { blob } = await this.#client.request({
      type: 'export',
      datasetId: loaded.datasetId,
      format,
      report,
    });
    return blob;
  }

  /**
   * Open `?src=` links (http(s); relative ones against `pageUrl`) as if their files were dropped.
   * The download shows progress and stops on cancel(); a failure says why (see src-url.ts).
   */
  async loadUrls(
    urls: readonly string[],
    pageUrl = globalThis.location?.href ?? '',
  ): Promise<void> {
    if (urls.length === 0) return;
    const token = this.#begin();
    this.#clearData();
    this.fileName = urls.length === 1 ? urls[0] : `${urls.length} links`;
    this.phase = 'loading';
    this.progress = { phase: 'reading', bytesRead: 0, totalBytes: 0, rows: 0 };
    const abort = new AbortController();
    this.#fetchAbort = abort;
    let fetched: Awaited<ReturnType<typeof fetchSrcFiles>>;
    try {
      fetched = await fetchSrcFiles(urls, {
        fetch: this.#fetch,
        signal: abort.signal,
        pageUrl,
        onProgress: (bytesRead, totalBytes) => {
          if (token === this.#token)
            this.progress = { phase: 'reading', bytesRead, totalBytes, rows: 0 };
        },
      });
    } catch (error) {
      if (token !== this.#token) return;
      const message = error instanceof Error ? error.message : String(error);
      this.#fail({
        code: 'unsupported',
        message,
        file: error instanceof SrcError ? error.url : undefined,
      });
      return;
    } finally {
      if (this.#fetchAbort === abort) this.#fetchAbort = null;
    }
    if (token !== this.#token) return;
    this.#nextOrigin = { kind: 'url', urls: [...urls], label: fetched.label, files: fetched.files };
    await this.loadFiles(fetched.files, fetched.label);
  }

  loadUrl(url: string): Promise<void> {
    return this.loadUrls([url]);
  }

  /**
   * Downsampled, smoothed curves of one metric for the Curves cell, computed in the worker from
   * the full-resolution series. Null when no curves are loaded or the dataset is gone.
   */
  async curveView(query: CurveQuery): Promise<CurveView | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary?.curves) return null;
    try {
      return await this.#client.request({ type: 'curves', datasetId: loaded.datasetId, query });
    } catch (error) {
      if (isCancelled(error) || toWorkerError(error).code === 'unknown-dataset') return null;
      throw error;
    }
  }

  /**
   * A figure of the current analysis, built in the worker next to the columns. Null when nothing
   * is analysed or the dataset is gone (a newer load replaced it).
   */
  async figure(request: FigureRequest, theme: ThemeName): Promise<FigureResult | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary) return null;
    try {
      return await this.#client.request({
        type: 'figure',
        datasetId: loaded.datasetId,
        request,
        theme,
      });
    } catch (error) {
      if (isCancelled(error) || toWorkerError(error).code === 'unknown-dataset') return null;
      throw error;
    }
  }

  /** Compare 2–4 runs and rank every run by one metric (Compare cell); null when nothing is analysed. */
  async compare(request: CompareRequest): Promise<CompareResult | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary) return null;
    return requestCompare(this.#client, loaded.datasetId, request);
  }

  /** Forget the file and go back to the empty page. */
  reset(): void {
    this.#begin();
    this.#toEmpty();
  }

  toggleRun(runId: string): void {
    this.selectedRunIds = this.isSelected(runId)
      ? this.selectedRunIds.filter((id) => id !== runId)
      : [...this.selectedRunIds, runId];
  }

  selectRuns(runIds: readonly string[]): void {
    this.selectedRunIds = [...runIds];
  }

  clearSelection(): void {
    this.selectedRunIds = [];
  }

  /** Stop the worker; the session is unusable afterwards. */
  dispose(): void {
    this.#begin();
    this.#client.dispose();
  }

  async #reanalyze(overrides: RoleOverrides): Promise<void> {
    const loaded = this.loaded;
    if (this.phase !== 'ready' || !loaded) return;
    const token = this.#begin();
    this.overrides = overrides;
    this.analyzing = true;
    const settings = this.#settingsToSend();
    try {
      let result: AnalyzeResult | null;
      try {
        const request = this.#client.request({
          type: 'analyze',
          datasetId: loaded.datasetId,
          options: { overrides, settings },
        });
        this.#inflightId = request.id;
        result = await request;
      } catch (error) {
        // The worker was restarted (crash) and lost the dataset: read the file again.
        if (
          token !== this.#token ||
          this.#files.length === 0 ||
          toWorkerError(error).code !== 'unknown-dataset'
        )
          throw error;
        const request = this.#client.request({
          type: 'load',
          files: this.#files,
          options: { overrides, settings, tableFormats: this.#tableFormats },
        });
        this.#inflightId = request.id;
        const reloaded = await request;
        if (token !== this.#token) return;
        this.loaded = reloaded;
        result = reloaded.analysis;
      }
      if (token !== this.#token) return;
      this.#applyAnalysis(result, overrides);
    } catch (error) {
      if (token !== this.#token || isCancelled(error)) return;
      this.summary = null;
      this.reportMarkdown = null;
      this.analysisError = toWorkerError(error);
    } finally {
      if (token === this.#token) {
        this.analyzing = false;
        this.#inflightId = null;
      }
    }
  }

  /** Start a new operation: cancel whatever runs and return the new token. */
  #begin(): number {
    this.#clearSettingsTimer();
    if (this.#inflightId !== null) this.#client.cancel(this.#inflightId);
    this.#inflightId = null;
    this.#fetchAbort?.abort();
    this.#fetchAbort = null;
    return ++this.#token;
  }

  #applyLoad(result: LoadResult, overrides: RoleOverrides): void {
    this.loaded = result;
    if (result.settingsSchema) {
      this.settingsSchema = result.settingsSchema;
      // What the worker used: the stored values it accepted, defaults for the rest.
      this.settings = mergeSettings(result.settingsSchema, result.settings);
      this.#appliedSettings = this.settings;
      this.#persistSettings();
    }
    this.#applyAnalysis(result.analysis, overrides);
  }

  #applyAnalysis(result: AnalyzeResult | null, overrides: RoleOverrides): void {
    if (result?.settings && this.settingsSchema) {
      this.#appliedSettings = mergeSettings(this.settingsSchema, result.settings);
    }
    this.summary = result?.summary ?? null;
    this.reportMarkdown = result?.reportMarkdown ?? null;
    this.analysisError = null;
    this.overrides = overrides;
    this.#appliedOverrides = overrides;
    // Run ids come from the id column: if another column became the id, the selection means nothing.
    const idColumn = this.summary?.roles.find((r) => r.role.kind === 'id')?.column ?? null;
    if (idColumn !== this.#idColumn) this.selectedRunIds = [];
    this.#idColumn = idColumn;
  }

  #clearData(): void {
    this.loaded = null;
    this.summary = null;
    this.reportMarkdown = null;
    this.overrides = {};
    this.#appliedOverrides = {};
    this.#inferredRoles = [];
    this.#tableFormats = {};
    this.#detectedFormat = null;
    this.error = null;
    this.analysisError = null;
    this.analyzing = false;
    this.selectedRunIds = [];
  }

  /** Complete settings once the schema is known, else whatever storage held (the worker checks it). */
  #settingsToSend(): DetectorSettings | SettingsOverrides | undefined {
    return this.settings ?? this.#storedSettings ?? undefined;
  }

  #scheduleSettingsAnalysis(delayMs: number): void {
    this.#clearSettingsTimer();
    if (this.phase !== 'ready' || !this.loaded) return;
    this.#settingsTimer = setTimeout(() => {
      this.#settingsTimer = null;
      void this.#reanalyze(this.overrides);
    }, delayMs);
  }

  #clearSettingsTimer(): void {
    if (this.#settingsTimer === null) return;
    clearTimeout(this.#settingsTimer);
    this.#settingsTimer = null;
  }

  #readStoredSettings(): SettingsOverrides | null {
    return readStoredSettings(this.#storage);
  }

  /** Keeps only the values that differ from the defaults, so improved defaults still arrive. */
  #persistSettings(): void {
    const schema = this.settingsSchema;
    if (!schema || !this.settings) return;
    const diff = settingsDiff(schema, this.settings);
    this.#storedSettings = Object.keys(diff).length > 0 ? diff : null;
    writeStoredSettings(this.#storage, this.#storedSettings);
  }

  #fail(error: WorkerError): void {
    this.error = error;
    this.phase = 'error';
    this.progress = null;
  }

  #toEmpty(): void {
    this.#clearData();
    this.#files = [];
    this.loadedFrom = null;
    this.fileName = null;
    this.progress = null;
    this.phase = 'empty';
  }
}

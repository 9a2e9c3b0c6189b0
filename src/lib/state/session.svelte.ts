/**
 * One analysis session: the file being read, its columns, the roles, the summary and the report.
 * The only place that talks to the analysis worker (through the injected client).
 *
 * Every asynchronous operation takes a token (session-tokens.ts); an answer whose token is no
 * longer current (the user cancelled, reset or started another load) is dropped, so late worker
 * answers never overwrite newer state. The detector settings, the run selection, the stateless
 * worker queries and the load helpers live in their own session-*.ts modules.
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
import { requestCompare } from './compare';
import type { ExampleName } from './examples';
import { RunSelection } from './run-selection.svelte';
import {
  exampleDownload,
  overridesOfColumns,
  readingProgress,
  sizeOfFiles,
  srcDownload,
  tableFormatChoice,
  type DownloadedOrigin,
  type InputDownload,
} from './session-load';
import { requestCurves, requestExport, requestFigure } from './session-queries';
import { SessionSettings } from './session-settings.svelte';
import { OperationTokens } from './session-tokens';
import type { LoadOrigin, Phase, SessionOptions, TableFormatChoice } from './session-types';
import { defaultStorage } from './settings-store';
import { columnViews, groupFindings, sameRole, type ColumnView, type FindingGroup } from './views';

export type { LoadOrigin, Phase, SessionOptions, TableFormatChoice } from './session-types';
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
  /** Where the data on screen came from; set when a load starts, null on the empty page. */
  loadedFrom = $state.raw<LoadOrigin | null>(null);

  /** Sweep tables the user reads as another format than detected, keyed by path. */
  #tableFormats = $state.raw<Record<string, TableFormatId>>({});
  /** What detection said on the first read of this load (later reads carry the user's choice). */
  #detectedFormat = $state<TableFormatId | null>(null);
  /** Roles as first inferred for this file, before any override. */
  #inferredRoles = $state.raw<readonly ColumnRole[]>([]);

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
  readonly tableFormatChoice: TableFormatChoice | null = $derived.by(() =>
    tableFormatChoice(this.loaded?.source, this.#detectedFormat, this.#files, this.#tableFormats),
  );
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
  readonly #tokens: OperationTokens;
  readonly #detector: SessionSettings;
  readonly #selection = new RunSelection();
  readonly #settingsDelayMs: number;
  #files: InputFile[] = [];
  /** Set by loadExample / loadUrls for the loadFiles call they make. */
  #nextOrigin: LoadOrigin | null = null;
  /** Overrides of the summary on screen, restored when a re-analysis is cancelled. */
  #appliedOverrides: RoleOverrides = {};

  constructor(client: AnalysisClient, options: SessionOptions = {}) {
    this.#client = client;
    this.#tokens = new OperationTokens((id) => client.cancel(id));
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#examplesBase = options.examplesBase ?? './examples/';
    this.#detector = new SessionSettings(
      options.storage === undefined ? defaultStorage() : options.storage,
    );
    this.#settingsDelayMs = options.settingsDelayMs ?? 300;
  }

  /** Runs selected in one cell, highlighted in the others. */
  get selectedRunIds(): readonly string[] {
    return this.#selection.ids;
  }
  set selectedRunIds(runIds: readonly string[]) {
    this.#selection.ids = runIds;
  }

  /** Every detector threshold with default and rationale; known after the first load. */
  get settingsSchema(): SettingsSchema | null {
    return this.#detector.schema;
  }
  set settingsSchema(schema: SettingsSchema | null) {
    this.#detector.schema = schema;
  }

  /**
   * The detector thresholds the analysis runs with (complete once the schema is known), kept in
   * storage across visits. Null before the first load.
   */
  get settings(): DetectorSettings | null {
    return this.#detector.values;
  }
  set settings(settings: DetectorSettings | null) {
    this.#detector.values = settings;
  }

  /** How many thresholds differ from their defaults. */
  get settingsChanged(): number {
    return this.#detector.changed;
  }

  get busy(): boolean {
    return this.phase === 'loading' || this.analyzing;
  }

  isSelected(runId: string): boolean {
    return this.#selection.has(runId);
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
    // Sized in slices before the files go to the worker: see sizeOfFiles.
    const sized = sizeOfFiles(files, () => !this.#tokens.isCurrent(token));
    this.progress = readingProgress(0, typeof sized === 'number' ? sized : 0);
    if (typeof sized !== 'number') {
      const totalBytes = await sized;
      if (!this.#tokens.isCurrent(token)) return;
      this.progress = readingProgress(0, totalBytes);
    }
    const request = this.#client.request(
      { type: 'load', files, options: { overrides: {}, settings: this.#detector.toSend() } },
      (p) => {
        if (this.#tokens.isCurrent(token)) this.progress = p;
      },
    );
    this.#tokens.track(request.id);
    try {
      const result = await request;
      if (!this.#tokens.isCurrent(token)) return;
      this.#applyLoad(result, {});
      this.#inferredRoles = result.analysis?.summary.roles ?? result.roles ?? [];
      this.#detectedFormat = result.source.tableFormat?.id ?? null;
      this.phase = 'ready';
    } catch (error) {
      if (!this.#tokens.isCurrent(token)) return;
      if (isCancelled(error)) this.#toEmpty();
      else this.#fail(toWorkerError(error));
    } finally {
      if (this.#tokens.isCurrent(token)) {
        this.#tokens.settle(token);
        this.progress = null;
      }
    }
    // A large sweep answers with the per-trial detectors first; fetch the full analysis now.
    if (this.#tokens.isCurrent(token) && this.summary?.firstPass)
      await this.#reanalyze(this.overrides);
  }

  /** Fetch one of the bundled examples (a CSV, or a folder of logs) and load it. */
  loadExample(name: ExampleName): Promise<void> {
    return this.#downloadThenLoad(exampleDownload(name, this.#examplesBase, this.#fetch));
  }

  /**
   * Open `?src=` links (http(s); relative ones against `pageUrl`) as if their files were dropped.
   * The download shows progress and stops on cancel(); a failure says why (see src-url.ts).
   */
  loadUrls(urls: readonly string[], pageUrl = globalThis.location?.href ?? ''): Promise<void> {
    if (urls.length === 0) return Promise.resolve();
    return this.#downloadThenLoad(srcDownload(urls, pageUrl, this.#fetch));
  }

  loadUrl(url: string): Promise<void> {
    return this.loadUrls([url]);
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
        options: { overrides: {}, settings: this.#detector.toSend(), tableFormats: formats },
      });
      this.#tokens.track(request.id);
      const result = await request;
      if (!this.#tokens.isCurrent(token)) return;
      kept = overridesOfColumns(overrides, result.columns);
      // Committed only now: a cancelled re-read leaves the table on screen and its format.
      this.#tableFormats = formats;
      this.#applyLoad(result, {});
      this.#inferredRoles = result.analysis?.summary.roles ?? result.roles ?? [];
    } catch (error) {
      if (!this.#tokens.isCurrent(token) || isCancelled(error)) return;
      this.analysisError = toWorkerError(error);
    } finally {
      if (this.#tokens.isCurrent(token)) {
        this.analyzing = false;
        this.#tokens.settle(token);
      }
    }
    const more = Object.keys(kept).length > 0 || this.summary?.firstPass;
    if (this.#tokens.isCurrent(token) && more) await this.#reanalyze(kept);
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
    this.#detector.use(overrides);
  }

  /**
   * Change one detector threshold (`section.key` of the schema). The value is checked against
   * its field (type, finite, minimum): an invalid one is refused (false) and nothing changes.
   * A valid one is stored at once; the analysis re-runs after `settingsDelayMs` of quiet, so
   * typing "2.5" runs it once.
   */
  setSetting(section: string, key: string, value: SettingValue): boolean {
    const update = this.#detector.update(section, key, value);
    if (update === 'changed') this.#scheduleSettingsAnalysis(this.#settingsDelayMs);
    return update !== 'invalid';
  }

  /** Every threshold back to its default; the analysis re-runs at once. */
  resetSettings(): void {
    if (this.#detector.resetToDefaults()) this.#scheduleSettingsAnalysis(0);
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
      this.#detector.restoreApplied();
    }
  }

  /**
   * The full JSON summary (every finding) of the current analysis, built by the worker on demand
   * and returned as a Blob, so a large export never passes through the page as a string.
   */
  async exportSummaryJson(): Promise<Blob | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary) return null;
    return requestExport(this.#client, loaded.datasetId, { format: 'summary-json' });
  }

  /**
   * Another export of the current analysis, built by the worker from the full summary: the
   * findings CSV, or the self-contained HTML report (its figure and note cells, plotly inlined).
   */
  async exportAs(format: ExportFormat, report?: HtmlReportOptions): Promise<Blob | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary) return null;
    return requestExport(this.#client, loaded.datasetId, { format, report });
  }

  /**
   * Downsampled, smoothed curves of one metric for the Curves cell, computed in the worker from
   * the full-resolution series. Null when no curves are loaded or the dataset is gone.
   */
  async curveView(query: CurveQuery): Promise<CurveView | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary?.curves) return null;
    return requestCurves(this.#client, loaded.datasetId, query);
  }

  /**
   * A figure of the current analysis, built in the worker next to the columns. Null when nothing
   * is analysed or the dataset is gone (a newer load replaced it).
   */
  async figure(request: FigureRequest, theme: ThemeName): Promise<FigureResult | null> {
    const loaded = this.loaded;
    if (!loaded || !this.summary) return null;
    return requestFigure(this.#client, loaded.datasetId, request, theme);
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
    this.#selection.toggle(runId);
  }

  selectRuns(runIds: readonly string[]): void {
    this.#selection.select(runIds);
  }

  clearSelection(): void {
    this.#selection.clear();
  }

  /** Stop the worker; the session is unusable afterwards. */
  dispose(): void {
    this.#begin();
    this.#client.dispose();
  }

  /** Download the input (an example, `?src=` links) with progress, then load it like dropped files. */
  async #downloadThenLoad(download: InputDownload): Promise<void> {
    const token = this.#begin();
    this.#clearData();
    this.fileName = download.label;
    this.phase = 'loading';
    this.progress = readingProgress(0, 0);
    const abort = this.#tokens.startFetch();
    let origin: DownloadedOrigin;
    try {
      origin = await download.fetch(abort.signal, (bytesRead, totalBytes) => {
        if (this.#tokens.isCurrent(token)) this.progress = readingProgress(bytesRead, totalBytes);
      });
    } catch (error) {
      if (!this.#tokens.isCurrent(token)) return;
      this.#fail(download.failure(error));
      return;
    } finally {
      this.#tokens.endFetch(abort);
    }
    if (!this.#tokens.isCurrent(token)) return;
    this.#nextOrigin = origin;
    await this.loadFiles(origin.files, origin.label);
  }

  async #reanalyze(overrides: RoleOverrides): Promise<void> {
    const loaded = this.loaded;
    if (this.phase !== 'ready' || !loaded) return;
    const token = this.#begin();
    this.overrides = overrides;
    this.analyzing = true;
    const settings = this.#detector.toSend();
    try {
      let result: AnalyzeResult | null;
      try {
        const request = this.#client.request({
          type: 'analyze',
          datasetId: loaded.datasetId,
          options: { overrides, settings },
        });
        this.#tokens.track(request.id);
        result = await request;
      } catch (error) {
        // The worker was restarted (crash) and lost the dataset: read the file again.
        if (
          !this.#tokens.isCurrent(token) ||
          this.#files.length === 0 ||
          toWorkerError(error).code !== 'unknown-dataset'
        )
          throw error;
        const request = this.#client.request({
          type: 'load',
          files: this.#files,
          options: { overrides, settings, tableFormats: this.#tableFormats },
        });
        this.#tokens.track(request.id);
        const reloaded = await request;
        if (!this.#tokens.isCurrent(token)) return;
        this.loaded = reloaded;
        result = reloaded.analysis;
      }
      if (!this.#tokens.isCurrent(token)) return;
      this.#applyAnalysis(result, overrides);
    } catch (error) {
      if (!this.#tokens.isCurrent(token) || isCancelled(error)) return;
      this.summary = null;
      this.reportMarkdown = null;
      this.analysisError = toWorkerError(error);
    } finally {
      if (this.#tokens.isCurrent(token)) {
        this.analyzing = false;
        this.#tokens.settle(token);
      }
    }
  }

  /** Start a new operation: cancel whatever runs (a pending settings run too), return the token. */
  #begin(): number {
    this.#detector.clearTimer();
    return this.#tokens.begin();
  }

  #applyLoad(result: LoadResult, overrides: RoleOverrides): void {
    this.loaded = result;
    if (result.settingsSchema) this.#detector.adoptLoaded(result.settingsSchema, result.settings);
    this.#applyAnalysis(result.analysis, overrides);
  }

  #applyAnalysis(result: AnalyzeResult | null, overrides: RoleOverrides): void {
    this.#detector.noteAnalysed(result?.settings);
    this.summary = result?.summary ?? null;
    this.reportMarkdown = result?.reportMarkdown ?? null;
    this.analysisError = null;
    this.overrides = overrides;
    this.#appliedOverrides = overrides;
    this.#selection.followIdColumn(
      this.summary?.roles.find((r) => r.role.kind === 'id')?.column ?? null,
    );
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
    this.#selection.clear();
  }

  /** Settings changed: re-run the analysis of the data on screen after `delayMs` of quiet. */
  #scheduleSettingsAnalysis(delayMs: number): void {
    this.#detector.clearTimer();
    if (this.phase !== 'ready' || !this.loaded) return;
    this.#detector.schedule(delayMs, () => void this.#reanalyze(this.overrides));
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

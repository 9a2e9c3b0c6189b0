/**
 * plotly's lifecycle for one figure-spec node: loads plotly once the node nears the viewport,
 * draws with `Plotly.react` (the same graph div is updated, not re-created), maps clicks, box and
 * lasso selections and parcoords brushes to trials, takes part in the WebGL budget, and purges.
 */
import type { FigureElement, PlotConfig, PlotlyStatic } from 'plotly.js-dist-min';
import type { FigureSpec } from '../../lib/state/figures';
import { whenNearViewport } from '../progressive.svelte';
import {
  brushedTrials,
  clickedTrials,
  highlightOf,
  selectedTrials,
  type Picked,
} from './figure-selection';
import { acquireGl, releaseGl, type GlFigure } from './gl-registry';
import { loadPlotly, PLOT_CONFIG } from './load';

export type FigureSelect = (picked: Picked) => void;

/** Where the node is; tests and styles read it as `data-state`. */
type HostState = 'waiting' | 'loading' | 'drawn' | 'empty' | 'paused' | 'error';

const MARGIN = '400px';
const PAUSED = 'Paused to free graphics memory: scroll here to redraw.';

function isGl(spec: FigureSpec): boolean {
  return spec.data.some((t) => t.type === 'scattergl' || t.type === 'parcoords');
}

/** Box and lasso stay in the mode bar only where they select something (scatter points). */
function configOf(spec: FigureSpec): PlotConfig {
  const selectable = spec.data.some((t) => t.type === 'scatter' || t.type === 'scattergl');
  return selectable ? { ...PLOT_CONFIG, modeBarButtonsToRemove: [] } : PLOT_CONFIG;
}

export class FigureHost implements GlFigure {
  near = false;
  lastNear = 0;
  #node: HTMLElement;
  #spec: FigureSpec | null = null;
  #onSelect: FigureSelect = () => undefined;
  #lib: PlotlyStatic | null = null;
  #plotted = false;
  #drawn: FigureSpec | null = null;
  #listening = false;
  #disposed = false;
  #pendingDispose = false;
  #chain: Promise<void> = Promise.resolve();
  #queued = false;
  #cleanups: (() => void)[] = [];
  #highlight: readonly string[] | null = null;
  /** The `selectedpoints` last applied, so an unchanged highlight costs no redraw. */
  #highlighted = '';

  constructor(node: HTMLElement) {
    this.#node = node;
    this.#setState('waiting');
    // First approach: fetch plotly (a big chunk) only for figures the user scrolls towards.
    this.#cleanups.push(whenNearViewport(() => this.#load(), MARGIN)(node));
    // Then keep watching: the WebGL budget evicts the least recently visible figure.
    const observer = new IntersectionObserver(
      (entries) => {
        const near = entries[entries.length - 1]?.isIntersecting ?? false;
        this.near = near;
        if (!near) return;
        this.lastNear = performance.now();
        if (this.#node.dataset.state === 'paused') this.#request();
      },
      { rootMargin: MARGIN },
    );
    observer.observe(node);
    this.#cleanups.push(() => observer.disconnect());
  }

  update(spec: FigureSpec, onSelect: FigureSelect, highlight: readonly string[] | null): void {
    this.#onSelect = onSelect;
    const highlightChanged = highlight !== this.#highlight;
    this.#highlight = highlight;
    if (spec !== this.#spec) {
      this.#spec = spec;
      this.#highlighted = '';
      this.#request();
    } else if (highlightChanged && this.#plotted) this.#request();
  }

  /** Teardown runs before the re-attach of a changed spec: dispose only if none follows. */
  scheduleDispose(done: () => void): void {
    this.#pendingDispose = true;
    queueMicrotask(() => {
      if (!this.#pendingDispose) return;
      this.dispose();
      done();
    });
  }

  cancelDispose(): void {
    this.#pendingDispose = false;
  }

  evict(): void {
    if (!this.#plotted) return;
    this.#purge();
    this.#message(PAUSED, 'paused');
  }

  dispose(): void {
    this.#disposed = true;
    for (const cleanup of this.#cleanups) cleanup();
    this.#purge();
  }

  #load(): void {
    this.#setState('loading');
    loadPlotly().then(
      (lib) => {
        this.#lib = lib;
        this.#request();
      },
      (error: unknown) => this.#fail(error),
    );
  }

  /** Draws are serialised: a react still running finishes before the next one starts. */
  #request(): void {
    if (this.#queued) return;
    this.#queued = true;
    this.#chain = this.#chain.then(async () => {
      this.#queued = false;
      try {
        await this.#draw();
      } catch (error) {
        this.#fail(error);
      }
    });
  }

  async #draw(): Promise<void> {
    const spec = this.#spec;
    const lib = this.#lib;
    if (this.#disposed || !spec || !lib) return;
    if (spec.empty !== null) {
      this.#purge();
      this.#message(spec.empty, 'empty');
      return;
    }
    if (isGl(spec)) {
      // A paused figure stays paused until the user scrolls back to it.
      if (!this.#plotted && !this.near) return this.#message(PAUSED, 'paused');
      acquireGl(this);
    } else releaseGl(this);
    if (!this.#plotted) this.#node.replaceChildren();
    const node = this.#node;
    if (!this.#plotted || spec !== this.#drawn) {
      await lib.react(node, spec.data, spec.layout, configOf(spec));
      this.#drawn = spec;
      this.#highlighted = '';
    }
    const el = node as FigureElement;
    if (this.#disposed) return this.#purge();
    this.#plotted = true;
    await this.#applyHighlight(lib, spec);
    if (!this.#listening) this.#listen(el);
    this.#node.dataset.traces = String(spec.data.length);
    this.#setState('drawn');
  }

  /** Selected-elsewhere trials as plotly `selectedpoints` (one restyle, only when changed). */
  async #applyHighlight(lib: PlotlyStatic, spec: FigureSpec): Promise<void> {
    if (this.#highlight === null) return;
    const ids = new Set(this.#highlight);
    const { traces, selectedpoints } = highlightOf(
      spec.selection,
      spec.data.map((t) => t.uid),
      ids,
    );
    const key = JSON.stringify(selectedpoints);
    if (traces.length === 0 || key === this.#highlighted) return;
    // Nothing drawn selected yet and nothing to select: leave the figure as drawn.
    if (this.#highlighted === '' && ids.size === 0) return;
    this.#highlighted = key;
    await lib.restyle(this.#node, { selectedpoints }, traces);
  }

  /** plotly keeps listeners on the graph div until purge; they read the current spec. */
  #listen(el: FigureElement): void {
    this.#listening = true;
    const emit = (picked: Picked | null) => {
      if (picked) this.#onSelect(picked);
    };
    const map = () => this.#spec?.selection ?? {};
    el.on('plotly_click', (event) => emit(clickedTrials(map(), event)));
    el.on('plotly_selected', (event) => emit(selectedTrials(map(), event)));
    el.on('plotly_restyle', () => {
      if (this.#spec?.kind !== 'parallel') return;
      const picked = brushedTrials(map(), el.data ?? []);
      // A cleared brush clears the selection it made.
      this.#onSelect(picked ?? { runIds: [], total: 0, label: null });
    });
  }

  #purge(): void {
    releaseGl(this);
    if (this.#plotted) this.#lib?.purge(this.#node);
    this.#plotted = false;
    this.#drawn = null;
    this.#listening = false;
  }

  /** Plain text in place of the plot (data-derived messages stay text). */
  #message(text: string, state: HostState): void {
    const p = document.createElement('p');
    p.className = 'figure-message';
    p.textContent = text;
    this.#node.replaceChildren(p);
    this.#setState(state);
  }

  #fail(error: unknown): void {
    this.#purge();
    const reason = error instanceof Error ? error.message : String(error);
    this.#message(`Could not draw this figure: ${reason}`, 'error');
  }

  #setState(state: HostState): void {
    this.#node.dataset.state = state;
  }
}

/**
 * Asks the worker for the Curves cell's downsampled view: debounced (a dragged slider sends one
 * request per pause, not one per pixel), identical queries skipped, stale answers dropped.
 */
import { untrack } from 'svelte';
import type { CurveQuery, CurveView } from '../../../lib/model';

export type CurveViewSource = (query: CurveQuery) => Promise<CurveView | null>;

export class CurveViewLoader {
  view = $state.raw<CurveView | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Answers so far (tests and screenshots wait on it through the cell's data attribute). */
  answers = $state(0);
  #seq = 0;
  #lastKey = '';
  #inflight = false;

  /** Create during component initialisation; `query` returns null while nothing should load. */
  constructor(source: CurveViewSource, query: () => CurveQuery | null, delayMs = 100) {
    $effect(() => {
      const q = query();
      if (!q) return;
      const key = JSON.stringify(q);
      if (key === this.#lastKey) {
        this.loading = this.#inflight;
        return;
      }
      this.loading = true;
      const first = untrack(() => this.view === null);
      const timer = setTimeout(() => this.#send(source, q, key), first ? 0 : delayMs);
      return () => clearTimeout(timer);
    });
  }

  #send(source: CurveViewSource, q: CurveQuery, key: string): void {
    this.#lastKey = key;
    this.#inflight = true;
    const seq = ++this.#seq;
    source(q).then(
      (view) => {
        if (seq !== this.#seq) return;
        this.view = view;
        this.error = null;
        this.#done();
      },
      (error: unknown) => {
        if (seq !== this.#seq) return;
        this.error = error instanceof Error ? error.message : String(error);
        this.#done();
      },
    );
  }

  #done(): void {
    this.#inflight = false;
    this.loading = false;
    this.answers += 1;
  }
}

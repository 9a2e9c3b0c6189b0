import { tick } from 'svelte';
import { rowWindow, scrollTopFor, type RowWindow } from './range';

/** What a scroll box needs to know about its rows. */
export interface ScrollerOptions {
  count: () => number;
  /** Row height before one is measured (px); uniform rows are measured once mounted. */
  estimate: number;
  /** Rows rendered beyond each edge, so a fast scroll or Tab does not land on a gap. */
  overscan?: number;
  /** The selector of one rendered row, carrying `data-index`. */
  rowSelector: string;
  /** Viewport assumed while the box has no layout (inside a skipped content-visibility cell). */
  fallbackViewport?: number;
}

/**
 * The state of one virtualised scroll box: scroll position, viewport and measured row height,
 * the window of rows to render, and the keyboard/focus glue. Create it in component setup and
 * `{@attach scroller.attach}` it to the scrolling element.
 */
export class Scroller {
  scrollTop = $state(0);
  viewport = $state(0);
  rowHeight = $state(0);
  /** Height of a sticky header above the rows (px). */
  offset = $state(0);
  #options: ScrollerOptions;
  /** Lazily evaluated, so reading `#options` (set in the constructor) is safe. */
  readonly window: RowWindow = $derived.by(() =>
    rowWindow(
      this.#options.count(),
      this.rowHeight,
      this.scrollTop,
      this.viewport || (this.#options.fallbackViewport ?? 600),
      this.#options.overscan ?? 6,
    ),
  );
  #node: HTMLElement | null = null;
  /** Index of the row that held focus, kept while the row is scrolled out of the DOM. */
  #focused: number | null = null;

  constructor(options: ScrollerOptions) {
    this.#options = options;
    this.rowHeight = options.estimate;
    // After each re-render: measure the real row height and keep focus inside the box.
    $effect(() => {
      void this.window;
      this.#measure();
      this.#keepFocus();
    });
  }

  attach = (node: HTMLElement) => {
    this.#node = node;
    let frame = 0;
    // One state update per frame, however many scroll events the wheel fires.
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        this.scrollTop = node.scrollTop;
      });
    };
    const resize = new ResizeObserver(() => {
      this.viewport = node.clientHeight;
      this.#measure();
    });
    const onFocusIn = (e: FocusEvent) => {
      const row = (e.target as Element).closest<HTMLElement>('[data-index]');
      this.#focused = row && node.contains(row) ? Number(row.dataset.index) : null;
    };
    node.addEventListener('scroll', onScroll, { passive: true });
    node.addEventListener('focusin', onFocusIn);
    node.addEventListener('keydown', this.#onKey);
    resize.observe(node);
    this.viewport = node.clientHeight;
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      node.removeEventListener('scroll', onScroll);
      node.removeEventListener('focusin', onFocusIn);
      node.removeEventListener('keydown', this.#onKey);
      this.#node = null;
    };
  };

  /** Scrolls row `index` into view, renders it, and focuses its `nth` focusable control. */
  async focusRow(index: number, nth = 0): Promise<void> {
    const node = this.#node;
    const count = this.#options.count();
    if (!node || count === 0) return;
    const i = Math.max(0, Math.min(count - 1, index));
    const top = scrollTopFor(i, this.rowHeight, node.scrollTop, node.clientHeight, this.offset);
    if (top !== node.scrollTop) node.scrollTop = top;
    this.scrollTop = node.scrollTop;
    await tick();
    const row = node.querySelector<HTMLElement>(`${this.#options.rowSelector}[data-index="${i}"]`);
    const controls = row ? focusables(row) : [];
    (controls[Math.min(nth, controls.length - 1)] ?? row)?.focus({ preventScroll: true });
  }

  #measure() {
    const node = this.#node;
    if (!node) return;
    // The mean over the rendered rows: with collapsed borders the first row can be a pixel
    // shorter than the rest, and a per-row error adds up over thousands of rows.
    const rows = node.querySelectorAll<HTMLElement>(`${this.#options.rowSelector}[data-index]`);
    if (rows.length === 0) return;
    const first = rows[0].getBoundingClientRect();
    const last = rows[rows.length - 1].getBoundingClientRect();
    const h = (last.bottom - first.top) / rows.length;
    // A tenth of a pixel is 500 px over 5,000 rows; less is not worth a re-render.
    if (h > 0 && Math.abs(h - this.rowHeight) > 0.1) this.rowHeight = h;
    const head = node.querySelector<HTMLElement>('thead');
    if (head) this.offset = head.getBoundingClientRect().height;
  }

  /**
   * A focused row scrolled out of the window is removed from the DOM, which would drop focus to
   * the page: hand it to the scroll box instead (arrow keys keep scrolling), and give it back to
   * the row when the row is rendered again.
   */
  #keepFocus() {
    const node = this.#node;
    if (!node || this.#focused === null) return;
    const active = document.activeElement;
    if (active === null || active === document.body) node.focus({ preventScroll: true });
    else if (active === node) {
      const row = node.querySelector<HTMLElement>(`[data-index="${this.#focused}"]`);
      if (row) focusables(row)[0]?.focus({ preventScroll: true });
    }
  }

  #onKey = (e: KeyboardEvent) => {
    const node = this.#node;
    const target = e.target as HTMLElement;
    // Selects and text fields own their arrow keys.
    if (!node || target.matches('select, input:not([type=checkbox]), textarea')) return;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const nth = Math.max(0, focusables(row).indexOf(target));
    const page = Math.max(1, Math.floor((node.clientHeight - this.offset) / this.rowHeight) - 1);
    const to: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    let next = to[e.key];
    if (e.ctrlKey && e.key === 'Home') next = 0;
    if (e.ctrlKey && e.key === 'End') next = this.#options.count() - 1;
    if (next === undefined) return;
    e.preventDefault();
    void this.focusRow(next, nth);
  };
}

function focusables(row: HTMLElement): HTMLElement[] {
  return [
    ...row.querySelectorAll<HTMLElement>('button, input, select, a[href], [tabindex="0"]'),
  ].filter((el) => !el.hasAttribute('disabled'));
}

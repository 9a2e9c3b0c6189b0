/**
 * At most MAX_GL_FIGURES WebGL figures (scattergl, parcoords) hold a GL context at once. Browsers
 * allow ~16 contexts per page and silently drop the oldest beyond that (a blank plot with a
 * console warning); a notebook of figures plus the Curves cell gets there. When one more wants to
 * draw, the least recently visible one is purged; it redraws when it comes back into view.
 */
export const MAX_GL_FIGURES = 4;

export interface GlFigure {
  /** Within the viewport margin now. */
  readonly near: boolean;
  /** When it was last within the viewport margin (performance.now()). */
  readonly lastNear: number;
  /** Free the GL context; the figure redraws when it is next near the viewport. */
  evict(): void;
}

const alive = new Set<GlFigure>();

/** Registers `figure` as holding a context, evicting others beyond the limit. */
export function acquireGl(figure: GlFigure): void {
  alive.add(figure);
  while (alive.size > MAX_GL_FIGURES) {
    let victim: GlFigure | null = null;
    for (const f of alive) {
      if (f === figure) continue;
      const age = f.near ? Infinity : f.lastNear;
      const best = victim === null ? Infinity : victim.near ? Infinity : victim.lastNear;
      if (victim === null || age < best) victim = f;
    }
    if (!victim) return;
    alive.delete(victim);
    victim.evict();
  }
}

export function releaseGl(figure: GlFigure): void {
  alive.delete(figure);
}

/** For tests and diagnostics. */
export function liveGlFigures(): number {
  return alive.size;
}

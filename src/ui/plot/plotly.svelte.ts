/**
 * The one place the page touches plotly: an attachment that loads it lazily, draws the figure
 * with `Plotly.react` whenever the figure changes (no re-creation), and purges on removal.
 */
import type { Attachment } from 'svelte/attachments';
import type { PlotElement, PlotLayout, PlotlyStatic, ScatterTrace } from 'plotly.js-dist-min';
import { PLOT_CONFIG, loadPlotly } from './load';

export interface Figure {
  data: ScatterTrace[];
  layout: PlotLayout;
}

export interface PlotHandlers {
  /** Called with a trace's `uid` when a point is clicked. */
  onClick?: (uid: string) => void;
  onError?: (error: unknown) => void;
  /** After every draw, e.g. for tests waiting on the plot. */
  onDrawn?: (traces: number) => void;
}

export function plotly(
  getFigure: () => Figure | null,
  handlers: PlotHandlers = {},
): Attachment<HTMLElement> {
  return (node) => {
    let lib = $state.raw<PlotlyStatic | null>(null);
    let disposed = false;
    let listening = false;
    loadPlotly().then(
      (p) => {
        if (!disposed) lib = p;
      },
      (error: unknown) => handlers.onError?.(error),
    );

    $effect(() => {
      const figure = getFigure();
      const plotlib = lib;
      if (!plotlib || !figure) return;
      plotlib.react(node, figure.data, figure.layout, PLOT_CONFIG).then(
        (el: PlotElement) => {
          if (disposed) return;
          if (!listening && handlers.onClick) {
            listening = true;
            el.on('plotly_click', (event) => {
              const uid = event.points[0]?.data.uid;
              if (uid) handlers.onClick?.(uid);
            });
          }
          handlers.onDrawn?.(figure.data.length);
        },
        (error: unknown) => handlers.onError?.(error),
      );
    });

    return () => {
      disposed = true;
      lib?.purge(node);
    };
  };
}

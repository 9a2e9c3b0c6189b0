/** plotly.js loaded on demand (a ~1.4 MB gzipped chunk of its own), once per page. */
import type { PlotlyStatic } from 'plotly.js-dist-min';

let loading: Promise<PlotlyStatic> | null = null;

export function loadPlotly(): Promise<PlotlyStatic> {
  loading ??= import('plotly.js-dist-min').then(
    (mod) => mod.default,
    (error: unknown) => {
      loading = null; // let a later attempt retry (e.g. a chunk fetch that failed offline)
      throw error;
    },
  );
  return loading;
}

/** Offline and quiet: no logo link, no MathJax, no topojson, fits its container. */
export const PLOT_CONFIG = {
  displaylogo: false,
  responsive: true,
  typesetMath: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d'],
} as const;

/**
 * One self-contained classic script that defines `window.Plotly`: inlined into the exported HTML
 * report so its figures work from `file://` with no network.
 */
export { default as PLOTLY_SCRIPT_URL } from 'plotly.js-dist-min/plotly.min.js?url';

/**
 * plotly.js loaded on demand, once per page: a partial, CSP-safe build (src/ui/plot/
 * plotly-partial.js, ~0.6 MB gzipped) injected as a same-origin classic script, so it runs under
 * `script-src 'self'` without 'unsafe-eval'.
 */
import type { PlotlyStatic } from 'plotly.js-dist-min';
/**
 * One self-contained classic script that defines `window.Plotly` with every trace type the
 * figures use: what the app loads, and what the exported HTML report inlines so its figures work
 * from `file://` with no network. Built by scripts/vite-plugin-plotly.mjs.
 */
import PLOTLY_SCRIPT_URL from 'virtual:plotly-partial.js?url';

export { PLOTLY_SCRIPT_URL };

let loading: Promise<PlotlyStatic> | null = null;

function inject(): Promise<PlotlyStatic> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = PLOTLY_SCRIPT_URL;
    script.async = true;
    script.dataset.hpi = 'plotly';
    script.onload = () => {
      if (window.Plotly) resolve(window.Plotly);
      else reject(new Error('The plotting library loaded but did not start.'));
    };
    script.onerror = () => {
      script.remove(); // a retry appends a fresh tag
      reject(new Error('The plotting library could not be loaded (offline?).'));
    };
    document.head.append(script);
  });
}

export function loadPlotly(): Promise<PlotlyStatic> {
  loading ??= (window.Plotly ? Promise.resolve(window.Plotly) : inject()).catch(
    (error: unknown) => {
      loading = null; // let a later attempt retry (e.g. a fetch that failed offline)
      throw error;
    },
  );
  return loading;
}

/**
 * WebGL canvases at the screen's own pixel ratio. plotly's default is 2 everywhere, so on a
 * 1× screen every WebGL figure (parallel coordinates, big scatters) rasterises four times the
 * pixels it shows; in software WebGL that was most of the draw.
 */
const GL_PIXEL_RATIO = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));

/** Offline and quiet: no logo link, no MathJax, no topojson, fits its container. */
export const PLOT_CONFIG = {
  displaylogo: false,
  responsive: true,
  typesetMath: false,
  plotGlPixelRatio: GL_PIXEL_RATIO,
  modeBarButtonsToRemove: ['select2d', 'lasso2d'],
} as const;

/**
 * Colours and base layout of every figure, for the light and the dark page theme. Categorical
 * colours are Okabe–Ito (distinguishable with every common colour-vision deficiency); sick trials
 * also differ by marker symbol, so colour is never the only cue.
 */
import type { Axis, ColorScale, Layout, ThemeName } from './figure-types';

export interface Palette {
  paper: string;
  plot: string;
  text: string;
  muted: string;
  grid: string;
  zeroline: string;
  hoverBg: string;
  /** Healthy trials and neutral bars. */
  healthy: string;
  /** Trials with a critical finding. */
  critical: string;
  /** Trials with a warning (and no critical) finding. */
  warning: string;
  /** The Pareto front, the hot bucket outline. */
  accent: string;
  /** Dominated / context points. */
  faint: string;
  /** Middle of the diverging (correlation) scale: close to the background, so 0 reads as "none". */
  divergingMid: string;
}

/** Okabe & Ito (2008), without black: blue, vermillion, bluish green, orange, sky, purple, yellow. */
export const OKABE_ITO = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#E69F00',
  '#56B4E9',
  '#CC79A7',
  '#F0E442',
] as const;

export const PALETTES: Record<ThemeName, Palette> = {
  light: {
    paper: '#ffffff',
    plot: '#ffffff',
    text: '#1a1d23',
    muted: '#5c6571',
    grid: '#e3e6eb',
    zeroline: '#b8bec7',
    hoverBg: '#ffffff',
    healthy: '#0072B2',
    critical: '#D55E00',
    warning: '#E69F00',
    accent: '#1a1d23',
    faint: '#9aa3ae',
    divergingMid: '#f4f4f4',
  },
  dark: {
    paper: '#16191f',
    plot: '#16191f',
    text: '#e6e8ec',
    muted: '#a0a8b4',
    grid: '#2d323b',
    zeroline: '#4a515c',
    hoverBg: '#22262e',
    healthy: '#56B4E9',
    critical: '#FF7F3F',
    warning: '#F0C04A',
    accent: '#ffffff',
    faint: '#6b7380',
    divergingMid: '#2a2e35',
  },
};

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Sequential scale for metrics and issue rates: perceptually uniform, both ends visible. */
export const SEQUENTIAL: ColorScale = 'Viridis';

/** Blue (−1) … background (0) … vermillion (+1); used with a fixed −1…1 range. */
export function divergingScale(theme: ThemeName): ColorScale {
  const mid = PALETTES[theme].divergingMid;
  return [
    [0, '#053061'],
    [0.25, '#4393c3'],
    [0.5, mid],
    [0.75, '#e08a5b'],
    [1, '#8c2d04'],
  ];
}

/** Two-colour discrete scale for 0 = healthy, 1 = has an issue. */
export function healthScale(theme: ThemeName): ColorScale {
  const p = PALETTES[theme];
  return [
    [0, p.healthy],
    [0.5, p.healthy],
    [0.5, p.critical],
    [1, p.critical],
  ];
}

export function axis(theme: ThemeName, title: string, extra: Axis = {}): Axis {
  const p = PALETTES[theme];
  // Colours of hidden grid or zero lines are left out: plotly.validate flags them as unused.
  return {
    title: { text: title, font: { color: p.text } },
    ...(extra.showgrid !== false && { gridcolor: p.grid }),
    ...(extra.zeroline !== false && { zerolinecolor: p.zeroline }),
    linecolor: p.grid,
    tickfont: { color: p.muted },
    automargin: true,
    ...extra,
  };
}

/** Title, colours, font and hover style every figure shares. `title` is already escaped. */
export function baseLayout(theme: ThemeName, title: string, extra: Partial<Layout> = {}): Layout {
  const p = PALETTES[theme];
  return {
    title: { text: title, x: 0, xanchor: 'left', font: { size: 15, color: p.text } },
    paper_bgcolor: p.paper,
    plot_bgcolor: p.plot,
    font: { family: FONT_FAMILY, size: 12, color: p.text },
    colorway: [...OKABE_ITO],
    margin: { l: 60, r: 20, t: 48, b: 50 },
    autosize: true,
    hovermode: 'closest',
    hoverlabel: { bgcolor: p.hoverBg, bordercolor: p.grid, font: { color: p.text }, align: 'left' },
    ...extra,
  };
}

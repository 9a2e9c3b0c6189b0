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

/** Plotly's Viridis stops (perceptually uniform, colour-vision-deficiency safe). */
const VIRIDIS: readonly (readonly [number, string])[] = [
  [0, '#440154'],
  [1 / 16, '#48186a'],
  [2 / 16, '#472d7b'],
  [3 / 16, '#424086'],
  [4 / 16, '#3b528b'],
  [5 / 16, '#33638d'],
  [6 / 16, '#2c728e'],
  [7 / 16, '#26828e'],
  [8 / 16, '#21918c'],
  [9 / 16, '#1fa088'],
  [10 / 16, '#28ae80'],
  [11 / 16, '#3fbc73'],
  [12 / 16, '#5ec962'],
  [13 / 16, '#84d44b'],
  [14 / 16, '#addc30'],
  [15 / 16, '#d8e219'],
  [1, '#fde725'],
];

/**
 * The part of Viridis each theme uses. Full Viridis loses an end against the page: its deep
 * purple (#440154) all but vanishes on the dark background, so the worst parcoords lines and 0%
 * cells disappear there; its yellow (#fde725) fades into white, so the best lines do on light.
 * Each theme drops the end that melts into its background and keeps the rest of the ramp.
 */
const SEQUENTIAL_RANGE: Record<ThemeName, readonly [number, number]> = {
  light: [0, 0.88],
  dark: [0.2, 1],
};

/** Sequential scale for metrics and issue rates: perceptually uniform, both ends visible. */
export function sequentialScale(theme: ThemeName): ColorScale {
  const [from, to] = SEQUENTIAL_RANGE[theme];
  const inner = VIRIDIS.filter(([t]) => t > from && t < to);
  const stops: [number, string][] = [
    [from, viridisAt(from)],
    ...inner.map(([t, c]): [number, string] => [t, c]),
    [to, viridisAt(to)],
  ];
  // Rescaled to 0…1 and rounded so the JSON (and the snapshots) stay short.
  return stops.map(([t, c]) => [Number(((t - from) / (to - from)).toFixed(4)), c]);
}

/** Viridis at t in [0, 1], interpolated in sRGB between its stops. */
function viridisAt(t: number): string {
  const i = Math.min(VIRIDIS.length - 2, Math.floor(t * (VIRIDIS.length - 1)));
  const [t0, c0] = VIRIDIS[i];
  const [t1, c1] = VIRIDIS[i + 1];
  const f = (t - t0) / (t1 - t0);
  const channel = (c: string, k: number) => parseInt(c.slice(1 + 2 * k, 3 + 2 * k), 16);
  return `#${[0, 1, 2]
    .map((k) =>
      Math.round(channel(c0, k) + f * (channel(c1, k) - channel(c0, k)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

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

/**
 * Title, colours, font and hover style every figure shares. `title` and `subtitle` are already
 * escaped. The subtitle is plotly's own `title.subtitle`, not a `<br><sup>` line: a superscript
 * line is raised into the title's descenders (the `_` of "val_loss" sat on top of the next line).
 */
export function baseLayout(
  theme: ThemeName,
  title: string,
  extra: Partial<Layout> = {},
  subtitle = '',
): Layout {
  const p = PALETTES[theme];
  return {
    title: {
      text: title,
      ...(subtitle && { subtitle: { text: subtitle, font: { size: 11, color: p.muted } } }),
      x: 0,
      xanchor: 'left',
      font: { size: 15, color: p.text },
    },
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

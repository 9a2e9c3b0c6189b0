/**
 * The typed subset of plotly's trace and layout JSON the figure builders emit (plotly ships no
 * types the core could use without importing it). Only attributes a builder sets are listed;
 * `Plotly.validate` accepts every spec the builders produce (checked in headless Chromium).
 */
export interface Font {
  family?: string;
  size?: number;
  color?: string;
  /** CSS text-shadow ('auto': a halo in the contrasting colour). */
  shadow?: string;
}

/** Either a named plotly scale or explicit [position 0…1, colour] stops. */
export type ColorScale = 'Viridis' | 'Cividis' | [number, string][];

export interface ColorBar {
  title?: { text: string; side?: 'right' | 'top' };
  tickvals?: number[];
  ticktext?: string[];
  tickformat?: string;
  thickness?: number;
  len?: number;
  outlinewidth?: number;
  tickfont?: Font;
}

export interface HoverLabel {
  bgcolor?: string;
  bordercolor?: string;
  font?: Font;
  align?: 'left' | 'right' | 'auto';
}

interface TraceBase {
  /** Stable key of the trace: what SelectionMap is keyed by. */
  uid: string;
  name?: string;
  showlegend?: boolean;
  legendgroup?: string;
  /** 'text' with a prebuilt, escaped `hovertext`; scatter traces use `hovertemplate` instead. */
  hoverinfo?: 'text' | 'skip' | 'none';
  hoverlabel?: HoverLabel;
  xaxis?: string;
  yaxis?: string;
}

export interface HeatmapTrace extends TraceBase {
  type: 'heatmap';
  /** Cell centres: bin indices (the axes carry the labels as ticktext). */
  x: number[];
  y: number[];
  /** z[y][x]; null leaves the cell blank. */
  z: (number | null)[][];
  zmin?: number;
  zmax?: number;
  zmid?: number;
  colorscale: ColorScale;
  reversescale?: boolean;
  showscale?: boolean;
  colorbar?: ColorBar;
  /** Cell labels, shown through texttemplate '%{text}'. */
  text?: string[][];
  texttemplate?: string;
  textfont?: Font;
  hovertext: string[][];
  hoverongaps?: boolean;
  xgap?: number;
  ygap?: number;
}

export interface Marker {
  color?: string | number[];
  size?: number;
  symbol?: string;
  opacity?: number;
  line?: { color?: string; width?: number };
  colorscale?: ColorScale;
  cmin?: number;
  cmax?: number;
  showscale?: boolean;
  colorbar?: ColorBar;
  reversescale?: boolean;
}

export interface ScatterTrace extends TraceBase {
  /** scattergl above GL_POINTS points: SVG scatter stalls on thousands of markers. */
  type: 'scatter' | 'scattergl';
  mode: 'markers' | 'lines' | 'lines+markers';
  x: (number | string)[];
  y: number[];
  hovertext?: string[];
  /**
   * Per point: the escaped, data-derived part of the hover (trial id, findings), substituted into
   * `hovertemplate` as %{customdata}; plotly formats %{x} and %{y} itself. Cheaper than one full
   * hover string per point on 10,000-trial sweeps.
   */
  customdata?: string[];
  hovertemplate?: string;
  marker?: Marker;
  line?: {
    color?: string;
    width?: number;
    dash?: 'solid' | 'dot' | 'dash';
    shape?: 'linear' | 'hv' | 'vh';
  };
}

export interface BarTrace extends TraceBase {
  type: 'bar';
  x: (number | string)[];
  y: (number | string)[];
  orientation?: 'v' | 'h';
  width?: number[];
  offset?: number[];
  marker?: Marker;
  hovertext?: string[];
  text?: string[];
  textposition?: 'auto' | 'inside' | 'outside' | 'none';
  textfont?: Font;
}

export interface ParcoordsDimension {
  label: string;
  values: number[];
  range?: [number, number];
  tickvals?: number[];
  ticktext?: string[];
}

export interface ParcoordsTrace extends TraceBase {
  type: 'parcoords';
  dimensions: ParcoordsDimension[];
  line: {
    color: number[];
    colorscale: ColorScale;
    cmin: number;
    cmax: number;
    reversescale?: boolean;
    showscale?: boolean;
    colorbar?: ColorBar;
  };
  labelfont?: Font;
  tickfont?: Font;
  rangefont?: Font;
}

export type Trace = HeatmapTrace | ScatterTrace | BarTrace | ParcoordsTrace;

export interface Axis {
  title?: { text: string; standoff?: number; font?: Font };
  type?: 'linear' | 'log' | 'category';
  tickvals?: number[];
  ticktext?: string[];
  tickformat?: string;
  tick0?: number;
  /** On log axes, 1 = a tick per decade (no 2, 5 minor labels). */
  dtick?: number;
  tickangle?: number;
  categoryorder?: 'array' | 'trace';
  categoryarray?: string[];
  tickfont?: Font;
  gridcolor?: string;
  zerolinecolor?: string;
  linecolor?: string;
  showgrid?: boolean;
  zeroline?: boolean;
  visible?: boolean;
  automargin?: boolean;
  autorange?: boolean | 'reversed';
  range?: [number, number];
  matches?: string;
  constrain?: 'domain' | 'range';
  scaleanchor?: string;
  exponentformat?: 'none' | 'e' | 'power' | 'SI' | 'B';
}

export interface Annotation {
  text: string;
  xref: string;
  yref: string;
  x: number;
  y: number;
  xanchor?: 'left' | 'center' | 'right';
  yanchor?: 'top' | 'middle' | 'bottom';
  showarrow: boolean;
  font?: Font;
  align?: 'left' | 'center' | 'right';
}

export interface Shape {
  type: 'rect' | 'line';
  xref: string;
  yref: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  line: { color: string; width: number; dash?: 'solid' | 'dot' | 'dash' };
  fillcolor?: string;
  layer?: 'above' | 'below';
}

/** `xaxis2`, `yaxis3`…: the axes of small multiples. */
type NumberedAxes = { [key: `xaxis${number}` | `yaxis${number}`]: Axis | undefined };

export interface Layout extends NumberedAxes {
  title: {
    text: string;
    /** A smaller line under the title, spaced by plotly (a `<br><sup>` line crowds the title). */
    subtitle?: { text: string; font?: Font };
    x?: number;
    xanchor?: 'left' | 'center';
    /** In container coordinates (0 bottom, 1 top of the figure). */
    y?: number;
    yanchor?: 'top' | 'middle' | 'bottom';
    font?: Font;
  };
  paper_bgcolor: string;
  /** Left out for parcoords, which has no plot area. */
  plot_bgcolor?: string;
  font: Font;
  colorway?: string[];
  margin: { l: number; r: number; t: number; b: number };
  height?: number;
  autosize?: boolean;
  xaxis?: Axis;
  yaxis?: Axis;
  hovermode?: 'closest' | 'x' | false;
  hoverlabel?: HoverLabel;
  showlegend?: boolean;
  legend?: {
    orientation?: 'v' | 'h';
    x?: number;
    y?: number;
    xanchor?: 'left' | 'right';
    yanchor?: 'top' | 'bottom';
    font?: Font;
  };
  barmode?: 'stack' | 'group' | 'overlay';
  bargap?: number;
  grid?: { rows: number; columns: number; pattern: 'independent'; xgap?: number; ygap?: number };
  annotations?: Annotation[];
  shapes?: Shape[];
}

/**
 * The small part of plotly.js the app uses (the package ships no types). The module keeps the
 * name of the published bundle the app used to import; at runtime plotly is the partial build of
 * src/ui/plot/plotly-partial.js, loaded by load.ts, and these are type-only imports.
 */
declare module 'plotly.js-dist-min' {
  export type PlotValues = readonly (number | string | null)[] | Float64Array;

  export interface PlotLine {
    color?: string;
    width?: number;
    dash?: 'solid' | 'dot' | 'dash';
    shape?: 'linear' | 'spline' | 'hv';
  }

  export interface PlotMarker {
    color?: string;
    size?: number;
    symbol?: string;
    opacity?: number;
    line?: { color?: string; width?: number };
  }

  export interface ScatterTrace {
    type: 'scatter' | 'scattergl';
    mode: 'lines' | 'markers' | 'lines+markers';
    x: PlotValues;
    y: PlotValues;
    uid?: string;
    name?: string;
    legendgroup?: string;
    showlegend?: boolean;
    opacity?: number;
    connectgaps?: boolean;
    line?: PlotLine;
    marker?: PlotMarker;
    hoverinfo?: 'skip' | 'none' | 'text' | 'x+y' | 'all';
    hovertemplate?: string;
    hovertext?: readonly string[];
    hoverlabel?: { bgcolor?: string; bordercolor?: string; font?: PlotFont };
  }

  export interface PlotFont {
    family?: string;
    size?: number;
    color?: string;
  }

  export interface PlotAxis {
    title?: { text: string; font?: PlotFont; standoff?: number };
    type?: 'linear' | 'log' | 'date';
    gridcolor?: string;
    zerolinecolor?: string;
    linecolor?: string;
    tickfont?: PlotFont;
    automargin?: boolean;
    showline?: boolean;
    exponentformat?: 'none' | 'e' | 'power' | 'SI' | 'B';
    range?: [number, number];
    autorange?: boolean;
  }

  export interface PlotLayout {
    height?: number;
    autosize?: boolean;
    margin?: { l?: number; r?: number; t?: number; b?: number; pad?: number };
    paper_bgcolor?: string;
    plot_bgcolor?: string;
    font?: PlotFont;
    xaxis?: PlotAxis;
    yaxis?: PlotAxis;
    hovermode?: 'closest' | 'x' | 'x unified' | false;
    hoverlabel?: { bgcolor?: string; bordercolor?: string; font?: PlotFont; align?: 'left' };
    showlegend?: boolean;
    legend?: {
      orientation?: 'v' | 'h';
      font?: PlotFont;
      x?: number;
      y?: number;
      xanchor?: 'left' | 'right' | 'center';
      yanchor?: 'top' | 'bottom';
      bgcolor?: string;
      itemclick?: 'toggle' | 'toggleothers' | false;
    };
    uirevision?: string;
    datarevision?: number;
  }

  export interface PlotConfig {
    displaylogo?: boolean;
    responsive?: boolean;
    displayModeBar?: boolean | 'hover';
    modeBarButtonsToRemove?: readonly string[];
    typesetMath?: boolean;
    plotGlPixelRatio?: number;
  }

  export interface PlotPoint {
    data: ScatterTrace;
    pointIndex: number;
  }
  export interface PlotEvent {
    points: readonly PlotPoint[];
  }

  export interface PlotElement extends HTMLElement {
    on(event: 'plotly_click' | 'plotly_hover', handler: (event: PlotEvent) => void): void;
    removeAllListeners?(event: string): void;
    data?: ScatterTrace[];
  }

  /** One point of a click or box/lasso selection on a figure-spec plot. */
  export interface FigurePoint {
    curveNumber: number;
    /** [row, column] on heatmaps, an index elsewhere. */
    pointNumber: number | readonly [number, number];
    pointIndex?: number | readonly [number, number];
    data: { uid?: string };
  }
  export interface FigureEvent {
    points: readonly FigurePoint[];
  }
  /** A parcoords brush: one [lo, hi] range, or several. */
  export type ConstraintRange = readonly [number, number] | readonly (readonly [number, number])[];
  export interface FigureTraceState {
    uid?: string;
    type?: string;
    dimensions?: readonly {
      label?: string;
      values?: ArrayLike<number>;
      constraintrange?: ConstraintRange;
    }[];
  }
  /** The graph div of a figure spec (src/lib/report/figures) once plotly has drawn it. */
  export interface FigureElement extends HTMLElement {
    on(
      event: 'plotly_click' | 'plotly_selected',
      handler: (event: FigureEvent | undefined) => void,
    ): void;
    on(event: 'plotly_restyle' | 'plotly_deselect', handler: () => void): void;
    data?: readonly FigureTraceState[];
  }

  export interface PlotlyStatic {
    react(
      root: HTMLElement,
      data: readonly ScatterTrace[],
      layout?: PlotLayout,
      config?: PlotConfig,
    ): Promise<PlotElement>;
    /** Figure specs carry their own typed JSON (report/figures/plotly-types.ts). */
    react(
      root: HTMLElement,
      data: readonly object[],
      layout: object,
      config?: PlotConfig,
    ): Promise<HTMLElement>;
    restyle(root: HTMLElement, update: object, traces?: readonly number[]): Promise<unknown>;
    purge(root: HTMLElement): void;
  }

  const Plotly: PlotlyStatic;
  export default Plotly;
}

/** Set by the partial plotly bundle (src/ui/plot/plotly-partial.js), a classic script. */
interface Window {
  Plotly?: import('plotly.js-dist-min').PlotlyStatic;
}

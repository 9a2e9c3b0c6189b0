/** Plot colours from the page's CSS variables, so figures follow the light or dark theme. */
import type { PlotTheme } from './curve-figure';

export function readTheme(node: Element): PlotTheme {
  const style = getComputedStyle(node);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1a1d23'),
    muted: v('--muted', '#5c6571'),
    grid: v('--border', '#dde1e7'),
    surface: v('--surface', '#ffffff'),
    critical: v('--critical', '#c0262d'),
    warning: v('--warning', '#9a5b00'),
    info: v('--info', '#1f5fbf'),
  };
}

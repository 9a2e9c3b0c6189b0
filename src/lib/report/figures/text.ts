/**
 * Data-derived strings (trial ids, column names, category labels, finding titles) on their way
 * into plotly. Plotly is not a text sink: titles, ticks, legends and hover labels go through its
 * pseudo-HTML renderer (`<br>`, `<b>`, `<a href>`, `<span style>`…), hover templates substitute
 * `%{…}`, and with MathJax on the page a string holding two `$` is typeset as LaTeX (`\href`).
 * Plotly splits tags *before* it decodes entities, and decodes only `&lt; &gt; &amp;` and numeric
 * entities, so numeric/lt/gt/amp entities are displayed literally and never parsed as markup.
 */
import { formatNumber } from '../../model';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // Plotly knows no &quot; / &apos;: numeric entities are the ones it decodes.
  '"': '&#34;',
  "'": '&#39;',
  // LaTeX delimiters (MathJax) and template placeholders (%{x}) lose their meaning as entities.
  $: '&#36;',
  '%': '&#37;',
  '\\': '&#92;',
};

// Control characters, and bidi overrides that would let a label reorder the text around it.
const INVISIBLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const SPECIAL = /[&<>"'$%\\\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * One data string as literal plotly text. Newlines become spaces (plotly would drop them anyway);
 * `max` shortens long labels (ticks, legends) with an ellipsis, cut before escaping so an entity
 * is never split.
 */
export function plotlyText(value: string, max = Infinity): string {
  // Fast path: most ids and names need nothing (this runs per point on big sweeps).
  if (value.length <= max && !SPECIAL.test(value)) return value;
  let text = value.replace(/[\r\n\t]+/g, ' ').replace(INVISIBLE, '');
  if (text.length > max) text = `${[...text].slice(0, Math.max(1, max - 1)).join('')}…`;
  return text.replace(/[&<>"'$%\\]/g, (c) => ENTITIES[c]);
}

/** Longest column name or category label on an axis tick or legend entry. */
export const TICK_CHARS = 32;

/** A number for hover and tick text: compact, `NaN`/`inf` spelled out, never markup. */
export function plotlyNumber(value: number): string {
  return plotlyText(formatNumber(value));
}

/** Lines of hover text joined by the one tag we emit ourselves. */
export function hoverLines(lines: readonly string[]): string {
  return lines.join('<br>');
}

/** A share in [0, 1] as a percentage with one decimal below 10%. */
export function percentText(rate: number): string {
  if (!Number.isFinite(rate)) return '–';
  const pct = 100 * rate;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)}&#37;`;
}

/** p- and q-values: two significant digits, "< 0.001" below that. */
export function pText(p: number): string {
  if (Number.isNaN(p)) return '–';
  if (p < 0.001) return '&lt; 0.001';
  return String(Number(p.toPrecision(2)));
}

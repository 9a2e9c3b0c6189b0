/**
 * The self-contained HTML report: one file that opens from `file://` with no network. It holds
 * the deterministic report (from the summary), the notebook's figures as plotly JSON, its notes
 * as plain text, plotly itself inlined, and a tiny bootstrap that draws the figures.
 *
 * Safety, in layers:
 * - every data-derived string is HTML-escaped (html-escape.ts); notes are shown as text, never
 *   rendered as markdown, so nothing the user or the data wrote becomes markup;
 * - figure JSON sits in `<script type="application/json">` (never executed) with `<` escaped;
 * - a Content-Security-Policy allows only the report's own inline scripts, by SHA-256 hash, and
 *   no network at all: even a string that slipped through could neither run nor phone home.
 *   Plotly injects <style> elements (style-src 'unsafe-inline'); no 'unsafe-eval': the app's
 *   plotly is the strict partial bundle, whose WebGL traces never call `new Function`.
 */
import type { AnalysisSummary } from '../model';
import type { FigureSpec } from './figures';
import { html, inlineScript, scriptJson } from './html-escape';
import { findingsSection } from './html-report-findings';
import {
  associationsSection,
  dataQualitySection,
  importanceSection,
  leaderboardSection,
  overviewSection,
} from './html-report-sections';
import { REPORT_CSS } from './html-report-style';
import { REPORT_TITLE } from './markdown';

/** The parts of a figure spec the report uses (a `FigureSpec` is one). */
export type ReportFigure = Pick<FigureSpec, 'title' | 'data' | 'empty'> & {
  layout: FigureSpec['layout'] | Record<string, never>;
};

/** What the notebook contributes besides the summary, in notebook order. */
export type HtmlReportItem =
  { kind: 'figure'; spec: ReportFigure } | { kind: 'note'; markdown: string };

export interface HtmlReportInput {
  summary: AnalysisSummary;
  items: readonly HtmlReportItem[];
  /** The source of a classic script defining `window.Plotly`; absent: figures say so. */
  plotlyScript?: string;
}

/** Static text: reads the figure JSON and draws it; the only code besides plotly. */
const BOOTSTRAP = `(function () {
  var nodes = document.querySelectorAll('script.hpi-figure');
  var config = { displaylogo: false, responsive: true, typesetMath: false };
  for (var i = 0; i < nodes.length; i++) {
    var host = document.getElementById(nodes[i].getAttribute('data-target'));
    if (!host) continue;
    if (!window.Plotly) { host.textContent = 'Plotly is not included in this file, so the figure cannot be drawn.'; continue; }
    try {
      var figure = JSON.parse(nodes[i].textContent);
      window.Plotly.newPlot(host, figure.data, figure.layout, config);
    } catch (error) {
      host.textContent = 'This figure could not be drawn: ' + (error && error.message);
    }
  }
})();`;

/**
 * The document as parts (the worker makes a Blob of them, so plotly's megabytes and a big
 * figure's JSON are never concatenated into one string).
 */
export async function htmlReportParts(input: HtmlReportInput): Promise<string[]> {
  const { summary } = input;
  const plotly = input.plotlyScript === undefined ? null : inlineScript(input.plotlyScript);
  const scripts = plotly === null ? [BOOTSTRAP] : [plotly, BOOTSTRAP];
  const hashes = await Promise.all(scripts.map(sha256Source));
  const csp = [
    "default-src 'none'",
    `script-src ${hashes.join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `${REPORT_TITLE}: ${summary.source.file}`;
  const sections = [
    overviewSection(summary),
    findingsSection(summary),
    associationsSection(summary),
    importanceSection(summary),
    leaderboardSection(summary),
    notebookSection(input.items),
    dataQualitySection(summary),
  ].filter((s): s is string => s !== null);
  const head = [
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    `<meta http-equiv="Content-Security-Policy" content="${html(csp)}">\n`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    '<meta name="color-scheme" content="light">\n',
    `<title>${html(title)}</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n`,
    `<header><h1>${html(REPORT_TITLE)}</h1><p class="muted">Source: <code>${html(summary.source.file)}</code> (${summary.overview.trials} trials). Written by Hyperparameter Pathology Inspector from the analysis summary (version ${summary.version}); figures are interactive.</p></header>\n`,
  ];
  return [
    ...head,
    ...sections.map((s) => `${s}\n`),
    '</main>\n',
    ...figureData(input.items),
    ...scripts.map((s) => `<script>${s}</script>\n`),
    '</body>\n</html>\n',
  ];
}

export async function buildHtmlReport(input: HtmlReportInput): Promise<string> {
  return (await htmlReportParts(input)).join('');
}

function notebookSection(items: readonly HtmlReportItem[]): string | null {
  if (items.length === 0) return null;
  let figure = 0;
  const body = items
    .map((item) => {
      if (item.kind === 'note') {
        // The user's markdown as written: text with its line breaks, never rendered as HTML.
        return item.markdown.trim() ? `<div class="note">${html(item.markdown)}</div>` : '';
      }
      const { spec } = item;
      // Plotly draws the title inside the figure; the caption stays for screen readers.
      const hidden = spec.empty === null ? ' class="visually-hidden"' : '';
      const caption = `<figcaption${hidden}>${html(spec.title)}</figcaption>`;
      if (spec.empty !== null) {
        return `<figure class="figure empty">${caption}<p class="muted">${html(spec.empty)}</p></figure>`;
      }
      return `<figure class="figure">${caption}<div class="plot" id="figure-${figure++}"></div></figure>`;
    })
    .join('');
  return `<section id="notebook"><h2>Figures and notes</h2>${body}</section>`;
}

/** One JSON element per drawable figure, in the order of the `figure-N` hosts. */
function figureData(items: readonly HtmlReportItem[]): string[] {
  const specs = items.flatMap((i) =>
    i.kind === 'figure' && i.spec.empty === null ? [i.spec] : [],
  );
  return specs.map(
    (spec, n) =>
      `<script type="application/json" class="hpi-figure" data-target="figure-${n}">${scriptJson({ data: spec.data, layout: spec.layout })}</script>\n`,
  );
}

/** A CSP source for an inline script: 'sha256-<base64 of the UTF-8 bytes>'. */
async function sha256Source(source: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}

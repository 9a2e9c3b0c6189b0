import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../../src/lib/model';
import { inlineScript, scriptJson } from '../../../src/lib/report/html-escape';
import { buildHtmlReport, type ReportFigure } from '../../../src/lib/report/html-report';
import { analyzeTable, seedSampleTable } from '../analysis/table-helper';

const BREAKOUT = '</script><script>alert(1)</script><!--<script>';
const IMG = '<img src=x onerror=alert(1)>';

/** The inline scripts (not the JSON data elements) of a document. */
function inlineScripts(doc: string): string[] {
  return [...doc.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

function figure(title: string, text: string): ReportFigure {
  return {
    title,
    data: [{ type: 'bar', uid: 't', x: [text, 'b'], y: [1, 2] }] as ReportFigure['data'],
    layout: { title: { text } } as ReportFigure['layout'],
    empty: null,
  };
}

function hostileSummary(): AnalysisSummary {
  const summary = analyzeTable(seedSampleTable());
  return {
    ...summary,
    source: { ...summary.source, file: `${IMG}.csv` },
    findings: summary.findings.map((f, i) =>
      i === 0 ? { ...f, runIds: [BREAKOUT, IMG], title: `${f.title} ${IMG}` } : f,
    ),
  };
}

describe('HTML report', () => {
  it('has the report sections from the summary', async () => {
    const doc = await buildHtmlReport({ summary: analyzeTable(seedSampleTable()), items: [] });
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    for (const id of ['overview', 'findings', 'importance', 'data-quality']) {
      expect(doc).toContain(`<section id="${id}">`);
    }
    expect(doc).toContain('NaN/Inf metrics');
    expect(doc).toContain('<td>val_loss / train_loss</td><td class="num">5.333</td>');
    // No figures: no data elements, only the bootstrap.
    expect(doc).not.toContain('application/json');
    expect(inlineScripts(doc)).toHaveLength(1);
  });

  it('escapes every data-derived string: no element or handler from the data', async () => {
    const doc = await buildHtmlReport({
      summary: hostileSummary(),
      items: [{ kind: 'note', markdown: `# Note\n${IMG}\n[x](javascript:alert(1))` }],
    });
    expect(doc).not.toContain('<img');
    expect(doc).not.toMatch(/<[^>]*onerror/);
    expect(doc).not.toContain('href=');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc.match(/<script/g)).toHaveLength(1);
  });

  it('embeds figures as JSON that cannot end its element, and reads back intact', async () => {
    const items = [
      { kind: 'figure' as const, spec: figure('A', BREAKOUT) },
      { kind: 'figure' as const, spec: { ...figure('Empty', 'x'), empty: 'Nothing to draw.' } },
      { kind: 'figure' as const, spec: figure('B', '\u2028&') },
    ];
    const doc = await buildHtmlReport({ summary: analyzeTable(seedSampleTable()), items });
    const data = [
      ...doc.matchAll(
        /<script type="application\/json" class="hpi-figure" data-target="(figure-\d+)">([\s\S]*?)<\/script>/g,
      ),
    ];
    expect(data.map((m) => m[1])).toEqual(['figure-0', 'figure-1']);
    for (const m of data) expect(m[2]).not.toMatch(/[<>]/);
    expect(JSON.parse(data[0][2])).toEqual({
      data: items[0].spec.data,
      layout: items[0].spec.layout,
    });
    expect(JSON.parse(data[1][2]).layout.title.text).toBe('\u2028&');
    expect(doc).toContain('<div class="plot" id="figure-0">');
    expect(doc).toContain('<div class="plot" id="figure-1">');
    expect(doc).toContain('Nothing to draw.');
  });

  it('inlines plotly and allows exactly its scripts by hash in the CSP', async () => {
    const plotly = 'window.Plotly={newPlot:function(){}};var s="</script><!--<script>";';
    const doc = await buildHtmlReport({
      summary: analyzeTable(seedSampleTable()),
      items: [],
      plotlyScript: plotly,
    });
    const scripts = inlineScripts(doc);
    expect(scripts).toHaveLength(2);
    expect(scripts[0]).toBe(inlineScript(plotly));
    expect(scripts[0]).not.toMatch(/<\/script|<!--|<script/i);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/
      .exec(doc)![1]
      .replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    for (const source of scripts) {
      const hash = createHash('sha256').update(source, 'utf8').digest('base64');
      expect(csp).toContain(`'sha256-${hash}'`);
    }
    expect(csp).not.toContain("'unsafe-inline' ");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('escapes', () => {
  it('scriptJson keeps JSON.parse round trips and hides markup', () => {
    const value = { a: '</script><!-- & \u2029', b: [1, -2.5] };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('inlineScript keeps the JavaScript meaning of strings with closing tags', () => {
    const source = 'var a = "</SCRIPT>", b = /<script/, c = `<!--`;';
    const escaped = inlineScript(source);
    expect(escaped).not.toMatch(/<\/script|<!--|<script/i);
    const read = new Function(`${escaped}; return [a, b.source, c];`) as () => string[];
    expect(read()).toEqual(['</SCRIPT>', '\\x3Cscript', '<!--']);
  });
});

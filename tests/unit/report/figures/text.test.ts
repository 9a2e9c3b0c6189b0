import { describe, expect, it } from 'vitest';
import { plotlyText } from '../../../../src/lib/report';

describe('plotlyText', () => {
  it('escapes markup plotly would render', () => {
    expect(plotlyText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(plotlyText('<a href="javascript:alert(1)">x</a>')).toBe(
      '&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;',
    );
    expect(plotlyText("it's <b>&amp;")).toBe('it&#39;s &lt;b&gt;&amp;amp;');
    expect(plotlyText('a<br>b')).toBe('a&lt;br&gt;b');
  });

  it('neutralises MathJax and hover-template syntax', () => {
    const tex = plotlyText('$\\href{javascript:alert(1)}{x}$');
    expect(tex).not.toContain('$');
    expect(tex).not.toContain('\\');
    expect(tex).toBe('&#36;&#92;href{javascript:alert(1)}{x}&#36;');
    expect(plotlyText('%{x}')).toBe('&#37;{x}');
  });

  it('drops control and bidi characters and flattens newlines', () => {
    expect(plotlyText('a\nb\r\nc\u0007\u202ed')).toBe('a b cd');
  });

  it('shortens before escaping, never inside an entity', () => {
    const out = plotlyText('<<<<<<<<<<', 5);
    expect(out).toBe('&lt;&lt;&lt;&lt;…');
    expect(plotlyText('short', 5)).toBe('short');
  });
});

import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeList, escapeMarkdown } from '../../../src/lib/report';

const render = (md: string) => marked.parse(md, { async: false });

describe('escapeMarkdown', () => {
  it('turns HTML into literal text', () => {
    const escaped = escapeMarkdown('<img src=x onerror=alert(1)>');
    expect(escaped).toBe('\\<img src=x onerror=alert\\(1\\)\\>');
    const html = render(`Column: ${escaped}`);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    ['[click](javascript:alert(1))', '<a'],
    ['![x](http://evil/x.png)', '<img'],
    ['<https://evil.example>', '<a'],
    ['https://evil.example/path', '<a'],
    ['www.evil.example', '<a'],
    ['mail@evil.example', '<a'],
    ['**bold** _it_ `code`', '<strong'],
    ['**bold** _it_ `code`', '<em'],
    ['**bold** _it_ `code`', '<code'],
    ['~~gone~~', '<del'],
    ['&lt;script&gt;', '<script'],
  ])('%s cannot become %s', (text, tag) => {
    const html = render(`Run: ${escapeMarkdown(text)}`);
    expect(html).not.toContain(tag);
  });

  it('keeps data on its line: no headings, lists or quotes from data', () => {
    for (const text of ['# title', '- item', '1. item', '> quote', '---', 'a\n# b', '| a | b |']) {
      const html = render(escapeMarkdown(text));
      expect(html, text).toMatch(/^<p>[^<]*<\/p>\n?$/);
    }
  });

  it('leaves ordinary names and numbers readable', () => {
    expect(escapeMarkdown('val_loss')).toBe('val\\_loss');
    expect(escapeMarkdown('0.15')).toBe('0.15');
    expect(escapeMarkdown('-inf')).toBe('-inf');
    expect(escapeMarkdown('metrics.val/loss')).toBe('metrics.val/loss');
  });

  it('round-trips through a renderer as the original text', () => {
    const text = 'a|b *c* _d_ [e](f) <g> #h !i \\j `k` ~l & m@n';
    const html = render(escapeMarkdown(text));
    const decoded = html
      .replace(/<\/?p>\n?/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    expect(decoded).toBe(text);
  });
});

describe('escapeList', () => {
  it('joins, escapes and shortens', () => {
    expect(escapeList(['a_1', 'b'])).toBe('a\\_1, b');
    expect(escapeList(['1', '2', '3'], 2)).toBe('1, 2 … (+1 more)');
  });
});

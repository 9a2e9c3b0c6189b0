/**
 * Data-derived strings (column names, run ids, status values, file names) go into the markdown
 * report as literal text: they must never become HTML, links, images, emphasis or table cells.
 */

// Every character CommonMark/GFM gives meaning to inside a line; all are valid backslash escapes.
const INLINE_SPECIAL = /[\\`*_{}[\]<>()#+!|~&@]/g;

export function escapeMarkdown(text: string): string {
  let out = text
    // A newline would let data start its own block (a heading, a list, raw HTML).
    .replace(/[\r\n\t\f\v]+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .replace(INLINE_SPECIAL, '\\$&')
    // GFM autolinks fire without brackets on `https://…` and `www.…`.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.');
  // At the start of a line (or of a list item) these open a list, a thematic break or a
  // setext heading; numbers such as "0.15" or "-inf" do not, so they stay readable.
  if (/^[-+](?=\s|$)/.test(out) || /^[-=][-=\s]*$/.test(out)) out = `\\${out}`;
  out = out.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  return out;
}

/** Comma-separated escaped ids, shortened to `max` with a count of the rest. */
export function escapeList(items: readonly string[], max = 10): string {
  const shown = items.slice(0, max).map(escapeMarkdown).join(', ');
  return items.length > max ? `${shown} … (+${items.length - max} more)` : shown;
}

/**
 * Escaping for the self-contained HTML report: every data-derived string goes through `html`
 * (text and attribute values alike), JSON goes into `<script type="application/json">` through
 * `scriptJson`, and a library's source goes into an inline `<script>` through `inlineScript`.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or a quoted attribute value: never markup. */
export function html(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON safe inside a `<script type="application/json">` element: `<` `>` `&` become \u escapes
 * (so `</script>` or `<!--` in a trial id cannot end or confuse the element), and so do the line
 * separators JavaScript once treated as line ends. JSON.parse reads them back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A classic script's source made safe to inline in `<script>…</script>`: the HTML parser ends the
 * element at the first `</script` and enters a "double escaped" state after `<!--` followed by
 * `<script`, whatever the JavaScript around them means. Writing their `<` as `\x3C` changes
 * nothing inside string, template and regular-expression literals (where minified libraries
 * carry such text) and makes the sequences invisible to the HTML parser.
 */
export function inlineScript(source: string): string {
  return source.replace(/<(?=!--|\/?script)/gi, '\\x3C');
}

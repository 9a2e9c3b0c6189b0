/**
 * CSV cells that a spreadsheet opens as data, never as formulas.
 *
 * Excel, LibreOffice and Google Sheets evaluate a cell that starts with `=`, `+`, `-` or `@`
 * (and some import paths also after a leading tab, CR or NUL, or at the start of any line of a
 * multi-line cell). OWASP's recommendation: prefix such a text cell with `'` and keep the
 * original text after it, so the reader still sees every character. Only *text* is neutralised:
 * a cell given as a JS number is written as a number, so a real -0.5 stays a number a
 * spreadsheet can sum. Whether a value is text or a number is decided by its type at the call
 * site, never by sniffing the string (a run id "-1" is text and gets the prefix).
 */

/** A cell as the writer receives it: text, a number, or empty. */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\0]/;
/**
 * A line (start of the cell, or after a line break) whose first non-blank character would start
 * a formula. Leading spaces are included because some importers trim them before evaluating.
 */
const FORMULA_LINE = /(?:^|[\r\n])[ \u00a0]*[=+\-@\t\r\0]/;

/** True when a spreadsheet could read the text as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) || FORMULA_LINE.test(text);
}

/** The text with a leading `'` when a spreadsheet could evaluate it; unchanged otherwise. */
export function neutraliseText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a delimiter, a quote or a line break; double the quotes. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One cell as written to the file. Finite numbers keep their JS spelling (shortest round-trip);
 * NaN and ±Infinity are text ("NaN", "inf", "-inf") and go through the neutraliser like any text.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    const token = Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
    return quoteField(neutraliseText(token));
  }
  return quoteField(neutraliseText(value));
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

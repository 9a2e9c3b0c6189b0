import { delimiterName, type Dialect } from '../model';

const DELIMITERS: Dialect['delimiter'][] = [',', ';', '\t', '|'];

/**
 * Picks the delimiter that splits the first lines into the most consistent, widest rows,
 * counting only delimiters outside double quotes. Sniffed once from the head of the file and
 * then fixed for the whole parse, so a stray `;` deep in the file cannot change the dialect.
 */
export function sniffDialect(
  sample: string,
  hasBom: boolean,
  encoding: Dialect['encoding'] = 'UTF-8',
): Dialect {
  const newline = sniffNewline(sample);
  const lines = withoutLeadingComments(splitSampleLines(sample, 50));
  let best: { delimiter: Dialect['delimiter']; score: number; width: number } = {
    delimiter: ',',
    score: -1,
    width: 1,
  };
  for (const delimiter of DELIMITERS) {
    const widths = lines.map((line) => countOutsideQuotes(line, delimiter) + 1);
    if (widths.length === 0) continue;
    const header = widths[0];
    if (header < 2) continue;
    const consistent = widths.filter((w) => w === header).length / widths.length;
    const score = consistent * 1000 + header;
    if (score > best.score) best = { delimiter, score, width: header };
  }
  const decimal = best.delimiter === ';' && /;-?\d+,\d+(;|$)/m.test(sample) ? ',' : '.';
  const widthNote =
    best.score < 0 ? 'no delimiter splits the header, so one column' : `${best.width} columns`;
  return {
    delimiter: best.delimiter,
    quoteChar: '"',
    newline,
    decimal,
    hasBom,
    encoding,
    reason: `${delimiterName(best.delimiter)}-delimited (${widthNote} in the header, consistent over the first ${lines.length} lines)${decimal === ',' ? ', decimal commas' : ''}`,
  };
}

function sniffNewline(sample: string): Dialect['newline'] {
  const lf = sample.indexOf('\n');
  const cr = sample.indexOf('\r');
  if (cr === -1) return '\n';
  if (lf === -1) return '\r';
  return sample[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Logical lines of the sample: a newline inside double quotes does not end a line. */
function splitSampleLines(sample: string, max: number): string[] {
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < sample.length && lines.length < max * 2; i++) {
    const ch = sample.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (!quoted && (ch === 10 || ch === 13)) {
      lines.push(sample.slice(start, i));
      if (ch === 13 && sample.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  // The text after the last newline may be a row cut by the end of the sample.
  if (lines.length === 0) lines.push(sample);
  return lines.filter((l) => l.trim() !== '').slice(0, max);
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}

const isCommentLine = (line: string) => line.trimStart().startsWith('#');

/** `# exported by…` lines before the header say nothing about the delimiter. */
function withoutLeadingComments(lines: string[]): string[] {
  let first = 0;
  while (first < lines.length && isCommentLine(lines[first])) first++;
  return first < lines.length ? lines.slice(first) : lines;
}

/**
 * Physical line numbers (1-based) of the `#` comment lines before the header (`# exported by
 * sweep-tool`, `# 2024-01-01`), which would otherwise become the header and push every data row
 * into quarantine. Blank lines among them are passed over. The last `#` line is the header
 * itself, not a comment, when its `#` names a column: `#,lr,loss`, or `#id,lr,loss` with as many
 * fields as the line after it (a comment is written `# text`).
 */
export function commentPreamble(sample: string, delimiter: Dialect['delimiter']): number[] {
  const comments: { line: number; text: string }[] = [];
  let next: string | null = null;
  let line = 0;
  for (const text of sample.split(/\r\n|\n|\r/)) {
    line++;
    if (text.trim() === '') continue;
    if (!isCommentLine(text)) {
      next = text;
      break;
    }
    comments.push({ line, text });
  }
  // The sample ended inside the preamble (or the file is only comments): read it as before.
  if (next === null || comments.length === 0) return [];
  const last = comments[comments.length - 1].text.trimStart();
  const width = (text: string) => countOutsideQuotes(text, delimiter) + 1;
  const namesColumn =
    last[1] === delimiter || (/^#\S/.test(last) && width(last) > 1 && width(last) === width(next));
  if (namesColumn) comments.pop();
  return comments.map((c) => c.line);
}

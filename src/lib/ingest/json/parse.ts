/**
 * Tolerant JSON: what Python's `json.dump` writes, which is JSON plus the bare tokens `NaN`,
 * `Infinity` and `-Infinity` (training logs hold them whenever a loss blows up). A leading BOM is
 * skipped. Strict JSON goes through the native `JSON.parse` (fast); anything it rejects is parsed
 * again by a small recursive-descent parser that accepts those tokens outside strings and, on a
 * real syntax error, names the line and column of the first one.
 *
 * Objects are plain objects whose keys are all own data properties: a key `__proto__` becomes an
 * ordinary property (as `JSON.parse` does), so no input can change any prototype.
 */
import type { ParseIssue } from '../../model';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type JsonResult = { value: JsonValue } | { error: ParseIssue };

/** Nesting deeper than this is reported rather than risking the call stack. */
export const MAX_JSON_DEPTH = 1000;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Parses one JSON document, accepting NaN, Infinity and -Infinity as numbers. */
export function parseJsonTolerant(text: string, fileName: string): JsonResult {
  // A BOM is invisible in editors, so positions are counted after it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      error: {
        code: 'empty-file',
        severity: 'error',
        file: fileName,
        message: 'The file is empty: there is no JSON value in it.',
      },
    };
  }
  try {
    return { value: JSON.parse(body) as JsonValue };
  } catch {
    // Not strict JSON: NaN/Infinity tokens, or a real error that the tolerant parser locates.
  }
  try {
    return { value: new TolerantParser(body).parseDocument() };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { error: syntaxIssue(body, error.index, error.message, fileName) };
  }
}

export interface JsonLine {
  /** 1-based physical line of the record. */
  line: number;
  value: JsonValue;
}

export interface JsonLinesResult {
  records: JsonLine[];
  issues: ParseIssue[];
}

const MAX_LINE_ISSUES = 50;

/**
 * JSON Lines: one value per line; blank lines are skipped. A bad line is reported (with its line
 * and column) and left out; the other lines are still read.
 */
export function parseJsonLines(text: string, fileName: string): JsonLinesResult {
  const records: JsonLine[] = [];
  const issues: ParseIssue[] = [];
  let bad = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (content.trim() !== '') {
      const parsed = parseJsonTolerant(content, fileName);
      if ('value' in parsed) {
        records.push({ line, value: parsed.value });
      } else {
        bad++;
        if (bad <= MAX_LINE_ISSUES) {
          const issue = parsed.error;
          issues.push({
            ...issue,
            line,
            message: issue.message.replace(
              /^Invalid JSON at line 1,/,
              `Invalid JSON at line ${line},`,
            ),
          });
        }
      }
    }
    if (end === text.length) break;
    start = end + 1;
    line++;
  }
  if (bad > MAX_LINE_ISSUES) {
    issues.push({
      code: 'invalid-json',
      severity: 'warning',
      file: fileName,
      message: `${bad - MAX_LINE_ISSUES} more lines that are not valid JSON are not listed.`,
    });
  }
  return { records, issues };
}

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property lookup that never reaches the prototype (`obj.constructor` would). */
export function getOwn(obj: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function syntaxIssue(text: string, index: number, message: string, file: string): ParseIssue {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(index, text.length);
  for (let i = text.indexOf('\n', 0); i !== -1 && i < limit; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = limit - lineStart + 1;
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = text.length;
  const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const from = Math.max(0, column - 1 - 60);
  const excerpt =
    (from > 0 ? '…' : '') +
    lineText.slice(from, from + 120) +
    (lineText.length > from + 120 ? '…' : '');
  return {
    code: 'invalid-json',
    severity: 'error',
    file,
    message: `Invalid JSON at line ${line}, column ${column}: ${message}.`,
    line,
    column,
    excerpt,
  };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

class TolerantParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipSpace();
    const value = this.parseValue();
    this.skipSpace();
    if (this.pos < this.text.length)
      this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
    return value;
  }

  private fail(message: string, at = this.pos): never {
    throw new JsonSyntaxError(message, at);
  }

  private describe(at = this.pos): string {
    if (at >= this.text.length) return 'end of file';
    const ch = this.text[at];
    if (ch === '\n' || ch === '\r') return 'line break';
    return `'${ch}'`;
  }

  private skipSpace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  private parseValue(): JsonValue {
    const t = this.text;
    const c = t[this.pos];
    switch (c) {
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArray();
      case '"':
        return this.parseString();
      case 't':
        return this.keyword('true', true);
      case 'f':
        return this.keyword('false', false);
      case 'n':
        return this.keyword('null', null);
      case 'N':
        return this.keyword('NaN', NaN);
      case 'I':
        return this.keyword('Infinity', Infinity);
      case '-':
        if (t.startsWith('-Infinity', this.pos)) return this.keyword('-Infinity', -Infinity);
        return this.parseNumber();
      default:
        if (c !== undefined && c >= '0' && c <= '9') return this.parseNumber();
        return this.fail(`expected a value, found ${this.describe()}`);
    }
  }

  private keyword<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) {
      let end = this.pos;
      while (end < this.text.length && /[A-Za-z0-9_]/.test(this.text[end])) end++;
      const found = this.text.slice(this.pos, Math.max(end, this.pos + 1));
      this.fail(`unknown token '${found.slice(0, 20)}' (expected a value)`);
    }
    this.pos += word.length;
    return value;
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail(`malformed number`);
    const next = this.text[this.pos + m[0].length];
    if (next !== undefined && /[0-9A-Za-z.+-]/.test(next))
      this.fail(`malformed number`, this.pos + m[0].length);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private parseString(): string {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      if (p >= t.length) this.fail('unterminated string (missing closing quote)', start);
      const c = t.charCodeAt(p);
      if (c === 34) break;
      if (c < 0x20) this.fail('control character or line break inside a string', p);
      if (c === 92) {
        out += t.slice(chunk, p);
        const e = t[p + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = t.slice(p + 2, p + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape in a string', p);
            out += String.fromCharCode(parseInt(hex, 16));
            p += 4;
            break;
          }
          default:
            this.fail('bad escape in a string', p);
        }
        p += 2;
        chunk = p;
        continue;
      }
      p++;
    }
    out += t.slice(chunk, p);
    this.pos = p + 1;
    return out;
  }

  private enter(): void {
    if (++this.depth > MAX_JSON_DEPTH) this.fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  }

  private parseArray(): JsonValue[] {
    this.enter();
    this.pos++;
    const out: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.parseValue());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        this.skipSpace();
        if (this.text[this.pos] === ']') this.fail('trailing comma before ]');
        continue;
      }
      if (c === ']') {
        this.pos++;
        this.depth--;
        return out;
      }
      this.fail(`expected ',' or ']' in an array, found ${this.describe()}`);
    }
  }

  private parseObject(): JsonObject {
    this.enter();
    this.pos++;
    const out: JsonObject = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      this.depth--;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"')
        this.fail(`expected a quoted property name, found ${this.describe()}`);
      const key = this.parseString();
      this.skipSpace();
      if (this.text[this.pos] !== ':')
        this.fail(
          `expected ':' after property name "${key.slice(0, 40)}", found ${this.describe()}`,
        );
      this.pos++;
      this.skipSpace();
      const value = this.parseValue();
      if (key === '__proto__')
        Object.defineProperty(out, key, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      else out[key] = value;
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        this.skipSpace();
        if (this.text[this.pos] === '}') this.fail('trailing comma before }');
        continue;
      }
      if (c === '}') {
        this.pos++;
        this.depth--;
        return out;
      }
      this.fail(`expected ',' or '}' after a property value, found ${this.describe()}`);
    }
  }
}

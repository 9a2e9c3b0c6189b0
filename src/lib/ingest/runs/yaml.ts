/**
 * The YAML subset that run configs use (PyTorch Lightning `hparams.yaml`, W&B `config.yaml`,
 * Hydra `config.yaml`): `key: value` mappings nested by indentation, scalars (plain, single- or
 * double-quoted), comments, and flow sequences `[a, b]`. Block sequences (`- item`) under a key are
 * collected as a list of scalars. Anything else (anchors, tags such as `!!python/object`,
 * multi-line strings) is reported and skipped, never guessed.
 */
import type { ParseIssue } from '../../model';

export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | YamlScalar[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

export interface YamlResult {
  value: YamlMap;
  issues: ParseIssue[];
}

interface Frame {
  /** Indentation of the keys of this mapping; -1 until its first key is seen. */
  indent: number;
  map: YamlMap;
}

const KEY_LINE = /^(?:"([^"]*)"|'([^']*)'|([^:#\s][^:#]*?))\s*:(?:\s+(.*)|)$/;

export function parseYamlSubset(text: string, fileName: string): YamlResult {
  const issues: ParseIssue[] = [];
  const root: YamlMap = {};
  const stack: Frame[] = [{ indent: -1, map: root }];
  const skip = (line: number, message: string, raw: string) =>
    issues.push({
      code: 'unsupported-format',
      severity: 'warning',
      file: fileName,
      message: `Line ${line}: ${message}; skipped.`,
      line,
      excerpt: raw.trim().slice(0, 120),
    });
  /** A `key:` with nothing after it: a nested mapping, a block sequence, or null. */
  let pending: { parent: YamlMap; key: string; indent: number } | null = null;
  let list: { items: YamlScalar[]; indent: number } | null = null;
  /** Lines indented deeper than this belong to something skipped (multi-line string, tag). */
  let skipDeeperThan = -1;
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const lineNo = i + 1;
    const content = stripComment(raw);
    const body = content.trim();
    if (body === '' || body === '---' || body === '...') continue;
    const indent = content.length - content.trimStart().length;
    if (skipDeeperThan >= 0) {
      if (indent > skipDeeperThan) continue;
      skipDeeperThan = -1;
    }
    if (raw.slice(0, indent).includes('\t')) {
      skip(lineNo, 'tab indentation is not valid YAML', raw);
      continue;
    }
    const isItem = body === '-' || body.startsWith('- ');
    if (pending) {
      const { parent, key } = pending;
      if (isItem && indent >= pending.indent) {
        list = { items: [], indent };
        setOwn(parent, key, list.items);
      } else if (!isItem && indent > pending.indent) {
        const child: YamlMap = {};
        setOwn(parent, key, child);
        stack.push({ indent, map: child });
      } else {
        setOwn(parent, key, null);
      }
      pending = null;
    }
    if (list) {
      if (isItem && indent === list.indent) {
        const itemText = body.slice(1).trim();
        const item = /^[^'"[{]*:(?:\s|$)/.test(itemText) ? undefined : parseScalar(itemText);
        if (item === undefined) {
          skip(lineNo, 'a list item that is not a plain value', raw);
          skipDeeperThan = indent;
        } else list.items.push(item);
        continue;
      }
      if (indent > list.indent) continue;
      list = null;
    }
    if (isItem) {
      skip(lineNo, 'a list item outside a key', raw);
      skipDeeperThan = indent;
      continue;
    }
    while (stack.length > 1 && indent < stack[stack.length - 1].indent) stack.pop();
    const frame = stack[stack.length - 1];
    if (frame.indent === -1) frame.indent = indent;
    if (indent !== frame.indent) {
      skip(lineNo, 'indentation does not match the lines above', raw);
      continue;
    }
    const m = KEY_LINE.exec(body);
    if (!m) {
      skip(lineNo, 'not a `key: value` line', raw);
      continue;
    }
    const key = m[1] ?? m[2] ?? m[3];
    const rest = (m[4] ?? '').trim();
    if (rest === '') {
      pending = { parent: frame.map, key, indent };
      continue;
    }
    if (rest.startsWith('!') || rest.startsWith('&') || rest.startsWith('*')) {
      skip(lineNo, `"${key}" uses a YAML tag, anchor or alias (${rest.split(/\s/)[0]})`, raw);
      skipDeeperThan = indent;
      continue;
    }
    if (/^[|>][-+0-9]*$/.test(rest)) {
      skip(lineNo, `"${key}" is a multi-line string`, raw);
      skipDeeperThan = indent;
      continue;
    }
    const value = rest.startsWith('[') ? parseFlowList(rest) : parseScalar(rest);
    if (value === undefined) {
      skip(lineNo, `the value of "${key}" is not a plain scalar`, raw);
      continue;
    }
    setOwn(frame.map, key, value);
  }
  if (pending) setOwn(pending.parent, pending.key, null);
  return { value: root, issues };
}

function setOwn(map: YamlMap, key: string, value: YamlValue): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:[,-]/.test(line[i - 1])) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(0, i);
    }
  }
  return line;
}

const YAML_NUMBER = /^[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?$/;

/** A scalar as PyYAML reads it (numbers with exponents without a dot included). */
export function parseScalar(text: string): YamlScalar | undefined {
  const s = text.trim();
  if (s === '') return null;
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) return undefined;
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) return undefined;
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('{') || s.startsWith('!') || s.startsWith('&') || s.startsWith('*'))
    return undefined;
  if (s === '~' || /^(?:null|Null|NULL)$/.test(s)) return null;
  if (/^(?:true|True|TRUE)$/.test(s)) return true;
  if (/^(?:false|False|FALSE)$/.test(s)) return false;
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  if (/\d/.test(s) && YAML_NUMBER.test(s) && !/^[-+]?0\d/.test(s)) {
    const n = Number(s.replace(/_/g, ''));
    if (!Number.isNaN(n)) return n;
  }
  return s;
}

function parseFlowList(text: string): YamlScalar[] | undefined {
  if (!text.endsWith(']')) return undefined;
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  if (/[[\]{}]/.test(inner)) return undefined;
  const items: YamlScalar[] = [];
  for (const part of splitOutsideQuotes(inner)) {
    const v = parseScalar(part);
    if (v === undefined) return undefined;
    items.push(v);
  }
  return items;
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

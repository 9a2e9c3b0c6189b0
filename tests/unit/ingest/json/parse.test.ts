import { describe, expect, it } from 'vitest';
import {
  MAX_JSON_DEPTH,
  getOwn,
  isJsonObject,
  parseJsonLines,
  parseJsonTolerant,
} from '../../../../src/lib/ingest/json';

function value(text: string): unknown {
  const r = parseJsonTolerant(text, 'f.json');
  if ('error' in r) throw new Error(r.error.message);
  return r.value;
}

function error(text: string) {
  const r = parseJsonTolerant(text, 'f.json');
  if (!('error' in r)) throw new Error('expected an error');
  return r.error;
}

describe('parseJsonTolerant', () => {
  it('reads strict JSON', () => {
    expect(value('{"a": [1, 2.5, -3e-4, true, false, null, "x\\n\\u00e9"]}')).toEqual({
      a: [1, 2.5, -3e-4, true, false, null, 'x\né'],
    });
  });

  it('reads the NaN, Infinity and -Infinity tokens Python writes', () => {
    const v = value('{"loss": NaN, "grad_norm": Infinity, "x": [-Infinity, 1]}') as Record<
      string,
      unknown
    >;
    expect(v.loss).toBeNaN();
    expect(v.grad_norm).toBe(Infinity);
    expect(v.x).toEqual([-Infinity, 1]);
  });

  it('keeps NaN-like text inside strings as text', () => {
    expect(value('{"s": "NaN", "t": "Infinity, NaN", "u": 1}')).toEqual({
      s: 'NaN',
      t: 'Infinity, NaN',
      u: 1,
    });
    expect(value('["a\\"NaN", NaN]')).toEqual(['a"NaN', NaN]);
  });

  it('skips a BOM', () => {
    expect(value('\ufeff{"a": 1}')).toEqual({ a: 1 });
    expect(value('\ufeff{"a": NaN}')).toEqual({ a: NaN });
  });

  it('reports the line and column of the first syntax error', () => {
    const e = error('{\n  "a": 1,\n  "b" 2\n}');
    expect(e.severity).toBe('error');
    expect(e.file).toBe('f.json');
    expect(e.line).toBe(3);
    expect(e.column).toBe(7);
    expect(e.message).toMatch(/line 3, column 7: expected ':'/);
    expect(e.excerpt).toContain('"b" 2');
  });

  it('locates errors in files that also hold NaN tokens', () => {
    const e = error('{"a": NaN,\n "b": nan}');
    expect([e.line, e.column]).toEqual([2, 7]);
    expect(e.message).toMatch(/unknown token 'nan'/);
  });

  it('counts columns after a BOM as an editor does', () => {
    const e = error('\ufeff{"a" 1}');
    expect([e.line, e.column]).toEqual([1, 6]);
  });

  it.each([
    ['{"a": 1,}', 'trailing comma'],
    ['[1, 2', 'end of file'],
    ['{"a": "unterminated}', 'unterminated string'],
    ['{"a": 01}', 'malformed number'],
    ['{"a": 1} x', 'after the end'],
    ["{'a': 1}", 'quoted property name'],
    ['{"a": -}', 'malformed number'],
    ['{"a": "x\ny"}', 'control character'],
  ])('rejects %j (%s)', (text, message) => {
    expect(error(text).message).toContain(message);
  });

  it('reports an empty file', () => {
    expect(error('  \n').code).toBe('empty-file');
  });

  it('reports nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 5) + 'NaN' + ']'.repeat(MAX_JSON_DEPTH + 5);
    expect(error(deep).message).toMatch(/nested deeper/);
    const ok = '['.repeat(50) + 'NaN' + ']'.repeat(50);
    expect(parseJsonTolerant(ok, 'f.json')).toHaveProperty('value');
  });

  it('keeps __proto__ and constructor as plain data and pollutes no prototype', () => {
    for (const text of [
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}',
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, "n": NaN}',
    ]) {
      const v = value(text);
      expect(isJsonObject(v)).toBe(true);
      if (!isJsonObject(v)) return;
      expect(Object.keys(v)).toContain('__proto__');
      expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
      expect(getOwn(v, '__proto__')).toEqual({ polluted: 1 });
      expect(getOwn(v, 'constructor')).toEqual({ prototype: { polluted: 2 } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('getOwn does not reach the prototype', () => {
    const v = value('{"a": 1}');
    if (!isJsonObject(v)) throw new Error();
    expect(getOwn(v, 'constructor')).toBeUndefined();
    expect(getOwn(v, 'toString')).toBeUndefined();
  });
});

describe('parseJsonLines', () => {
  it('reads one value per line, skipping blank lines, with line numbers', () => {
    const r = parseJsonLines('{"step": 1, "loss": NaN}\r\n\n{"step": 2, "loss": 0.5}\n', 'l.jsonl');
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => x.line)).toEqual([1, 3]);
    expect((r.records[0].value as Record<string, number>).loss).toBeNaN();
  });

  it('reports a bad line with its own line and column and keeps the others', () => {
    const r = parseJsonLines('\ufeff{"a": 1}\n{"a": }\n{"a": 3}', 'l.jsonl');
    expect(r.records.map((x) => x.value)).toEqual([{ a: 1 }, { a: 3 }]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].line).toBe(2);
    expect(r.issues[0].column).toBe(7);
    expect(r.issues[0].message).toMatch(/^Invalid JSON at line 2, column 7/);
  });

  it('caps the number of listed bad lines', () => {
    const r = parseJsonLines(Array.from({ length: 80 }, () => '{').join('\n'), 'l.jsonl');
    expect(r.records).toEqual([]);
    expect(r.issues).toHaveLength(51);
    expect(r.issues[50].message).toMatch(/30 more lines/);
  });
});

import { describe, expect, it } from 'vitest';
import { CellState, cellText, findColumn } from '../../../src/lib/model';
import { readText } from './helpers';

describe('per-column typing', () => {
  it('keeps NaN, inf and empty cells apart in number columns', async () => {
    const ds = await readText('id,loss\na,0.5\nb,NaN\nc,\nd,inf\ne,None\n');
    const loss = findColumn(ds.table, 'loss');
    expect(loss?.kind).toBe('number');
    if (loss?.kind !== 'number') return;
    expect(Array.from(loss.states)).toEqual([
      CellState.value,
      CellState.nan,
      CellState.missing,
      CellState.value,
      CellState.missing,
    ]);
    expect(loss.values[3]).toBe(Infinity);
  });

  it('keeps leading-zero ids as text and dictionary-encodes strings', async () => {
    const ds = await readText('id,opt\n08123,adam\n08124,sgd\n08125,adam\n');
    const id = findColumn(ds.table, 'id');
    expect(id?.kind).toBe('text');
    expect(cellText(id!, 0)).toBe('08123');
    const opt = findColumn(ds.table, 'opt');
    expect(opt?.kind).toBe('category');
    if (opt?.kind !== 'category') return;
    expect(opt.labels).toEqual(['adam', 'sgd']);
    expect(Array.from(opt.codes)).toEqual([0, 1, 0]);
  });

  it('turns a column into strings at its first non-number and keeps earlier numbers as labels', async () => {
    const ds = await readText('x\n1\n2\n\nNaN\nhello\n2\n');
    const x = findColumn(ds.table, 'x');
    expect(x?.kind).toBe('category');
    expect([0, 1, 2, 3, 4].map((i) => cellText(x!, i))).toEqual(['1', '2', 'NaN', 'hello', '2']);
  });

  it('detects ISO timestamps and booleans', async () => {
    const ds = await readText(
      't,flag\n2025-06-23 16:38:15.537059,True\n2025-06-23T17:00:33Z,False\n',
    );
    expect(findColumn(ds.table, 't')?.kind).toBe('time');
    expect(findColumn(ds.table, 'flag')?.kind).toBe('category');
  });

  it('uses all-number columns as Float64Array whose buffers are exact size', async () => {
    const ds = await readText('a\n' + Array.from({ length: 3000 }, (_, i) => i).join('\n') + '\n');
    const a = findColumn(ds.table, 'a');
    if (a?.kind !== 'number') throw new Error('expected number');
    expect(a.values).toBeInstanceOf(Float64Array);
    expect(a.values.buffer.byteLength).toBe(3000 * 8);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyCell } from '../../../src/lib/ingest';

describe('classifyCell', () => {
  it.each([
    ['1', 1],
    ['-2.5', -2.5],
    ['+1.5E-03', 0.0015],
    ['1.10E-05', 1.1e-5],
    ['.5', 0.5],
    ['0', 0],
    ['0.25', 0.25],
    ['1e20', 1e20],
    ['inf', Infinity],
    ['-inf', -Infinity],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    [' 42 ', 42],
  ])('%s is the number %d', (raw, value) => {
    expect(classifyCell(raw, false)).toEqual({ kind: 'number', value });
  });

  it.each(['NaN', 'nan', 'NAN'])('%s is an explicit NaN', (raw) => {
    expect(classifyCell(raw, false).kind).toBe('nan');
  });

  it.each(['', '   ', 'None', 'null', 'NULL', 'NA', 'N/A'])('"%s" is missing, not NaN', (raw) => {
    expect(classifyCell(raw, false).kind).toBe('missing');
  });

  it.each(['08123', '007', '0x1F', '0b101', 'TRUE', 'adam', '1,5', '1 2', '-', 'e5'])(
    '%s stays text',
    (raw) => {
      expect(classifyCell(raw, false).kind).toBe('text');
    },
  );

  it('reads decimal commas only when the dialect says so', () => {
    expect(classifyCell('1,5', true)).toEqual({ kind: 'number', value: 1.5 });
    expect(classifyCell('1,5,6', true).kind).toBe('text');
  });
});

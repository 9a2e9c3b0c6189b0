/**
 * The byte-level curve CSV path (CurveCsvReader.feedBytes) must give the same CurveSet (runs,
 * metrics, steps and values bit for bit) and the same issues as the papaparse text path: on the
 * curve fixtures, the real exports when present, and hand-written edge cases.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotUtf8 } from '../../../src/lib/ingest/decode';
import { CurveCsvReader, readCurveCsvBytes } from '../../../src/lib/ingest/curves';
import { createRandom, expectSameAsText } from './curve-bytes-helpers';

const fixtures = path.join(__dirname, 'curves', 'fixtures');
const realDir = path.resolve(__dirname, '../../../../shared/data/real/curves_csv');

const CASES: [string, string][] = [
  ['long.csv', 'run,step,metric,value\na,1,loss,0.5\na,2,loss,0.25\nb,1,loss,NaN\n'],
  ['crlf.csv', 'run,step,metric,value\r\na,1,loss,0.5\r\na,2,loss,inf\r\n\r\nb,1,acc,-Infinity'],
  ['quoted.csv', '"run","step","metric","value"\n"a,1","1","loss","0.5"\n"a,1",2,"loss",""\n'],
  ['escaped.csv', 'run,step,metric,value\na,1,loss,0.5\n"a ""x""",2,loss,0.4\nb,1,loss,0.3\n'],
  ['multiline.csv', 'run,step,metric,value\na,1,loss,0.5\n"a\nb",2,loss,0.4\nb,x,loss,0.3\n'],
  ['stray.csv', 'run,step,metric,value\na,1,loss,0.5\na"b,2,loss,0.4\n'],
  ['unclosed.csv', 'run,step,metric,value\na,1,loss,0.5\n"a,2,loss,0.4\nb,3,loss,1\n'],
  ['trailing-quote.csv', 'run,step,metric,value\na,1,loss,"0.5"'],
  [
    'unicode.csv',
    'run,step,metric,value\n\u00e9t\u00e9,1,perte,0.5\n\u00a0\u00e9t\u00e9\u00a0,2,perte,0.4\n',
  ],
  ['bom.csv', '\ufeffstep,loss,val_loss\n1,0.5,0.6\n2,0.4,\n3,,0.5\n'],
  ['decimal-comma.csv', 'step;loss;acc\n1;0,5;0,75\n2;0,25;1,5e-3\n'],
  ['bad-x.csv', 'step,loss\n1,0.5\nx,0.4\n,0.3\ny,1\nz,2\n3,1e400\n4,-0\n5,08123\n'],
  ['short.csv', 'run,step,metric,value\na,1,loss\na,2\n,,,\n  \n'],
  ['cr-only.csv', 'step,loss\r1,0.5\r2,0.4\r'],
  ['header-only.csv', 'run,step,metric,value\n'],
  ['empty.csv', ''],
  ['blank.csv', '  \n\n'],
  ['not-curves.csv', 'trial_id,status,lr\n1,ok,0.1\n'],
  [
    'wall.csv',
    'run,step,metric,value,wall_time\na,1,loss,0.5,1700000000123\na,2,loss,0.4,2024-01-02T03:04:05Z\na,3,loss,0.3,soon\n',
  ],
  ['lightning.csv', 'epoch,step,train_loss,val_loss\n0,10,0.5,\n0,10,,0.6\n1,20,0.4,\n'],
  ['wide-run.csv', 'run,step,loss,epoch\na,1,0.5,0\nb,1,0.6,0\n,2,0.4,1\na,2,text,1\n'],
  [
    'many-fields.csv',
    `step,${Array.from({ length: 80 }, (_, i) => `m${i}`).join(',')}\n1,${Array.from({ length: 80 }, (_, i) => i / 7).join(',')}\n`,
  ],
  [
    'long-digits.csv',
    'step,loss\n1,0.12345678901234567890\n2,123456789012345678\n3,1.5e-30\n4,.5\n5,-.5e+3\n6,+7\n7,1e\n8,1e-\n',
  ],
];

describe('curve CSV byte path = text path', () => {
  it.each(CASES)('%s', (name, text) => {
    expectSameAsText(text, name, createRandom(name.length * 7919));
  });

  it('reads every curve fixture the same way', () => {
    for (const name of readdirSync(fixtures)) {
      const text = readFileSync(path.join(fixtures, name), 'utf8');
      expectSameAsText(text, name, createRandom(name.length), 4096);
    }
  });

  it.runIf(existsSync(realDir))('reads every real curve CSV the same way', () => {
    const names = readdirSync(realDir).filter((n) => n.endsWith('.csv'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const text = readFileSync(path.join(realDir, name), 'utf8');
      expectSameAsText(text, name, createRandom(name.length), 1 << 16);
    }
  });

  it('keeps a multibyte character split across chunks', () => {
    const bytes = new TextEncoder().encode('run,step,metric,value\n\u00e9t\u00e9,1,loss,0.5\n');
    const reader = new CurveCsvReader('split.csv');
    for (let i = 0; i < bytes.length; i++) reader.feedBytes(bytes.slice(i, i + 1));
    expect(reader.finish().curves.runs.map((r) => r.runId)).toEqual(['\u00e9t\u00e9']);
  });

  it('throws NotUtf8 on invalid UTF-8, so the caller can re-read it as Windows-1252', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('step,loss\n1,0.5\n'), 0xe9, 0x0a]);
    expect(() => readCurveCsvBytes(bytes, 'latin1.csv')).toThrow(NotUtf8);
  });

  it('refuses to mix text and bytes', () => {
    const reader = new CurveCsvReader('mixed.csv');
    reader.feed('step,loss\n');
    expect(() => reader.feedBytes(new Uint8Array([49]))).toThrow();
  });
});

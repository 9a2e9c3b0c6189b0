/** Small inputs for the browser tests, embedded so the suite runs without ../shared/data. */
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

/** The original Python tool's sample (SindhuVenna/hyperparam-pathology-agent). */
export const SEED_CSV = `trial_id,status,lr,batch_size,weight_decay,train_loss,val_loss,train_acc,val_acc,epochs,runtime_sec
1,completed,0.001,64,0.0001,0.35,0.42,0.89,0.86,20,320
2,failed,0.01,64,0.0001,NaN,NaN,NaN,NaN,3,45
3,completed,0.0001,16,0.0,0.15,0.80,0.99,0.60,40,600
4,completed,0.02,32,0.0001,0.50,inf,0.80,0.70,10,200
5,completed,0.005,8,0.0001,0.20,0.25,0.95,0.93,5,100
6,completed,0.0005,128,0.001,0.30,0.32,0.90,0.88,25,350
`;

/** An opening quote on physical line 4 that is never closed. */
export const UNCLOSED_QUOTE_CSV = `trial_id,status,lr,train_loss,val_loss,epochs
1,completed,0.001,0.35,0.42,20
2,completed,0.01,0.30,0.40,20
3,"completed,0.02,0.25,0.38,20
4,completed,0.03,0.20,0.36,20
5,completed,0.04,0.22,0.35,20
`;

export const XSS_IMG = '<img src=x onerror=alert(1)>';
export const XSS_SCRIPT = '<script>alert(2)</script>';

/** Markup in the header and in the ids; every string must render as text. */
export const HOSTILE_CSV = [
  `trial_id,status,lr,${XSS_IMG},train_loss,val_loss,epochs`,
  `${XSS_SCRIPT},failed,0.01,1,NaN,NaN,3`,
  `${XSS_IMG},completed,0.001,2,0.15,0.80,20`,
  `"**bold** [x](javascript:alert(3))",completed,0.002,3,0.30,0.33,20`,
  `ok-1,completed,0.003,4,0.31,0.34,20`,
  `ok-2,completed,0.004,5,0.29,0.31,20`,
  '',
].join('\n');

/** Bytes that are clearly not a text table: a PNG signature, NULs and high bytes. */
export function binaryBytes(size = 4096): Buffer {
  const buf = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buf);
  let x = 12345;
  for (let i = 8; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buf[i] = i % 7 === 0 ? 0 : x >>> 24;
  }
  return buf;
}

/**
 * Writes a sweep CSV of about `targetBytes` in the seed schema to a temporary file (Playwright
 * cannot pass buffers over 50 MB) and returns its path. Every 1000th trial is failed with NaNs,
 * so a completed analysis would produce findings.
 */
export async function writeLargeSweep(targetBytes: number): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpi-browser-'));
  const file = path.join(dir, 'large_sweep.csv');
  const out = createWriteStream(file);
  out.write(
    'trial_id,status,lr,batch_size,weight_decay,train_loss,val_loss,train_acc,val_acc,epochs,runtime_sec\n',
  );
  let written = 0;
  let i = 1;
  while (written < targetBytes) {
    const lines: string[] = [];
    for (let k = 0; k < 5000; k++, i++) {
      const failed = i % 1000 === 0;
      const lr = (1e-4 * (1 + (i % 97))).toPrecision(4);
      const bs = 2 ** (3 + (i % 5));
      const tl = (0.2 + (i % 53) / 200).toFixed(5);
      const vl = (0.25 + (i % 59) / 180).toFixed(5);
      const ta = (0.8 + (i % 17) / 100).toFixed(5);
      const va = (0.75 + (i % 19) / 100).toFixed(5);
      lines.push(
        failed
          ? `${i},failed,${lr},${bs},0.0001,NaN,NaN,NaN,NaN,2,31`
          : `${i},completed,${lr},${bs},0.0001,${tl},${vl},${ta},${va},${18 + (i % 8)},${300 + (i % 90)}`,
      );
    }
    const chunk = lines.join('\n') + '\n';
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

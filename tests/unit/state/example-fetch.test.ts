import { describe, expect, it, vi } from 'vitest';
import { fetchExample } from '../../../src/lib/state/example-fetch';

function fakeFetch(files: Record<string, string>) {
  return vi.fn(async (url: string) => {
    const body = files[url];
    return body === undefined
      ? new Response('missing', { status: 404, statusText: 'Not Found' })
      : new Response(body);
  });
}

describe('fetchExample', () => {
  const signal = new AbortController().signal;

  it('fetches a CSV example as one file named after it', async () => {
    const fetch = fakeFetch({ './examples/seed-sample.csv': 'a,b\n1,2\n' });
    const { files, label } = await fetchExample('seed-sample', './examples/', fetch, signal);
    expect(label).toBe('seed-sample.csv');
    expect(files.map((f) => f.path)).toEqual(['seed-sample.csv']);
    expect(await files[0].file.text()).toBe('a,b\n1,2\n');
  });

  it('fetches every file a folder example lists, with paths under the folder', async () => {
    const fetch = fakeFetch({
      'ex/lora-sweep/manifest.json': JSON.stringify({
        files: ['run_1_lr-1e-4/logs/events.out.tfevents.1.host', 'run_1_lr-1e-4/hparams.yaml'],
      }),
      'ex/lora-sweep/run_1_lr-1e-4/logs/events.out.tfevents.1.host': 'bytes',
      'ex/lora-sweep/run_1_lr-1e-4/hparams.yaml': 'lr: 1e-4\n',
    });
    const { files, label } = await fetchExample('lora-sweep', 'ex/', fetch, signal);
    expect(label).toBe('lora-sweep');
    expect(files.map((f) => f.path)).toEqual([
      'lora-sweep/run_1_lr-1e-4/logs/events.out.tfevents.1.host',
      'lora-sweep/run_1_lr-1e-4/hparams.yaml',
    ]);
    expect(files[1].file.name).toBe('hparams.yaml');
    expect(await files[1].file.text()).toBe('lr: 1e-4\n');
  });

  it('rejects a manifest that lists no files or climbs out of the folder', async () => {
    for (const manifest of [{}, { files: ['../secret'] }, { files: [1] }]) {
      const fetch = fakeFetch({ 'ex/lora-sweep/manifest.json': JSON.stringify(manifest) });
      await expect(fetchExample('lora-sweep', 'ex/', fetch, signal)).rejects.toThrow(
        /lists no files/,
      );
    }
  });

  it('names the HTTP status when a listed file is missing', async () => {
    const fetch = fakeFetch({
      'ex/lora-sweep/manifest.json': JSON.stringify({ files: ['gone.csv'] }),
    });
    await expect(fetchExample('lora-sweep', 'ex/', fetch, signal)).rejects.toThrow(/404 Not Found/);
  });
});

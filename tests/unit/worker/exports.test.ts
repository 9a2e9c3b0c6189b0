import { describe, expect, it } from 'vitest';
import { handleRequest } from '../../../src/lib/worker/handler';
import type {
  ExportResult,
  FromWorker,
  LoadResult,
  Request,
} from '../../../src/lib/worker/protocol';

const CSV = `trial_id,status,lr,batch_size,val_loss,train_loss
=cmd|' /C calc'!A0,failed,0.01,64,NaN,NaN
2,completed,0.001,32,0.4,0.35
3,completed,0.0001,16,0.8,0.15
4,completed,0.02,32,inf,0.5
5,completed,0.005,8,0.25,0.2
6,completed,0.0005,128,0.32,0.3
`;

async function send(request: Request): Promise<FromWorker> {
  const messages: FromWorker[] = [];
  await handleRequest(request, { post: (m) => messages.push(m) }, () => false);
  return messages.at(-1)!;
}

async function load(): Promise<number> {
  const reply = await send({
    type: 'load',
    id: 1,
    files: [{ file: new File([CSV], 'sweep.csv'), path: 'sweep.csv' }],
    options: { overrides: {} },
  });
  if (reply.kind !== 'response' || !reply.ok) throw new Error('load failed');
  return (reply.result as LoadResult).datasetId;
}

async function exported(request: Request): Promise<string> {
  const reply = await send(request);
  if (reply.kind !== 'response' || !reply.ok) throw new Error(JSON.stringify(reply));
  const bytes = new Uint8Array(await (reply.result as ExportResult).blob.arrayBuffer());
  // Blob.text() would drop a byte order mark; the CSV must start with one.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

describe('worker exports', () => {
  it('writes the findings CSV from the full summary, the hostile id neutralised', async () => {
    const datasetId = await load();
    const csv = await exported({ type: 'export', id: 2, datasetId, format: 'findings-csv' });
    const [header] = csv.split('\r\n');
    expect(header).toBe(
      '\uFEFFfinding_id,detector,severity,title,metric,run_id,finding_runs,first_step,steps,evidence,explanation,suggestion',
    );
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(csv).not.toMatch(/(^|[,\n])=cmd/);
  });

  it('builds the HTML report with its figures, notes and the given plotly inlined', async () => {
    const datasetId = await load();
    const html = await exported({
      type: 'export',
      id: 3,
      datasetId,
      format: 'html-report',
      report: {
        cells: [
          { kind: 'figure', request: { kind: 'issue-heatmap' } },
          { kind: 'note', markdown: 'Checked with <b>Ana</b>' },
          { kind: 'figure', request: { kind: 'param-heatmap', aggregate: 'mean' } },
        ],
        plotly: new Blob(['window.Plotly = { newPlot: function () {} };']),
      },
    });
    expect(html).toContain('window.Plotly = { newPlot: function () {} };');
    expect(html).toContain('Checked with &lt;b&gt;Ana&lt;/b&gt;');
    const figures = html.match(/class="hpi-figure"/g) ?? [];
    const hosts = html.match(/<div class="plot" id="figure-\d+">/g) ?? [];
    expect(figures.length).toBe(hosts.length);
    expect(figures.length + (html.match(/class="figure empty"/g) ?? []).length).toBe(2);
    expect(html).toContain('Issue rate');
  });
});

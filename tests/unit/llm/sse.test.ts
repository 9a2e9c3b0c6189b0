import { describe, expect, it } from 'vitest';
import { EndpointExplainer, completionsUrl } from '../../../src/lib/llm';
import { SseParser, chunkDelta } from '../../../src/lib/llm/sse';

const event = (content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content }, finish_reason: finish }] })}\n\n`;

describe('SSE parsing', () => {
  it('joins events split anywhere across chunks and skips comments', () => {
    const parser = new SseParser();
    const stream = `: keep-alive\n\n${event('Hel')}${event('lo')}data: [DONE]\n\n`;
    const out: string[] = [];
    for (let i = 0; i < stream.length; i += 7) out.push(...parser.push(stream.slice(i, i + 7)));
    out.push(...parser.end());
    expect(out.map(chunkDelta)).toEqual([
      { delta: 'Hel', finish: null },
      { delta: 'lo', finish: null },
      null,
    ]);
  });

  it('accepts CRLF line ends and a last event without a blank line', () => {
    const parser = new SseParser();
    expect(
      parser.push('data: {"choices":[{"delta":{"content":"a"}}]}\r\n\r\ndata: x'),
    ).toHaveLength(1);
    expect(parser.end()).toEqual(['x']);
    expect(chunkDelta('not json')).toBeNull();
  });

  it('builds the chat completions URL from a base with or without /v1', () => {
    expect(completionsUrl('http://localhost:11434')).toBe(
      'http://localhost:11434/v1/chat/completions',
    );
    expect(completionsUrl('http://h:8080/v1/')).toBe('http://h:8080/v1/chat/completions');
  });
});

describe('EndpointExplainer', () => {
  const body = (chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });

  it('POSTs a streaming request and streams the deltas', async () => {
    const requests: { url: string; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(body([event('Trial '), event('2', 'stop'), 'data: [DONE]\n\n']));
    }) as unknown as typeof globalThis.fetch;
    const explainer = new EndpointExplainer({
      baseUrl: 'http://localhost:8080',
      model: 'm',
      fetch,
    });
    const seen: string[] = [];
    const result = await explainer.generate([{ role: 'user', content: 'x' }], (d) => seen.push(d));
    expect(result).toEqual({ text: 'Trial 2', finish: 'stop' });
    expect(seen).toEqual(['Trial ', '2']);
    expect(requests[0].url).toBe('http://localhost:8080/v1/chat/completions');
    expect(requests[0].body).toMatchObject({ model: 'm', stream: true });
  });

  it('reports HTTP errors with the endpoint URL', async () => {
    const fetch = (async () =>
      new Response('no', {
        status: 404,
        statusText: 'Not Found',
      })) as unknown as typeof globalThis.fetch;
    const explainer = new EndpointExplainer({ baseUrl: 'http://localhost:1', model: 'm', fetch });
    await expect(explainer.generate([], () => {})).rejects.toThrow(
      /localhost:1\/v1\/chat\/completions failed: HTTP 404/,
    );
  });
});

/**
 * Server-sent events for OpenAI-compatible streaming (llama.cpp server, Ollama, vLLM): bytes in,
 * `data:` payloads out. Pure and incremental: events may be split anywhere across chunks.
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];

  /** Feeds decoded text; returns the payloads of the events completed by it. */
  push(text: string): string[] {
    this.#buffer += text;
    const out: string[] = [];
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.#buffer = this.#buffer.slice(newline + width);
      this.#line(line, out);
    }
    return out;
  }

  /** Ends the stream: a last event without its blank line still counts. */
  end(): string[] {
    const out: string[] = [];
    if (this.#buffer) this.#line(this.#buffer, out);
    this.#buffer = '';
    this.#line('', out);
    return out;
  }

  #line(line: string, out: string[]): void {
    if (line === '') {
      if (this.#data.length > 0) out.push(this.#data.join('\n'));
      this.#data = [];
    } else if (line.startsWith('data:')) {
      this.#data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    // Comments (":"), event names, ids and retry hints carry nothing the narrative needs.
  }
}

/** The text delta of one OpenAI chat-completion chunk; null for [DONE] or foreign payloads. */
export function chunkDelta(payload: string): { delta: string; finish: string | null } | null {
  if (payload.trim() === '[DONE]') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const choices = (parsed as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const first = choices[0] as { delta?: { content?: unknown }; finish_reason?: unknown };
  const content = first.delta?.content;
  return {
    delta: typeof content === 'string' ? content : '',
    finish: typeof first.finish_reason === 'string' ? first.finish_reason : null,
  };
}

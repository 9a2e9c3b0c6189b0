import { describe, expect, it } from 'vitest';
import { EngineExplainer, ExplainerError, NullExplainer } from '../../../src/lib/llm';
import { FakeEngine } from './fake-engine';

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('EngineExplainer over a fake web-llm engine', () => {
  it('streams every delta in order and resolves with the whole text', async () => {
    const engine = new FakeEngine({ tokens: ['Trial ', '2 ', 'failed.'] });
    const explainer = new EngineExplainer(engine);
    const seen: string[] = [];
    const result = await explainer.generate(messages, (d) => seen.push(d));
    expect(seen).toEqual(['Trial ', '2 ', 'failed.']);
    expect(result).toEqual({ text: 'Trial 2 failed.', finish: 'stop' });
    expect(engine.calls).toEqual(['resetChat']);
    expect(engine.requests[0]).toMatchObject({ stream: true, messages });
  });

  it('stops on request: interruptGenerate is called and the partial text is kept', async () => {
    const engine = new FakeEngine({ tokens: Array(50).fill('word '), delayMs: 5 });
    const explainer = new EngineExplainer(engine);
    let count = 0;
    const result = await explainer.generate(messages, () => {
      if (++count === 3) explainer.stop();
    });
    expect(result.finish).toBe('interrupted');
    expect(result.text).toBe('word word word ');
    expect(engine.calls).toContain('interruptGenerate');
  });

  it('turns an engine error into a clear ExplainerError', async () => {
    const engine = new FakeEngine({ tokens: ['a', 'b', 'c'], failAfter: 2 });
    const explainer = new EngineExplainer(engine);
    const error = await explainer.generate(messages, () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExplainerError);
    expect((error as ExplainerError).code).toBe('generate-failed');
    expect((error as Error).message).toMatch(/device lost/);
  });

  it('refuses a second generation while one runs, and anything after dispose', async () => {
    const engine = new FakeEngine({ tokens: ['a', 'b'], delayMs: 5 });
    let disposed = false;
    const explainer = new EngineExplainer(engine, { onDispose: () => (disposed = true) });
    const first = explainer.generate(messages, () => {});
    await expect(explainer.generate(messages, () => {})).rejects.toThrow(/being written/);
    await first;
    await explainer.dispose();
    expect(engine.calls).toContain('unload');
    expect(disposed).toBe(true);
    await expect(explainer.generate(messages, () => {})).rejects.toThrow(/unloaded/);
  });

  it('the null explainer (the default) says what to do', async () => {
    await expect(new NullExplainer().generate()).rejects.toThrow(/choose a model/);
  });
});

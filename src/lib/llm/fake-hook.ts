/**
 * Test-only hook: when a page defines `window.__hpiFakeLlm` before the app starts (the browser
 * tests do, with `page.addInitScript`), the app uses that engine instead of web-llm, skipping the
 * GPU checks and downloads. It is read only when present and ships no web-llm code; a user who
 * sets it only swaps their own page's narrative engine.
 *
 *   window.__hpiFakeLlm = { createEngine(modelId) { return engine } }
 *
 * where `engine` implements `EngineLike` (types.ts): chat.completions.create({stream: true})
 * resolving to an async iterable of chunks, interruptGenerate, reload, unload, resetChat.
 */
import type { EngineLike } from './types';

export interface FakeLlmHook {
  createEngine(modelId: string): EngineLike | Promise<EngineLike>;
}

export function readFakeHook(scope: object = globalThis): FakeLlmHook | null {
  const hook: unknown = Reflect.get(scope, '__hpiFakeLlm');
  if (!hook || typeof hook !== 'object') return null;
  const create: unknown = Reflect.get(hook, 'createEngine');
  return typeof create === 'function' ? (hook as FakeLlmHook) : null;
}

/**
 * The narrative (local LLM) tab. Tests never download weights: a fake engine is injected through
 * the test-only hook `window.__hpiFakeLlm = { createEngine(modelId) → engine }` (see
 * src/lib/llm/fake-hook.ts), defined with `addInitScript` before the app starts; the app reads it
 * only when present and it ships no web-llm code. The real module is exercised separately, in a
 * Chromium with software WebGPU, up to a model URL that 404s.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../scripts/static-server.mjs';
import { SEED_CSV } from './fixtures';
import { distDir, launchChromium, upload, useHarness, waitForFindings } from './harness';

const TOKENS = [
  '## What went wrong\n\n',
  'Trial 2 failed with NaN metrics and trial 4 logged an infinite val_loss. ',
  'Trial 3 overfits: its val_loss of 0.777 is far above its train_loss of 0.15. ',
  'Ignored markup: <img src=x onerror=alert(1)> ![remote](http://192.0.2.1/x.png) ',
  '[click](javascript:alert(2)).\n\n',
  ...Array.from({ length: 60 }, (_, i) => `More prose ${i % 3 === 0 ? 'about trial 5' : 'here'}. `),
  'THE END',
];

/** Runs in the page before the app: a web-llm-shaped engine streaming TOKENS, one per 60 ms. */
function installFakeLlm(tokens: string[]) {
  const engine = {
    interrupted: false,
    chat: {
      completions: {
        create: async () => {
          engine.interrupted = false;
          return (async function* () {
            for (const t of tokens) {
              await new Promise((r) => setTimeout(r, 60));
              if (engine.interrupted) return;
              yield { choices: [{ delta: { content: t }, finish_reason: null }] };
            }
          })();
        },
      },
    },
    interruptGenerate() {
      engine.interrupted = true;
    },
    reload: async () => {},
    unload: async () => {},
    resetChat: async () => {},
  };
  Object.assign(window, { __hpiFakeLlm: { createEngine: () => engine } });
}

async function openNarrative(page: Page): Promise<void> {
  await upload(page, { name: 'hpi_sample_results.csv', content: SEED_CSV });
  await waitForFindings(page);
  const cell = page.locator('[data-testid="cell-report"]');
  await cell.waitFor({ state: 'attached', timeout: 15_000 });
  await cell.scrollIntoViewIfNeeded();
  await page.locator('[data-testid="tab-narrative"]').click();
}

describe('narrative with a fake engine', () => {
  const h = useHarness();

  it('streams into the Report cell, stops on request and flags a planted wrong number', async () => {
    const page = await h.open();
    await page.addInitScript(installFakeLlm, TOKENS);
    await page.reload({ waitUntil: 'load' });
    await openNarrative(page);

    await page.locator('[data-testid="llm-status"]').waitFor();
    await page.locator('[data-testid="llm-load"]').click();
    await expect(page.locator('[data-testid="llm-status"]').innerText()).resolves.toMatch(
      /Model loaded/,
    );
    await page.locator('[data-testid="llm-generate"]').click();

    const narrative = page.locator('[data-testid="narrative"]');
    await narrative.waitFor();
    const stop = page.locator('[data-testid="llm-stop"]');
    await stop.waitFor();
    // The planted 0.777 is highlighted as soon as it has streamed in.
    const flagged = page.locator('[data-testid="claim-unmatched"]', { hasText: '0.777' });
    await flagged.waitFor({ timeout: 10_000 });
    const early = await narrative.innerText();
    await page.waitForTimeout(300);
    expect((await narrative.innerText()).length).toBeGreaterThan(early.length); // still streaming
    await stop.click();

    await page.locator('[data-testid="narrative-stopped"]').waitFor();
    await page.locator('[data-testid="llm-generate"]').waitFor();
    const text = await narrative.innerText();
    expect(text).not.toContain('THE END');
    expect(text).toContain('Trial 2 failed');
    const count = page.locator('[data-testid="claims-count"]');
    expect(await count.getAttribute('data-unmatched')).toBe('1');
    await expect(count.innerText()).resolves.toMatch(/1 number not found in your data/);
    expect(await flagged.getAttribute('title')).toMatch(/does not appear in your data/);
    // Found values are not flagged; model markup is text; no image, no javascript: link.
    const marks = await page.locator('[data-testid="claim-unmatched"]').allInnerTexts();
    expect(marks).toEqual(['0.777']);
    expect(await narrative.locator('img').count()).toBe(0);
    expect(await narrative.locator('a[href^="javascript"]').count()).toBe(0);
    expect(text).toContain('<img src=x onerror=alert(1)>');

    // The deterministic report is one click away.
    await page.locator('[data-testid="tab-deterministic"]').click();
    await expect(
      page.locator('[data-testid="cell-report"] .markdown h1').innerText(),
    ).resolves.toMatch(/Pathology Report/);
    // No web-llm code and no model host was requested.
    expect(h.requests.filter((u) => /webllm|\/lib-|huggingface|githubusercontent/.test(u))).toEqual(
      [],
    );
  });

  it('without WebGPU adapter says what is missing and offers the deterministic report', async () => {
    const page = await h.open();
    await openNarrative(page);
    const box = page.locator('[data-testid="llm-unavailable"]');
    await box.waitFor();
    await expect(box.innerText()).resolves.toMatch(/no GPU adapter|no WebGPU/);
    await expect(page.locator('[data-testid="llm-load"]').isDisabled()).resolves.toBe(true);
    await box.getByRole('button', { name: /deterministic report/ }).click();
    await page.locator('[data-testid="cell-report"] .markdown h1').waitFor();
    expect(h.requests.filter((u) => /webllm|\/lib-/.test(u))).toEqual([]);
  });
});

describe('the real web-llm module in Chromium with software WebGPU', () => {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    browser = await launchChromium(['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader']);
    server = await startServer({ root: distDir, port: 0, log: () => {} });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads lazily, detects the adapter, and fails clearly on a model URL that 404s', async () => {
    const context = await browser!.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    context.on('request', (r) => requests.push(r.url()));
    await page.goto(server!.url);
    await openNarrative(page);

    // SwiftShader has an adapter but no shader-f16: the f16 default is refused before download.
    const status = page.locator('[data-testid="llm-status"], [data-testid="llm-unavailable"]');
    await status.first().waitFor();
    const first = await status.first().innerText();
    expect(first).toMatch(/shader-f16|WebGPU ready|no GPU adapter/);
    expect(requests.filter((u) => /webllm|\/lib-/.test(u))).toEqual([]);

    await page.selectOption('[data-testid="llm-model"]', 'SmolLM2-360M-Instruct-q4f32_1-MLC');
    await page.locator('[data-testid="llm-status"]').waitFor();
    await page.locator('summary', { hasText: 'Self-hosted' }).click();
    await page.fill('[data-testid="llm-base-url"]', './no-such-models/');
    await page.locator('[data-testid="llm-base-url"]').press('Tab');
    await page.locator('[data-testid="llm-load"]').click();

    const error = page.locator('[data-testid="llm-error"]');
    await error.waitFor({ timeout: 30_000 });
    const message = await error.innerText();
    expect(message).toMatch(/SmolLM2 360M/);
    expect(message).toMatch(
      /no-such-models\/SmolLM2-[\w.-]+\/resolve\/main\/mlc-chat-config\.json answered HTTP 404/,
    );
    expect(await page.locator('[data-testid="llm-progress"]').count()).toBe(0);
    await expect(page.locator('[data-testid="llm-load"]').isEnabled()).resolves.toBe(true);
    // The real module was fetched only now, from our server, and nothing went elsewhere.
    expect(requests.some((u) => /\/assets\/webllm-[\w-]+\.js$/.test(u))).toBe(true);
    const ours = (u: string) =>
      u.startsWith(server!.origin) || u.startsWith(new URL(server!.url).origin);
    expect(requests.filter((u) => !ours(u) && !u.startsWith('blob:'))).toEqual([]);
    // The cache check (hasModelInCache) and delete (deleteModelAllInfoInCache) work offline.
    await page.locator('[data-testid="llm-check-cache"]').click();
    await page.locator('[data-testid="llm-status"]', { hasText: 'Not cached yet' }).waitFor();
    await page.locator('[data-testid="llm-delete-cache"]').click();
    await page.getByText(/nothing left to delete/).waitFor();
    expect(await page.locator('[data-testid="llm-error"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** Hostile names: the markdown report escapes them, the JSON export keeps them as data. */
import { marked } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { enc } from '../../../src/lib/fixtures/bad-inputs';
import {
  HOSTILE,
  hostileFolder,
  hostileSweepCsv,
  hostileTrainerState,
} from '../../../src/lib/fixtures/hostile';
import { escapeMarkdown } from '../../../src/lib/report';
import type { PipelineResult } from './harness';
import { runPipeline, splitSource } from './harness';

/** Markdown with code spans and fenced blocks removed: only what is rendered as markup. */
function outsideCode(md: string): string {
  return md.replace(/^```[\s\S]*?^```/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

/** Raw HTML or a javascript: link that survives into markdown or rendered HTML. */
function expectInert(md: string): void {
  const text = outsideCode(md);
  // escape.ts escapes `<` as `\<`: an unescaped one would open a tag.
  expect(text).not.toMatch(/(^|[^\\])<(img|script|svg)/i);
  expect(text).not.toMatch(/(^|[^\\])\]\((javascript|[^)]*javascript:)/i);
  expect(text).not.toMatch(/(^|[^\\])\\href(?!\\\{|\{)/);
  const html = marked.parse(md, { async: false });
  expect(html).not.toMatch(/<(img|script|svg)\b/i);
  expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
}

function expectNoPollution(): void {
  for (const proto of [Object.prototype, Array.prototype, Function.prototype])
    expect(Object.getOwnPropertyNames(proto)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
afterEach(expectNoPollution);

async function load(files: { path: string; bytes: Uint8Array<ArrayBuffer> }[]) {
  const result: PipelineResult = await runPipeline(
    files.map((f) => ({
      path: f.path,
      source: splitSource(f.bytes, f.path.split('/').pop() ?? ''),
    })),
  );
  if (!result.summary || !result.markdown || !result.json)
    throw new Error(`not analysed: ${result.error?.message}`);
  return { ...result, summary: result.summary, markdown: result.markdown, json: result.json };
}

describe('hostile names', () => {
  it.each(Object.entries(HOSTILE))('escapeMarkdown(%s) renders as the literal text', (_, s) => {
    const html = marked.parseInline(escapeMarkdown(s), { async: false });
    expect(html).not.toMatch(/<(img|script|svg|a)\b/i);
    expect(
      html
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    ).toBe(s);
  });

  describe('sweep CSV with hostile headers, ids and statuses', async () => {
    const name = `${HOSTILE.img}.csv`;
    const { summary, markdown, json, dataset } = await load([
      { path: name, bytes: enc(hostileSweepCsv()) },
    ]);

    it('reads every hostile column name as a column', () => {
      const names = dataset?.table.columns.map((c) => c.name);
      expect(names).toEqual(expect.arrayContaining([HOSTILE.img, HOSTILE.proto, HOSTILE.ctor]));
    });

    it('the markdown report escapes every one of them', () => {
      expect(markdown).toContain(escapeMarkdown(name));
      expectInert(markdown);
    });

    it('the report names the hostile ids, escaped', () => {
      expect(markdown).toContain(escapeMarkdown(HOSTILE.img));
    });

    it('the JSON export round-trips ids and column names as data', () => {
      const parsed = JSON.parse(json) as {
        runIds: string[];
        roles: { column: string }[];
        source: { file: string };
      };
      expect(parsed.source.file).toBe(name);
      expect(parsed.runIds).toEqual(summary.runIds);
      expect(parsed.runIds).toEqual(
        expect.arrayContaining([HOSTILE.script, HOSTILE.link, HOSTILE.proto]),
      );
      expect(parsed.roles.map((r) => r.column)).toEqual(
        expect.arrayContaining([HOSTILE.img, HOSTILE.proto, HOSTILE.ctor]),
      );
    });

    // Was BUG(override-lookup-proto): inferRoles() read `overrides[column.name]` on a plain `{}`,
    // finding Object.prototype for "__proto__" and the Object function for "constructor": both
    // were "Set by you." with role {} or none. Lookups are own-property now.
    it('__proto__ and constructor columns get inferred roles, not inherited ones', () => {
      for (const column of [HOSTILE.proto, HOSTILE.ctor]) {
        const role = summary.roles.find((r) => r.column === column);
        expect(role?.overridden).toBe(false);
        expect(role?.role.kind).toBe('param');
      }
    });

    it('the __proto__ column name is kept in the JSON export', () => {
      expect(JSON.stringify(summary)).toContain('"__proto__"');
    });
  });

  describe('folder with hostile run folder names and config keys', async () => {
    const { summary, markdown, json } = await load(hostileFolder());

    it('reads every run', () => {
      expect(summary.overview.trials).toBe(5);
    });

    it('the markdown report escapes folder names, tags and config keys', () => {
      expectInert(markdown);
    });

    it('the JSON export keeps the hostile run names as data', () => {
      const parsed = JSON.parse(json) as { runIds: string[] };
      expect(parsed.runIds.join('\n')).toContain(HOSTILE.img);
      expect(parsed.runIds.join('\n')).toContain(HOSTILE.proto);
    });
  });

  describe('trainer_state.json with hostile keys in log_history', async () => {
    const { markdown, json, dataset } = await load([
      { path: `run_${HOSTILE.svg}/trainer_state.json`, bytes: enc(hostileTrainerState()) },
    ]);

    it('hostile keys become curves named by them', () => {
      const metrics = dataset?.curves?.curves.map((c) => c.metric) ?? [];
      expect(metrics).toEqual(expect.arrayContaining([HOSTILE.img, HOSTILE.script, 'constructor']));
    });

    it('the markdown report and JSON export stay inert', () => {
      expectInert(markdown);
      expect(JSON.parse(json)).toBeTypeOf('object');
    });
  });
});

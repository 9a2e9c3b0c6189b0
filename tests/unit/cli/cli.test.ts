/** The built `hpi` command end to end, on generated files in a temporary folder. */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, DEFAULT_SETTINGS, VIEW_FINDINGS_PER_DETECTOR } from '../../../src/lib/analysis';
import {
  generateCurveSweep,
  generateHealthySweep,
  generatePlantedSweep,
  SEED_SAMPLE_CSV,
} from '../../../src/lib/fixtures';
import type { AnalysisSummary } from '../../../src/lib/model';
import { REPORT_TITLE } from '../../../src/lib/report';
import { readText } from '../ingest/helpers';
import { binPath, ensureBuilt, runCli } from './built-cli';

let dir: string;
const files = {
  seed: 'seed_sample.csv',
  planted: 'planted.csv',
  healthy: 'healthy.csv',
  big: 'big_planted.csv',
  unclosed: 'unclosed_quote.csv',
  empty: 'empty.csv',
  headerOnly: 'header_only.csv',
  binary: 'weights.bin',
};

const UNCLOSED = `trial_id,status,lr,train_loss,val_loss,epochs
1,completed,0.001,0.35,0.42,20
2,completed,0.01,0.30,0.40,20
3,"completed,0.02,0.25,0.38,20
4,completed,0.03,0.20,0.36,20
`;

/** The generated LoRA sweep folder (event files, hparams.yaml) under `root`. */
async function writeSweepFolder(root: string): Promise<void> {
  for (const file of generateCurveSweep(3).files) {
    const full = path.join(root, file.path);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, file.bytes);
  }
}

/** A healthy sweep without critical findings, whatever seed the generator gets. */
const HEALTHY_SEED = 11;

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(path.join(os.tmpdir(), 'hpi-cli-'));
  const write = (name: string, content: string | Buffer) =>
    writeFile(path.join(dir, name), content);
  await Promise.all([
    write(files.seed, SEED_SAMPLE_CSV),
    write(files.planted, generatePlantedSweep(42, 60).csv),
    write(files.healthy, generateHealthySweep(HEALTHY_SEED, 40)),
    write(files.big, generatePlantedSweep(7, 1500).csv),
    write(files.unclosed, UNCLOSED),
    write(files.empty, ''),
    write(files.headerOnly, SEED_SAMPLE_CSV.split('\n')[0] + '\n'),
    write(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3])),
    mkdir(path.join(dir, 'empty-folder')),
    mkdir(path.join(dir, 'nested')).then(() =>
      write('nested/weights.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3])),
    ),
    mkdir(path.join(dir, 'junk-folder/sub'), { recursive: true }).then(() =>
      write('junk-folder/sub/notes.md', '# notes\n'),
    ),
    writeSweepFolder(path.join(dir, 'generated')),
  ]);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const hpi = (...args: string[]) => runCli(args, dir);

describe('hpi analyze', () => {
  it('prints the markdown report of the seed sample and exits 0 without --fail-on', async () => {
    const { code, stdout, stderr } = await hpi('analyze', files.seed);
    expect(code).toBe(0);
    expect(stdout.startsWith(`# ${REPORT_TITLE}`)).toBe(true);
    expect(stdout).toContain('seed\\_sample.csv (6 trials)');
    expect(stdout).toMatch(/Trial 2 .*failed/);
    expect(stderr).toBe('');
  });

  it('--fail-on critical exits 1 on the seed sample and says why on stderr', async () => {
    const { code, stdout, stderr } = await hpi('analyze', files.seed, '--fail-on', 'critical');
    expect(code).toBe(1);
    expect(stdout).toContain(REPORT_TITLE);
    expect(stderr).toMatch(/seed_sample\.csv: \d+ critical, \d+ warning, \d+ info findings/);
  });

  it('--fail-on warning exits 1 on a planted sweep; a healthy sweep passes --fail-on critical', async () => {
    expect((await hpi('analyze', files.planted, '--fail-on', 'warning')).code).toBe(1);
    const healthy = await hpi('analyze', files.healthy, '--fail-on', 'critical');
    expect(healthy.stderr).toMatch(/0 critical/);
    expect(healthy.code).toBe(0);
  });

  it('--format json prints the full summary: every finding, same as the analysis in-process', async () => {
    const { code, stdout } = await hpi('analyze', files.big, '--format', 'json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as AnalysisSummary;
    const dataset = await readText(generatePlantedSweep(7, 1500).csv, files.big);
    const expected = analyze(dataset, { overrides: {}, settings: DEFAULT_SETTINGS });
    expect(summary.source.file).toBe(files.big);
    expect(summary.overview.trials).toBe(1500);
    expect(summary.findings.length).toBe(expected.findings.length);
    expect(summary.findings.map((f) => f.id)).toEqual(expected.findings.map((f) => f.id));
    // More than the page ever receives: the CLI never bounds the findings.
    const nan = summary.findings.filter((f) => f.detector === 'nan-metrics').length;
    expect(nan).toBeGreaterThan(VIEW_FINDINGS_PER_DETECTOR);
    expect(summary.findingsOmitted).toBeUndefined();
  });

  it('JSON spells out non-finite evidence values of the seed sample', async () => {
    const { stdout } = await hpi('analyze', files.seed, '-f', 'json');
    const summary = JSON.parse(stdout) as AnalysisSummary;
    const trial4 = summary.findings.find(
      (f) => f.detector === 'nan-metrics' && f.runIds.includes('4'),
    );
    expect(trial4?.evidence.some((e) => String(e.value).toLowerCase().includes('inf'))).toBe(true);
  });

  it('a malformed file exits 2 with file:line:column on stderr', async () => {
    const { code, stderr } = await hpi('analyze', files.unclosed);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^unclosed_quote\.csv:4:\d+: error: Unclosed quote/m);
  });

  it.each([
    ['an empty file', files.empty, /^empty\.csv: error: .*empty/m],
    ['a header-only file', files.headerOnly, /^header_only\.csv:1: error: .*no data rows/m],
    ['a binary file', files.binary, /^weights\.bin(:1)?: error: .*binary/m],
    ['a missing file', 'nope.csv', /^nope\.csv: error: No such file/m],
    [
      'a binary file in a folder',
      'nested/weights.bin',
      /^nested\/weights\.bin(:1)?: error: .*binary/m,
    ],
    ['an empty folder', 'empty-folder', /^empty-folder: error: The folder holds no files/m],
    [
      'a folder with no log or table',
      'junk-folder',
      /^junk-folder: error: No training curves and no sweep table/m,
    ],
  ])('%s exits 2 with a clear message and prints no report', async (_what, file, message) => {
    const { code, stdout, stderr } = await hpi('analyze', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('a sweep folder of TensorBoard logs is read as one load, with the planted runs found', async () => {
    const { code, stdout, stderr } = await hpi(
      'analyze',
      'generated/lora-sweep',
      '--format',
      'json',
      '--fail-on',
      'critical',
    );
    expect(stderr).toMatch(/^generated\/lora-sweep: \d+ critical/m);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout) as AnalysisSummary;
    const planted = generateCurveSweep(3).planted;
    for (const [runId, detectors] of Object.entries(planted))
      for (const detector of detectors)
        expect(
          summary.findings.some((f) => f.detector === detector && f.runIds.includes(runId)),
          `${detector} on ${runId}`,
        ).toBe(true);
    expect(JSON.stringify(summary)).toContain('lora-sweep (');
  });

  it('several files: one report each, and the worst exit code wins', async () => {
    const both = await hpi('analyze', files.healthy, files.seed, '--fail-on', 'critical');
    expect(both.code).toBe(1);
    expect(both.stdout.split(`# ${REPORT_TITLE}`)).toHaveLength(3);
    expect(both.stdout).toContain('healthy.csv (40 trials)');

    const withBroken = await hpi('analyze', files.seed, 'nope.csv', '--fail-on', 'critical');
    expect(withBroken.code).toBe(2);
    expect(withBroken.stdout).toContain('seed\\_sample.csv');
    expect(withBroken.stderr).toMatch(/nope\.csv: error/);
  });

  it('several files as JSON: an array with one summary (or error) per file', async () => {
    const { code, stdout } = await hpi('analyze', files.seed, files.empty, '--format=json');
    expect(code).toBe(2);
    const entries = JSON.parse(stdout) as (AnalysisSummary | { file: string; error: object })[];
    expect(entries).toHaveLength(2);
    expect((entries[0] as AnalysisSummary).overview.trials).toBe(6);
    expect(entries[1]).toMatchObject({ file: files.empty, error: { message: /empty/ } });
  });

  it('--out writes the output to a file instead of stdout', async () => {
    const { code, stdout } = await hpi(
      'analyze',
      files.seed,
      '--format',
      'json',
      '--out',
      'out.json',
    );
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const summary = JSON.parse(await readFile(path.join(dir, 'out.json'), 'utf8'));
    expect(summary.overview.trials).toBe(6);
  });
});

describe('hpi usage', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await hpi('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('hpi analyze <files or folders…>');
    expect(stdout).toContain('--fail-on critical|warning');
    expect((await hpi('analyze', '--help')).code).toBe(0);
  });

  it.each([
    [['analyze', 'x.csv', '--bogus'], /Unknown option --bogus/],
    [['analyze', 'x.csv', '--format', 'xml'], /--format must be one of md, json/],
    [['analyze', 'x.csv', '--fail-on', 'info'], /--fail-on must be one of critical, warning/],
    [['analyze', 'x.csv', '--format'], /--format needs a value/],
    [['analyze'], /needs at least one file/],
    [['frobnicate', 'x.csv'], /Unknown command "frobnicate"/],
    [[], /No command given/],
  ])('%j is a usage error: exit 2 with a message', async (args, message) => {
    const { code, stdout, stderr } = await hpi(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('hpi --help');
  });

  it('bin/hpi.mjs without a build says how to build it and exits 2', async () => {
    const bare = path.join(dir, 'bare');
    await mkdir(path.join(bare, 'bin'), { recursive: true });
    await copyFile(binPath, path.join(bare, 'bin/hpi.mjs'));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(bare, 'bin/hpi.mjs'), '--help'],
        (error, _out, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('npm run build:cli');
  });
});

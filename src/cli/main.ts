/**
 * `hpi`: the analysis core on the command line. Reads each file with the same streaming ingest as
 * the web app's worker, analyses it with the default settings and prints the markdown report or
 * the full JSON summary. Built into one ESM file (`npm run build:cli` → dist-cli/hpi.mjs) that
 * bin/hpi.mjs runs; `main` returns the exit code instead of exiting, so output is flushed.
 */
import { writeFile } from 'node:fs/promises';
import { severityRank, type AnalysisSummary, type ParseIssue, type Severity } from '../lib/model';
import { buildMarkdownReport, summaryToJson } from '../lib/report';
import { analyzeFile, type FileError, type FileOutcome } from './analyze-file';
import { HELP, parseCommand, UsageError, type Command, type FailOn, type Format } from './args';

declare const __HPI_VERSION__: string;

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Parse warnings printed per file; the report's data-quality section and the JSON have all. */
const MAX_WARNINGS_SHOWN = 10;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`hpi: error: ${error.message}\nRun \`hpi --help\` for usage.\n`);
    return EXIT_ERROR;
  }
  if (command.kind === 'help') {
    io.stdout(HELP);
    return EXIT_CLEAN;
  }
  if (command.kind === 'version') {
    io.stdout(`hpi ${typeof __HPI_VERSION__ === 'string' ? __HPI_VERSION__ : 'dev'}\n`);
    return EXIT_CLEAN;
  }

  const outcomes: FileOutcome[] = [];
  let worst = EXIT_CLEAN;
  for (const file of command.files) {
    let outcome: FileOutcome;
    try {
      outcome = await analyzeFile(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { kind: 'failed', file, error: { file, message: `Internal error: ${message}` } };
    }
    outcomes.push(outcome);
    const code = exitCodeOf(outcome, command.failOn);
    worst = Math.max(worst, code);
    reportDiagnostics(outcome, command.failOn, code, io);
  }

  const output = render(outcomes, command.format);
  if (output !== null) {
    if (command.out === null) {
      io.stdout(output);
    } else {
      try {
        await writeFile(command.out, output, 'utf8');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`hpi: error: cannot write ${command.out}: ${message}\n`);
        return EXIT_ERROR;
      }
    }
  }
  return worst;
}

export function exitCodeOf(outcome: FileOutcome, failOn: FailOn | null): number {
  if (outcome.kind === 'failed' || outcome.errors.length > 0) return EXIT_ERROR;
  return failOn !== null && atOrAbove(outcome.summary, failOn) ? EXIT_FINDINGS : EXIT_CLEAN;
}

function atOrAbove(summary: AnalysisSummary, threshold: Severity): boolean {
  const limit = severityRank(threshold);
  return summary.findings.some((f) => severityRank(f.severity) <= limit);
}

/** Errors, a few parse warnings and, with --fail-on, the verdict, all on stderr. */
function reportDiagnostics(outcome: FileOutcome, failOn: FailOn | null, code: number, io: Io) {
  if (outcome.kind === 'failed') {
    io.stderr(`${located(outcome.error)}: error: ${outcome.error.message}\n`);
    return;
  }
  for (const issue of outcome.errors) io.stderr(`${located(issue)}: error: ${issue.message}\n`);
  for (const issue of outcome.warnings.slice(0, MAX_WARNINGS_SHOWN))
    io.stderr(`${located(issue)}: warning: ${issue.message}\n`);
  const more = outcome.warnings.length - MAX_WARNINGS_SHOWN;
  if (more > 0)
    io.stderr(`${outcome.file}: ${more} more warnings; see the report's data-quality section.\n`);
  if (failOn !== null) {
    const counts = countBySeverity(outcome.summary);
    const verdict =
      code === EXIT_FINDINGS
        ? `findings at or above ${failOn}: failing`
        : code === EXIT_CLEAN
          ? `nothing at or above ${failOn}`
          : 'the file could not be read completely: failing';
    io.stderr(
      `${outcome.file}: ${counts.critical} critical, ${counts.warning} warning, ${counts.info} info findings; ${verdict}\n`,
    );
  }
}

function countBySeverity(summary: AnalysisSummary): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const f of summary.findings) counts[f.severity]++;
  return counts;
}

/** `file:line:column`, as far as known, so editors and CI logs can jump there. */
function located(where: FileError | ParseIssue): string {
  let text = where.file;
  if (where.line !== undefined) {
    text += `:${where.line}`;
    if (where.column !== undefined) text += `:${where.column}`;
  }
  return text;
}

/**
 * Markdown: one report per analysed file, separated by a rule. JSON: the summary for one file,
 * an array for several (a file that could not be read appears as `{file, error}`).
 * Null when there is nothing to print (every file failed, or the only file failed).
 */
function render(outcomes: FileOutcome[], format: Format): string | null {
  const analysed = outcomes.filter((o) => o.kind === 'analysed');
  if (format === 'md') {
    if (analysed.length === 0) return null;
    return analysed.map((o) => buildMarkdownReport(o.summary)).join('\n---\n\n');
  }
  if (outcomes.length === 1)
    return analysed.length === 1 ? summaryToJson(analysed[0].summary) : null;
  const entries = outcomes.map((o) =>
    o.kind === 'analysed'
      ? summaryToJson(o.summary).trimEnd()
      : JSON.stringify({ file: o.file, error: o.error }, null, 2),
  );
  return `[\n${entries.join(',\n')}\n]\n`;
}

/** Command-line arguments → a validated command, or a usage error with a clear message. */
import { parseArgs } from 'node:util';

export type Format = 'md' | 'json';
export type FailOn = 'critical' | 'warning';

export const FORMATS: readonly Format[] = ['md', 'json'];
export const FAIL_ON: readonly FailOn[] = ['critical', 'warning'];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'analyze';
      files: string[];
      format: Format;
      /** Exit 1 when a finding of this severity or worse exists; null: only errors fail. */
      failOn: FailOn | null;
      /** Write the output here instead of stdout. */
      out: string | null;
    };

/** A problem with the command line itself; the CLI prints it with a hint and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...files] = positionals;
  if (command === undefined)
    throw new UsageError('No command given. Did you mean `hpi analyze <files…>`?');
  if (command === 'help') return { kind: 'help' };
  if (command !== 'analyze')
    throw new UsageError(`Unknown command "${command}". The only command is \`analyze\`.`);
  if (files.length === 0)
    throw new UsageError('`hpi analyze` needs at least one file or folder to analyse.');
  return {
    kind: 'analyze',
    files,
    format: oneOf('--format', values.format ?? 'md', FORMATS),
    failOn: values['fail-on'] === undefined ? null : oneOf('--fail-on', values['fail-on'], FAIL_ON),
    out: values.out === undefined ? null : nonEmpty('--out', values.out),
  };
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} needs a file name.`);
  return value;
}

/** node:util's messages, reworded where they would confuse (e.g. a flag missing its value). */
function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) return `Unknown option ${unknown[1]}.`;
  const missing =
    /Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
  if (missing) return `${missing[1]} needs a value.`;
  return message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '.');
}

export const HELP = `hpi — Hyperparameter Pathology Inspector, command line

Usage:
  hpi analyze <files or folders…> [--format md|json] [--fail-on critical|warning] [--out FILE]
  hpi --help | --version

Reads each sweep table (CSV/TSV, one row per trial) or training log (TensorBoard event file,
trainer_state.json, curve CSV), runs the same analysis as the web app, and prints the markdown
report (default) or the full JSON summary (every finding). A folder is read as one sweep: every
file under it, hyperparameters from run folder names and config files beside the logs.

Options:
  -f, --format md|json           output format (default: md). With several files: one report
                                 after another, or a JSON array of summaries.
      --fail-on critical|warning exit 1 when any finding is at or above this severity
  -o, --out FILE                 write the output to FILE instead of stdout
  -h, --help                     show this help
  -v, --version                  print the version

Exit codes:
  0  clean: no finding at or above --fail-on (without --fail-on: every file was read)
  1  findings at or above the --fail-on threshold
  2  usage error, or a file or folder that is missing, empty or could not be parsed
     (file:line:column on stderr); with several files, the worst code wins

Examples:
  hpi analyze results.csv
  hpi analyze results.csv --format json --out summary.json
  hpi analyze sweeps/*.csv --fail-on critical
  hpi analyze lora-sweep/ --fail-on warning
`;

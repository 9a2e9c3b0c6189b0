import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../../src/cli/args';

describe('parseCommand', () => {
  it('reads files and options in any order, with defaults', () => {
    expect(parseCommand(['analyze', 'a.csv'])).toEqual({
      kind: 'analyze',
      files: ['a.csv'],
      format: 'md',
      failOn: null,
      out: null,
    });
    expect(
      parseCommand(['analyze', '--fail-on=warning', 'a.csv', '-f', 'json', 'b.csv', '-o', 'x']),
    ).toEqual({
      kind: 'analyze',
      files: ['a.csv', 'b.csv'],
      format: 'json',
      failOn: 'warning',
      out: 'x',
    });
  });

  it('help and version win over everything else', () => {
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['analyze', '-h'])).toEqual({ kind: 'help' });
    expect(parseCommand(['help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
  });

  it('a file named like a flag can follow --', () => {
    expect(parseCommand(['analyze', '--', '--odd.csv'])).toMatchObject({ files: ['--odd.csv'] });
  });

  it.each([
    [['analyze', 'a.csv', '--nope'], 'Unknown option --nope.'],
    [['analyze', 'a.csv', '-x'], 'Unknown option -x.'],
    [['analyze', 'a.csv', '--out'], '--out needs a value.'],
    [['analyze', 'a.csv', '--format', '--fail-on'], '--format needs a value.'],
    [['analyze', 'a.csv', '--out', ' '], '--out needs a file name.'],
    [
      ['analyze', 'a.csv', '--fail-on', 'info'],
      '--fail-on must be one of critical, warning (got "info").',
    ],
    [['analyse', 'a.csv'], 'Unknown command "analyse". The only command is `analyze`.'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

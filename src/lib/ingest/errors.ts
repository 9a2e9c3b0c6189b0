import type { ParseIssueCode } from '../model';

/** A problem that stops a file from being read at all. Carries the position when one exists. */
export class IngestError extends Error {
  readonly code: ParseIssueCode;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;

  constructor(
    code: ParseIssueCode,
    message: string,
    where: { file: string; line?: number; column?: number },
  ) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/** Thrown between chunks when the user cancelled the load. */
export class IngestCancelled extends Error {
  constructor() {
    super('Loading was cancelled.');
    this.name = 'IngestCancelled';
  }
}

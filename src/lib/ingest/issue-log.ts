import type { ParseIssue, ParseIssueCode } from '../model';

const MAX_PER_CODE = 50;

/** Collects parse issues for one file; repeats of the same kind are counted, not all listed. */
export class IssueLog {
  readonly issues: ParseIssue[] = [];
  private readonly counts = new Map<ParseIssueCode, number>();

  constructor(readonly file: string) {}

  add(issue: Omit<ParseIssue, 'file'>): void {
    const count = (this.counts.get(issue.code) ?? 0) + 1;
    this.counts.set(issue.code, count);
    if (count <= MAX_PER_CODE) this.issues.push({ ...issue, file: this.file });
  }

  /** Issues plus one line per kind that had more than could be listed. */
  finish(): ParseIssue[] {
    const overflow: ParseIssue[] = [];
    for (const [code, count] of this.counts) {
      if (count > MAX_PER_CODE) {
        overflow.push({
          code,
          severity: 'warning',
          file: this.file,
          message: `${count - MAX_PER_CODE} more issues of this kind (${code}) are not listed.`,
        });
      }
    }
    return [...this.issues, ...overflow];
  }

  get hasErrors(): boolean {
    return this.issues.some((i) => i.severity === 'error');
  }
}

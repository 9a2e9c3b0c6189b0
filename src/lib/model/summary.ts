import type { ColumnRole } from './role';
import type { DetectorId, Finding, Severity } from './finding';
import type { SourceInfo } from './source';

export const SUMMARY_VERSION = 1;

/** Issue rate of one hyperparameter bucket: a quantile range of numbers or one category value. */
export interface AssociationBucket {
  label: string;
  /** Numeric range [lo, hi] for quantile buckets. */
  lo?: number;
  hi?: number;
  trials: number;
  withIssue: number;
  rate: number;
  runIds: string[];
}

/** How an issue (one detector, or any issue) is distributed over one hyperparameter. */
export interface Association {
  param: string;
  issue: DetectorId | 'any';
  kind: 'quantile' | 'category';
  buckets: AssociationBucket[];
  /** Overall issue rate, to read bucket rates against. */
  baseRate: number;
  /** Bucket with the highest rate when it is clearly above the base rate. */
  hotBucket: string | null;
}

export interface DetectorCount {
  detector: DetectorId;
  label: string;
  findings: number;
  runs: number;
}

export interface Overview {
  trials: number;
  healthy: number;
  withIssues: number;
  bySeverity: Record<Severity, number>;
  params: string[];
  metrics: string[];
}

/** Versioned and JSON-serialisable: the single source of every view and export. */
export interface AnalysisSummary {
  version: typeof SUMMARY_VERSION;
  source: SourceInfo;
  roles: ColumnRole[];
  overview: Overview;
  findings: Finding[];
  detectorCounts: DetectorCount[];
  associations: Association[];
  /** Problems with the data itself (missing roles, unreadable rows), as sentences. */
  dataQuality: string[];
  /** Trial ids in row order. Empty in the page's copy (see analysis/view-summary.ts). */
  runIds: string[];
  /**
   * Set on the copy sent to the page when findings were capped per detector to keep the main
   * thread responsive: how many findings of each detector were left out. The JSON export has all.
   */
  findingsOmitted?: Partial<Record<DetectorId, number>>;
}

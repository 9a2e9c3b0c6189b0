/** What a column means for the analysis. Inferred from names and values; the user can override it. */

export type MetricSplit = 'train' | 'val' | 'test' | 'other';
export type MetricFamily = 'loss' | 'accuracy' | 'other';
export type Direction = 'min' | 'max';
export type BudgetUnit = 'epochs' | 'steps' | 'runtime';

export type Role =
  | { kind: 'id' }
  | { kind: 'status' }
  | { kind: 'param' }
  | { kind: 'metric'; split: MetricSplit; family: MetricFamily; direction: Direction }
  | { kind: 'budget'; unit: BudgetUnit }
  | { kind: 'time' }
  | { kind: 'ignore' };

export type RoleKind = Role['kind'];

export interface ColumnRole {
  column: string;
  role: Role;
  /** One sentence: why the role was inferred, or "set by you". */
  reason: string;
  overridden: boolean;
}

/** User overrides, keyed by column name. */
export type RoleOverrides = Record<string, Role>;

export function roleLabel(role: Role): string {
  switch (role.kind) {
    case 'metric':
      return `metric (${role.split}, ${role.family}, ${role.direction === 'min' ? 'lower is better' : 'higher is better'})`;
    case 'budget':
      return `budget (${role.unit})`;
    case 'param':
      return 'hyperparameter';
    default:
      return role.kind;
  }
}

/**
 * Which tool wrote a sweep table, judged from its header alone (and the file name, for Ray Tune's
 * `progress.csv`). Each rule names the columns it relied on, because that sentence is shown to the
 * user as "read as <label> because <reason>" and must let them check the decision.
 */
import type { TableFormatId } from '../../model';

export interface DetectedFormat {
  id: TableFormatId;
  label: string;
  reason: string;
}

export const TABLE_FORMAT_LABELS: Record<TableFormatId, string> = {
  generic: 'a generic sweep table',
  optuna: 'an Optuna trials_dataframe() export',
  'optuna-dashboard': 'an Optuna Dashboard CSV download',
  wandb: 'a Weights & Biases runs table export',
  'mlflow-ui': 'an MLflow UI runs export',
  'mlflow-search-runs': 'an MLflow search_runs() frame',
  'ray-tune': 'a Ray Tune results frame',
  'ray-progress': "a Ray Tune trial's progress.csv",
  'sklearn-cv': 'a scikit-learn cv_results_ table',
};

const WANDB_META = ['Notes', 'User', 'Tags', 'Created', 'Runtime', 'Sweep'];
const MLFLOW_UI_FIXED = ['Start Time', 'Duration', 'Source Type', 'Source Name', 'User', 'Status'];
const RAY_BOOKKEEPING = [
  'training_iteration',
  'time_total_s',
  'time_this_iter_s',
  'timestamp',
  'hostname',
  'node_ip',
  'done',
  'pid',
];

interface Header {
  has(name: string): boolean;
  some(test: (name: string) => boolean): string | undefined;
  count(names: readonly string[]): string[];
}

function header(columnNames: readonly string[]): Header {
  const set = new Set(columnNames);
  return {
    has: (name) => set.has(name),
    some: (test) => columnNames.find(test),
    count: (names) => names.filter((n) => set.has(n)),
  };
}

const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');
const found = (id: TableFormatId, reason: string): DetectedFormat => ({
  id,
  label: TABLE_FORMAT_LABELS[id],
  reason,
});

type Rule = (h: Header, fileName: string) => DetectedFormat | null;

// Most specific first: an Optuna frame also has a `state`, a Ray frame a `trial_id`.
const RULES: readonly Rule[] = [
  (h) => {
    const objective = h.has('value') ? 'value' : h.some((n) => /^values_/.test(n));
    const param = h.some((n) => n.startsWith('params_'));
    if (!h.has('number') || !objective || !(param || h.has('state') || h.has('datetime_start')))
      return null;
    const cols = ['number', objective, ...(param ? ['params_*'] : []), ...h.count(['state'])];
    return found(
      'optuna',
      `it has the columns ${list(cols)} that Optuna's trials_dataframe() writes`,
    );
  },
  (h) => {
    const param = h.some((n) => n.startsWith('Param '));
    const objective = h.has('Value') ? 'Value' : h.some((n) => /^(Objective|Values?) \d+$/.test(n));
    if (!h.has('Number') || !h.has('State') || !(param || objective)) return null;
    const cols = [
      'Number',
      'State',
      ...(objective ? [objective] : []),
      ...(param ? ['Param *'] : []),
    ];
    return found('optuna-dashboard', `it has the columns ${list(cols)} of Optuna Dashboard's CSV`);
  },
  (h) => {
    const fixed = h.count(MLFLOW_UI_FIXED);
    if (!h.has('Run ID') || fixed.length < 2) return null;
    return found('mlflow-ui', `it has the MLflow UI export columns ${list(['Run ID', ...fixed])}`);
  },
  (h) => {
    const prefixed = h.some((n) => n.startsWith('params.') || n.startsWith('metrics.'));
    if (!h.has('run_id') || !(prefixed || h.has('experiment_id'))) return null;
    const cols = ['run_id', ...h.count(['experiment_id', 'status'])];
    return found(
      'mlflow-search-runs',
      `it has the columns ${list(cols)} and \`params.*\`/\`metrics.*\` names of mlflow.search_runs()`,
    );
  },
  (h) => {
    const meta = h.count(WANDB_META);
    if (!h.has('Name') || !h.has('State') || meta.length < 2) return null;
    return found('wandb', `it has the W&B runs-table columns ${list(['Name', 'State', ...meta])}`);
  },
  (h) => {
    const score = h.some((n) => /^(mean|rank)_test_/.test(n));
    if (!score || !h.some((n) => n.startsWith('param_') || n === 'params' || n === 'mean_fit_time'))
      return null;
    return found('sklearn-cv', `it has \`param_*\` and \`${score}\` columns as in cv_results_`);
  },
  (h, fileName) => {
    const ray = h.count(RAY_BOOKKEEPING);
    if (!h.has('trial_id') && !h.has('training_iteration')) return null;
    const config = h.some((n) => n.startsWith('config/'));
    const progressFile = /(^|[\\/])progress\.csv$/i.test(fileName);
    if (progressFile || (!config && !h.has('logdir') && h.has('time_this_iter_s'))) {
      if (ray.length < 2) return null;
      return found(
        'ray-progress',
        `it has Ray Tune's per-iteration columns ${list(ray)}${progressFile ? ' and is named progress.csv' : ''}`,
      );
    }
    if (!config && ray.length < 3) return null;
    const cols = [...h.count(['trial_id']), ...(config ? ['config/*'] : []), ...ray.slice(0, 3)];
    return found('ray-tune', `it has the Ray Tune result columns ${list(cols)}`);
  },
];

export function detectTableFormat(columnNames: string[], fileName: string): DetectedFormat {
  const h = header(columnNames);
  for (const rule of RULES) {
    const result = rule(h, fileName);
    if (result) return result;
  }
  return found('generic', 'no tool-specific columns: one row per trial, names read as they are');
}

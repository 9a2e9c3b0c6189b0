/**
 * Answer choices per multiple-choice benchmark, by lm-evaluation-harness task name (subtasks
 * share their parent's count: `mmlu_abstract_algebra`, `arc_challenge`, `anli_r1`). Only tasks
 * whose every question has the same number of choices: TruthfulQA MC and BIG-Bench vary.
 */
type Entry = readonly [prefix: string, choices: number, label: string];

// Longer prefixes first: `mmlu_pro` (10 choices) must not be read as `mmlu` (4).
const TASKS: readonly Entry[] = [
  ['mmlu_pro', 10, 'MMLU-Pro'],
  ['mmlupro', 10, 'MMLU-Pro'],
  ['commonsense_qa', 5, 'CommonsenseQA'],
  ['mathqa', 5, 'MathQA'],
  ['qa4mre', 5, 'QA4MRE'],
  ['hendrycks_test', 4, 'MMLU'],
  ['hendryckstest', 4, 'MMLU'],
  ['mmlu', 4, 'MMLU'],
  ['cmmlu', 4, 'CMMLU'],
  ['kmmlu', 4, 'KMMLU'],
  ['ai2_arc', 4, 'ARC'],
  ['arc', 4, 'ARC'],
  ['hellaswag', 4, 'HellaSwag'],
  ['openbookqa', 4, 'OpenBookQA'],
  ['sciq', 4, 'SciQ'],
  ['logiqa', 4, 'LogiQA'],
  ['race', 4, 'RACE'],
  ['gpqa', 4, 'GPQA'],
  ['medmcqa', 4, 'MedMCQA'],
  ['medqa', 4, 'MedQA'],
  ['swag', 4, 'SWAG'],
  ['prost', 4, 'PROST'],
  ['anli', 3, 'ANLI'],
  ['mnli', 3, 'MNLI'],
  ['xnli', 3, 'XNLI'],
  ['cb', 3, 'CommitmentBank'],
  ['siqa', 3, 'Social IQa'],
  ['social_iqa', 3, 'Social IQa'],
  ['pubmedqa', 3, 'PubMedQA'],
  ['winogrande', 2, 'WinoGrande'],
  ['piqa', 2, 'PIQA'],
  ['boolq', 2, 'BoolQ'],
  ['copa', 2, 'COPA'],
  ['xcopa', 2, 'XCOPA'],
  ['rte', 2, 'RTE'],
  ['wic', 2, 'WiC'],
  ['wsc', 2, 'WSC'],
  ['sst2', 2, 'SST-2'],
  ['qnli', 2, 'QNLI'],
  ['mrpc', 2, 'MRPC'],
  ['qqp', 2, 'QQP'],
  ['storycloze', 2, 'StoryCloze'],
  ['xstorycloze', 2, 'XStoryCloze'],
  ['xwinograd', 2, 'XWinograd'],
];

/**
 * The choice count of a task, or null when unknown. A prefix matches at a word boundary, digits
 * allowed (`logiqa2`, `wsc273`), so `cbt` (10 choices) is not CB nor `arcade` ARC.
 */
export function choicesOf(task: string): { count: number; name: string } | null {
  const lower = task.toLowerCase();
  for (const [prefix, count, name] of TASKS) {
    if (!lower.startsWith(prefix)) continue;
    const rest = lower.slice(prefix.length).replace(/^\d+/, '');
    if (rest === '' || /^[_\-.: ]/.test(rest)) return { count, name };
  }
  return null;
}

export { readTrainerState, type TrainerStateInfo, type TrainerStateResult } from './trainer-state';
export {
  detectCurveCsv,
  type CurveCsvFormat,
  type CurveCsvKind,
  type MetricColumn,
} from './detect';
export {
  readCurveCsv,
  CurveCsvReader,
  type CurveCsvOptions,
  type CurveCsvResult,
} from './read-curve-csv';

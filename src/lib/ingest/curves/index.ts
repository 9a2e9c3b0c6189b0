export { readTrainerState, type TrainerStateInfo, type TrainerStateResult } from './trainer-state';
export {
  detectCurveCsv,
  type CurveCsvFormat,
  type CurveCsvKind,
  type MetricColumn,
} from './detect';
export {
  readCurveCsv,
  readCurveCsvBytes,
  readCurveCsvStream,
  CurveCsvReader,
  type CurveCsvOptions,
  type CurveCsvResult,
} from './read-curve-csv';

export { analyze, canAnalyze, runIdsOf, type AnalysisOptions } from './analyze';
export { computeAssociations, hotBucket, issueRows, MAX_BUCKET_RUN_IDS } from './associations';
export { bucketRows, MAX_VALUE_BUCKETS, MISSING_LABEL, type RowBucket } from './buckets';
export { createContext, type Detector, type DetectorContext } from './context';
export { DETECTORS } from './detectors';
export { inferRoles } from './roles';
export { DEFAULT_SETTINGS, SETTING_RATIONALES, withDefaults } from './settings';
export { classifyStatus, type StatusClass } from './status';
export { parseName, metricStem } from './names';

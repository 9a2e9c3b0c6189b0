export { runNameFromPath, splitFromPath, isGenericFolderName } from './path';
export { paramsFromName, typedValue } from './name-params';
export {
  paramsFromConfig,
  flattenParams,
  isConfigFileName,
  CONFIG_FILE_NAMES,
  type Params,
  type ParamValue,
  type ConfigParamsResult,
} from './config';
export { parseYamlSubset, type YamlValue, type YamlMap, type YamlResult } from './yaml';

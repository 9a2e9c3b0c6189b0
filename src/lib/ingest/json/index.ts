export {
  parseJsonTolerant,
  parseJsonLines,
  isJsonObject,
  getOwn,
  MAX_JSON_DEPTH,
  type JsonValue,
  type JsonObject,
  type JsonResult,
  type JsonLine,
  type JsonLinesResult,
} from './parse';

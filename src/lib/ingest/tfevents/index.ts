export {
  readEventFile,
  isEventFileName,
  looksLikeEventFile,
  createEventFileReader,
  type EventFileReader,
  type EventFileReaderOptions,
  type EventFileResult,
  type EventFileStats,
} from './reader';
export { crc32c, maskCrc } from './crc32c';

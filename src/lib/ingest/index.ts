export { readCsv, type IngestHooks } from './read-csv';
export { IngestError, IngestCancelled } from './errors';
export type { ByteSource } from './decode';
export { CsvRowReader, type RowSink } from './csv-rows';
export { sniffDialect } from './sniff';
export { classifyCell } from './cells';
export { readSources, type SourceInput } from './sources';
export { adaptTable, adaptTableAs, detectTableFormat, TABLE_FORMAT_LABELS } from './tables';

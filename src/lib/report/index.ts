export { buildMarkdownReport, REPORT_TITLE } from './markdown';
export { escapeList, escapeMarkdown } from './escape';
export { summaryToJson } from './json';
export * from './figures';

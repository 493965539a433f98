export { createProgress, type Progress, type ProgressSink } from './progress.js';
export { formatSummary } from './text.js';
export { toMarkdown } from './markdown.js';
export { toJUnit, xmlEscape } from './junit.js';
export { toHtml } from './html.js';

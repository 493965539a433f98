// Cross-cutting types every module may import: errors, the shopper, the segment result, ids and clock.
export * from './errors.js';
export * from './shopper.js';
export * from './logger.js';
export { optOutChange } from './opt-out.js';
export type { Clock, IdGen } from '../db/index.js';
export { createMemo, deepFreeze, type Memo } from './memo.js';

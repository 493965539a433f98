// Segments: a shopper's profile from aggregate SQL, evaluated against ordered rules.
export { loadSegmentRules, type SegmentRules } from './load-rules.js';
export { createSegmenter, type Segmenter } from './segmenter.js';
export { evaluateRules, matchRule } from './evaluate.js';
export { ProfileSchema, LOYALTY_TIERS, type Profile, type WindowStats } from './profile.js';
export { rulesFileSchema, type Rule, type When, type TimeFrame, type InteractionRange } from './rules-schema.js';
export type { Who } from './profile-query.js';
export { windowOf, type WindowSpec } from './windows.js';

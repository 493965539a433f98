// Cross-cutting pieces every module may import: errors, the shopper, the logger, ids and clock, a small memo and business-day arithmetic.
export * from './errors.js';
export * from './shopper.js';
export * from './logger.js';
export { optOutChange } from './opt-out.js';
export { CATEGORIES, LOYALTY_TIERS, type Category, type LoyaltyTier } from './vocabulary.js';
export { formatMoney } from './money.js';
export { editDistance } from './edit-distance.js';
export { DAY_MS, randomIds, systemClock, type Clock, type IdGen } from './clock.js';
export { createMemo, deepFreeze, type Memo } from './memo.js';
export { addBusinessDays } from './dates.js';
export { consentWords, detailEcho, isClearNo, isClearYes, namesOtherAction, type ConsentOptions } from './consent.js';
export { doubts, hedges } from './consent-doubt.js';
export { ACTION_ECHO } from './consent-actions.js';
export { asksBeside, NAMING_YES, namesAction, questionsIn, STILL_WAITING, yesAfter } from './consent-naming.js';
export { fencePageUrl, fenceText, fenceValue, markData } from './fence.js';
export { provideYaml, yaml, type YamlParser } from './yaml.js';

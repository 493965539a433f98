// Review for operators: find conversations (downvoted, escalated, by persona, variant, segment,
// dates), read one whole, and compare A/B arms with confidence intervals. Reads the db only.
export { listConversations, CONVERSION_EVENTS, type ConversationPage, type ConversationSummary } from './conversations.js';
export { readReviewTranscript, type ReviewMessage, type ReviewTranscript } from './transcript.js';
export { abMetrics, type AbReport } from './ab.js';
export { buildAbReport, type ArmCounts, type ArmReport, type GroupReport } from './ab-report.js';
export { newcombeDifference, rateEstimate, wilson, Z95, type DifferenceEstimate, type Interval, type RateEstimate } from './stats.js';
export {
  AbQuerySchema,
  ConversationListQuerySchema,
  rangeOf,
  type AbQuery,
  type ConversationListQuery,
  type TimeRange,
} from './schemas.js';

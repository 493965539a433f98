// The HTTP module's public surface: the app factory and the pieces entries and tests use.
export { createApp, type AppConfig, type AppDeps, type TailorApp } from './app.js';
export { createInflightTracker, type InflightTracker } from './inflight.js';
export { signIdentityToken, verifyIdentityToken, newSessionId, SESSION_HEADER } from './identity.js';
export { computeMetrics, type Metrics, type GroupMetrics } from './metrics.js';
export {
  createRateLimiter,
  rateLimited,
  rollCounts,
  slidingWaitMs,
  type MemoryRateLimiter,
  type RateLimiter,
  type RateVerdict,
} from './rate-limit.js';
export { clientAddressKey, clientNetworkKey, createClientKeys, type ClientKeys } from './client-address.js';
export { jsonReply, replyHeaders, setReplyHeader, SECURITY_HEADERS, type ReplyHeadersOptions } from './reply-headers.js';

// The agent module: the tool-calling loop, the OpenAI-compatible provider and the offline one,
// and the history helpers src/chat uses to store and reload conversations.
export { runTurn, DEFAULT_MAX_STEPS, DEFAULT_TOOL_TIMEOUT_MS, DEFAULT_HISTORY_TURNS, ERROR_REPLY } from './loop.js';
export { toModelMessages, summarizeTurns, INTERRUPTED_RESULT, MAX_SUMMARY_CHARS } from './history.js';
export { createOpenAIProvider, type OpenAIProviderConfig } from './openai-provider.js';
export { createRetryingFetch, retryAfterMs, ModelTimeoutError, type RetryPolicy, type RetryInfo } from './retry-fetch.js';
export { modelFailures, classifyModelError, type ModelFailure, type ModelFailureCause } from './failures.js';
export { nextStep, type Step } from './step.js';
export { routeTools, INTENT_TOOLS, ALWAYS_OFFERED, PROPOSAL_TOOLS, type RouteInput, type ToolRoute } from './tool-routing.js';
// Loaded on first use (offline-deferred.ts); the model itself is src/agent/offline/index.ts.
export { createOfflineProvider } from './offline-deferred.js';
export type * from './types.js';

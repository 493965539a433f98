// The chat module: one shopper message in, events out, the turn persisted atomically.
export { createChatService, type ChatDeps } from './service.js';
export type { ChatEvent, ChatInput, ChatResponse, ChatService, TranscriptMessage } from './types.js';
export { reconcileInterruptedTurns } from './reconcile.js';
export { decideApproval } from './approval.js';
export { createKeyedLock, type TurnLock } from './serialize.js';
export type { StateCodec } from './cache.js';
export { createDirectTools, type DirectCall, type DirectResult, type DirectTools, type DirectToolsDeps } from './direct-tools.js';

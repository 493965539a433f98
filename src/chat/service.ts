// One chat turn end to end, as three named stages under the conversation's lock:
// prepare (shopper, segment, persona, conversation) → run (the agent loop, streaming) → persist
// (one atomic commit). Yields events as they happen; the last is `done` (or the turn throws).
import { silentLogger, TailorError } from '../core/index.js';
import { createTelemetry, type Span } from '../telemetry/index.js';
import type { ChatDeps, TurnEnv } from './deps.js';
import type { ChatEvent, ChatInput, ChatResponse, ChatService } from './types.js';
import { findConversation, ownsConversation } from './store.js';
import { createConversationCache, type ConversationLease } from './cache.js';
import { createKeyedLock } from './serialize.js';
import { readTranscript } from './transcript.js';
import { findTurnConversation, prepareTurn } from './prepare.js';
import { runTurn } from './run.js';
import { persistTurn } from './persist.js';

export type { ChatDeps } from './deps.js';

const CLIENT_ERRORS = new Set(['bad_request', 'unauthorized', 'forbidden', 'not_found', 'too_large', 'rate_limited']);
const isRefusal = (e: unknown) => e instanceof TailorError && CLIENT_ERRORS.has(e.code);

const NO_CACHE = { lease: (): ConversationLease => ({ state: undefined, keep() {}, sessionRecorded: () => false, rememberSession() {} }) };

export function createChatService(deps: ChatDeps): ChatService {
  const lock = deps.turnLock ?? createKeyedLock();
  const cache = deps.dataVersion ? createConversationCache(deps.dataVersion, undefined, undefined, deps.stateCodec) : NO_CACHE;
  const env: TurnEnv = {
    deps,
    logger: deps.logger ?? silentLogger,
    historyTurns: deps.historyTurns ?? 6,
    telemetry: deps.telemetry ?? createTelemetry(),
  };

  // The turn's span (only when tracing is on) wraps the whole generator, whatever ends it.
  function turn(input: ChatInput): AsyncGenerator<ChatEvent> {
    const span = env.telemetry.startTurn(input);
    return span ? env.telemetry.traceTurn(span, serveTurn(input, span)) : serveTurn(input, undefined);
  }

  async function* serveTurn(input: ChatInput, span: Span | undefined): AsyncGenerator<ChatEvent> {
    const startedAt = deps.now();
    const lease = cache.lease(input.conversationId);
    const conv = await findTurnConversation(deps, input, lease);
    const { release, waited } = await lock.acquire(conv?.id ?? input.shopper.sessionId);
    let response: ChatResponse;
    let served: { segment: string; persona: string } | null = null;
    try {
      const prepared = await prepareTurn(env, input, { startedAt, lease, conv, waited });
      served = { segment: prepared.segment.id, persona: prepared.personaRef.id };
      yield {
        type: 'meta',
        conversationId: prepared.conv.id,
        segment: prepared.segment,
        persona: prepared.personaRef,
        model: deps.provider.name,
      };
      const ran = yield* runTurn(env, prepared, input, span);
      response = await persistTurn(env, prepared, ran, input, span);
    } catch (error) {
      // A turn that breaks (the store, a bug) is counted too, as outcome "failed"; a refused request (4xx) is not a turn.
      if (!isRefusal(error)) env.telemetry.turnFailed(served ?? { segment: 'unknown', persona: 'unknown' });
      throw error;
    } finally {
      await release();
    }
    // Yielded after the lock is released: a consumer that stops reading at `done` must not
    // keep the conversation locked.
    yield { type: 'done', response };
  }

  return {
    turn,
    async transcript(conversationId, shopper) {
      const conv = await findConversation(deps.db, conversationId);
      if (!conv || !ownsConversation(conv, shopper, deps.now())) return null;
      return readTranscript(deps.db, conv);
    },
  };
}

// A turn's first stage: under the conversation's lock, who is asking (re-checked every turn), the
// session, opt-out, the segment and the persona rendered for them (select-persona.ts), and the
// conversation row (created on a first turn, before the loop: tools update it mid-turn). Nothing
// here talks to a model.
import { notFound, optOutChange, unauthorized, type SegmentResult, type Shopper } from '../core/index.js';
import { customerExists } from '../shop/index.js';
import type { RenderedPersona } from '../personas/index.js';
import type { ChatDeps, TurnEnv } from './deps.js';
import type { ChatInput, ChatResponse } from './types.js';
import type { ConversationLease, TurnConversation } from './cache.js';
import { selectPersona } from './select-persona.js';
import { findConversation, ownsConversation, startConversation, turnShopper, type ConversationRow, type MessageRow } from './store.js';
import type { TurnShopper } from './tool-context.js';

/** Everything the run and persist stages need to know about the turn before the model runs. */
export interface PreparedTurn {
  startedAt: number;
  lease: ConversationLease;
  conv: TurnConversation;
  /** The recent messages kept by this process, when no other turn ran since (else read them). */
  cachedHistory: MessageRow[] | undefined;
  /** The shopper as of now and the orders proven in chat: verify_customer changes both mid-turn. */
  shopper: TurnShopper;
  segment: SegmentResult;
  optOut: boolean;
  persona: RenderedPersona;
  personaRef: ChatResponse['persona'];
  turnNo: number;
}

/** Before the lock: the conversation asked for, which must be the shopper's own (else 404). */
export async function findTurnConversation(deps: ChatDeps, input: ChatInput, lease: ConversationLease): Promise<TurnConversation | null> {
  const conv = lease.state?.conv ?? (input.conversationId ? await findConversation(deps.db, input.conversationId) : null);
  if (input.conversationId && (!conv || !ownsConversation(conv, input.shopper, deps.now()))) throw notFound('Conversation not found');
  return conv;
}

/** Under the lock; `waited` says another turn may have changed the conversation since it was read. */
export async function prepareTurn(
  env: TurnEnv,
  input: ChatInput,
  start: { startedAt: number; lease: ConversationLease; conv: TurnConversation | null; waited: boolean },
): Promise<PreparedTurn> {
  const { deps } = env;
  const { startedAt, lease } = start;
  let conv = start.conv;
  let cachedHistory = lease.state?.history;
  if (conv && start.waited) {
    conv = (await findConversation(deps.db, conv.id)) ?? conv; // another turn just changed it
    cachedHistory = undefined;
  }
  const shopper = await turnShopper(deps.db, conv, input.shopper);
  const newSession = await admitShopper(deps, shopper.current, conv === null, lease);
  const change = optOutChange(input.message);
  const optOut = change === 'opt_out' ? true : change === 'opt_in' ? false : (conv?.optOut ?? false);
  const { segment, persona, personaRef } = await selectPersona(deps, {
    shopper: shopper.current,
    optOut,
    page: input.page,
    now: startedAt,
    provenOrders: shopper.provenOrders,
  });

  if (!conv) {
    conv = await createConversation(deps, shopper.current, segment, persona, startedAt, newSession);
    if (newSession) lease.rememberSession(shopper.current.sessionId);
  }
  return { startedAt, lease, conv, cachedHistory, shopper, segment, optOut, persona, personaRef, turnNo: conv.turnCount + 1 };
}

/**
 * Whether the turn records the shopper's session (with its conversation, createConversation).
 * A session is recorded when it first chats; its later messages are the same visit. The
 * insert-or-nothing is skipped when this process already recorded it (cache.ts). Segmenting it
 * before it is recorded gives the same profile: the visit in progress counts once either way.
 */
async function admitShopper(deps: ChatDeps, shopper: Shopper, firstTurn: boolean, lease: ConversationLease): Promise<boolean> {
  // A customer verified in chat earlier is still checked every turn: erased or blocked since → 401.
  if (shopper.via === 'verify_customer' && !(await customerExists(deps.db, shopper.customerId!)))
    throw unauthorized('This account is no longer available');
  return firstTurn && !lease.sessionRecorded(shopper.sessionId);
}

/**
 * A signed-in customer erased between the identity check and this write: their token no longer
 * names anyone, which is a 401 like any token for an unknown customer, not a server error.
 */
function refuseErased(err: unknown): never {
  if (err instanceof Error && /FOREIGN KEY constraint failed/i.test(err.message)) throw unauthorized();
  throw err;
}

type Served = { id: string; version: string; variant: string | null; experimentId: string | null };

/** Who served a conversation: recorded when it starts and updated with every turn. */
export function servedBy(segment: { id: string; rule: string }, persona: Served) {
  return {
    segmentId: segment.id,
    ruleId: segment.rule,
    personaId: persona.id,
    personaVersion: persona.version,
    variant: persona.variant,
    experimentId: persona.experimentId,
  };
}

async function createConversation(
  deps: ChatDeps,
  shopper: Shopper,
  segment: { id: string; rule: string },
  persona: Served,
  now: number,
  newSession: boolean,
): Promise<ConversationRow> {
  const row: ConversationRow = {
    id: deps.ids('conv'),
    sessionId: shopper.sessionId,
    customerId: shopper.customerId,
    verifiedBy: shopper.via === 'anonymous' ? null : shopper.via,
    // servedBy's fields, written out: fields after a spread make V8 build a slow object per conversation.
    segmentId: segment.id,
    ruleId: segment.rule,
    personaId: persona.id,
    personaVersion: persona.version,
    variant: persona.variant,
    experimentId: persona.experimentId,
    model: deps.provider.name,
    optOut: false,
    verifyAttempts: 0,
    pending: null,
    summary: '',
    turnCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  // Created before the loop runs: tools (verification, return proposals) update this row mid-turn.
  await startConversation(deps.db, deps.atomic, row, newSession ? { shopper, now } : null).catch(refuseErased);
  return row;
}

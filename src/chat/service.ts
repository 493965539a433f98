// One chat turn end to end: shopper → conversation → segment → persona → agent loop →
// one atomic commit. Yields events as they happen; the last is `done` (or `error`).
import type { Atomic, Clock, Db, IdGen } from '../db/index.js';
import { fenceText, notFound, optOutChange, silentLogger, unauthorized, type Logger, type Shopper } from '../core/index.js';
import { decideApproval } from './approval.js';
import { customerExists, readProposal } from '../shop/index.js';
import type { Segmenter } from '../segments/index.js';
import type { PersonaRegistry } from '../personas/index.js';
import { buildPersonaContext } from '../personas/index.js';
import type { ToolRegistry } from '../tools/index.js';
import type { ToolEvent } from '../tools/types.js';
import { runTurn, summarizeTurns } from '../agent/index.js';
import type { ModelProvider, TurnEvent } from '../agent/types.js';
import type { ChatEvent, ChatInput, ChatResponse, ChatService } from './types.js';
import { commitTurn, effectiveShopper, findConversation, insertConversation, loadRecentMessages, messageRow, nextSeq, ownsConversation, recordSession, type ConversationRow, type MessageRow } from './store.js';
import { createConversationCache, type ConversationLease, type TurnConversation } from './cache.js';
import { createKeyedLock } from './serialize.js';
import { readTranscript } from './transcript.js';

export interface ChatDeps {
  db: Db;
  atomic: Atomic;
  now: Clock;
  ids: IdGen;
  segmenter: Segmenter;
  personas: PersonaRegistry;
  tools: ToolRegistry;
  provider: ModelProvider;
  /** Completes the turn when the provider fails (the offline model). */
  fallback?: ModelProvider;
  logger?: Logger;
  maxSteps?: number;
  /** Turns kept verbatim in the model's history; older ones are summarized. */
  historyTurns?: number;
  /**
   * SQLite's `PRAGMA data_version` (Node): when given, the state each turn commits is kept in
   * memory for the conversation's next turn (see cache.ts). Not on D1, where isolates share the database.
   */
  dataVersion?: () => number;
}

const NO_CACHE = { lease: (): ConversationLease => ({ state: undefined, keep() {} }) };

export function createChatService(deps: ChatDeps): ChatService {
  const lock = createKeyedLock();
  const logger = deps.logger ?? silentLogger;
  const historyTurns = deps.historyTurns ?? 6;
  const cache = deps.dataVersion ? createConversationCache(deps.dataVersion) : NO_CACHE;

  async function* turn(input: ChatInput): AsyncGenerator<ChatEvent> {
    const startedAt = deps.now();
    const lease = cache.lease(input.conversationId);
    let conv: TurnConversation | null = lease.state?.conv ?? (input.conversationId ? await findConversation(deps.db, input.conversationId) : null);
    if (input.conversationId && (!conv || !ownsConversation(conv, input.shopper))) throw notFound('Conversation not found');
    const { release, waited } = await lock.acquire(conv?.id ?? input.shopper.sessionId);
    let cachedHistory = lease.state?.history;
    let response: ChatResponse;
    try {
      if (conv && waited) {
        conv = (await findConversation(deps.db, conv.id)) ?? conv; // another turn just changed it
        cachedHistory = undefined;
      }
      const shopperRef = { current: effectiveShopper(conv, input.shopper) };
      // A customer verified in chat earlier is still checked every turn: erased or blocked since → 401.
      if (shopperRef.current.via === 'verify_customer' && !(await customerExists(deps.db, shopperRef.current.customerId!))) throw unauthorized('This account is no longer available');
      // A session is recorded when it first chats; its later messages are the same visit.
      if (!conv) await recordSession(deps.db, shopperRef.current, startedAt).catch(refuseErased);
      const { segment, profile } = await deps.segmenter.segment({ customerId: shopperRef.current.customerId, sessionId: shopperRef.current.sessionId });

      const change = optOutChange(input.message);
      const optOut = change === 'opt_out' ? true : change === 'opt_in' ? false : (conv?.optOut ?? false);
      const context = await buildPersonaContext(deps.db, { shopper: shopperRef.current, profile, page: input.page, now: startedAt });
      const persona = forShopper(deps.personas.resolve({ segment, optOut, subjectId: shopperRef.current.customerId ?? shopperRef.current.sessionId, context }), shopperRef.current);
      const personaRef = { id: persona.id, version: persona.version, variant: persona.variant };

      if (!conv) conv = await createConversation(deps, shopperRef.current, segment, persona, startedAt);
      yield { type: 'meta', conversationId: conv.id, segment, persona: personaRef, model: deps.provider.name };

      const turnNo = conv.turnCount + 1;
      // A conversation's first turn has no proposal to answer: no read for it.
      const approval = conv.turnCount > 0 ? await decideApproval(deps.db, conv.id, shopperRef.current, input, deps.now()) : null;
      const history = cachedHistory ?? (await loadRecentMessages(deps.db, conv, historyTurns));
      let boundMidTurn = false;
      const emitted: ToolEvent[] = [];
      const stream = runTurn(
        {
          persona,
          history,
          summary: conv.summary,
          message: input.message,
          stream: input.stream,
          toolCtx: {
            db: deps.db,
            atomic: deps.atomic,
            now: deps.now,
            ids: deps.ids,
            get shopper() {
              return shopperRef.current;
            },
            segment,
            conversationId: conv.id,
            turn: turnNo,
            approval,
            clientKey: input.clientKey ?? null,
            bindCustomer(customerId) {
              boundMidTurn = true;
              shopperRef.current = { ...shopperRef.current, customerId, verified: true, via: 'verify_customer' };
            },
            emit: (e) => emitted.push(e),
            record: (e) => ({ id: deps.ids('evt'), conversationId: conv!.id, customerId: shopperRef.current.customerId, sessionId: shopperRef.current.sessionId, type: e.type, data: e.data, createdAt: deps.now() }),
            transcript: () => transcriptText(history, input.message, conv!.summary),
          },
        },
        { provider: deps.provider, fallback: deps.fallback, tools: deps.tools, maxSteps: deps.maxSteps, historyTurns, now: deps.now, logger, signal: input.signal },
      );

      let final: Extract<TurnEvent, { type: 'final' }> | null = null;
      let step = await stream.next();
      while (!step.done) {
        const ev = step.value;
        if (ev.type === 'final') final = ev;
        else if (ev.type !== 'error') yield ev;
        else logger.warn('turn_error_event', { conversationId: conv.id, code: ev.code });
        step = await stream.next();
      }
      const result = step.value;
      if (!final) throw new Error('agent loop ended without a final event');
      final = await stateProposal(deps.db, conv.id, shopperRef.current, turnNo, final, result.messages, deps.now());

      let seq = await nextSeq(deps.db, conv, history);
      const at = deps.now();
      const userMsg = { id: deps.ids('msg'), conversationId: conv.id, turn: turnNo, seq: seq++, role: 'user' as const, content: input.message, createdAt: startedAt };
      const produced = result.messages.map((m) => ({ ...m, id: deps.ids('msg'), conversationId: conv!.id, turn: turnNo, seq: seq++, createdAt: at }));
      const lastAssistant = [...produced].reverse().find((m) => m.role === 'assistant');
      const latencyMs = at - startedAt;
      const summary = summarizeTurns(conv.summary, history, conv.turnCount, historyTurns);
      const update = { ...servedBy(segment, persona), model: final.model, optOut, summary, turnCount: turnNo, updatedAt: at };
      await commitTurn(deps.db, deps.atomic, {
        conversation: conv,
        update,
        messages: [userMsg, ...produced],
        turn: {
          id: deps.ids('turn'),
          conversationId: conv.id,
          turn: turnNo,
          segmentId: segment.id,
          personaId: persona.id,
          variant: persona.variant,
          model: final.model,
          modelCalls: final.usage.modelCalls,
          inputTokens: final.usage.inputTokens,
          outputTokens: final.usage.outputTokens,
          latencyMs,
          outcome: final.outcome,
          createdAt: at,
        },
        events: emitted.map((e) => ({
          id: deps.ids('evt'),
          conversationId: conv!.id,
          customerId: shopperRef.current.customerId,
          sessionId: shopperRef.current.sessionId,
          type: e.type,
          data: e.data,
          createdAt: at,
        })),
      });
      // verify_customer rewrote the row's customer mid-turn: the next turn reads it back instead.
      if (!boundMidTurn) lease.keep({ conv: { ...conv, ...update }, history: nextWindow(history, [userMsg, ...produced], turnNo, historyTurns) });
      logger.info('turn', { conversationId: conv.id, turn: turnNo, segment: segment.id, persona: persona.id, variant: persona.variant, model: final.model, modelCalls: final.usage.modelCalls, tools: final.toolCalls.map((t) => t.name), latencyMs, outcome: final.outcome });

      response = {
        conversationId: conv.id,
        messageId: lastAssistant?.id ?? userMsg.id,
        reply: final.reply,
        segment,
        persona: personaRef,
        toolCalls: final.toolCalls,
        usage: final.usage,
        model: final.model,
      };
    } finally {
      release();
    }
    // Yielded after the lock is released: a consumer that stops reading at `done` must not
    // keep the conversation locked.
    yield { type: 'done', response };
  }

  return {
    turn,
    async transcript(conversationId, shopper) {
      const conv = await findConversation(deps.db, conversationId);
      if (!conv || !ownsConversation(conv, shopper)) return null;
      return readTranscript(deps.db, conv);
    },
  };
}

/**
 * A proposal made in this turn is stated in the server's own words beside a model's reply, so the
 * shopper's "yes" answers what will really happen, whatever the model wrote around it. The offline
 * model's replies are ours and already state it.
 */
async function stateProposal<F extends { reply: string; model: string }>(db: Db, conversationId: string, shopper: Shopper, turn: number, final: F, produced: Array<{ role: string; content: string }>, now: number): Promise<F> {
  if (final.model.startsWith('offline')) return final;
  const proposal = await readProposal(db, conversationId, shopper.customerId, now);
  if (!proposal || proposal.turn !== turn) return final;
  const line = `${proposal.summary ?? `A ${proposal.action.replace(/_/g, ' ')} is waiting for your confirmation.`} Reply "yes" to go ahead or "no" to cancel (or use the buttons).`;
  const reply = `${final.reply.trim()}\n\n${line}`;
  const last = [...produced].reverse().find((m) => m.role === 'assistant');
  if (last) last.content = reply;
  return { ...final, reply };
}

/**
 * A signed-in customer erased between the identity check and this write: their token no longer
 * names anyone, which is a 401 like any token for an unknown customer, not a server error.
 */
function refuseErased(err: unknown): never {
  if (err instanceof Error && /FOREIGN KEY constraint failed/i.test(err.message)) throw unauthorized();
  throw err;
}

/** The verbatim window after turn `turnNo`, as `loadRecentMessages` would read it back. */
function nextWindow(history: readonly MessageRow[], added: ReadonlyArray<Parameters<typeof messageRow>[0]>, turnNo: number, turns: number): MessageRow[] {
  const stored = added.map((m) => {
    const row = messageRow(m);
    return row.toolCalls ? { ...row, toolCalls: JSON.parse(JSON.stringify(row.toolCalls)) as MessageRow['toolCalls'] } : row;
  });
  return [...history, ...stored].filter((m) => m.turn > turnNo - turns);
}

type Served = { id: string; version: string; variant: string | null; experimentId: string | null };

/** A shopper who is already signed in or verified is never asked to verify: the tool is not offered. */
function forShopper<P extends { tools: readonly string[] }>(persona: P, shopper: Shopper): P {
  return shopper.verified && persona.tools.includes('verify_customer') ? { ...persona, tools: persona.tools.filter((t) => t !== 'verify_customer') } : persona;
}

/** Who served a conversation: recorded when it starts and updated with every turn. */
function servedBy(segment: { id: string; rule: string }, persona: Served) {
  return { segmentId: segment.id, ruleId: segment.rule, personaId: persona.id, personaVersion: persona.version, variant: persona.variant, experimentId: persona.experimentId };
}

async function createConversation(
  deps: ChatDeps,
  shopper: Shopper,
  segment: { id: string; rule: string },
  persona: Served,
  now: number,
): Promise<ConversationRow> {
  const row: ConversationRow = {
    id: deps.ids('conv'),
    sessionId: shopper.sessionId,
    customerId: shopper.customerId,
    verifiedBy: shopper.via === 'anonymous' ? null : shopper.via,
    ...servedBy(segment, persona),
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
  await insertConversation(deps.db, row);
  return row;
}

function transcriptText(history: Array<{ role: string; content: string }>, message: string, summary: string): string {
  // Each message fenced on its own: a shopper cannot fake an "Assistant:" line for the human agent.
  // Line breaks go too: every line the agent reads starts with the server's own label.
  const quote = (text: string) => fenceText(text, 400).replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
  const lines = history.filter((m) => m.role !== 'tool' && m.content).map((m) => `${m.role === 'user' ? 'Shopper' : 'Assistant'}: ${quote(m.content)}`);
  lines.push(`Shopper: ${quote(message)}`);
  const text = (summary ? `Earlier: ${summary}\n` : '') + lines.slice(-8).join('\n');
  return text.length > 1500 ? text.slice(text.length - 1500) : text;
}

// A turn's last stage: the user's message and everything the loop produced become rows, committed
// together with the conversation's update, the turn's figures and its business events; then the
// state is kept for the next turn, the turn is logged and counted, and the response is built. All
// of them name the segment and persona that finished the turn (reselect.ts: a shopper who verified
// mid-turn is served as their own from then on); the log line also names who it started as.
import { summarizeTurns } from '../agent/index.js';
import type { Span } from '../telemetry/index.js';
import type { TurnEnv } from './deps.js';
import type { PreparedTurn } from './prepare.js';
import { servedBy } from './prepare.js';
import type { RanTurn } from './run.js';
import type { ChatInput, ChatResponse } from './types.js';
import { commitTurn, messageRow, nextSeq, type MessageRow, type TurnWrites } from './store.js';

export async function persistTurn(
  env: TurnEnv,
  turn: PreparedTurn,
  ran: RanTurn,
  input: ChatInput,
  span: Span | undefined,
): Promise<ChatResponse> {
  const { deps, historyTurns } = env;
  const { conv, turnNo } = turn;
  const { final, history } = ran;
  // Who finished the turn: after a verification mid-turn, the shopper's own segment and persona,
  // who will serve the conversation's next turn too.
  const { segment, personaRef } = ran.served;
  const seq = await nextSeq(deps.db, conv, history);
  const at = deps.now();
  const rows = messageRows(env, turn, ran, input, seq, at);
  let lastAssistant: MessageRow | undefined;
  for (const m of rows) if (m.role === 'assistant') lastAssistant = m;
  const latencyMs = at - turn.startedAt;
  const summary = summarizeTurns(conv.summary, history, conv.turnCount, historyTurns);
  const update = conversationUpdate(ran, turn, summary, at);
  await commitTurn(deps.db, deps.atomic, {
    conversation: conv,
    update,
    messages: rows,
    turn: turnRow(env, turn, ran, latencyMs, at),
    events: eventRows(env, turn, ran, at),
  });
  // verify_customer rewrote the row's customer mid-turn: the next turn reads it back instead.
  if (!ran.boundMidTurn) turn.lease.keep({ conv: { ...conv, ...update }, history: nextWindow(history, rows, turnNo, historyTurns) });
  logTurn(env, turn, ran, input, latencyMs, span);
  return {
    conversationId: conv.id,
    messageId: lastAssistant?.id ?? rows[0]!.id,
    reply: final.reply,
    segment,
    persona: personaRef,
    toolCalls: final.toolCalls,
    usage: final.usage,
    model: final.model,
  };
}

/**
 * The shopper's message and what the loop produced, as rows numbered from `seq`. Written out field
 * by field: fields added after a spread (`{ ...m, id, seq }`) make V8 build a slow object of about
 * 400 bytes per added field, on every message of every turn.
 */
function messageRows(env: TurnEnv, turn: PreparedTurn, ran: RanTurn, input: ChatInput, seq: number, at: number): MessageRow[] {
  const { ids } = env.deps;
  const { conv, turnNo } = turn;
  const rows: MessageRow[] = [
    {
      id: ids('msg'),
      conversationId: conv.id,
      turn: turnNo,
      seq: seq++,
      role: 'user',
      content: input.message,
      toolCalls: null,
      toolCallId: null,
      toolName: null,
      createdAt: turn.startedAt,
    },
  ];
  for (const m of ran.messages)
    rows.push({
      id: ids('msg'),
      conversationId: conv.id,
      turn: turnNo,
      seq: seq++,
      role: m.role,
      content: m.content,
      toolCalls: m.toolCalls,
      toolCallId: m.toolCallId,
      toolName: m.toolName,
      createdAt: at,
    });
  return rows;
}

/** The conversation row's per-turn fields: who finished the turn (servedBy), its model and counters. */
function conversationUpdate(ran: RanTurn, turn: PreparedTurn, summary: string, at: number): TurnWrites['update'] {
  const served = servedBy(ran.served.segment, ran.served.persona);
  return {
    segmentId: served.segmentId,
    ruleId: served.ruleId,
    personaId: served.personaId,
    personaVersion: served.personaVersion,
    variant: served.variant,
    experimentId: served.experimentId,
    model: ran.final.model,
    optOut: turn.optOut,
    summary,
    turnCount: turn.turnNo,
    updatedAt: at,
  };
}

function turnRow(env: TurnEnv, turn: PreparedTurn, ran: RanTurn, latencyMs: number, at: number): TurnWrites['turn'] {
  const { final } = ran;
  return {
    id: env.deps.ids('turn'),
    conversationId: turn.conv.id,
    turn: turn.turnNo,
    segmentId: ran.served.segment.id,
    personaId: ran.served.persona.id,
    variant: ran.served.persona.variant,
    model: final.model,
    modelCalls: final.usage.modelCalls,
    inputTokens: final.usage.inputTokens,
    outputTokens: final.usage.outputTokens,
    latencyMs,
    outcome: final.outcome,
    createdAt: at,
  };
}

function eventRows(env: TurnEnv, turn: PreparedTurn, ran: RanTurn, at: number): TurnWrites['events'] {
  const shopper = turn.shopper.current;
  return ran.emitted.map((e) => ({
    id: env.deps.ids('evt'),
    conversationId: turn.conv.id,
    customerId: shopper.customerId,
    sessionId: shopper.sessionId,
    type: e.type,
    data: e.data,
    createdAt: at,
  }));
}

/** One line per turn: ids, counts and names only, never the shopper's or the model's words. */
function logTurn(env: TurnEnv, turn: PreparedTurn, ran: RanTurn, input: ChatInput, latencyMs: number, span: Span | undefined): void {
  const { final } = ran;
  const { persona, segment } = ran.served;
  const record = {
    requestId: input.requestId ?? null,
    conversationId: turn.conv.id,
    turn: turn.turnNo,
    segment: segment.id,
    persona: persona.id,
    personaVersion: persona.version,
    variant: persona.variant,
    model: final.model,
    modelCalls: final.usage.modelCalls,
    inputTokens: final.usage.inputTokens,
    outputTokens: final.usage.outputTokens,
    tools: final.toolCalls.map((t) => t.name),
    toolsOffered: ran.toolsOffered,
    latencyMs,
    outcome: final.outcome,
    // Verified mid-turn: who the turn started as, before the shopper's own persona took over.
    ...(ran.reselected ? { startedAs: { segment: turn.segment.id, persona: turn.persona.id } } : {}),
  };
  env.logger.info('turn', record);
  env.telemetry.recordTurn(record, span, ran.emitted);
}

/**
 * The verbatim window after turn `turnNo`, as `loadRecentMessages` would read it back. Shares the
 * rows' objects (their tool calls included): the cache copies the window into bytes as it keeps it.
 */
function nextWindow(
  history: readonly MessageRow[],
  added: ReadonlyArray<Parameters<typeof messageRow>[0]>,
  turnNo: number,
  turns: number,
): MessageRow[] {
  const window: MessageRow[] = [];
  for (const m of history) if (m.turn > turnNo - turns) window.push(m);
  for (const m of added) if (m.turn > turnNo - turns) window.push(messageRow(m));
  return window;
}

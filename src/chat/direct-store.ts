// The rows of a channel conversation (MCP): found by session and shopper, started on first use,
// and one turn per call committed at once — the call, its result and its events — through the
// same atomic seam as a chat turn, so metrics, transcripts and crash reconciliation see it alike.
import { and, desc, eq } from 'drizzle-orm';
import { conversations, messages, type Atomic, type Clock, type Db, type IdGen } from '../db/index.js';
import { fenceText, fenceValue, type SegmentResult, type Shopper } from '../core/index.js';
import type { ToolEvent, ToolResult } from '../tools/index.js';
import {
  commitTurn,
  conversationOwnerColumns,
  insertConversation,
  nextSeq,
  ownsConversation,
  recordSession,
  type ConversationRow,
} from './store.js';

export interface CallDone {
  name: string;
  args: Record<string, unknown>;
  result: ToolResult;
}

interface StoreDeps {
  db: Db;
  atomic: Atomic;
  now: Clock;
  ids: IdGen;
  channel: string;
}

/** The session's latest channel conversation this shopper may continue, or null. */
export async function channelConversation(db: Db, channel: string, shopper: Shopper, now: number): Promise<ConversationRow | null> {
  const rows = await db
    .select(conversationOwnerColumns())
    .from(conversations)
    .where(and(eq(conversations.sessionId, shopper.sessionId), eq(conversations.personaId, channel)))
    .orderBy(desc(conversations.createdAt))
    .limit(5);
  // The chat's rule: a signed-in shopper continues only their own; an anonymous one only an anonymous one, or one
  // verified in chat while that proof is in use.
  return rows.find((c) => ownsConversation(c, shopper, now)) ?? null;
}

export function served(channel: string, segment: SegmentResult) {
  return { segmentId: segment.id, ruleId: segment.rule, personaId: channel, personaVersion: channel, variant: null, experimentId: null };
}

export async function startChannelConversation(
  deps: StoreDeps,
  shopper: Shopper,
  segment: SegmentResult,
  now: number,
): Promise<ConversationRow> {
  await recordSession(deps.db, shopper, now);
  const row: ConversationRow = {
    id: deps.ids('conv'),
    sessionId: shopper.sessionId,
    customerId: shopper.customerId,
    verifiedBy: shopper.via === 'anonymous' ? null : shopper.via,
    ...served(deps.channel, segment),
    model: deps.channel,
    optOut: false,
    verifyAttempts: 0,
    pending: null,
    summary: '',
    turnCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  await insertConversation(deps.db, row);
  return row;
}

interface CallCommit {
  conv: ConversationRow;
  turn: number;
  segment: SegmentResult;
  done: CallDone;
  emitted: ToolEvent[];
  shopper: Shopper;
  startedAt: number;
}

/** The call and its result as the conversation's two messages. */
function callMessages(deps: StoreDeps, c: CallCommit, at: number, seq: number, callId: string) {
  const { conv, turn, done } = c;
  const base = { conversationId: conv.id, turn, createdAt: at };
  return [
    {
      ...base,
      id: deps.ids('msg'),
      seq,
      role: 'assistant' as const,
      content: '',
      toolCalls: [{ id: callId, name: done.name, args: done.args }],
    },
    {
      ...base,
      id: deps.ids('msg'),
      seq: seq + 1,
      role: 'tool' as const,
      content: JSON.stringify(fenceValue(done.result)),
      toolCallId: callId,
      toolName: done.name,
    },
  ];
}

/** The turn row of a call: no model calls, no tokens, a reply. */
function callTurn(deps: StoreDeps, c: CallCommit, at: number) {
  return {
    id: deps.ids('turn'),
    conversationId: c.conv.id,
    turn: c.turn,
    segmentId: c.segment.id,
    personaId: deps.channel,
    variant: null,
    model: deps.channel,
    modelCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    latencyMs: at - c.startedAt,
    outcome: 'reply' as const,
    createdAt: at,
  };
}

export async function commitCall(deps: StoreDeps, c: CallCommit): Promise<void> {
  const { conv, turn, segment, shopper } = c;
  const at = deps.now();
  const seq = await nextSeq(deps.db, conv, []);
  const callId = deps.ids('call');
  await commitTurn(deps.db, deps.atomic, {
    conversation: conv,
    update: {
      ...served(deps.channel, segment),
      model: deps.channel,
      optOut: conv.optOut,
      summary: conv.summary,
      turnCount: turn,
      updatedAt: at,
    },
    messages: callMessages(deps, c, at, seq, callId),
    turn: callTurn(deps, c, at),
    events: c.emitted.map((e) => ({
      id: deps.ids('evt'),
      conversationId: conv.id,
      customerId: shopper.customerId,
      sessionId: shopper.sessionId,
      type: e.type,
      data: e.data,
      createdAt: at,
    })),
  });
}

/** The last calls of the conversation in plain lines, fenced: what a human colleague reads on a hand-over. */
export async function recentCalls(db: Db, conversationId: string): Promise<string> {
  const rows = await db
    .select({ toolCalls: messages.toolCalls })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'assistant')))
    .orderBy(desc(messages.seq))
    .limit(8);
  const lines = rows
    .reverse()
    .flatMap((r) => r.toolCalls ?? [])
    .map((c) => `Agent (MCP) called ${c.name}: ${fenceText(JSON.stringify(c.args), 300).replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')}`);
  return lines.length ? lines.join('\n') : 'The shopper’s agent asked over MCP (no earlier calls).';
}

// Conversation persistence: ownership, loading the bounded history, and building one turn's
// writes so they commit together through the Atomic seam (transaction on SQLite, batch on D1).
import { and, asc, desc, eq, getTableColumns, gt, sql, type Table } from 'drizzle-orm';
import {
  conversations,
  events,
  messages,
  placeholders,
  prepared,
  sessions,
  turns,
  verifiedOrders,
  writeRowsTemplate,
  writeTemplate,
  type Atomic,
  type Db,
} from '../db/index.js';
import type { Shopper } from '../core/index.js';
import { provenOrderIds } from '../shop/index.js';
import type { TurnShopper } from './tool-context.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/**
 * A signed-in shopper continues only their own conversations (bound to them by token or by
 * verify_customer), never an anonymous one: their turns would stay readable to whoever presents that
 * session id after they sign out. An anonymous shopper continues the anonymous conversations of their
 * session and the one that session verified in chat. The session id alone is the client's to choose,
 * so it never opens a customer's conversation to someone signed out or signed in as another (the
 * rule of direct-store.ts's channelConversation). Anything else is reported exactly like a missing one.
 */
type Owner = Pick<ConversationRow, 'sessionId' | 'customerId' | 'verifiedBy' | 'updatedAt' | 'createdAt'> & {
  /** When its first order was proven in chat (`provenAt`); unread, its start stands in (never later than the proof). */
  provenAt?: number | null;
};

/**
 * How long a proof given in chat keeps its conversation open to the session after the conversation's last turn. The
 * session and conversation live in the browser (the widget keeps them), so on a shared computer the next person has
 * them too; a storefront token expires (7 days at most), and so does this, once the shopper stops (SECURITY.md).
 */
export const CHAT_PROOF_IDLE_MS = 60 * 60 * 1000;

/**
 * How long a proof given in chat keeps its conversation open at most, however busy: a browser left signed in by a proof
 * (a kiosk, a tab kept open and touched now and then) is not open for ever, as a storefront token is not (SECURITY.md).
 */
export const CHAT_PROOF_MAX_MS = 12 * 60 * 60 * 1000;

export function ownsConversation(conv: Owner, shopper: Shopper, now: number): boolean {
  if (shopper.customerId !== null) return conv.customerId === shopper.customerId;
  if (conv.sessionId !== shopper.sessionId) return false;
  return conv.customerId === null || (conv.verifiedBy === 'verify_customer' && proofInUse(conv, now));
}

/** A chat proof counts while its conversation is in use, and never past CHAT_PROOF_MAX_MS from the proof. */
const proofInUse = (conv: Owner, now: number): boolean =>
  now - conv.updatedAt <= CHAT_PROOF_IDLE_MS && now - (conv.provenAt ?? conv.createdAt) <= CHAT_PROOF_MAX_MS;

/** A conversation's columns with `provenAt`: when its first order was proven in chat (null when none was). */
export const conversationOwnerColumns = () => ({
  ...getTableColumns(conversations),
  provenAt: sql<
    number | null
  >`(select min(${verifiedOrders.verifiedAt}) from ${verifiedOrders} where ${verifiedOrders.conversationId} = ${conversations.id})`,
});

/** The shopper acting in this conversation: an anonymous session that verified in chat acts as that customer. */
export function effectiveShopper(conv: Owner | null, shopper: Shopper): Shopper {
  if (conv && !shopper.customerId && conv.customerId && conv.verifiedBy === 'verify_customer' && conv.sessionId === shopper.sessionId) {
    return { ...shopper, customerId: conv.customerId, verified: true, via: 'verify_customer' };
  }
  return shopper;
}

/**
 * The shopper acting in this conversation as a turn (or an MCP call) starts, with the orders a chat verification proved
 * in it: read here once, carried on the tool context (tools/results.ts shopperScope) and the segment (segmentWho).
 */
export async function turnShopper(db: Db, conv: (Owner & { id: string }) | null, shopper: Shopper): Promise<TurnShopper> {
  const current = effectiveShopper(conv, shopper);
  const provenOrders = conv && current.via === 'verify_customer' ? await provenOrderIds(db, conv.id) : [];
  return { current, provenOrders };
}

export async function findConversation(db: Db, id: string): Promise<ConversationRow | null> {
  const q = prepared(db, 'chat.findConversation', (d) =>
    d
      .select(conversationOwnerColumns())
      .from(conversations)
      .where(eq(conversations.id, sql.placeholder('id')))
      .limit(1)
      .prepare(),
  );
  const [row] = await q.all({ id });
  return row ?? null;
}

/** Idempotent: a session row is recorded once, when its first message arrives. */
export async function recordSession(db: Db, shopper: Shopper, now: number): Promise<void> {
  const q = prepared(db, 'chat.recordSession', (d) =>
    d
      .insert(sessions)
      .values({ id: sql.placeholder('id'), customerId: sql.placeholder('customerId'), startedAt: sql.placeholder('now'), pagesSeen: 1 })
      .onConflictDoNothing()
      .prepare(),
  );
  await q.run({ id: shopper.sessionId, customerId: shopper.customerId, now });
}

/** The last `turnsWindow` turns verbatim, oldest first; older ones live in conversations.summary. */
export async function loadRecentMessages(
  db: Db,
  conv: Pick<ConversationRow, 'id' | 'turnCount'>,
  turnsWindow: number,
): Promise<MessageRow[]> {
  if (conv.turnCount === 0) return [];
  const q = prepared(db, 'chat.recentMessages', (d) =>
    d
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, sql.placeholder('id')), gt(messages.turn, sql.placeholder('fromTurn'))))
      .orderBy(asc(messages.seq))
      .prepare(),
  );
  return q.all({ id: conv.id, fromTurn: conv.turnCount - turnsWindow });
}

/** The next message sequence number; the loaded history already ends with the latest turn. */
export async function nextSeq(db: Db, conv: Pick<ConversationRow, 'id' | 'turnCount'>, history: readonly MessageRow[]): Promise<number> {
  const last = history[history.length - 1];
  if (last) return last.seq + 1;
  if (conv.turnCount === 0) return 1;
  const q = prepared(db, 'chat.lastSeq', (d) =>
    d
      .select({ seq: messages.seq })
      .from(messages)
      .where(eq(messages.conversationId, sql.placeholder('id')))
      .orderBy(desc(messages.seq))
      .limit(1)
      .prepare(),
  );
  const [row] = await q.all({ id: conv.id });
  return (row?.seq ?? 0) + 1;
}

/**
 * One statement, committed on its own at once (the tools of the turn about to run update this
 * row). A new conversation has nothing pending: the JSON column stays NULL (drizzle would bind a
 * placeholder's null as the text 'null').
 */
export async function insertConversation(db: Db, row: Omit<ConversationRow, 'pending'>): Promise<void> {
  const columns = columnsOf(conversations).filter((c) => c !== 'pending');
  const q = prepared(db, 'chat.insertConversation', (d) =>
    d
      .insert(conversations)
      .values(placeholders(...columns))
      .prepare(),
  );
  await q.run(row);
}

/**
 * A chat's first turn: its session (insert-or-nothing, when this process has not recorded it yet)
 * and the conversation row, as one write through the atomic seam — on Node part of the group
 * commit of whatever else finishes in this pass (all or nothing on its own), instead of two
 * transactions of their own.
 * Committed before the loop runs: tools update the conversation row mid-turn.
 */
export async function startConversation(
  db: Db,
  atomic: Atomic,
  row: Omit<ConversationRow, 'pending'>,
  session: { shopper: Shopper; now: number } | null,
): Promise<void> {
  const insertSession = writeTemplate<{ id: string; customerId: string | null; startedAt: number; pagesSeen: number }>(
    db,
    'chat.startSession',
    (d) =>
      d
        .insert(sessions)
        .values(placeholders('id', 'customerId', 'startedAt', 'pagesSeen'))
        .onConflictDoNothing(),
  );
  const insertConv = writeTemplate<Omit<ConversationRow, 'pending'>>(db, 'chat.startConversation', (d) =>
    d.insert(conversations).values(placeholders(...columnsOf(conversations).filter((c) => c !== 'pending'))),
  );
  const writes = [insertConv(row)];
  if (session)
    writes.unshift(
      insertSession({ id: session.shopper.sessionId, customerId: session.shopper.customerId, startedAt: session.now, pagesSeen: 1 }),
    );
  await atomic(writes);
}

/** A new message as its row reads back (absent optional columns are NULL). */
export function messageRow(m: typeof messages.$inferInsert): MessageRow {
  // Field by field rather than `{ ...m, toolCalls: … }`: adding fields after a spread makes V8 build a slow object.
  return {
    id: m.id,
    conversationId: m.conversationId,
    turn: m.turn,
    seq: m.seq,
    role: m.role,
    content: m.content,
    toolCalls: m.toolCalls ?? null,
    toolCallId: m.toolCallId ?? null,
    toolName: m.toolName ?? null,
    createdAt: m.createdAt,
  };
}

export interface TurnWrites {
  conversation: Pick<ConversationRow, 'id'>;
  /** The conversation row's per-turn fields; verification and pending state are owned by the tools. */
  update: Pick<
    ConversationRow,
    | 'segmentId'
    | 'ruleId'
    | 'personaId'
    | 'personaVersion'
    | 'variant'
    | 'experimentId'
    | 'model'
    | 'optOut'
    | 'summary'
    | 'turnCount'
    | 'updatedAt'
  >;
  messages: Array<typeof messages.$inferInsert>;
  turn: typeof turns.$inferInsert;
  events: Array<typeof events.$inferInsert>;
}

const UPDATED_FIELDS = [
  'segmentId',
  'ruleId',
  'personaId',
  'personaVersion',
  'variant',
  'experimentId',
  'model',
  'optOut',
  'summary',
  'turnCount',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof TurnWrites['update']>;
type Row<T extends Table> = Record<keyof T['$inferInsert'], unknown>;
const columnsOf = <T extends Table>(table: T) => Object.keys(getTableColumns(table)) as Array<keyof T['$inferInsert'] & string>;

/**
 * One turn's writes, committed together. Each statement shape is compiled once per database
 * (one row per statement: D1's bound-parameter limit never applies, and the shapes stay fixed).
 */
export async function commitTurn(db: Db, atomic: Atomic, w: TurnWrites): Promise<void> {
  const updateConversation = writeTemplate<TurnWrites['update'] & { id: string }>(db, 'chat.updateConversation', (d) =>
    d
      .update(conversations)
      // drizzle types `set` without placeholders; at runtime they are bound like values.
      .set(placeholders(...UPDATED_FIELDS) as unknown as TurnWrites['update'])
      .where(eq(conversations.id, sql.placeholder('id'))),
  );
  // The turn's messages (the shopper's, the model's, the tool results) as one statement, not one each.
  const insertMessages = writeRowsTemplate<Row<typeof messages>>(db, 'chat.insertMessages', columnsOf(messages), (d, rows) =>
    d.insert(messages).values(rows),
  );
  const insertTurn = writeTemplate<Row<typeof turns>>(db, 'chat.insertTurn', (d) =>
    d.insert(turns).values(placeholders(...columnsOf(turns))),
  );
  const insertEvent = writeTemplate<Row<typeof events>>(db, 'chat.insertEvent', (d) =>
    d.insert(events).values(placeholders(...columnsOf(events))),
  );
  const u = w.update;
  await atomic([
    // Written out rather than assigned or spread onto another object: fields added to an object
    // after it was made turn it into a slow one, on every turn.
    updateConversation({
      id: w.conversation.id,
      segmentId: u.segmentId,
      ruleId: u.ruleId,
      personaId: u.personaId,
      personaVersion: u.personaVersion,
      variant: u.variant,
      experimentId: u.experimentId,
      model: u.model,
      optOut: u.optOut,
      summary: u.summary,
      turnCount: u.turnCount,
      updatedAt: u.updatedAt,
    }),
    ...insertMessages(w.messages.map(messageRow)),
    insertTurn(w.turn.variant === undefined ? { ...w.turn, variant: null } : (w.turn as Row<typeof turns>)),
    ...w.events.map((e) =>
      insertEvent({
        ...e,
        conversationId: e.conversationId ?? null,
        customerId: e.customerId ?? null,
        sessionId: e.sessionId ?? null,
        data: e.data ?? {},
      }),
    ),
  ]);
}

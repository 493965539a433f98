// After a crash. A tool's write (a return label, a ticket) commits with the event that tells of
// it, but the turn's messages commit only when the turn ends: a process killed in between leaves
// an action the transcript does not show. At startup every such action gets its transcript line —
// an assistant note in the turn that was cut short — and the conversation moves past that turn.
import { and, eq, gt, sql } from 'drizzle-orm';
import { conversations, events, messages, type Atomic, type Db, type IdGen } from '../db/index.js';
import type { Logger } from '../core/index.js';

const TOLD: Record<string, (d: Record<string, unknown>) => string> = {
  return_label_created: (d) =>
    `a return label (${String(d.trackingCode ?? '')}) was created for order #${String(d.orderNumber ?? '')} and emailed`,
  escalated: () => 'the conversation was handed over to a colleague',
};

export async function reconcileInterruptedTurns(db: Db, atomic: Atomic, ids: IdGen, now: number, logger?: Logger): Promise<number> {
  const turnOf = sql<number>`cast(json_extract(${events.data}, '$.turn') as integer)`;
  const rows = await db
    .select({ conversationId: conversations.id, turnCount: conversations.turnCount, type: events.type, data: events.data, turn: turnOf })
    .from(events)
    .innerJoin(conversations, eq(conversations.id, events.conversationId))
    .where(and(gt(turnOf, conversations.turnCount)))
    .orderBy(events.createdAt);
  const byConversation = new Map<string, { turn: number; told: string[] }>();
  for (const r of rows) {
    const tell = TOLD[r.type];
    const entry = byConversation.get(r.conversationId) ?? { turn: r.turn, told: [] };
    entry.turn = Math.max(entry.turn, r.turn);
    if (tell) entry.told.push(tell(r.data));
    byConversation.set(r.conversationId, entry);
  }
  for (const [conversationId, { turn, told }] of byConversation) {
    const [last] = await db
      .select({ seq: sql<number>`coalesce(max(${messages.seq}), 0)` })
      .from(messages)
      .where(eq(messages.conversationId, conversationId));
    const content = `(This reply was interrupted. Before that, ${told.length ? told.join('; ') : 'an action was completed'}.)`;
    await atomic([
      db
        .insert(messages)
        .values({ id: ids('msg'), conversationId, turn, seq: (last?.seq ?? 0) + 1, role: 'assistant', content, createdAt: now }),
      db
        .update(conversations)
        .set({ turnCount: turn, updatedAt: now })
        .where(and(eq(conversations.id, conversationId), sql`${conversations.turnCount} < ${turn}`)),
    ]);
    logger?.warn('turn_reconciled', { conversationId, turn, actions: told.length });
  }
  return byConversation.size;
}

// The admin's list of conversations: filtered, newest first, a page at a time. One aggregate
// SQL query per page; filter values are bound parameters, the SQL around them is fixed.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { encodeCursor, type ConversationListQuery } from './schemas.js';

export interface ConversationSummary {
  id: string;
  startedAt: string;
  lastActivityAt: string;
  segment: string;
  persona: { id: string; version: string; variant: string | null };
  customerId: string | null;
  model: string;
  turns: number;
  feedback: { up: number; down: number };
  escalated: boolean;
  converted: boolean;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface Row {
  id: string;
  created_at: number;
  updated_at: number;
  segment_id: string;
  persona_id: string;
  persona_version: string;
  variant: string | null;
  customer_id: string | null;
  model: string;
  turn_count: number;
  up: number | null;
  down: number | null;
  escalated: number;
  converted: number;
}

/**
 * A conversation converts when it has one of these events — the rule of /api/admin/metrics
 * (add_to_cart), plus `purchase` for when orders are attributed to conversations (nothing emits it yet).
 */
export const CONVERSION_EVENTS = ['add_to_cart', 'purchase'] as const;

// An escalation is an `escalated` event or a ticket row, either one (a ticket without its event
// still means a person was asked for). NULL conversation ids are left out so NOT IN stays usable.
const ESCALATED_IDS = sql`SELECT conversation_id FROM events WHERE type = 'escalated' AND conversation_id IS NOT NULL UNION SELECT conversation_id FROM tickets`;
const DOWNVOTED_IDS = sql`SELECT conversation_id FROM feedback WHERE rating < 0`;
const CONVERTED_IDS = sql`SELECT conversation_id FROM events WHERE type IN (${sql.join(
  CONVERSION_EVENTS.map((t) => sql`${t}`),
  sql`, `,
)}) AND conversation_id IS NOT NULL`;

function conditions(q: ConversationListQuery): SQL[] {
  // A conversation whose first turn never committed has nothing to review (as in /api/admin/metrics).
  const where: SQL[] = [sql`c.turn_count > 0`];
  if (q.persona !== undefined) where.push(sql`c.persona_id = ${q.persona}`);
  if (q.version !== undefined) where.push(sql`c.persona_version = ${q.version}`);
  if (q.variant !== undefined) where.push(sql`c.variant = ${q.variant}`);
  if (q.segment !== undefined) where.push(sql`c.segment_id = ${q.segment}`);
  if (q.from !== undefined) where.push(sql`c.created_at >= ${q.from}`);
  if (q.to !== undefined) where.push(sql`c.created_at < ${q.to}`);
  if (q.downvoted !== undefined) where.push(q.downvoted ? sql`c.id IN (${DOWNVOTED_IDS})` : sql`c.id NOT IN (${DOWNVOTED_IDS})`);
  if (q.escalated !== undefined) where.push(q.escalated ? sql`c.id IN (${ESCALATED_IDS})` : sql`c.id NOT IN (${ESCALATED_IDS})`);
  if (q.cursor) {
    const [at, id] = q.cursor;
    where.push(sql`(c.created_at < ${at} OR (c.created_at = ${at} AND c.id < ${id}))`);
  }
  return where;
}

/** Conversations matching the filters, newest started first, `limit` per page. */
export async function listConversations(db: Db, q: ConversationListQuery): Promise<ConversationPage> {
  const rows = await db.all<Row>(sql`
    WITH page AS MATERIALIZED (
      SELECT c.id, c.created_at, c.updated_at, c.segment_id, c.persona_id, c.persona_version, c.variant,
             c.customer_id, c.model, c.turn_count
      FROM conversations c
      WHERE ${sql.join(conditions(q), sql` AND `)}
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT ${q.limit + 1}
    ),
    fb AS (
      SELECT conversation_id, SUM(rating > 0) AS up, SUM(rating < 0) AS down
      FROM feedback WHERE conversation_id IN (SELECT id FROM page) GROUP BY conversation_id
    )
    SELECT p.id, p.created_at, p.updated_at, p.segment_id, p.persona_id, p.persona_version, p.variant,
           p.customer_id, p.model, p.turn_count,
           fb.up, fb.down,
           p.id IN (${ESCALATED_IDS}) AS escalated,
           p.id IN (${CONVERTED_IDS}) AS converted
    FROM page p LEFT JOIN fb ON fb.conversation_id = p.id
    ORDER BY p.created_at DESC, p.id DESC`);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1);
  return { conversations: page.map(toSummary), nextCursor: more && last ? encodeCursor([last.created_at, last.id]) : null };
}

function toSummary(r: Row): ConversationSummary {
  return {
    id: r.id,
    startedAt: new Date(r.created_at).toISOString(),
    lastActivityAt: new Date(r.updated_at).toISOString(),
    segment: r.segment_id,
    persona: { id: r.persona_id, version: r.persona_version, variant: r.variant },
    customerId: r.customer_id,
    model: r.model,
    turns: Number(r.turn_count),
    feedback: { up: Number(r.up ?? 0), down: Number(r.down ?? 0) },
    escalated: Boolean(r.escalated),
    converted: Boolean(r.converted),
  };
}

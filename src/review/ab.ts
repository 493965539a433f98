// A/B figures per persona, prompt version and variant over a time window: one aggregate query
// for the counts, then the intervals (ab-report.ts, stats.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { buildAbReport, type ArmCounts, type GroupReport } from './ab-report.js';
import { CONVERSION_EVENTS } from './conversations.js';
import { Z95 } from './stats.js';
import type { TimeRange } from './schemas.js';

export interface AbReport {
  /** Conversations started in [from, to); null ends are open. */
  window: { from: string | null; to: string | null };
  confidenceLevel: 0.95;
  methods: { rate: string; difference: string; z: number };
  definitions: { conversion: string; csat: string; control: string };
  groups: GroupReport[];
}

interface Row {
  persona: string;
  version: string;
  variant: string | null;
  conversations: number;
  converted: number | null;
  up: number | null;
  down: number | null;
  first_at: number;
  last_at: number;
}

function countsQuery(range: TimeRange, persona: string | undefined): SQL {
  const where: SQL[] = [sql`c.turn_count > 0`];
  if (range.from !== null) where.push(sql`c.created_at >= ${range.from}`);
  if (range.to !== null) where.push(sql`c.created_at < ${range.to}`);
  if (persona !== undefined) where.push(sql`c.persona_id = ${persona}`);
  const types = sql.join(
    CONVERSION_EVENTS.map((t) => sql`${t}`),
    sql`, `,
  );
  // Each subquery is evaluated once (the IN list into a temporary index, the feedback totals
  // into a materialized table), never per conversation.
  return sql`
    SELECT c.persona_id AS persona, c.persona_version AS version, c.variant AS variant,
           COUNT(*) AS conversations,
           SUM(c.id IN (SELECT conversation_id FROM events WHERE type IN (${types}) AND conversation_id IS NOT NULL)) AS converted,
           SUM(fb.up) AS up, SUM(fb.down) AS down,
           MIN(c.created_at) AS first_at, MAX(c.created_at) AS last_at
    FROM conversations c
    LEFT JOIN (
      SELECT conversation_id, SUM(rating > 0) AS up, SUM(rating < 0) AS down FROM feedback GROUP BY conversation_id
    ) fb ON fb.conversation_id = c.id
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
}

export async function abMetrics(db: Db, opts: { range: TimeRange; control: string; persona?: string }): Promise<AbReport> {
  const rows = await db.all<Row>(countsQuery(opts.range, opts.persona));
  const arms: ArmCounts[] = rows.map((r) => ({
    persona: r.persona,
    version: r.version,
    variant: r.variant,
    conversations: Number(r.conversations),
    converted: Number(r.converted ?? 0),
    up: Number(r.up ?? 0),
    down: Number(r.down ?? 0),
    firstAt: Number(r.first_at),
    lastAt: Number(r.last_at),
  }));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    window: { from: iso(opts.range.from), to: iso(opts.range.to) },
    confidenceLevel: 0.95,
    methods: {
      rate: 'Wilson score interval',
      difference: "Newcombe's hybrid score interval (Newcombe 1998, method 10) for arm minus control; significant when it excludes 0",
      z: Z95,
    },
    definitions: {
      conversion: `conversations with an ${CONVERSION_EVENTS.join(' or ')} event / conversations (with at least one turn) started in the window`,
      csat: "thumbs-up ratings / all ratings on those conversations' replies (each rating counted as one trial)",
      control: `the arm whose variant is "${opts.control}" within the same persona and prompt version`,
    },
    groups: buildAbReport(arms, opts.control),
  };
}

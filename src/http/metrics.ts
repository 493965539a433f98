// Business metrics for the admin dashboard, computed by aggregate SQL (never by loading rows
// into memory): per segment and per persona+variant. A conversation is attributed to the
// segment and persona it ended with; only conversations with at least one committed turn count.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.js';

export interface GroupMetrics {
  conversations: number;
  resolvedWithoutEscalation: number | null;
  addToCartConversion: number | null;
  returnLabels: number;
  escalations: number;
  csat: number | null;
  feedback: { up: number; down: number };
  medianLatencyMs: number | null;
  tokensPerConversation: number | null;
  turns: number;
  modelFallbacks: number;
}

export interface SecurityMetrics {
  /** In-chat verifications that failed (wrong details, or refused while locked), last 24 h and all time. */
  failedVerifications: { last24h: number; total: number; locked: number };
  /** Keys (target accounts, sessions, addresses) locked out right now. */
  activeLockouts: number;
}

export interface Metrics {
  generatedAt: string;
  security: SecurityMetrics;
  totals: GroupMetrics;
  segments: Array<{ segment: string } & GroupMetrics>;
  personas: Array<{ persona: string; variant: string | null } & GroupMetrics>;
}

interface Row {
  g1: string;
  g2: string | null;
  conversations: number;
  escalated: number | null;
  carted: number | null;
  labels: number | null;
  up: number | null;
  down: number | null;
  tokens: number | null;
  turns: number | null;
  fallbacks: number | null;
}

// Group keys come from this fixed list only, never from the request.
const GROUPS = {
  segment: { g1: sql.raw('c.segment_id'), g2: sql.raw('NULL') },
  persona: { g1: sql.raw('c.persona_id'), g2: sql.raw('c.variant') },
  total: { g1: sql.raw("'all'"), g2: sql.raw('NULL') },
} satisfies Record<string, { g1: SQL; g2: SQL }>;
type GroupBy = keyof typeof GROUPS;

function countsQuery(by: GroupBy): SQL {
  const { g1, g2 } = GROUPS[by];
  return sql`
    WITH ev AS (
      SELECT conversation_id,
             MAX(type = 'escalated') AS escalated,
             MAX(type = 'add_to_cart') AS carted,
             SUM(type = 'return_label_created') AS labels
      FROM events WHERE conversation_id IS NOT NULL GROUP BY conversation_id
    ),
    tk AS (
      SELECT conversation_id, SUM(input_tokens + output_tokens) AS tokens, COUNT(*) AS turns,
             SUM(model LIKE '%fallback%') AS fallbacks
      FROM turns GROUP BY conversation_id
    ),
    fb AS (
      SELECT conversation_id, SUM(rating > 0) AS up, SUM(rating < 0) AS down
      FROM feedback GROUP BY conversation_id
    )
    SELECT ${g1} AS g1, ${g2} AS g2, COUNT(*) AS conversations,
           SUM(ev.escalated) AS escalated, SUM(ev.carted) AS carted, SUM(ev.labels) AS labels,
           SUM(fb.up) AS up, SUM(fb.down) AS down, SUM(tk.tokens) AS tokens, SUM(tk.turns) AS turns,
           SUM(tk.fallbacks) AS fallbacks
    FROM conversations c
    LEFT JOIN ev ON ev.conversation_id = c.id
    LEFT JOIN tk ON tk.conversation_id = c.id
    LEFT JOIN fb ON fb.conversation_id = c.id
    WHERE c.turn_count > 0
    GROUP BY 1, 2
    ORDER BY 1, 2`;
}

/** The median of turns.latency_ms per group: the middle one or two rows by window functions. */
function latencyQuery(by: GroupBy): SQL {
  const { g1, g2 } = GROUPS[by];
  return sql`
    SELECT g1, g2, AVG(latency_ms) AS median FROM (
      SELECT ${g1} AS g1, ${g2} AS g2, t.latency_ms,
             ROW_NUMBER() OVER (PARTITION BY ${g1}, ${g2} ORDER BY t.latency_ms) AS rn,
             COUNT(*) OVER (PARTITION BY ${g1}, ${g2}) AS n
      FROM turns t JOIN conversations c ON c.id = t.conversation_id
    ) WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY g1, g2`;
}

const key = (g1: string, g2: string | null) => `${g1}\u0000${g2 ?? ''}`;
const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

async function grouped(db: Db, by: GroupBy): Promise<Array<{ g1: string; g2: string | null; m: GroupMetrics }>> {
  const [rows, medians] = await Promise.all([
    db.all<Row>(countsQuery(by)),
    db.all<{ g1: string; g2: string | null; median: number }>(latencyQuery(by)),
  ]);
  const medianBy = new Map(medians.map((r) => [key(r.g1, r.g2), r.median]));
  return rows.map((r) => {
    const n = Number(r.conversations);
    const up = Number(r.up ?? 0);
    const down = Number(r.down ?? 0);
    const escalations = Number(r.escalated ?? 0);
    const median = medianBy.get(key(r.g1, r.g2));
    return {
      g1: r.g1,
      g2: r.g2,
      m: {
        conversations: n,
        resolvedWithoutEscalation: ratio(n - escalations, n),
        addToCartConversion: ratio(Number(r.carted ?? 0), n),
        returnLabels: Number(r.labels ?? 0),
        escalations,
        csat: ratio(up, up + down),
        feedback: { up, down },
        medianLatencyMs: median === undefined ? null : Math.round(Number(median)),
        tokensPerConversation: n > 0 ? Math.round(Number(r.tokens ?? 0) / n) : null,
        turns: Number(r.turns ?? 0),
        modelFallbacks: Number(r.fallbacks ?? 0),
      },
    };
  });
}

export const EMPTY_METRICS: GroupMetrics = {
  conversations: 0,
  resolvedWithoutEscalation: null,
  addToCartConversion: null,
  returnLabels: 0,
  escalations: 0,
  csat: null,
  feedback: { up: 0, down: 0 },
  medianLatencyMs: null,
  tokensPerConversation: null,
  turns: 0,
  modelFallbacks: 0,
};

async function securityMetrics(db: Db, now: number): Promise<SecurityMetrics> {
  const v = await db.get<{ total: number | null; recent: number | null; locked: number | null }>(sql`
    SELECT COUNT(*) AS total, SUM(created_at >= ${now - 86_400_000}) AS recent, SUM(json_extract(data, '$.reason') = 'locked') AS locked
    FROM events WHERE type = 'verify_failed'`);
  const l = await db.get<{ n: number | null }>(sql`SELECT COUNT(*) AS n FROM auth_failures WHERE locked_until > ${now}`);
  return {
    failedVerifications: { last24h: Number(v?.recent ?? 0), total: Number(v?.total ?? 0), locked: Number(v?.locked ?? 0) },
    activeLockouts: Number(l?.n ?? 0),
  };
}

export async function computeMetrics(db: Db, now: number): Promise<Metrics> {
  const [segments, personas, totals, security] = await Promise.all([
    grouped(db, 'segment'),
    grouped(db, 'persona'),
    grouped(db, 'total'),
    securityMetrics(db, now),
  ]);
  return {
    generatedAt: new Date(now).toISOString(),
    security,
    totals: totals[0]?.m ?? EMPTY_METRICS,
    segments: segments.map((s) => ({ segment: s.g1, ...s.m })),
    personas: personas.map((p) => ({ persona: p.g1, variant: p.g2, ...p.m })),
  };
}

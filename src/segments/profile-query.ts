// The whole profile in one prepared statement of aggregates (never loading the orders):
// the orders_customer_created index serves the order figures, sessions_customer_started and
// the sessions primary key the visit figures. One statement also means one round trip on D1.
import { sql, type SQL } from 'drizzle-orm';
import { createReadCache, customers, DAY_MS, orders, segmentMemberships, sessions, type Db } from '../db/index.js';
import type { Profile } from './profile.js';
import { provenProfile, type ProvenRow } from './proven-profile.js';
import type { WindowSpec } from './windows.js';

export interface Who {
  customerId: string | null;
  sessionId: string;
  /** Verified in chat: only these orders of the customer count, and nothing else of the account (proven-profile.ts). */
  provenOrders?: readonly string[];
}

/** How long a kept profile row may serve (its "last N days" sums move with the clock). */
const PROFILE_TTL_MS = 60_000;
const cid = sql.placeholder('cid');
const sid = sql.placeholder('sid');
const num = (expr: SQL) => sql<number>`${expr}`.mapWith(Number);
const numOrNull = (expr: SQL) => sql<number | null>`${expr}`.mapWith((v: unknown) => (v === null ? null : Number(v)));
const text = (expr: SQL) => sql<string | null>`${expr}`;

/**
 * The order figures of the customer — count, spend, first and last, and two sums per rule time frame — all of them or
 * (`only`) those among some order ids. The one definition of "within the frame": the account's figures and a chat
 * verification's proven orders' both use it. Absolute bounds are constants of the rules, so they go in as literals;
 * only "last N days" needs a parameter (it moves with now).
 */
function orderFigures(windows: readonly WindowSpec[]) {
  const windowCols = windows.map((w, i) => {
    const bounds: SQL[] = [];
    if (w.lastDays !== undefined) bounds.push(sql`created_at >= ${sql.placeholder(`w${i}`)}`);
    if (w.fromMs !== undefined) bounds.push(sql`created_at >= ${sql.raw(String(Math.trunc(w.fromMs)))}`);
    if (w.toMs !== undefined) bounds.push(sql`created_at < ${sql.raw(String(Math.trunc(w.toMs)))}`);
    const cond = sql.join(bounds, sql` AND `);
    const n = sql.raw(String(i));
    return sql`, coalesce(sum(${cond}), 0) AS w${n}n, coalesce(sum(total_cents * (${cond})), 0) AS w${n}s`;
  });
  const from = (only?: SQL) =>
    sql`(SELECT count(*) AS n, coalesce(sum(total_cents), 0) AS spend, min(created_at) AS first_at, max(created_at) AS last_at${sql.join(windowCols)}
      FROM orders WHERE customer_id = ${cid} AND status <> 'cancelled'${only ?? sql``}) AS o`;
  const fields: Record<string, SQL.Aliased | SQL> = {
    orders: num(sql`o.n`),
    spend: num(sql`o.spend`),
    firstOrderAt: numOrNull(sql`o.first_at`),
    lastOrderAt: numOrNull(sql`o.last_at`),
    currentAt: numOrNull(sql`cur.started_at`),
  };
  windows.forEach((_, i) => {
    fields[`w${i}n`] = num(sql.raw(`o.w${i}n`));
    fields[`w${i}s`] = num(sql.raw(`o.w${i}s`));
  });
  return { from, fields };
}

export function createProfileQuery(db: Db, windows: readonly WindowSpec[]) {
  const { from: orderFrom, fields: orderFields } = orderFigures(windows);
  const fields: Record<string, SQL.Aliased | SQL> = {
    ...orderFields,
    sessions: num(sql`s.n`),
    firstSessionAt: numOrNull(sql`s.first_at`),
    lastSessionAt: numOrNull(sql`s.last_at`),
    currentCustomer: text(sql`cur.customer_id`),
    registered: num(sql`c.id IS NOT NULL`),
    tier: text(sql`c.loyalty_tier`),
    points: numOrNull(sql`c.loyalty_points`),
    answers: text(sql`c.answers`),
    memberships: text(sql`m.segs`),
  };
  // Both aggregates read only their index (orders_customer_created, sessions_customer_started);
  // status is the index's last column, so leaving out cancelled orders needs no table read.
  const from = sql`${orderFrom()},
    (SELECT count(*) AS n, min(started_at) AS first_at, max(started_at) AS last_at FROM sessions WHERE customer_id = ${cid}) AS s,
    (SELECT group_concat(segment, char(31)) AS segs FROM segment_memberships WHERE customer_id = ${cid}) AS m
    LEFT JOIN customers AS c ON c.id = ${cid}
    LEFT JOIN sessions AS cur ON cur.id = ${sid}`;
  const prepared = db.select(fields).from(from).prepare();
  // Verified in chat: the same figures over the proven orders only (a JSON array of their ids), and the visit in progress.
  const provenFrom = sql`${orderFrom(sql` AND id IN (SELECT value FROM json_each(${sql.placeholder('proven')}))`)}
    LEFT JOIN sessions AS cur ON cur.id = ${sid}`;
  const preparedProven = db.select(orderFields).from(provenFrom).prepare();
  // The row is kept between a shopper's turns until one of its tables is written (on the server);
  // "last N days" sums drift by at most the time-to-live, the rest is computed at `now` below.
  const kept = createReadCache<Record<string, number | string | null>>(db, {
    tables: [orders, sessions, segmentMemberships, customers],
    ttlMs: PROFILE_TTL_MS,
    max: 5_000,
  });

  return async function profileOf(who: Who, now: number): Promise<Profile> {
    const params: Record<string, unknown> = { cid: who.customerId, sid: who.sessionId };
    windows.forEach((w, i) => {
      if (w.lastDays !== undefined) params[`w${i}`] = now - w.lastDays * DAY_MS;
    });
    if (who.provenOrders) {
      // Nothing of the account is read: the proof is the orders (proven-profile.ts).
      const row = (await preparedProven.get({ ...params, proven: JSON.stringify(who.provenOrders) })) as Record<string, number | null>;
      return provenProfile(who, row as unknown as ProvenRow, orderStats(row, windows), now);
    }
    const row = await kept.read(`${who.customerId ?? ''}\u0000${who.sessionId}`, now, async () => {
      return (await prepared.get(params)) as Record<string, number | string | null>;
    });
    return toProfile(who, row, windows, now);
  };
}

/** Orders and spend in each rule time frame, from a row of the figures above. */
function orderStats(r: Record<string, number | string | null>, windows: readonly WindowSpec[]): Profile['windows'] {
  const winStats: Profile['windows'] = {};
  windows.forEach((w, i) => {
    winStats[w.key] = { orders: r[`w${i}n`] as number, totalSpendCents: r[`w${i}s`] as number };
  });
  return winStats;
}

function toProfile(who: Who, r: Record<string, number | string | null>, windows: readonly WindowSpec[], now: number): Profile {
  const orders = r.orders as number;
  const spend = r.spend as number;
  // The visit in progress counts exactly once: recorded earlier (already among the customer's
  // sessions), or not yet — a chat's first message records it with the conversation, after
  // segmenting; a CLI or preview never does — so it starts now; and a session that began
  // anonymous before the shopper verified is saved without their customer id.
  const currentAt = r.currentAt as number | null;
  const counted = currentAt !== null && who.customerId !== null && r.currentCustomer === who.customerId;
  const extra = counted ? null : (currentAt ?? now);
  const times = [r.firstSessionAt, r.lastSessionAt, r.firstOrderAt, r.lastOrderAt, extra].filter((t): t is number => typeof t === 'number');
  return {
    customerId: who.customerId,
    sessionId: who.sessionId,
    registered: r.registered === 1,
    sessions: (r.sessions as number) + (counted ? 0 : 1),
    orders,
    totalSpendCents: spend,
    averageOrderCents: orders ? Math.round(spend / orders) : 0,
    firstOrderAt: r.firstOrderAt as number | null,
    lastOrderAt: r.lastOrderAt as number | null,
    firstInteraction: times.length ? Math.min(...times) : null,
    lastInteraction: times.length ? Math.max(...times) : null,
    loyaltyTier: (r.tier as string | null) ?? 'none',
    loyaltyPoints: (r.points as number | null) ?? 0,
    answers: parseAnswers(r.answers as string | null),
    memberships: r.memberships ? String(r.memberships).split('\u001f') : [],
    windows: orderStats(r, windows),
  };
}

function parseAnswers(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, a]) => a !== null && a !== undefined)
        .map(([q, a]) => [q, String(a)]),
    );
  } catch {
    // A malformed answers column must not take the chat down; the shopper just has no answers.
    return {};
  }
}

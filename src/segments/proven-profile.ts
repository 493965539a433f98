// The profile of a shopper verified in chat: an email and order number(s) prove those orders, not the account (a guest
// checkout under someone else's email yields the same proof, SECURITY.md). So only the proven orders count, and nothing
// account-wide does (manual memberships, loyalty tier and points, registration answers): the segment, and with it the
// persona and the hand-over queue, shows nothing of the account beyond what the shopper proved.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { DAY_MS, orders, type Db } from '../db/index.js';
import type { Profile } from './profile.js';
import type { WindowSpec } from './windows.js';

const inWindow = (w: WindowSpec, t: number, now: number): boolean =>
  w.lastDays !== undefined
    ? t >= now - w.lastDays * DAY_MS
    : (w.fromMs === undefined || t >= w.fromMs) && (w.toMs === undefined || t < w.toMs);

/** `account` (the whole account's profile, for its visits) narrowed to the orders in `orderIds`. */
export async function provenProfile(
  db: Db,
  account: Profile,
  orderIds: readonly string[],
  windows: readonly WindowSpec[],
  now: number,
): Promise<Profile> {
  const rows =
    orderIds.length && account.customerId
      ? await db
          .select({ at: orders.createdAt, cents: orders.totalCents })
          .from(orders)
          .where(and(inArray(orders.id, [...orderIds]), eq(orders.customerId, account.customerId), ne(orders.status, 'cancelled')))
      : [];
  const spend = rows.reduce((s, r) => s + r.cents, 0);
  const times = rows.map((r) => r.at);
  const stats = (w: WindowSpec) => {
    const inside = rows.filter((r) => inWindow(w, r.at, now));
    return { orders: inside.length, totalSpendCents: inside.reduce((s, r) => s + r.cents, 0) };
  };
  return {
    ...account,
    orders: rows.length,
    totalSpendCents: spend,
    averageOrderCents: rows.length ? Math.round(spend / rows.length) : 0,
    firstOrderAt: times.length ? Math.min(...times) : null,
    lastOrderAt: times.length ? Math.max(...times) : null,
    loyaltyTier: 'none',
    loyaltyPoints: 0,
    answers: {},
    memberships: [],
    windows: Object.fromEntries(windows.map((w) => [w.key, stats(w)])),
  };
}

// The profile of a shopper verified in chat: an email and order number(s) prove those orders, not the account (a guest
// checkout under someone else's email yields the same proof, SECURITY.md). So only the proven orders count, and nothing
// else of the account does — not its other orders, its visits, manual memberships, loyalty tier and points or
// registration answers: the segment, and with it the persona and the hand-over queue, shows nothing beyond the proof.
// The figures come from the same SQL as the account's (profile-query.ts), over the proven orders only: one definition
// of each time frame.
import type { Profile } from './profile.js';

/** The order figures over the proven orders, and when the visit in progress started (null: not recorded yet). */
export interface ProvenRow {
  orders: number;
  spend: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  currentAt: number | null;
}

/**
 * The profile of the proven orders and the visit in progress. The account's visits are left out: a first and last
 * interaction, or a count of sessions, taken from them would tell the segment (and its reasons, which a colleague and
 * the persona read) how long and how often the account's owner has shopped, which the proof does not show. So the
 * visits are the ones the proof shows — this one, and one for each proven order (an order is placed on a visit) — and
 * the interactions are this visit and the proven orders.
 */
export function provenProfile(
  who: { customerId: string | null; sessionId: string },
  row: ProvenRow,
  windows: Profile['windows'],
  now: number,
): Profile {
  const visit = row.currentAt ?? now;
  const times = [row.firstOrderAt, row.lastOrderAt, visit].filter((t): t is number => t !== null);
  return {
    customerId: who.customerId,
    sessionId: who.sessionId,
    // A customer's order was proven, so the customer exists; nothing more of the account is said.
    registered: who.customerId !== null,
    sessions: 1 + row.orders,
    orders: row.orders,
    totalSpendCents: row.spend,
    averageOrderCents: row.orders ? Math.round(row.spend / row.orders) : 0,
    firstOrderAt: row.firstOrderAt,
    lastOrderAt: row.lastOrderAt,
    firstInteraction: Math.min(...times),
    lastInteraction: Math.max(...times),
    loyaltyTier: 'none',
    loyaltyPoints: 0,
    answers: {},
    memberships: [],
    windows,
  };
}

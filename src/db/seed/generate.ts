// The whole demo store as rows, from a fixed seed and "now": same inputs, same store.
import { DAY_MS } from '../index.js';
import type { segmentMemberships } from '../schema.js';
import { generateCatalog, type ProductRow, type VariantRow } from './catalog.js';
import {
  DEMO_SHOPPERS,
  MARCUS_SHIPPED_ORDER,
  PROCESSING_ORDERS,
  demoShoppers,
  type CustomerRow,
  type SessionRow,
} from './demo-shoppers.js';
import { indexCatalog, numberOrders, randomOrder, type Catalog, type DraftOrder, type OrderItemRow, type OrderRow } from './orders.js';
import { FIRST_NAMES, LAST_NAMES, emailFor, loyaltyFor, registrationAnswers } from './people.js';
import { createRng, type Rng } from './rng.js';

export type MembershipRow = typeof segmentMemberships.$inferSelect;

export interface DemoStore {
  customers: CustomerRow[];
  products: ProductRow[];
  variants: VariantRow[];
  sessions: SessionRow[];
  orders: OrderRow[];
  orderItems: OrderItemRow[];
  segmentMemberships: MembershipRow[];
}

const SEED = 0x7a11_0125;
const RANDOM_CUSTOMERS = 300;
const HISTORY_DAYS = 548; // 18 months
const HOUR_MS = 3_600_000;

/**
 * One random registered shopper with `count` orders and a visit for each, plus browsing. The
 * draws from `rng` happen in a fixed order: the seeded store depends on it.
 */
function randomShopper(
  id: string,
  count: number,
  { catalog, now, rng, taken }: { catalog: Catalog; now: number; rng: Rng; taken: Set<string> },
): { customer: CustomerRow; orders: DraftOrder[]; sessions: SessionRow[] } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const createdAt = now - rng.int(count ? 20 : 1, HISTORY_DAYS) * DAY_MS - rng.int(0, DAY_MS - 1);
  const answers = registrationAnswers(rng);
  const span = now - HOUR_MS - createdAt;
  const mine: DraftOrder[] = [];
  for (let k = 0; k < count; k++)
    mine.push(randomOrder(catalog, id, createdAt + HOUR_MS + Math.floor(rng.next() * span), now, rng, answers.shoeSize));
  const kept = mine.filter((o) => o.status !== 'cancelled' && o.status !== 'returned').reduce((s, o) => s + o.totalCents, 0);
  const customer: CustomerRow = {
    id,
    email: emailFor(first, last, taken),
    firstName: first,
    lastName: last,
    answers,
    blockedAt: null,
    createdAt,
    ...loyaltyFor(kept, rng),
  };

  // A visit for each order, plus browsing; some registered shoppers never came back.
  const visits = mine.map((o) => o.createdAt - rng.int(5, 90) * 60_000);
  const browsing = count ? rng.int(1, 6) : rng.chance(0.4) ? 0 : rng.int(1, 4);
  for (let k = 0; k < browsing; k++) visits.push(createdAt + Math.floor(rng.next() * (now - createdAt)));
  const sessions: SessionRow[] = visits
    .sort((a, b) => a - b)
    .map((startedAt, k) => ({ id: `s_${id.slice(2)}_${k + 1}`, customerId: id, startedAt, pagesSeen: rng.int(1, 25) }));
  return { customer, orders: mine, sessions };
}

export function generateDemoStore({ now }: { now: number }): DemoStore {
  const rng = createRng(SEED);
  const { products, variants } = generateCatalog(rng, now);
  const catalog = indexCatalog(products, variants);
  const fixed = demoShoppers(catalog, now, rng);

  const customers: CustomerRow[] = [...fixed.customers];
  const sessions: SessionRow[] = [...fixed.sessions];
  const drafts: DraftOrder[] = [...fixed.orders];
  const taken = new Set(customers.map((c) => c.email));
  // Half never ordered, a third ordered 1–4 times, the rest are regulars with 5+.
  const orderCounts = rng.shuffle(
    Array.from({ length: RANDOM_CUSTOMERS }, (_, i) => (i < 150 ? 0 : i < 250 ? rng.int(1, 4) : rng.int(5, 16))),
  );
  const repeatBuyers: string[] = [];

  orderCounts.forEach((count, i) => {
    const id = `c_${String(i + 1).padStart(4, '0')}`;
    const shopper = randomShopper(id, count, { catalog, now, rng, taken });
    drafts.push(...shopper.orders);
    customers.push(shopper.customer);
    if (count >= 1 && count <= 4) repeatBuyers.push(id);
    sessions.push(...shopper.sessions);
  });

  for (let k = 1; k <= 120; k++) {
    sessions.push({
      id: `s_anon_${String(k).padStart(3, '0')}`,
      customerId: null,
      startedAt: now - rng.int(0, 60 * 24) * 60 * 60_000,
      pagesSeen: rng.int(1, 12),
    });
  }

  const reserved = new Set<string>([DEMO_SHOPPERS.marcus.returnableOrder, MARCUS_SHIPPED_ORDER, ...Object.values(PROCESSING_ORDERS)]);
  const { orders, items } = numberOrders(drafts, rng, reserved, Number(DEMO_SHOPPERS.marcus.returnableOrder) - 30);

  // Hand-picked lists a merchandiser keeps outside the order history.
  const segmentMembershipRows: MembershipRow[] = [
    ...rng
      .shuffle(repeatBuyers)
      .slice(0, 4)
      .map((customerId) => ({ customerId, segment: 'vip', createdAt: now - rng.int(5, 200) * DAY_MS })),
    ...rng
      .shuffle(customers.slice(3))
      .slice(0, 3)
      .map((c) => ({ customerId: c.id, segment: 'staff', createdAt: now - rng.int(5, 200) * DAY_MS })),
  ];
  return { customers, products, variants, sessions, orders, orderItems: items, segmentMemberships: segmentMembershipRows };
}

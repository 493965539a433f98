// The three fixed shoppers the README, demo page, evals and tests rely on. Ids, emails and
// Marcus's returnable order number never change.
import { DAY_MS } from '../index.js';
import type { customers, sessions } from '../schema.js';
import { itemFor, totalOf, trackingCode, type Catalog, type DraftItem, type DraftOrder } from './orders.js';
import type { Rng } from './rng.js';

export type CustomerRow = Omit<typeof customers.$inferSelect, 'tags' | 'acceptsMarketing' | 'externalId' | 'externalUpdatedAt'> &
  Partial<Pick<typeof customers.$inferSelect, 'tags' | 'acceptsMarketing' | 'externalId' | 'externalUpdatedAt'>>;
export type SessionRow = typeof sessions.$inferSelect;

export const DEMO_SHOPPERS = {
  lena: { id: 'c_lena', email: 'lena@example.com' },
  marcus: { id: 'c_marcus', email: 'marcus@example.com', returnableOrder: '28473' },
  sarah: { id: 'c_sarah', email: 'sarah@example.com' },
} as const;

/** Marcus's parcel still on its way. */
export const MARCUS_SHIPPED_ORDER = '28502';

/** Orders placed hours ago, not yet shipped: they can still be cancelled or sent elsewhere. */
export const PROCESSING_ORDERS = { marcus: '28511', sarah: '28512' } as const;

const MARCUS_ADDRESS = { name: 'Marcus Reid', line1: '48 Elm Street', city: 'Portland', state: 'OR', zip: '97205', country: 'US' } as const;
const SARAH_ADDRESS = {
  name: 'Sarah Okafor',
  line1: '210 Lake Shore Drive',
  line2: 'Apt 5B',
  city: 'Chicago',
  state: 'IL',
  zip: '60611',
  country: 'US',
} as const;

const HOUR_MS = 3_600_000;

/** What the shoppers' rows are drawn with: the catalog's items, the store's clock, the seeded random source. */
interface Draw {
  item(slug: string, size: string): DraftItem;
  ago(days: number): number;
  now: number;
  rng: Rng;
}

export function demoShoppers(
  catalog: Catalog,
  now: number,
  rng: Rng,
): { customers: CustomerRow[]; sessions: SessionRow[]; orders: DraftOrder[] } {
  const item = (slug: string, size: string): DraftItem => {
    const p = catalog.bySlug.get(slug);
    if (!p) throw new Error(`demo catalog lacks ${slug}`);
    return itemFor(catalog, p, size, rng);
  };
  const d: Draw = { item, ago: (days: number) => now - days * DAY_MS, now, rng };
  // Marcus's orders are drawn before Sarah's: the random rest of the store depends on the order of draws.
  const orders = [...marcusOrders(d), ...sarahOrders(d)];
  return { customers: demoCustomers(d), sessions: demoSessions(d), orders };
}

function demoCustomers({ now, ago }: Draw): CustomerRow[] {
  return [
    {
      id: 'c_lena',
      email: 'lena@example.com',
      firstName: 'Lena',
      lastName: 'Fischer',
      loyaltyTier: 'none',
      loyaltyPoints: 0,
      answers: { style: 'minimal', shoeSize: '39' },
      blockedAt: null,
      createdAt: now - 2 * HOUR_MS,
    },
    {
      id: 'c_marcus',
      email: 'marcus@example.com',
      firstName: 'Marcus',
      lastName: 'Reid',
      loyaltyTier: 'none',
      loyaltyPoints: 185,
      answers: { style: 'classic', shoeSize: '43', fit: 'relaxed' },
      blockedAt: null,
      createdAt: ago(210),
    },
    {
      id: 'c_sarah',
      email: 'sarah@example.com',
      firstName: 'Sarah',
      lastName: 'Okafor',
      loyaltyTier: 'gold',
      loyaltyPoints: 1240,
      answers: { style: 'romantic', shoeSize: '38', size: 'S' },
      blockedAt: null,
      createdAt: ago(430),
    },
  ];
}

function marcusOrders({ item, ago, now, rng }: Draw): DraftOrder[] {
  const orders: DraftOrder[] = [];
  // Delivered exactly five days ago, so it sits well inside the return window.
  const returnable = [item('navy-merino-crew-neck-jumper', 'L'), item('stone-stretch-chino-trousers', 'M')];
  orders.push({
    number: DEMO_SHOPPERS.marcus.returnableOrder,
    customerId: 'c_marcus',
    items: returnable,
    totalCents: totalOf(returnable),
    status: 'delivered',
    createdAt: ago(9),
    shippedAt: ago(8),
    deliveredAt: ago(5),
    carrier: 'UPS',
    trackingCode: trackingCode('UPS', rng),
  });
  const inTransit = [item('white-canvas-low-top-sneakers', '43')];
  orders.push({
    number: MARCUS_SHIPPED_ORDER,
    customerId: 'c_marcus',
    items: inTransit,
    totalCents: totalOf(inTransit),
    status: 'shipped',
    createdAt: ago(2),
    shippedAt: ago(1),
    deliveredAt: null,
    carrier: 'FedEx',
    trackingCode: trackingCode('FedEx', rng),
  });
  // Drawn after the orders above so the random rest of the store stays as it was.
  const processing = [item('navy-stretch-chino-trousers', 'M'), item('white-organic-cotton-crew-tee', 'L')];
  orders.push({
    number: PROCESSING_ORDERS.marcus,
    customerId: 'c_marcus',
    items: processing,
    totalCents: totalOf(processing),
    status: 'processing',
    createdAt: now - 5 * HOUR_MS,
    shippedAt: null,
    deliveredAt: null,
    carrier: null,
    trackingCode: null,
  });
  for (const o of orders) o.shipTo = { ...MARCUS_ADDRESS };
  return orders;
}

function sarahOrders({ item, ago, now, rng }: Draw): DraftOrder[] {
  const orders: DraftOrder[] = [];
  const sarahBaskets: Array<[number, DraftItem[]]> = [
    [410, [item('red-satin-slip-midi-dress', 'S'), item('gold-hoop-earrings', 'ONE')]],
    [330, [item('camel-wool-blend-coat', 'S')]],
    [250, [item('blue-pleated-chiffon-maxi-dress', 'S'), item('black-strappy-block-heel-sandals', '38')]],
    [170, [item('ivory-silk-camisole', 'S'), item('blue-wide-leg-jeans', 'S')]],
    [95, [item('pink-poplin-puff-sleeve-blouse', 'S'), item('blue-silk-square-scarf', 'ONE')]],
    [40, [item('lilac-smocked-midi-dress', 'S')]],
    [12, [item('black-leather-ankle-boots', '38'), item('grey-cashmere-cardigan', 'S')]],
  ];
  for (const [days, items] of sarahBaskets) {
    const carrier = rng.pick(['UPS', 'DHL']);
    orders.push({
      customerId: 'c_sarah',
      items,
      totalCents: totalOf(items),
      status: 'delivered',
      createdAt: ago(days),
      shippedAt: ago(days) + 20 * HOUR_MS,
      deliveredAt: ago(days - 3),
      carrier,
      trackingCode: trackingCode(carrier, rng),
      shipTo: { ...SARAH_ADDRESS },
    });
  }
  const sarahNew = [item('champagne-satin-slip-midi-dress', 'S')];
  orders.push({
    number: PROCESSING_ORDERS.sarah,
    customerId: 'c_sarah',
    items: sarahNew,
    totalCents: totalOf(sarahNew),
    status: 'processing',
    createdAt: now - 3 * HOUR_MS,
    shippedAt: null,
    deliveredAt: null,
    carrier: null,
    trackingCode: null,
    shipTo: { ...SARAH_ADDRESS },
  });
  return orders;
}

function demoSessions({ ago }: Draw): SessionRow[] {
  const session = (id: string, customerId: string, startedAt: number, pagesSeen: number): SessionRow => ({
    id,
    customerId,
    startedAt,
    pagesSeen,
  });
  return [
    ...[205, 60, 9, 2].map((d, i) => session(`s_marcus_${i + 1}`, 'c_marcus', ago(d) - HOUR_MS, 4 + i * 3)),
    ...[428, 411, 380, 331, 290, 251, 200, 171, 120, 96, 60, 41, 13, 1].map((d, i) =>
      session(`s_sarah_${i + 1}`, 'c_sarah', ago(d) - HOUR_MS, 3 + (i % 6) * 2),
    ),
  ];
}

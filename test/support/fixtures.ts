// A small fixture builder for precise scenarios: customers, products with per-size stock, orders
// delivered N days ago, conversation rows, and a ToolContext that records emitted events.
import { eq } from 'drizzle-orm';
import type { Shopper, SegmentResult } from '../../src/core/index.js';
import {
  carts,
  conversations,
  customers,
  DAY_MS,
  orderItems,
  orders,
  products,
  variants,
  type Atomic,
  type Db,
  type IdGen,
  type OrderStatus,
} from '../../src/db/index.js';
import type { ToolContext, ToolEvent } from '../../src/tools/index.js';

export const FIXED_NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

/** Deterministic ids: prefix_1, prefix_2, … per prefix. */
export function seqIds(): IdGen {
  const counters = new Map<string, number>();
  return (prefix) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}_${n}`;
  };
}

export interface CustomerSpec {
  id?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  tier?: string;
  points?: number;
}
export interface ProductSpec {
  id?: string;
  name: string;
  category?: string;
  colour?: string;
  price?: number;
  description?: string;
  tags?: string;
  sizes?: Record<string, number>;
  createdDaysAgo?: number;
}
export interface OrderSpec {
  customerId: string;
  number?: string;
  status?: OrderStatus;
  /** Days before now the order was delivered (sets status delivered unless given). */
  deliveredDaysAgo?: number;
  placedDaysAgo?: number;
  items: Array<{ productId: string; size: string; quantity?: number; status?: OrderStatus }>;
}
export interface ConversationSpec {
  id?: string;
  sessionId?: string;
  customerId?: string | null;
  segmentId?: string;
  verifyAttempts?: number;
  pending?: Record<string, unknown> | null;
}

export function createFixtures(db: Db, now = FIXED_NOW) {
  const ids = seqIds();
  let orderSeq = 40000;

  return {
    now,
    async customer(spec: CustomerSpec = {}) {
      const id = spec.id ?? ids('c');
      const row = {
        id,
        email: spec.email ?? `${id}@example.com`,
        firstName: spec.firstName ?? 'Alex',
        lastName: spec.lastName ?? 'Doe',
        loyaltyTier: spec.tier ?? 'none',
        loyaltyPoints: spec.points ?? 0,
        createdAt: now - 400 * DAY_MS,
      };
      await db.insert(customers).values(row);
      return row;
    },

    async product(spec: ProductSpec) {
      const id = spec.id ?? ids('p');
      const row = {
        id,
        slug: `${id}-${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        name: spec.name,
        category: spec.category ?? 'dresses',
        colour: spec.colour ?? 'black',
        description: spec.description ?? `${spec.name}.`,
        priceCents: Math.round((spec.price ?? 100) * 100),
        tags: spec.tags ?? '',
        createdAt: now - (spec.createdDaysAgo ?? 30) * DAY_MS,
      };
      await db.insert(products).values(row);
      const vs = Object.entries(spec.sizes ?? { S: 5, M: 5, L: 5 }).map(([size, stock]) => ({
        id: `${id}_${size}`,
        productId: id,
        size,
        sku: `${id}-${size}`,
        stock,
      }));
      if (vs.length) await db.insert(variants).values(vs);
      return { ...row, variants: vs };
    },

    async order(spec: OrderSpec) {
      const id = ids('o');
      const number = spec.number ?? String(orderSeq++);
      const status = spec.status ?? (spec.deliveredDaysAgo !== undefined ? 'delivered' : 'processing');
      const deliveredAt = spec.deliveredDaysAgo !== undefined ? now - spec.deliveredDaysAgo * DAY_MS : null;
      const placedAt = now - (spec.placedDaysAgo ?? (spec.deliveredDaysAgo ?? 0) + 4) * DAY_MS;
      const priced = await Promise.all(
        spec.items.map(async (it) => {
          const [p] = await db.select().from(products).where(eq(products.id, it.productId));
          if (!p) throw new Error(`fixture: unknown product ${it.productId}`);
          return { it, p };
        }),
      );
      const items = priced.map(({ it, p }) => ({
        id: ids('oi'),
        orderId: id,
        productId: p.id,
        variantId: `${p.id}_${it.size}`,
        name: p.name,
        size: it.size,
        colour: p.colour,
        quantity: it.quantity ?? 1,
        unitPriceCents: p.priceCents,
        status: it.status ?? status,
      }));
      const order = {
        id,
        number,
        customerId: spec.customerId,
        status,
        totalCents: items.reduce((s, i) => s + i.unitPriceCents * i.quantity, 0),
        createdAt: placedAt,
        shippedAt: status === 'processing' ? null : placedAt + DAY_MS,
        deliveredAt,
        carrier: status === 'processing' ? null : 'UPS',
        trackingCode: status === 'processing' ? null : `1Z${number}`,
      };
      await db.insert(orders).values(order);
      if (items.length) await db.insert(orderItems).values(items);
      return { ...order, items };
    },

    async conversation(spec: ConversationSpec = {}) {
      const id = spec.id ?? ids('conv');
      await db.insert(conversations).values({
        id,
        sessionId: spec.sessionId ?? `s_${id}`,
        customerId: spec.customerId ?? null,
        verifiedBy: spec.customerId ? 'token' : null,
        segmentId: spec.segmentId ?? 'new_visitor',
        ruleId: 'test',
        personaId: spec.segmentId ?? 'new_visitor',
        personaVersion: 'sha256:test',
        model: 'offline',
        verifyAttempts: spec.verifyAttempts ?? 0,
        pending: spec.pending ?? null,
        createdAt: now,
        updatedAt: now,
      });
      return id;
    },

    /** Empties carts (handy between steps that compare cart contents). */
    async clearCarts() {
      await db.delete(carts);
    },
  };
}

export interface TestContextSpec {
  db: Db;
  atomic: Atomic;
  now?: number;
  conversationId: string;
  customerId?: string | null;
  sessionId?: string;
  segment?: string;
  turn?: number;
  transcript?: string;
  ids?: IdGen;
  /** The proposal the shopper approved at the start of this turn (as the chat service decides it). */
  approval?: { proposalId: string } | null;
  clientKey?: string | null;
  /** The orders a chat verification proved before this turn (as the chat service reads them when a turn starts). */
  provenOrders?: readonly string[];
}

// Shared across contexts so two contexts in one test never mint the same row id.
const contextIds = seqIds();

export type TestToolContext = ToolContext & { events: ToolEvent[]; bound: string[] };

/** A ToolContext as the loop builds it: bindCustomer changes the shopper for later calls in the turn. */
export function toolContext(spec: TestContextSpec): TestToolContext {
  const customerId = spec.customerId ?? null;
  let shopper: Shopper = {
    sessionId: spec.sessionId ?? `s_${spec.conversationId}`,
    customerId,
    verified: customerId !== null,
    via: customerId ? 'token' : 'anonymous',
  };
  const segment: SegmentResult = { id: spec.segment ?? (customerId ? 'repeat_buyer' : 'new_visitor'), rule: 'test', reasons: [] };
  const events: ToolEvent[] = [];
  const bound: string[] = [];
  let proven: readonly string[] = spec.provenOrders ?? [];
  const now = spec.now ?? FIXED_NOW;
  return {
    db: spec.db,
    atomic: spec.atomic,
    now: () => now,
    ids: spec.ids ?? contextIds,
    get shopper() {
      return shopper;
    },
    segment,
    conversationId: spec.conversationId,
    turn: spec.turn ?? 1,
    approval: spec.approval ?? null,
    clientKey: spec.clientKey ?? null,
    get provenOrders() {
      return proven;
    },
    bindCustomer(id: string) {
      bound.push(id);
      shopper = { ...shopper, customerId: id, verified: true, via: 'verify_customer' };
    },
    proveOrder(orderId: string) {
      if (!proven.includes(orderId)) proven = [...proven, orderId];
    },
    emit(event) {
      events.push(event);
    },
    record(event) {
      return {
        id: (spec.ids ?? contextIds)('evt'),
        conversationId: spec.conversationId,
        customerId: shopper.customerId,
        sessionId: shopper.sessionId,
        type: event.type,
        data: event.data,
        createdAt: now,
      };
    },
    transcript: () => spec.transcript ?? 'user: I need help with my order\nassistant: Let me get a colleague.',
    events,
    bound,
  };
}

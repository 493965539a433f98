// The shopper's persona context, from the shop's persona-context reads (the customer row, the
// last three orders and their items, the cart). The registry later strips every field a persona
// does not declare; given the persona's declared fields (registry.contextFields), the reads
// behind undeclared ones are skipped, since the prompt could not show their result anyway.
import { fenceText, formatMoney, type Shopper } from '../core/index.js';
import {
  asTier,
  cartOwnerKey,
  contextCart,
  contextCustomer,
  contextOrders,
  FREE_EXPRESS_TIERS,
  perksFor,
  type ContextCartLine,
  type ContextOrder,
  type Db,
  PERSONA_CONTEXT_TABLES,
  readCacheOf,
} from '../shop/index.js';
import { PersonaContextInputSchema, type ContextField, type PersonaContextInput } from './context.js';

/** What buildPersonaContext needs from the segment profile (the segments module's Profile fits). */
export interface ProfileLike {
  loyaltyTier?: string | null;
}

export interface BuildContextInput {
  shopper: Shopper;
  profile?: ProfileLike | null;
  page?: { url?: string | null; referrer?: string | null } | null;
  now: number;
  /** Usually filled in by the registry from the segment result. */
  segment?: string;
  /**
   * The fields the persona about to be rendered declares (registry.contextFields): reads only
   * undeclared fields need are skipped and those fields left empty. Absent: everything is read.
   */
  fields?: readonly ContextField[];
}

/** Fields that need the customer row (tier and its perks only when the profile has no tier). */
const CUSTOMER_FIELDS: readonly ContextField[] = ['firstName', 'loyaltyPoints'];
const TIER_FIELDS: readonly ContextField[] = ['loyaltyTier', 'perks', 'freeExpress'];

const dollars = (cents: number) => formatMoney(cents, { exact: true });
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// Names, product names and addresses come from the store's data, not from us: fenced before they
// reach the system prompt (a first name of "SYSTEM: …" must not read as the system speaking).
const clip = (s: string | null | undefined, max: number) => (s ? fenceText(s.replace(/\s+/g, ' '), max) : null);
const listed = (parts: string[], max: number) => {
  const joined = fenceText(parts.join(', '), max + 1);
  return joined.length <= max ? joined : `${joined.slice(0, max - 1)}…`;
};

/**
 * The shopper's context. On the server it is kept between their turns (shop's read cache) until a
 * table it is read from is written, or for a minute at most; everything else it depends on is in
 * the key.
 */
export async function buildPersonaContext(db: Db, input: BuildContextInput): Promise<PersonaContextInput> {
  // Only a store sign-in unlocks account data (points, tier, orders, the account's cart); one verified in chat (an email
  // and an order number: that order only, SECURITY.md) gets the first name verify_customer already told, nothing more.
  const customerId = input.shopper.verified && input.shopper.via === 'token' ? input.shopper.customerId : null;
  const named = input.shopper.verified ? input.shopper.customerId : null;
  const key = JSON.stringify([
    customerId,
    named,
    input.shopper.sessionId,
    input.profile?.loyaltyTier ?? null,
    input.page?.url ?? null,
    input.page?.referrer ?? null,
    isoDate(input.now),
    input.segment ?? '',
    input.fields ?? null,
  ]);
  return readCacheOf<PersonaContextInput>(db, 'personas.context', CONTEXT_CACHE).read(key, input.now, () =>
    readPersonaContext(db, input, customerId, named),
  );
}

const CONTEXT_CACHE = { tables: PERSONA_CONTEXT_TABLES, ttlMs: 60_000, max: 5_000 };

async function readPersonaContext(
  db: Db,
  input: BuildContextInput,
  customerId: string | null,
  named: string | null,
): Promise<PersonaContextInput> {
  const { shopper } = input;
  const wants = (...names: readonly ContextField[]) => !input.fields || names.some((f) => input.fields!.includes(f));
  const needsCustomer = wants(...CUSTOMER_FIELDS) || (!input.profile?.loyaltyTier && wants(...TIER_FIELDS));
  const [customer, recent, cart] = await Promise.all([
    named && needsCustomer ? contextCustomer(db, named) : undefined,
    customerId && wants('recentOrders') ? contextOrders(db, customerId).then(orderLines) : [],
    wants('cart') ? contextCart(db, cartOwnerKey({ customerId, sessionId: shopper.sessionId })).then(cartLine) : null,
  ]);
  const tier = asTier(customerId ? (input.profile?.loyaltyTier ?? customer?.tier ?? 'none') : 'none');
  return PersonaContextInputSchema.parse({
    firstName: clip(customer?.firstName, 40),
    loyaltyTier: tier,
    loyaltyPoints: customerId ? Math.max(0, customer?.points ?? 0) : 0,
    recentOrders: recent,
    cart,
    perks: [...perksFor(tier)],
    freeExpress: FREE_EXPRESS_TIERS.includes(tier),
    page: { url: clip(input.page?.url, 300), referrer: clip(input.page?.referrer, 300) },
    today: isoDate(input.now),
    segment: input.segment ?? '',
  });
}

function orderLines(rows: ContextOrder[]): PersonaContextInput['recentOrders'] {
  return rows.map((o) => ({
    number: o.number,
    status: o.status,
    placed: isoDate(o.createdAt),
    delivered: o.deliveredAt ? isoDate(o.deliveredAt) : null,
    total: dollars(o.totalCents),
    items: listed(
      o.items.map((i) => `${i.name} (${i.size})${i.quantity > 1 ? ` ×${i.quantity}` : ''}`),
      300,
    ),
  }));
}

function cartLine(rows: ContextCartLine[]): PersonaContextInput['cart'] {
  if (rows.length === 0) return null;
  const count = rows.reduce((n, r) => n + r.quantity, 0);
  const subtotal = rows.reduce((n, r) => n + r.priceCents * r.quantity, 0);
  return {
    itemCount: count,
    subtotal: dollars(subtotal),
    items: listed(
      rows.map((r) => `${r.name} (${r.size}) ×${r.quantity}`),
      300,
    ),
  };
}

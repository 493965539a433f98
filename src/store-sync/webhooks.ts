// Store webhooks: verify the signature over the raw body, record the delivery once (its id is
// the key: a redelivery is a no-op), answer at once, apply it right after. A delivery is applied
// in the same atomic write that marks it processed, so a crash leaves it queued, never half done.
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { webhookEvents, type Atomic, type Db, type Statement } from '../db/index.js';
import type { Logger } from '../core/index.js';
import { StoreRecordSchema, recordProblem } from './records.js';
import { customerFromShopify, orderFromShopify, productFromShopify, refundFromShopify } from './shopify-json.js';
import type { Mapped } from './shopify-csv.js';
import { recordStatements } from './write.js';
import { deleteProductStatements, purchaseStatement, refundStatement } from './write-webhook.js';

/** The topics applied; others are acknowledged and dropped. */
export const SHOPIFY_TOPICS = [
  'orders/create',
  'orders/updated',
  'orders/cancelled',
  'orders/fulfilled',
  'orders/partially_fulfilled',
  'orders/paid',
  'orders/edited',
  'refunds/create',
  'products/create',
  'products/update',
  'products/delete',
  'customers/create',
  'customers/update',
] as const;
export const isShopifyTopic = (t: string): boolean => (SHOPIFY_TOPICS as readonly string[]).includes(t);

/** Give up on a delivery after this many failed attempts (kept, with its error, for a person to look at). */
const MAX_ATTEMPTS = 5;

/** HMAC-SHA256 of the raw body, base64, as Shopify sends it in X-Shopify-Hmac-Sha256; compared in constant time by WebCrypto. */
export async function verifyShopifyHmac(body: Uint8Array, signature: string | null | undefined, secret: string): Promise<boolean> {
  if (!signature) return false;
  let mac: Uint8Array;
  try {
    mac = Uint8Array.from(atob(signature.trim()), (c) => c.charCodeAt(0));
  } catch {
    return false;
  }
  if (mac.length !== 32) return false;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, mac as BufferSource, body as BufferSource);
}

/** Signs a body as Shopify does (for tests and for replaying a delivery by hand). */
export async function signShopifyBody(body: string | Uint8Array, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, (typeof body === 'string' ? new TextEncoder().encode(body) : body) as BufferSource),
  );
  return btoa(String.fromCharCode(...mac));
}

/** How late a delivery may come (from X-Shopify-Triggered-At), and how far ahead a clock may run. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;
export const WEBHOOK_MAX_SKEW_MS = 60_000;

export type DeliveryTime = 'fresh' | 'stale' | 'future' | 'missing';

/**
 * Whether a delivery's trigger time (X-Shopify-Triggered-At, an ISO 8601 time) is recent enough to apply: a signed
 * body replayed later under a new delivery id is stale, whatever id it carries.
 */
export function deliveryTime(triggeredAt: string | null | undefined, now: number): DeliveryTime {
  const at = triggeredAt && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(triggeredAt.trim()) ? Date.parse(triggeredAt) : NaN;
  if (!Number.isFinite(at)) return 'missing';
  if (at > now + WEBHOOK_MAX_SKEW_MS) return 'future';
  return now - at > WEBHOOK_MAX_AGE_MS ? 'stale' : 'fresh';
}

/** SHA-256 of a delivery's topic and body, hex: the same signed body under any delivery id has the same digest. */
async function deliveryDigest(topic: string, payload: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${topic}\u0000${payload}`)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Records a delivery; false when its id was seen before, or the same topic and body were (nothing to do). Shopify's
 * retries keep their id; a captured body replayed under a new id keeps its digest: applied again it would undo what
 * happened since with the same store time (a cancellation or new address made in chat, which the store's own next
 * update carries with a newer one).
 */
export async function enqueueWebhook(
  db: Db,
  d: {
    source: string;
    deliveryId: string;
    topic: string;
    payload: string;
    now: number;
    /** X-Shopify-Triggered-At (ms): what a delete is dated by; the receiving time when unknown. */
    triggeredAt?: number;
  },
): Promise<boolean> {
  const rows = await db
    .insert(webhookEvents)
    .values({
      id: `${d.source}:${d.deliveryId}`,
      source: d.source,
      topic: d.topic,
      payload: d.payload,
      receivedAt: d.now,
      triggeredAt: d.triggeredAt ?? null,
      digest: await deliveryDigest(d.topic, d.payload),
    })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  return rows.length > 0;
}

export interface WebhookDeps {
  db: Db;
  atomic: Atomic;
  now: () => number;
  storeUrl: string | null;
  logger?: Logger;
}

/** Applies every queued delivery, oldest first (the new one, and any a crash left behind). Returns how many were applied. */
export async function processWebhooks(deps: WebhookDeps, limit = 100): Promise<number> {
  const pending = await deps.db
    .select()
    .from(webhookEvents)
    .where(and(isNull(webhookEvents.processedAt), lt(webhookEvents.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.id))
    .limit(limit);
  let applied = 0;
  for (const row of pending) {
    // Claim it: of two processors racing (two requests, or a start and a request), one wins.
    const claimed = await deps.db
      .update(webhookEvents)
      .set({ attempts: row.attempts + 1 })
      .where(and(eq(webhookEvents.id, row.id), eq(webhookEvents.attempts, row.attempts), isNull(webhookEvents.processedAt)))
      .returning({ id: webhookEvents.id });
    if (!claimed.length) continue;
    const done = (error: string | null): Statement => ({
      sql: 'UPDATE webhook_events SET processed_at = ?, error = ? WHERE id = ?',
      params: [deps.now(), error, row.id],
    });
    try {
      const work = statementsFor(row.topic, row.payload, deps, row.triggeredAt ?? row.receivedAt);
      if ('error' in work) {
        // A payload that cannot be read will not read better next time: done, with the reason.
        await deps.atomic([done(work.error)]);
        deps.logger?.warn('webhook_rejected', {
          id: row.id,
          topic: row.topic,
          error: work.error,
        });
      } else {
        await deps.atomic([...work.statements, done(null)]);
        applied++;
      }
    } catch (err) {
      const message = (err as Error).message;
      await deps.db.update(webhookEvents).set({ error: message }).where(eq(webhookEvents.id, row.id));
      deps.logger?.warn('webhook_failed', {
        id: row.id,
        topic: row.topic,
        attempt: row.attempts + 1,
        error: message,
      });
    }
  }
  return applied;
}

/** Deliveries waiting (for health checks and tests). */
export async function pendingWebhooks(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(webhookEvents)
    .where(and(isNull(webhookEvents.processedAt), lt(webhookEvents.attempts, MAX_ATTEMPTS)));
  return Number(row?.n ?? 0);
}

function statementsFor(
  topic: string,
  raw: string,
  deps: WebhookDeps,
  triggeredAt: number,
): { statements: Statement[] } | { error: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return { error: 'payload is not JSON' };
  }
  const now = deps.now();
  const [resource, action] = topic.split('/');
  if (resource === 'products' && action === 'delete') {
    const id = (payload as { id?: unknown }).id;
    return id == null ? { error: 'products/delete without an id' } : { statements: deleteProductStatements(String(id), triggeredAt) };
  }
  if (resource === 'refunds') {
    const r = refundFromShopify(payload);
    return 'error' in r
      ? r
      : {
          statements: [refundStatement({ ...r, createdAt: r.createdAt ?? now })],
        };
  }
  const mapped: Mapped[] =
    resource === 'products'
      ? productFromShopify(payload, deps.storeUrl)
      : resource === 'customers'
        ? [customerFromShopify(payload)]
        : resource === 'orders'
          ? [orderFromShopify(payload)]
          : [];
  if (!mapped.length) return { error: `topic ${topic} is not applied` };
  const statements: Statement[] = [];
  for (const m of mapped) {
    if ('error' in m) return { error: m.error };
    const parsed = StoreRecordSchema.safeParse(m.record);
    if (!parsed.success) return { error: recordProblem(parsed.error) };
    statements.push(...recordStatements(parsed.data, now));
    // A new order after a chat is that chat's purchase (the conversion A/B tests count).
    if (topic === 'orders/create' && parsed.data.type === 'order') statements.push(purchaseStatement(parsed.data));
  }
  return { statements };
}

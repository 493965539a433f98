// POST /api/webhooks/shopify: the store tells Tailor what changed (orders, refunds, products,
// customers). Verified by HMAC over the raw body, applied only when triggered in the last 5
// minutes, recorded once per delivery id, answered at once; the work runs right after the
// response (Workers: executionCtx.waitUntil). The store-sync modules load on the first delivery,
// not at startup: a server answering chats only never runs them, and what it loads stays on its
// heap for good (their code and schemas, about half a MB), which V8 multiplies in peak memory.
import type { Context, Hono } from 'hono';
import { badRequest, unauthorized, type Logger } from '../../core/index.js';
import type { Atomic, Clock, Db } from '../../db/index.js';
import type { AppEnv } from '../env.js';
import { limitBody } from '../validation.js';

/** Shopify's order payloads with many lines run to a few hundred KB. */
const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

export interface WebhookRouteDeps {
  /** TAILOR_SHOPIFY_WEBHOOK_SECRET; the route does not exist while it is unset. */
  shopifySecret: string | null;
  db: Db;
  atomic: Atomic | undefined;
  now: Clock;
  storeUrl: string | null;
  logger: Logger;
}

export function registerWebhookRoutes(app: Hono<AppEnv>, deps: WebhookRouteDeps): void {
  const { shopifySecret: secret, atomic } = deps;
  if (!secret || !atomic) return;
  const work = {
    db: deps.db,
    atomic,
    now: deps.now,
    storeUrl: deps.storeUrl,
    logger: deps.logger,
  };
  app.post('/api/webhooks/shopify', limitBody(MAX_WEBHOOK_BYTES), async (c) => {
    const { deliveryTime, enqueueWebhook, isShopifyTopic, processWebhooks, verifyShopifyHmac } = await import('../../store-sync/index.js');
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (!(await verifyShopifyHmac(body, c.req.header('X-Shopify-Hmac-Sha256'), secret))) throw unauthorized('Invalid webhook signature');
    const topic = c.req.header('X-Shopify-Topic') ?? '';
    const deliveryId = c.req.header('X-Shopify-Webhook-Id') ?? c.req.header('X-Shopify-Event-Id');
    if (!deliveryId) throw badRequest('X-Shopify-Webhook-Id is missing');
    // The delivery id and trigger time are outside the signature: the id de-duplicates Shopify's own retries, the time
    // bounds how late a signed body may be replayed under a new id. A late one is acknowledged (a refusal would only be
    // retried until Shopify drops the subscription) and not applied.
    const when = deliveryTime(c.req.header('X-Shopify-Triggered-At'), deps.now());
    if (when === 'missing') throw badRequest('X-Shopify-Triggered-At is missing or not a time');
    if (when !== 'fresh') {
      deps.logger.warn('webhook_stale', { topic: topic.slice(0, 64), when });
      return c.json({ ok: true, queued: false, reason: `delivery is ${when}` });
    }
    // Shopify retries anything but a 2xx: a topic Tailor does not use is acknowledged and dropped.
    if (!isShopifyTopic(topic))
      return c.json({
        ok: true,
        queued: false,
        reason: `topic ${topic || '(none)'} is not used`,
      });
    const payload = new TextDecoder().decode(body);
    const fresh = await enqueueWebhook(deps.db, {
      source: 'shopify',
      deliveryId,
      topic,
      payload,
      now: deps.now(),
      triggeredAt: Date.parse(c.req.header('X-Shopify-Triggered-At')!.trim()),
    });
    if (fresh) runAfterResponse(c, () => processWebhooks(work), deps.logger);
    return c.json({ ok: true, queued: fresh, duplicate: !fresh });
  });
}

function runAfterResponse(c: Context<AppEnv>, task: () => Promise<unknown>, logger: Logger): void {
  const done = new Promise((resolve) => setTimeout(resolve, 0)).then(task).catch((err: unknown) =>
    logger.error('webhook_processing_failed', {
      error: err instanceof Error ? err.message : String(err),
    }),
  );
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    // Node has no execution context: the promise simply runs on in the process.
  }
}

// Health and the demo-mode identity token.
import type { Context, Hono } from 'hono';
import { eq, sql } from 'drizzle-orm';
import { customers, type Clock, type Db } from '../../db/index.js';
import { notFound, TailorError } from '../../core/index.js';
import { AUTH_GUARDS, takeAttempt } from '../../shop/index.js';
import { clientGuardKeys } from '../client-address.js';
import type { AppEnv } from '../env.js';
import { signIdentityToken } from '../identity.js';
import { DemoTokenRequestSchema } from '../schemas.js';
import { readJson } from '../validation.js';
import { throttled } from '../throttle.js';
import type { ModelHealthState } from '../../telemetry/index.js';

export interface PublicRouteDeps {
  db: Db;
  now: Clock;
  modelName: string;
  demo: boolean;
  /** Lower-case emails of the showcased demo shoppers. */
  demoShoppers: readonly string[];
  identitySecret: string;
  demoTokenTtlSeconds?: number;
  clientIp?: (c: Context<AppEnv>) => string | undefined;
  /** The client's site (an IPv6 /48), counted as a few clients. */
  clientNet?: (c: Context<AppEnv>) => string | undefined;
  /** The configured model's recent calls (src/telemetry): failing → "degraded". */
  modelHealth?: () => ModelHealthState;
}

export function registerPublicRoutes(app: Hono<AppEnv>, deps: PublicRouteDeps): void {
  app.get('/api/health', async (c) => {
    try {
      await deps.db.get(sql`select 1 as ok`);
    } catch {
      throw new TailorError('upstream_unavailable', 'Database unavailable');
    }
    // Degraded is still 200: the service answers (by the fallback model); a load balancer should
    // keep sending traffic, an operator should look. Only a dead database is a 503.
    const health = deps.modelHealth?.();
    const modelCalls = health && {
      recent: health.calls,
      failed: health.failures,
      windowSeconds: health.windowMs / 1000,
      lastFailure: health.lastFailure,
    };
    if (health?.status === 'degraded')
      return c.json({
        status: 'degraded',
        reason: `model failing: ${health.reason}`,
        db: 'ok',
        model: deps.modelName,
        demo: deps.demo,
        modelCalls,
      });
    return c.json({ status: 'ok', db: 'ok', model: deps.modelName, demo: deps.demo, ...(modelCalls ? { modelCalls } : {}) });
  });

  if (!deps.demo) return;
  // Stands in for the storefront's own signing, so the demo page can act as a demo customer: only
  // for the showcased shoppers (any other email, customer or not, gets the same 404), and
  // throttled per client address so it is no oracle for who shops here.
  const showcased = new Set(deps.demoShoppers);
  app.post('/api/demo/token', async (c) => {
    const verdict = await takeAttempt(
      deps.db,
      await clientGuardKeys('demo', AUTH_GUARDS.demoToken, deps.clientIp?.(c), deps.clientNet?.(c)),
      deps.now(),
    );
    if (!verdict.ok) throw throttled(verdict.retryAfterMs, 'Too many demo token requests; please wait');
    const { email } = await readJson(c, DemoTokenRequestSchema);
    const wanted = email.trim().toLowerCase();
    const [row] = showcased.has(wanted)
      ? await deps.db
          .select({ id: customers.id, firstName: customers.firstName })
          .from(customers)
          .where(eq(customers.email, wanted))
          .limit(1)
      : [];
    if (!row) throw notFound('No demo customer with that email');
    // Wall time, not the injected clock: hono/jwt checks `exp` against wall time too.
    const { token, exp } = await signIdentityToken(row.id, deps.identitySecret, Date.now(), deps.demoTokenTtlSeconds ?? 2 * 3600);
    return c.json({ token, customerId: row.id, firstName: row.firstName, expiresAt: new Date(exp * 1000).toISOString() });
  });
}

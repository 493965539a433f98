// /api/admin/*: metrics, persona reload and review (routes/review.ts), behind TAILOR_ADMIN_TOKEN. With no token
// configured the whole surface answers 404, as if it did not exist.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { timingSafeEqual } from 'hono/utils/buffer';
import { notFound, unauthorized } from '../../core/index.js';
import { AUTH_GUARDS, lockedFor, takeAttempt } from '../../shop/index.js';
import { clientGuardKeys } from '../client-address.js';
import { throttled } from '../throttle.js';
import type { Clock, Db } from '../../db/index.js';
import type { AppEnv } from '../env.js';
import { modelFailures } from '../../agent/index.js';
import { computeMetrics } from '../metrics.js';
import { registerReviewRoutes } from './review.js';
import { formatSamples, PROMETHEUS_CONTENT_TYPE, type Telemetry } from '../../telemetry/index.js';

export interface AdminRouteDeps {
  adminToken: string | null;
  db: Db;
  now: Clock;
  personas: { reload(): Promise<{ ok: boolean; errors: string[]; bundled?: boolean }> };
  clientIp?: (c: Context<AppEnv>) => string | undefined;
  /** The client's site (an IPv6 /48), counted as a few clients. */
  clientNet?: (c: Context<AppEnv>) => string | undefined;
  /** Counters behind GET /metrics (and refused sign-ins counted there). */
  telemetry?: Telemetry;
}

/** Wrong admin tokens are counted per client address and its /48, in the database (so across restarts and isolates). */
const guardKeys = (deps: AdminRouteDeps, c: Context<AppEnv>) =>
  clientGuardKeys('admin', AUTH_GUARDS.admin, deps.clientIp?.(c), deps.clientNet?.(c));

/**
 * Past the limit of wrong tokens the address gets 429 with Retry-After — checked before the token
 * is compared (SECURITY.md), so a locked guesser learns nothing, not even from a right guess.
 * hono/bearer-auth parses the header and compares in constant time; the lock check runs first, as
 * its own middleware. Every refusal (no header, a malformed one, a wrong token) counts an attempt
 * and is this app's 401, thrown as a domain error so the one error handler writes it.
 */
function adminAuth(deps: AdminRouteDeps): MiddlewareHandler<AppEnv>[] {
  const token = deps.adminToken;
  const tooMany = (waitMs: number) => {
    deps.telemetry?.rateLimited('admin');
    return throttled(waitMs, 'Too many failed admin sign-ins; please wait');
  };
  const lock: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!token) throw notFound();
    const wait = await lockedFor(
      deps.db,
      (await guardKeys(deps, c)).map((k) => k.key),
      deps.now(),
    );
    if (wait > 0) throw tooMany(wait);
    await next();
  };
  if (!token) return [lock];
  const refuse = async (c: Context): Promise<never> => {
    const verdict = await takeAttempt(deps.db, await guardKeys(deps, c as Context<AppEnv>), deps.now());
    if (!verdict.ok) throw tooMany(verdict.retryAfterMs);
    throw unauthorized('Admin token required');
  };
  const bearer = bearerAuth<AppEnv>({
    verifyToken: (given) => timingSafeEqual(given, token),
    noAuthenticationHeader: { message: refuse },
    invalidAuthenticationHeader: { message: refuse },
    invalidToken: { message: refuse },
  });
  return [lock, bearer];
}

export function registerAdminRoutes(app: Hono<AppEnv>, deps: AdminRouteDeps): void {
  app.use('/api/admin/*', ...adminAuth(deps));
  // Prometheus text exposition, behind the same token and throttle as /api/admin/*.
  app.use('/metrics', ...adminAuth(deps));
  app.get('/metrics', (c) => {
    const failures = modelFailures.snapshot();
    const text =
      (deps.telemetry?.renderMetrics() ?? '') +
      formatSamples(
        'tailor_model_failures_total',
        'Model calls that failed after retries, by cause (the turn fell back or ended in an error).',
        'counter',
        ['cause'],
        Object.entries(failures.byCause).map(([cause, n]) => [[cause], n] as const),
      ) +
      formatSamples(
        'tailor_model_fallbacks_total',
        'Turns that continued with the fallback model after the configured one failed.',
        'counter',
        [],
        [[[], failures.fallbacks]],
      );
    return c.body(text, 200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
  });
  app.get('/api/admin/metrics', async (c) => {
    const metrics = await computeMetrics(deps.db, deps.now());
    // Stored turns say which ones fell back; this process's counter also sees failures that ended a turn.
    return c.json({ ...metrics, modelFailures: { sinceStart: modelFailures.snapshot() } });
  });
  app.post('/api/admin/personas/reload', async (c) => {
    // A broken edit keeps the last good version serving; the caller still learns it failed
    // from the status, with every error, so a deploy script cannot mistake it for success.
    const result = await deps.personas.reload();
    if (result.ok) return c.json({ ok: true, errors: [] });
    const message = result.bundled ? result.errors[0]! : 'The edited files are invalid; still serving the last good version';
    return c.json({ ok: false, errors: result.errors, error: { code: 'bad_request', message } }, 400);
  });
  registerReviewRoutes(app, { db: deps.db, now: deps.now });
}

// /api/admin/*: metrics and persona reload, behind TAILOR_ADMIN_TOKEN. With no token
// configured the whole surface answers 404, as if it did not exist.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { notFound, unauthorized } from '../../core/index.js';
import { AUTH_GUARDS, digest, lockedFor, takeAttempt } from '../../shop/index.js';
import { throttled } from '../throttle.js';
import type { Clock, Db } from '../../db/index.js';
import type { AppEnv } from '../env.js';
import { modelFailures } from '../../agent/index.js';
import { computeMetrics } from '../metrics.js';

export interface AdminRouteDeps {
  adminToken: string | null;
  db: Db;
  now: Clock;
  personas: { reload(): Promise<{ ok: boolean; errors: string[]; bundled?: boolean }> };
  clientIp?: (c: Context<AppEnv>) => string | undefined;
}

/** Compares SHA-256 digests byte by byte without an early exit, so timing reveals nothing. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([crypto.subtle.digest('SHA-256', enc.encode(a)), crypto.subtle.digest('SHA-256', enc.encode(b))]);
  const x = new Uint8Array(da);
  const y = new Uint8Array(db);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/**
 * Wrong admin tokens are counted per client address in the database; past the limit the address
 * gets 429 with Retry-After — checked before the token is compared, so a locked guesser learns nothing.
 */
function adminAuth(deps: AdminRouteDeps): MiddlewareHandler<AppEnv> {
  const token = deps.adminToken;
  return async (c, next) => {
    if (!token) throw notFound();
    const key = `admin:client:${await digest(`client:${deps.clientIp?.(c) ?? 'unknown'}`)}`;
    const wait = await lockedFor(deps.db, [key], deps.now());
    if (wait > 0) throw throttled(wait, 'Too many failed admin sign-ins; please wait');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
    if (!m || !(await constantTimeEqual(m[1]!, token))) {
      const verdict = await takeAttempt(deps.db, [{ key, rule: AUTH_GUARDS.admin }], deps.now());
      if (!verdict.ok) throw throttled(verdict.retryAfterMs, 'Too many failed admin sign-ins; please wait');
      throw unauthorized('Admin token required');
    }
    await next();
  };
}

export function registerAdminRoutes(app: Hono<AppEnv>, deps: AdminRouteDeps): void {
  app.use('/api/admin/*', adminAuth(deps));
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
}

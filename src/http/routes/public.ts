// Health and the demo-mode identity token.
import type { Hono } from 'hono';
import { eq, sql } from 'drizzle-orm';
import { customers, type Db } from '../../db/index.js';
import { notFound, TailorError } from '../../core/index.js';
import type { AppEnv } from '../env.js';
import { signIdentityToken } from '../identity.js';
import { DemoTokenRequestSchema } from '../schemas.js';
import { readJson } from '../validation.js';

export interface PublicRouteDeps {
  db: Db;
  modelName: string;
  demo: boolean;
  identitySecret: string;
  demoTokenTtlSeconds?: number;
}

export function registerPublicRoutes(app: Hono<AppEnv>, deps: PublicRouteDeps): void {
  app.get('/api/health', async (c) => {
    try {
      await deps.db.get(sql`select 1 as ok`);
    } catch {
      throw new TailorError('upstream_unavailable', 'Database unavailable');
    }
    return c.json({ status: 'ok', db: 'ok', model: deps.modelName, demo: deps.demo });
  });

  if (!deps.demo) return;
  // Stands in for the storefront's own signing, so the demo page can act as a demo customer.
  app.post('/api/demo/token', async (c) => {
    const { email } = await readJson(c, DemoTokenRequestSchema);
    const [row] = await deps.db
      .select({ id: customers.id, firstName: customers.firstName })
      .from(customers)
      .where(eq(customers.email, email.trim().toLowerCase()))
      .limit(1);
    if (!row) throw notFound('No demo customer with that email');
    // Wall time, not the injected clock: hono/jwt checks `exp` against wall time too.
    const { token, exp } = await signIdentityToken(row.id, deps.identitySecret, Date.now(), deps.demoTokenTtlSeconds ?? 2 * 3600);
    return c.json({ token, customerId: row.id, firstName: row.firstName, expiresAt: new Date(exp * 1000).toISOString() });
  });
}

// createApp(deps): the whole HTTP surface as one runtime-neutral Hono app. The Node and
// Workers entries build the deps (db, model, personas…) and hand them in.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { silentLogger, type Logger } from '../core/index.js';
import type { Clock, Db, IdGen } from '../db/index.js';
import { customerExists } from '../shop/index.js';
import type { ChatService } from '../chat/index.js';
import type { AppEnv } from './env.js';
import { createErrorHandler, notFoundHandler } from './errors.js';
import { identity, randomSecret, SESSION_HEADER } from './identity.js';
import { createInflightTracker, type InflightTracker } from './inflight.js';
import { createRateLimiter, rateLimited } from './rate-limit.js';
import { limitBody } from './validation.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerChatRoutes } from './routes/chat.js';
import { registerPublicRoutes } from './routes/public.js';
import { registerShopperRoutes } from './routes/shopper.js';
import { registerWebRoutes } from './routes/web.js';

export interface AppConfig {
  /** HS256 secret the storefront signs identity tokens with; random per start when null (demo). */
  identitySecret: string | null;
  adminToken: string | null;
  demo: boolean;
  /** Emails of the showcased demo shoppers: the only customers /api/demo/token signs for. */
  demoShoppers: readonly string[];
  allowedOrigins: string[];
  rate: { sessionPerMin: number; ipPerMin: number };
}

export interface AppDeps {
  config: AppConfig;
  chat: ChatService;
  db: Db;
  now: Clock;
  ids: IdGen;
  /** Label of the serving model, for /api/health ("offline", "openai:gpt-4o-mini"). */
  modelName: string;
  personas: { reload(): Promise<{ ok: boolean; errors: string[]; bundled?: boolean }> };
  logger?: Logger;
  /** The client's address as the runtime sees it (socket on Node, CF-Connecting-IP on Workers). */
  clientIp?: (c: Context) => string | undefined;
  inflight?: InflightTracker;
}

export function createApp(deps: AppDeps) {
  const logger = deps.logger ?? silentLogger;
  const { config } = deps;
  const identitySecret = config.identitySecret ?? randomSecret();
  const inflight = deps.inflight ?? createInflightTracker();
  const app = new Hono<AppEnv>();

  app.onError(createErrorHandler(logger));
  app.notFound(notFoundHandler);
  app.use(requestId());
  app.use(accessLog(logger));
  // Routes may loosen a header (the widget script is loaded cross-origin), so theirs win.
  app.use(secureHeaders({ overwrite: false, removePoweredBy: true }));
  if (config.allowedOrigins.length > 0) {
    app.use(
      '/api/*',
      cors({
        origin: config.allowedOrigins,
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        allowHeaders: ['Content-Type', 'Authorization', 'Accept', SESSION_HEADER],
        exposeHeaders: [SESSION_HEADER, 'X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }

  for (const path of ['/api/chat', '/api/feedback', '/api/demo/token', '/api/admin/*']) app.use(path, limitBody());
  const who = identity({ secret: identitySecret, customerExists: (id) => customerExists(deps.db, id) });
  for (const path of ['/api/chat', '/api/conversations/*', '/api/feedback']) app.use(path, who);
  app.use('/api/chat', rateLimit(deps));

  registerPublicRoutes(app, { db: deps.db, now: deps.now, modelName: deps.modelName, demo: config.demo, demoShoppers: config.demoShoppers, identitySecret, clientIp: deps.clientIp });
  registerChatRoutes(app, { chat: deps.chat, inflight, logger, storeOrigins: config.allowedOrigins, clientIp: deps.clientIp });
  registerShopperRoutes(app, { chat: deps.chat, db: deps.db, now: deps.now, ids: deps.ids });
  registerAdminRoutes(app, { adminToken: config.adminToken, db: deps.db, now: deps.now, personas: deps.personas, clientIp: deps.clientIp });
  registerWebRoutes(app, { demo: config.demo });
  return app;
}

export type TailorApp = ReturnType<typeof createApp>;

function rateLimit(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { sessionPerMin, ipPerMin } = deps.config.rate;
  const limiter = createRateLimiter();
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const shopper = c.get('shopper');
    const ip = deps.clientIp?.(c);
    const keys = [{ key: shopper.customerId ? `c:${shopper.customerId}` : `s:${shopper.sessionId}`, limit: sessionPerMin }];
    // A fresh session id per request would dodge the per-session limit; the address still counts.
    if (ip) keys.push({ key: `ip:${ip}`, limit: ipPerMin });
    const verdict = limiter.take(keys, deps.now());
    if (!verdict.ok) throw rateLimited(verdict.retryAfterSeconds);
    await next();
  };
}

/** One line per request: ids, route and status — never bodies, messages or emails. */
function accessLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}

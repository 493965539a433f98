// createApp(deps): the whole HTTP surface as one runtime-neutral Hono app. The Node and
// Workers entries build the deps (db, model, personas…) and hand them in.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { silentLogger, type Logger } from '../core/index.js';
import type { Atomic, Clock, Db, IdGen } from '../db/index.js';
import { customerExists, NETWORK_SHARE } from '../shop/index.js';
import type { ChatService } from '../chat/index.js';
import type { McpHandler } from '../mcp/index.js';
import { createTelemetry, type Telemetry } from '../telemetry/index.js';
import type { AppEnv } from './env.js';
import { createClientKeys } from './client-address.js';
import { createErrorHandler, notFoundHandler } from './errors.js';
import { identity, randomSecret, SESSION_HEADER } from './identity.js';
import { createInflightTracker, type InflightTracker } from './inflight.js';
import { createRateLimiter, rateLimited, type RateLimiter } from './rate-limit.js';
import { limitBody } from './validation.js';
import { replyHeaders } from './reply-headers.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerChatRoutes } from './routes/chat.js';
import { registerMcpRoutes } from './routes/mcp.js';
import { registerPublicRoutes } from './routes/public.js';
import { registerShopperRoutes } from './routes/shopper.js';
import { registerWebRoutes } from './routes/web.js';
import { registerWebhookRoutes } from './routes/webhooks.js';

export interface AppConfig {
  /** HS256 secret the storefront signs identity tokens with; random per start when null (demo). */
  identitySecret: string | null;
  adminToken: string | null;
  demo: boolean;
  /** Emails of the showcased demo shoppers: the only customers /api/demo/token signs for. */
  demoShoppers: readonly string[];
  allowedOrigins: string[];
  rate: { sessionPerMin: number; ipPerMin: number };
  /** TAILOR_SHOPIFY_WEBHOOK_SECRET: enables POST /api/webhooks/shopify. */
  shopifyWebhookSecret?: string | null;
  /** Cart → store checkout link settings; the store's address also makes product page URLs for webhook products. */
  checkout?: { storeUrl: string | null };
}

export interface AppDeps {
  config: AppConfig;
  chat: ChatService;
  db: Db;
  /** The atomic-write seam: store webhooks apply a delivery and mark it done in one write (route off without it). */
  atomic?: Atomic;
  now: Clock;
  ids: IdGen;
  /** Label of the serving model, for /api/health ("offline", "openai:gpt-4o-mini"). */
  modelName: string;
  personas: { reload(): Promise<{ ok: boolean; errors: string[]; bundled?: boolean }> };
  logger?: Logger;
  /** The client's address as the runtime sees it (socket on Node, CF-Connecting-IP on Workers); limits count its client-address key. */
  clientIp?: (c: Context) => string | undefined;
  inflight?: InflightTracker;
  /** Chat rate limits: in memory by default (Node); shared by every isolate on Workers (src/fleet). */
  rateLimiter?: RateLimiter;
  /** The shopper tools as an MCP server at /mcp (absent: no /mcp route). */
  mcp?: McpHandler;
  /** The chat service's telemetry (Tailor.telemetry): read by /metrics and /api/health. */
  telemetry?: Telemetry;
}

/**
 * Every per-address limit counts the client (an IPv6 /64, an IPv4 however written), never a raw address, and its
 * site (an IPv6 /48; none for IPv4), which counts as a few clients together.
 */
function clientKeys(appDeps: AppDeps): { deps: AppDeps; clientNet?: (c: Context) => string | undefined } {
  const rawIp = appDeps.clientIp;
  if (!rawIp) return { deps: appDeps };
  const keysOf = createClientKeys();
  return { deps: { ...appDeps, clientIp: (c) => keysOf(rawIp(c)).client }, clientNet: (c) => keysOf(rawIp(c)).net };
}

export function createApp(appDeps: AppDeps) {
  const { deps, clientNet } = clientKeys(appDeps);
  const logger = deps.logger ?? silentLogger;
  const { config } = deps;
  const identitySecret = config.identitySecret ?? randomSecret();
  const inflight = deps.inflight ?? createInflightTracker();
  const telemetry = deps.telemetry ?? createTelemetry({ now: deps.now });
  const app = new Hono<AppEnv>();

  app.onError(createErrorHandler(logger));
  app.notFound(notFoundHandler);
  // The request id, the security headers and no-store on the API's replies, set once a reply.
  // Routes may loosen a header (the widget script is loaded cross-origin), so theirs win.
  app.use(replyHeaders({ noStore: apiPath }));
  app.use(accessLog(logger));
  if (config.allowedOrigins.length > 0) app.use('/api/*', storeCors(config.allowedOrigins));

  for (const path of ['/api/chat', '/api/feedback', '/api/demo/token', '/api/admin/*', '/mcp']) app.use(path, limitBody());
  const who = identity({ secret: identitySecret, customerExists: (id) => customerExists(deps.db, id) });
  for (const path of ['/api/chat', '/api/conversations/*', '/api/feedback', '/mcp']) app.use(path, who);
  // One budget per shopper and address: chat messages and MCP tool calls count together.
  // Both limits off (0): nothing to count, no middleware on the chat route.
  const takeMessage = messageLimit(deps, telemetry, clientNet);
  if (takeMessage !== noLimit)
    app.use('/api/chat', async (c, next) => {
      if (c.req.method === 'POST') await takeMessage(c);
      await next();
    });

  registerPublicRoutes(app, {
    db: deps.db,
    now: deps.now,
    modelName: deps.modelName,
    demo: config.demo,
    demoShoppers: config.demoShoppers,
    identitySecret,
    clientIp: deps.clientIp,
    clientNet,
    modelHealth: telemetry.modelHealth,
  });
  registerChatRoutes(app, { chat: deps.chat, inflight, logger, storeOrigins: config.allowedOrigins, clientIp: deps.clientIp, clientNet });
  registerShopperRoutes(app, { chat: deps.chat, db: deps.db, now: deps.now, ids: deps.ids });
  registerAdminRoutes(app, {
    adminToken: config.adminToken,
    db: deps.db,
    now: deps.now,
    personas: deps.personas,
    clientIp: deps.clientIp,
    clientNet,
    telemetry,
  });
  registerWebhookRoutes(app, {
    shopifySecret: config.shopifyWebhookSecret ?? null,
    db: deps.db,
    atomic: deps.atomic,
    now: deps.now,
    storeUrl: config.checkout?.storeUrl ?? null,
    logger,
  });
  registerWebRoutes(app, { demo: config.demo });
  if (deps.mcp)
    registerMcpRoutes(app, { mcp: deps.mcp, takeMessage, allowedOrigins: config.allowedOrigins, clientIp: deps.clientIp, clientNet });
  return app;
}

export type TailorApp = ReturnType<typeof createApp>;

/** The store's own pages (TAILOR_ALLOWED_ORIGINS) may call the API from the browser. */
function storeCors(origins: string[]): MiddlewareHandler {
  return cors({
    origin: origins,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    // traceparent/tracestate: a store's browser tracing can make the turn part of its trace.
    allowHeaders: ['Content-Type', 'Authorization', 'Accept', SESSION_HEADER, 'X-Request-Id', 'traceparent', 'tracestate'],
    exposeHeaders: [SESSION_HEADER, 'X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}

/** The API's paths: their replies belong to one shopper or the operator (no cache may keep them). */
function apiPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/api' || path === '/mcp';
}

/** What counts a message when both limits are off. */
async function noLimit(): Promise<void> {}

/** Counts one message (a chat turn, an MCP tool call) for the request's shopper and address; a 429 over the limits. */
function messageLimit(
  deps: AppDeps,
  telemetry: Telemetry,
  clientNet?: (c: Context) => string | undefined,
): (c: Context<AppEnv>) => Promise<void> {
  const { sessionPerMin, ipPerMin } = deps.config.rate;
  if (sessionPerMin <= 0 && ipPerMin <= 0) return noLimit;
  const limiter = deps.rateLimiter ?? createRateLimiter();
  return async (c) => {
    const shopper = c.get('shopper');
    const ip = deps.clientIp?.(c);
    const keys = [{ key: shopper.customerId ? `c:${shopper.customerId}` : `s:${shopper.sessionId}`, limit: sessionPerMin }];
    // A fresh session id per request would dodge the per-session limit; the address still counts.
    if (ip) keys.push({ key: `ip:${ip}`, limit: ipPerMin });
    // A fresh /64 per request would dodge the per-address limit; its /48 still counts.
    const net = clientNet?.(c);
    if (net) keys.push({ key: `net:${net}`, limit: ipPerMin * NETWORK_SHARE });
    const verdict = await limiter.take(keys, deps.now());
    if (!verdict.ok) {
      telemetry.rateLimited(c.req.path === '/mcp' ? 'mcp' : 'chat');
      throw rateLimited(verdict.retryAfterSeconds);
    }
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

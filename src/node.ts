// Node entry (`npm start`): config → SQLite file (migrated, demo store seeded when empty) →
// personas from disk with hot reload → segment rules → model → HTTP on PORT. SIGTERM/SIGINT
// stop accepting, let turns in flight commit (bounded), then close the database.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { count } from 'drizzle-orm';
import { loadConfig, type Config } from './config.js';
import { ConfigError, createLogger, type Logger } from './core/index.js';
import { customers } from './db/index.js';
import { openNodeDb, type NodeDb } from './db/node.js';
import { nodeSegmentRulesSource } from './segments/node.js';
import { nodePersonaSource } from './personas/node.js';
import { v8StateCodec } from './chat/node.js';
import { countTokensOffThread } from './tokens/node.js';
import { createOfflineProvider, createOpenAIProvider } from './agent/index.js';
import type { ModelProvider } from './agent/types.js';
import { createApp, createInflightTracker, type InflightTracker } from './http/index.js';
import { createTailor } from './http/compose.js';
import { createTelemetry } from './telemetry/index.js';

const SHUTDOWN_GRACE_MS = 10_000;

// The offline model's modules load on its first turn: behind a hosted model, on the first fallback.
function models(config: Config): { provider: ModelProvider; fallback?: ModelProvider } {
  const offline = createOfflineProvider();
  if (config.model.kind === 'offline') return { provider: offline };
  const { model, apiKey, baseURL, timeoutMs } = config.model;
  return { provider: createOpenAIProvider({ model, apiKey, baseURL, timeoutMs }), fallback: offline };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const handle = openNodeDb(config.dbFile, {
    backgroundCheckpoints: true,
    readCache: true,
    onCheckpointError: (error) => logger.warn('checkpoint_failed', { error }),
  });
  if (config.demo) await seedWhenEmpty(handle, logger);
  const { provider, fallback } = models(config);
  // The offline model serving every turn: its modules are loaded now, not on the first shopper's message.
  if (config.model.kind === 'offline') await import('./agent/offline/index.js');
  // Spans only when a collector is configured; otherwise no tracer exists, nothing is built, and
  // the OpenTelemetry SDK and OTLP exporter are never even loaded (tens of MB of modules).
  const tracing = config.tracing ? (await import('./telemetry/node.js')).createOtlpTracing(config.tracing) : null;
  if (config.tracing) logger.info('tracing', { exporter: 'otlp/http+json', url: config.tracing.url, service: config.tracing.serviceName });
  // Watched like the prompts: a new segment and its persona go live together, without a restart.
  const rulesSource = nodeSegmentRulesSource(join(config.dataDir, 'segments.yaml'));
  const tailor = await createTailor({
    db: handle.db,
    atomic: handle.atomic,
    dataVersion: handle.dataVersion,
    stateCodec: v8StateCodec,
    checkout: config.checkout,
    rules: rulesSource.load(),
    rulesSource,
    personaSource: nodePersonaSource(config.promptsDir),
    provider,
    fallback,
    logger,
    promptTokenBudget: config.promptTokenBudget,
    countPromptTokens: countTokensOffThread,
    toolRouting: config.toolRouting,
    telemetry: createTelemetry({ tracing: tracing?.turns }),
  });
  const inflight = createInflightTracker();
  const app = createApp({
    config,
    chat: tailor.chat,
    db: handle.db,
    atomic: handle.atomic,
    now: tailor.now,
    ids: tailor.ids,
    mcp: tailor.mcp,
    modelName: provider.name,
    personas: { reload: tailor.reload },
    logger,
    clientIp: (c) => getConnInfo(c).remote.address,
    inflight,
    telemetry: tailor.telemetry,
  });

  if (config.shopifyWebhookSecret) resumeWebhooks(config, handle, logger);
  const server = serve({ fetch: app.fetch, port: config.port, ...(config.host ? { hostname: config.host } : {}) }, (info) => {
    console.log(
      `Tailor listening on ${listenAddress(info)} (model: ${provider.name}${fallback ? `, fallback: ${fallback.name}` : ''}; db: ${config.dbFile}${config.demo ? '; demo mode' : ''})`,
    );
    if (config.demo) console.warn(DEMO_WARNING(config.demoShoppers));
  }) as Server;

  const shutdown = shutdownHandler({ server, inflight, tailor, tracing, handle, logger });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** The demo store, seeded into an empty database (never over a real store's customers). */
async function seedWhenEmpty(handle: NodeDb, logger: Logger): Promise<void> {
  const [row] = await handle.db.select({ n: count() }).from(customers);
  if ((row?.n ?? 0) === 0) {
    // The demo catalog and its generators are loaded only to fill an empty store, not kept by every server.
    const { seedDemoStore } = await import('./db/seed/index.js');
    const summary = await seedDemoStore(handle.db, { now: Date.now() });
    logger.info('demo_store_seeded', { ...summary });
  }
}

/** Store webhooks a crash left queued are applied now, before new ones arrive (in the background). */
function resumeWebhooks(config: Config, handle: NodeDb, logger: Logger): void {
  // Imported here, not at the top: store sync is loaded only by a server that receives webhooks.
  void import('./store-sync/index.js')
    .then(({ processWebhooks }) =>
      processWebhooks({ db: handle.db, atomic: handle.atomic, now: Date.now, storeUrl: config.checkout.storeUrl, logger }),
    )
    .then((n) => n && logger.info('webhooks_resumed', { applied: n }))
    .catch((error: unknown) => logger.error('webhooks_resume_failed', { error: error instanceof Error ? error.message : String(error) }));
}

interface Running {
  server: Server;
  inflight: InflightTracker;
  tailor: { close(): void };
  tracing: { shutdown(): Promise<void> } | null;
  handle: NodeDb;
  logger: Logger;
}

/** SIGTERM/SIGINT: stop accepting, let turns in flight commit (bounded), then close; a second signal forces. */
function shutdownHandler({ server, inflight, tailor, tracing, handle, logger }: Running): (signal: string) => Promise<void> {
  let stopping = false;
  return async (signal: string) => {
    if (stopping) {
      logger.warn('shutdown_forced', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutdown', { signal, inflight: inflight.count() });
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = await inflight.drain(SHUTDOWN_GRACE_MS);
    if (!drained) logger.warn('shutdown_turns_abandoned', { inflight: inflight.count() });
    // Responses of finished turns are flushed; whatever still holds a socket is cut.
    await Promise.race([closed, sleep(1000)]);
    server.closeAllConnections();
    tailor.close();
    await tracing?.shutdown().catch((error: unknown) => logger.warn('tracing_shutdown_failed', { error: String(error) }));
    await handle.close();
    process.exit(0);
  };
}

// Loud on purpose: demo mode hands out sign-in tokens and serves the demo page.
const DEMO_WARNING = (shoppers: readonly string[]) =>
  [
    '',
    '  ┌─ DEMO MODE ─────────────────────────────────────────────────────────────',
    `  │ POST /api/demo/token signs in as the demo shoppers (${shoppers.join(', ') || 'none'}).`,
    '  │ Identity tokens use a random secret that changes on every start.',
    '  │ Not for a real store: set TAILOR_DEMO=0 and TAILOR_IDENTITY_SECRET (see SECURITY.md).',
    '  └─────────────────────────────────────────────────────────────────────────',
    '',
  ].join('\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The address the socket really bound. Bound to every interface, that is all of them (reachable
 * from other machines), plus a URL that works on this one; otherwise exactly the one bound.
 */
function listenAddress(info: { address: string; family: string; port: number }): string {
  const host = info.family === 'IPv6' || info.address.includes(':') ? `[${info.address}]` : info.address;
  const url = `http://${host}:${info.port}`;
  if (info.address === '::' || info.address === '0.0.0.0') {
    const which = info.address === '::' ? 'all interfaces, IPv6 and IPv4' : 'all IPv4 interfaces';
    return `${url} (${which}; on this machine: http://localhost:${info.port})`;
  }
  return url;
}

main().catch((err: unknown) => {
  // Misconfiguration is one readable line naming what to fix, not a stack trace.
  if (err instanceof ConfigError) console.error(`tailor: ${err.message}`);
  else console.error('tailor: failed to start:', err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

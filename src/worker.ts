// Workers entry: the D1 binding → drizzle → the same deps as Node → createApp. Personas and
// segment rules come bundled (src/worker-assets.ts); D1 has no interactive transactions, so a
// turn's writes go through db.batch. Built once per isolate, on its first request, because
// bindings and vars only arrive with a request.
import { drizzle } from 'drizzle-orm/d1';
import * as YAML from 'yaml';
import type { Context } from 'hono';
import { loadConfig, type Config } from './config.js';
import { ConfigError, createLogger, provideYaml } from './core/index.js';
import { compileWrite, schema, type Atomic, type Db } from './db/index.js';
import { loadSegmentRules } from './segments/index.js';
import { createBundledPersonaSource } from './personas/index.js';
import { createOpenAIProvider } from './agent/index.js';
import { createOfflineProvider } from './agent/offline/index.js';
import type { ModelProvider } from './agent/types.js';
import { createApp } from './http/index.js';
import { createTailor } from './http/compose.js';
import { promptFiles, segmentRules } from './worker-assets.js';
import { createDurableRateLimiter, createDurableTurnLock, type DurableNamespace } from './fleet/index.js';

// workerd has no CommonJS loader to borrow the YAML parser from (core/yaml.ts): the bundle keeps it.
provideYaml(YAML);

// Durable Object classes (wrangler.toml binds them): one conversation's turn lease, one rate-limit key's counts.
export { TurnLease, RateCounter } from './fleet/index.js';

/** The slice of D1's binding drizzle needs (the full type lives in @cloudflare/workers-types). */
type D1Binding = Parameters<typeof drizzle>[0];

export interface Env {
  DB: D1Binding;
  /** Serializes a conversation's turns across isolates (class TurnLease). */
  TURN_LEASES?: DurableNamespace;
  /** Chat rate-limit counters shared by every isolate (class RateCounter). */
  RATE_COUNTERS?: DurableNamespace;
  [variable: string]: unknown;
}

type Handler = (request: Request, ctx?: WaitUntilContext) => Response | Promise<Response>;
/** What the runtime passes as the third fetch argument: store webhooks finish their work with waitUntil after the response. */
type WaitUntilContext = { waitUntil(promise: Promise<unknown>): void; passThroughOnException(): void };

function models(config: Config): { provider: ModelProvider; fallback?: ModelProvider } {
  const offline = createOfflineProvider();
  if (config.model.kind === 'offline') return { provider: offline };
  const { model, apiKey, baseURL, timeoutMs } = config.model;
  // workerd's fetch refuses `redirect: 'error'` (it accepts "follow" and "manual" only).
  return { provider: createOpenAIProvider({ model, apiKey, baseURL, timeoutMs, followRedirects: true }), fallback: offline };
}

async function build(env: Env): Promise<Handler> {
  // Vars and secrets are strings; bindings (DB, …) are objects and not configuration.
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const config = loadConfig(vars);
  const logger = createLogger(config.logLevel);
  const d1 = drizzle(env.DB, { schema });
  const db = d1 as unknown as Db;
  const atomic: Atomic = async (writes) => {
    if (writes.length === 0) return;
    await env.DB.batch(
      writes.map((w) => {
        const { sql, params } = compileWrite(w);
        return env.DB.prepare(sql).bind(...params);
      }),
    );
  };
  const { provider, fallback } = models(config);
  // Without the bindings (an old wrangler.toml) turns and limits still work, per isolate only.
  if (!env.TURN_LEASES || !env.RATE_COUNTERS)
    logger.warn('fleet_bindings_missing', { turnLeases: !!env.TURN_LEASES, rateCounters: !!env.RATE_COUNTERS });
  const tailor = await createTailor({
    db,
    atomic,
    checkout: config.checkout,
    rules: loadSegmentRules(segmentRules.text, segmentRules.file),
    personaSource: createBundledPersonaSource(promptFiles),
    provider,
    fallback,
    logger,
    turnLock: env.TURN_LEASES ? createDurableTurnLock(env.TURN_LEASES, { logger }) : undefined,
    toolRouting: config.toolRouting,
    // No token budget here: the lint enforces it before deploy, and the tokenizer's tables would
    // only add megabytes to the Worker.
  });
  const app = createApp({
    config,
    chat: tailor.chat,
    db,
    atomic,
    now: tailor.now,
    ids: tailor.ids,
    mcp: tailor.mcp,
    // Per isolate: /metrics and the health window count what this isolate served.
    telemetry: tailor.telemetry,
    modelName: provider.name,
    // Answers plainly that prompts are bundled: there is nothing on Workers to reload from.
    personas: { reload: tailor.reload },
    logger,
    clientIp: (c: Context) => c.req.header('CF-Connecting-IP') ?? undefined,
    rateLimiter: env.RATE_COUNTERS ? createDurableRateLimiter(env.RATE_COUNTERS, { logger }) : undefined,
  });
  logger.info('worker_ready', { model: provider.name, fallback: fallback?.name ?? null, demo: config.demo });
  return (request, ctx) => app.fetch(request, undefined, ctx as never);
}

let ready: Promise<Handler> | null = null;

export default {
  async fetch(request: Request, env: Env, ctx?: WaitUntilContext): Promise<Response> {
    ready ??= build(env);
    let handler: Handler;
    try {
      handler = await ready;
    } catch (err) {
      // Not cached: a fixed secret or binding is picked up by the next request without a redeploy.
      ready = null;
      const message = err instanceof ConfigError ? err.message : 'Tailor failed to start';
      console.error(`tailor: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return Response.json({ error: { code: 'upstream_unavailable', message } }, { status: 503 });
    }
    return handler(request, ctx);
  },
};

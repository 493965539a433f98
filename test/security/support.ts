// The real app for the attack suite: the demo store in a SQLite file, the shipped personas and
// rules, and either the offline model or a scripted, misbehaving one (the fake Chat Completions
// server) behind the real OpenAI-compatible provider. The client address comes from a test
// header, so one test can play many addresses; the clock is movable.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { DEMO_SHOPPERS, PROCESSING_ORDERS, seedDemoStore } from '../../src/db/seed/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createOfflineProvider, createOpenAIProvider } from '../../src/agent/index.js';
import { createTailor, type Tailor } from '../../src/http/compose.js';
import { createApp, type AppConfig } from '../../src/http/index.js';
import { signIdentityToken } from '../../src/http/identity.js';
import { ACTION_ECHO, createLogger, isClearYes } from '../../src/core/index.js';
import { DEFAULT_DEMO_SHOPPERS } from '../../src/config.js';
import { pendingWebhooks, signShopifyBody } from '../../src/store-sync/index.js';
import { openNodeDb } from '../../src/db/node.js';
import { tempDb, type TempDb } from '../support/db.js';
import { repoRoot } from '../support/server.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI, type FakeToolCall } from '../support/fake-openai.js';
import { parseSse } from '../http/requests.js';

export const SECRET = 'security-suite-identity-secret-0123';
export const ADMIN = 'security-suite-admin-token';
export const DEFAULT_IP = '198.51.100.7';

export interface SecApp {
  app: ReturnType<typeof createApp>;
  tailor: Tailor;
  db: TempDb;
  /** A raw read-only-ish handle on the same file for assertions. */
  sql: Database.Database;
  fake: FakeOpenAI | null;
  logs: string[];
  clock: { now: number; advance(ms: number): void };
  token(customerId: string, ttlSeconds?: number): Promise<string>;
  chat(body: Record<string, unknown>, opts?: ChatOpts): Promise<Response>;
  dispose(): Promise<void>;
}

export interface ChatOpts {
  token?: string;
  session?: string;
  ip?: string;
  sse?: boolean;
}

export interface SecOptions {
  model?: 'offline' | 'fake';
  /** Reuse an existing db file (a second app instance on the same store). */
  file?: string;
  config?: Partial<AppConfig>;
}

/** The app's configuration in the attack suite: demo shoppers, one allowed origin, no rate limits unless a test sets them. */
export const secConfig = (): AppConfig => ({
  identitySecret: SECRET,
  adminToken: ADMIN,
  demo: true,
  demoShoppers: [...DEFAULT_DEMO_SHOPPERS],
  allowedOrigins: ['https://shop.example'],
  rate: { sessionPerMin: 0, ipPerMin: 0 },
});

export async function secApp(opts: SecOptions = {}): Promise<SecApp> {
  const logs: string[] = [];
  const logger = createLogger('debug', (l) => logs.push(l));
  const db = opts.file ? reopen(opts.file) : tempDb();
  if (!opts.file) await seedDemoStore(db.db, { now: Date.now() });
  const clock = {
    now: Date.now(),
    advance(ms: number) {
      this.now += ms;
    },
  };
  const now = () => Math.max(clock.now, 0) + (Date.now() - started);
  const started = Date.now();
  const fake = opts.model === 'fake' ? await startFakeOpenAI() : null;
  const provider = fake
    ? createOpenAIProvider({
        model: 'gpt-4o-mini',
        apiKey: 'sk-test',
        baseURL: fake.url,
        timeoutMs: 5000,
        maxRetries: 0,
        maxTotalWaitMs: 100,
        baseDelayMs: 10,
        logger,
      })
    : createOfflineProvider();
  const tailor = await createTailor({
    db: db.db,
    atomic: db.atomic,
    rules: loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(repoRoot, 'prompts')),
    provider,
    logger,
    now,
    watchPersonas: false,
  });
  const config: AppConfig = { ...secConfig(), ...opts.config };
  const app = createApp({
    config,
    chat: tailor.chat,
    db: db.db,
    atomic: db.atomic,
    now,
    ids: tailor.ids,
    modelName: fake ? 'openai:gpt-4o-mini' : 'offline',
    personas: tailor.personas,
    logger,
    clientIp: (c) => c.req.header('x-test-client-ip') ?? DEFAULT_IP,
  });
  const sql = new Database(db.file);
  return {
    app,
    tailor,
    db,
    sql,
    fake,
    logs,
    clock,
    token: async (customerId, ttl = 3600) => (await signIdentityToken(customerId, SECRET, Date.now(), ttl)).token,
    chat(body, o = {}) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-test-client-ip': o.ip ?? DEFAULT_IP };
      if (o.token) headers.Authorization = `Bearer ${o.token}`;
      if (o.session) headers['X-Tailor-Session'] = o.session;
      if (o.sse) headers.Accept = 'text/event-stream';
      return Promise.resolve(app.request('/api/chat', { method: 'POST', headers, body: JSON.stringify(body) }));
    },
    async dispose() {
      sql.close();
      await fake?.close();
      tailor.personas.close();
      if (!opts.file) await db.dispose();
      else await db.close();
    },
  };
}

/** A second app on the same store with the MCP route mounted (the client address fixed at DEFAULT_IP). */
export function withMcp(s: SecApp): ReturnType<typeof createApp> {
  return createApp({
    config: secConfig(),
    chat: s.tailor.chat,
    db: s.db.db,
    now: s.tailor.now,
    ids: s.tailor.ids,
    modelName: 'offline',
    personas: s.tailor.personas,
    mcp: s.tailor.mcp,
    logger: undefined,
    clientIp: () => DEFAULT_IP,
  });
}

/** Tool calls over MCP (which offers every order tool) in one MCP session: each call's structured result. */
export function mcpAs(s: SecApp, session = freshSession()) {
  const app = withMcp(s);
  let id = 0;
  return async (name: string, args: Record<string, unknown>): Promise<Record<string, any>> => {
    const res = await app.request('/mcp', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'X-Tailor-Session': session },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name, arguments: args } }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { result: { structuredContent: Record<string, any> } }).result.structuredContent;
  };
}

function reopen(file: string): TempDb {
  const h = openNodeDb(file);
  return {
    ...h,
    file,
    dispose: async () => {
      await h.close();
    },
  };
}

let sessionN = 0;
/** A fresh, valid anonymous session id. */
export const freshSession = () => `s_attacker_${process.pid}_${Date.now().toString(36)}_${++sessionN}`.padEnd(20, 'x');

/** Every character pattern that would reveal a stack trace or internal path. */
export function assertNoStack(text: string): void {
  if (/\n\s+at\s+\S+|\bat\s+[\w.<>]+\s+\(|node_modules|\/work\/|\.ts:\d+/.test(text))
    throw new Error(`response leaks internals: ${text.slice(0, 400)}`);
}

export type { ChatBody, FakeToolCall };

/** Text of every message in a request the model received, joined. */
export function promptText(body: ChatBody): string {
  return body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
}

export const systemPrompt = (body: ChatBody): string => {
  const sys = body.messages.find((m) => m.role === 'system');
  return typeof sys?.content === 'string' ? sys.content : JSON.stringify(sys?.content ?? '');
};

/** The tool results a request carries, parsed. */
export function toolResults(body: ChatBody): Array<Record<string, any>> {
  return body.messages.filter((m) => m.role === 'tool').map((m) => JSON.parse(String(m.content)) as Record<string, any>);
}

export const lastIsTool = (body: ChatBody) => body.messages.at(-1)?.role === 'tool';

/** The last message the shopper sent, as the model sees it. */
export function lastUserText(body: ChatBody): string {
  const m = [...body.messages].reverse().find((x) => x.role === 'user');
  return typeof m?.content === 'string' ? m.content : JSON.stringify(m?.content ?? '');
}

/** Model calls made so far in this turn (assistant messages after the shopper's last message). */
export function stepInTurn(body: ChatBody): number {
  let n = 0;
  for (let i = body.messages.length - 1; i >= 0 && body.messages[i]!.role !== 'user'; i--) if (body.messages[i]!.role === 'assistant') n++;
  return n;
}

/**
 * Plays a misbehaving model: `plan(message, step, body)` answers each model call of a turn;
 * step 0 is the first call after the shopper's message. Returning null ends the turn with text.
 */
export function puppet(fake: FakeOpenAI, plan: (message: string, step: number, body: ChatBody) => FakeToolCall[] | string | null): void {
  fake.handle((body) => {
    const out = plan(lastUserText(body), stepInTurn(body), body);
    if (out === null) return { content: 'Done.' };
    if (typeof out === 'string') return { content: out };
    return { toolCalls: out };
  });
}

/** The tool result the model read last (from the latest request the fake received). */
export function lastToolResult(fake: FakeOpenAI): Record<string, any> | undefined {
  for (let i = fake.requests.length - 1; i >= 0; i--) {
    const r = toolResults(fake.requests[i]!.body);
    if (r.length) return r.at(-1);
  }
  return undefined;
}

export async function json(res: Response): Promise<any> {
  const text = await res.text();
  assertNoStack(text);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function parseSseBody(text: string): Array<{ event: string; data: unknown }> {
  assertNoStack(text);
  return parseSse(text);
}

/**
 * Opens apps for the tests of one file, each disposed (newest first) after its test. Call once at the top of a
 * test file; the returned `open` takes the model (or all of secApp's options) and defaults to `model`.
 */
export function appsPerTest(model: 'offline' | 'fake' = 'fake'): (opts?: SecOptions | 'offline' | 'fake') => Promise<SecApp> {
  const apps: SecApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0).reverse()) await a.dispose();
  });
  return async (opts = model) => {
    const a = await secApp(typeof opts === 'string' ? { model: opts } : opts);
    apps.push(a);
    return a;
  };
}

/** The `n` of a `select count(*) n …` on the app's store. */
export const countOf = (s: SecApp, sql: string, ...args: unknown[]): number => (s.sql.prepare(sql).get(...args) as { n: number }).n;

/** The consent reader on messages by kind: none is a yes to any pending action (or with none named); each of `clear` is. */
export function describeConsentReader(
  title: string,
  notAYes: Record<string, readonly string[]>,
  clear: readonly string[],
  clearTitle: string,
): void {
  describe(title, () => {
    it.each(Object.entries(notAYes))('%s: no yes to any action', (_kind, messages) => {
      for (const m of messages) {
        for (const action of Object.keys(ACTION_ECHO))
          expect(isClearYes(m, { echo: ACTION_ECHO[action as keyof typeof ACTION_ECHO] }), `"${m}" to ${action}`).toBe(false);
        expect(isClearYes(m), `"${m}" with no action named`).toBe(false);
      }
    });
    it(clearTitle, () => {
      for (const m of clear) expect(isClearYes(m, { echo: ACTION_ECHO.return_label }), m).toBe(true);
    });
  });
}

/**
 * A hosted model that proposes cancelling Marcus's processing order on "CANCEL ORDER …" and confirms it on every later
 * turn, as a hijacked one would: after each of `messages` the tool refuses and nothing is cancelled; `yes` then cancels.
 */
export async function cancelHeldUntilClearYes(
  open: (model: 'fake') => Promise<SecApp>,
  messages: readonly string[],
  yes: string,
): Promise<void> {
  const s = await open('fake');
  const order = PROCESSING_ORDERS.marcus;
  puppet(s.fake!, (msg, step) =>
    step > 0 ? null : [{ name: 'cancel_order', arguments: { orderNumber: order, confirm: !/^CANCEL ORDER/.test(msg) } }],
  );
  const token = await s.token(DEMO_SHOPPERS.marcus.id);
  const first = await json(await s.chat({ message: `CANCEL ORDER ${order}` }, { token }));
  const cancelled = () => countOf(s, "select count(*) n from events where type = 'order_cancelled'");
  for (const m of messages) {
    const res = await s.chat({ message: m, conversationId: first.conversationId }, { token });
    expect(res.status).toBe(200);
    await json(res);
    expect(lastToolResult(s.fake!)!.ok, `after "${m}"`).toBe(false);
    expect(cancelled(), `after "${m}"`).toBe(0);
  }
  await s.chat({ message: yes, conversationId: first.conversationId }, { token });
  expect(lastToolResult(s.fake!)!.ok).toBe(true);
  expect(cancelled()).toBe(1);
}

/**
 * A hosted model that proposes cancelling Marcus's processing order on "cancel order …" and writes `text` as its reply in
 * that turn (its own words under which the server states the proposal); on every later message it confirms. `say`
 * sends the shopper's next message in that conversation; `cancelled` counts the cancellations made.
 */
export async function cancelProposedUnder(open: (model: 'fake') => Promise<SecApp>, text: string) {
  const s = await open('fake');
  const order = PROCESSING_ORDERS.marcus;
  const token = await s.token(DEMO_SHOPPERS.marcus.id);
  puppet(s.fake!, (msg, step) => {
    if (/^cancel order/i.test(msg))
      return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: order, confirm: false } }] : text;
    return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: order, confirm: true } }] : 'Done.';
  });
  const first = await json(await s.chat({ message: `cancel order ${order}` }, { token }));
  const cancelled = () => countOf(s, "select count(*) n from events where type = 'order_cancelled'");
  const say = async (message: string) => json(await s.chat({ message, conversationId: first.conversationId }, { token }));
  return { s, first, cancelled, say };
}

/**
 * The offline model proposing a return label for Marcus's returnable order: after each of `messages` no label is made;
 * `yes` then makes it.
 */
export async function labelHeldUntilClearYes(
  open: (model: 'offline') => Promise<SecApp>,
  messages: readonly string[],
  yes: string,
): Promise<void> {
  const s = await open('offline');
  const marcus = DEMO_SHOPPERS.marcus;
  const token = await s.token(marcus.id);
  const labels = () => countOf(s, `select count(*) n from return_labels where order_id = 'o_${marcus.returnableOrder}'`);
  const first = await json(await s.chat({ message: `I want to return order ${marcus.returnableOrder}` }, { token }));
  expect(first.toolCalls.map((t: { name: string }) => t.name)).toContain('create_return_label');
  for (const m of messages) {
    await json(await s.chat({ message: m, conversationId: first.conversationId }, { token }));
    expect(labels(), `after "${m}"`).toBe(0);
  }
  await json(await s.chat({ message: yes, conversationId: first.conversationId }, { token }));
  expect(labels()).toBe(1);
}

/** The webhook secret of the suite's apps that take store webhooks (`secApp({ config: { shopifyWebhookSecret: WEBHOOK_SECRET } })`). */
export const WEBHOOK_SECRET = 'security-suite-webhook-secret-0123456789';

/**
 * One signed Shopify delivery of `body` on `topic` (products/update unless named), triggered just now under a new
 * webhook id unless the headers say otherwise; a header given as null is left out.
 */
export async function deliverShopify(s: SecApp, body: string, headers: Record<string, string | null> = {}): Promise<Response> {
  const h: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': 'products/update',
    'X-Shopify-Hmac-Sha256': await signShopifyBody(body, WEBHOOK_SECRET),
    'X-Shopify-Webhook-Id': crypto.randomUUID(),
    'X-Shopify-Triggered-At': new Date().toISOString(),
  };
  for (const [k, v] of Object.entries(headers)) {
    if (v === null) delete h[k];
    else h[k] = v;
  }
  return s.app.request('/api/webhooks/shopify', { method: 'POST', headers: h, body });
}

/** One signed, fresh delivery of `body` (an object) on `topic`, queued and applied before this returns. */
export async function deliverApplied(s: SecApp, topic: string, body: unknown, headers: Record<string, string | null> = {}): Promise<void> {
  const res = await deliverShopify(s, JSON.stringify(body), { 'X-Shopify-Topic': topic, ...headers });
  expect(res.status).toBe(200);
  expect(await json(res)).toMatchObject({ queued: true });
  await webhooksSettled(s);
}

/** Waits until every queued delivery is applied (they run right after their response). */
export async function webhooksSettled(s: SecApp): Promise<void> {
  for (let i = 0; i < 200 && (await pendingWebhooks(s.db.db)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await pendingWebhooks(s.db.db)).toBe(0);
}

/** "VERIFY <email> <order>" → a hosted model that calls verify_customer with exactly what the shopper typed. */
export function verifyPuppet(s: SecApp): void {
  puppet(s.fake!, (msg, step) => {
    const m = /^VERIFY (\S+) (\S+)/.exec(msg);
    return m && step === 0 ? [{ name: 'verify_customer', arguments: { email: m[1]!, orderNumber: m[2]! } }] : null;
  });
}

/** "VERIFY <email> <number>" calls verify_customer; "CALL <tool> <json>" calls that tool with those arguments. */
export function toolPuppet(s: SecApp): void {
  puppet(s.fake!, (msg, step) => {
    if (step > 0) return null;
    const v = /^VERIFY (\S+) (\S+)/.exec(msg);
    if (v) return [{ name: 'verify_customer', arguments: { email: v[1]!, orderNumber: v[2]! } }];
    const c = /^CALL (\w+) (.*)$/s.exec(msg);
    return c ? [{ name: c[1]!, arguments: JSON.parse(c[2]!) as Record<string, unknown> }] : null;
  });
}

/** One conversation of one session: each message's response body. */
export function chatBodiesAs(s: SecApp, session = freshSession(), token?: string) {
  let conversationId: string | undefined;
  return async (message: string): Promise<Record<string, any>> => {
    const res = await s.chat({ message, ...(conversationId ? { conversationId } : {}) }, { session, ...(token ? { token } : {}) });
    expect(res.status).toBe(200);
    const body = await json(res);
    conversationId ??= body.conversationId;
    return body;
  };
}

/** One conversation of one session: each message's tool result. */
export function chatAs(s: SecApp, session = freshSession(), token?: string) {
  const say = chatBodiesAs(s, session, token);
  return async (message: string): Promise<Record<string, any>> => {
    await say(message);
    return lastToolResult(s.fake!)!;
  };
}

/** The message that makes toolPuppet's model call `tool` with `args`. */
export const call = (tool: string, args: Record<string, unknown> = {}) => `CALL ${tool} ${JSON.stringify(args)}`;

/** One verification from a new session at `ip` (under verifyPuppet): 'ok' or the refusal's code. */
export async function verifyFrom(s: SecApp, ip: string, email: string, orderNumber: string): Promise<string> {
  const res = await s.chat({ message: `VERIFY ${email} ${orderNumber}` }, { session: freshSession(), ip });
  expect(res.status).toBe(200);
  await json(res);
  const r = lastToolResult(s.fake!)!;
  return r.ok ? 'ok' : r.error.code;
}

/** Under a proposal the model worded with another offer beside it: a bare yes cancels nothing; the yes naming it does. */
export async function expectOnlyNamingYesCancels(proposed: Awaited<ReturnType<typeof cancelProposedUnder>>): Promise<void> {
  const { s, first, cancelled, say } = proposed;
  expect(first.reply).toMatch(/Reply "yes, cancel it" to go ahead/);
  await say('yes');
  expect(lastToolResult(s.fake!)!.ok).toBe(false);
  expect(cancelled()).toBe(0);
  await say('yes, cancel it');
  expect(lastToolResult(s.fake!)!.ok).toBe(true);
  expect(cancelled()).toBe(1);
}

// Attacks on the reads kept between turns (src/db/read-cache.ts, commit 16c32a1): the persona
// context, the segment profile and "may this customer act" are served again on the server until
// a table they read is written or a minute passes. Each test plays an attacker against the real
// app on a handle opened as the server opens it (`readCache: true`, the connection's
// `dataVersion`), with a scripted hosted model (the local Chat Completions fake) that shows what
// the model was told, and once against the real Node server process with the database written
// from another process. What must hold: no shopper ever sees another's kept context, a blocked
// or erased customer is refused on the very next request however they were blocked, and a change
// to the data (a new cart line, a lower loyalty tier, a rolled-back write) is what the next turn
// is served from.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eq, gt } from 'drizzle-orm';
import { customers, variants } from '../../src/db/index.js';
import { addCartLine, ensureCart } from '../../src/shop/index.js';
import { buildPersonaContext } from '../../src/personas/index.js';
import { seedDemoStore, DEMO_SHOPPERS } from '../../src/db/seed/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createOpenAIProvider } from '../../src/agent/index.js';
import { createTailor, type Tailor } from '../../src/http/compose.js';
import { createApp } from '../../src/http/index.js';
import { signIdentityToken } from '../../src/http/identity.js';
import { createLogger, randomIds } from '../../src/core/index.js';
import { tempDb, type TempDb } from '../support/db.js';
import { repoRoot, startServer, tempStore } from '../support/server.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI } from '../support/fake-openai.js';
import { DEFAULT_IP, SECRET, freshSession, json, puppet, secConfig, systemPrompt } from './support.js';

const MARCUS = DEMO_SHOPPERS.marcus;
const SARAH = DEMO_SHOPPERS.sarah.id; // gold tier in the demo store

/** The security suite's app (support.ts secApp), but on a handle that keeps reads, as src/node.ts opens it. */
interface CachedApp {
  app: ReturnType<typeof createApp>;
  tailor: Tailor;
  db: TempDb;
  /** Another connection to the same file (a CLI, the store's back office, a second process). */
  other: Database.Database;
  fake: FakeOpenAI;
  token(customerId: string): Promise<string>;
  chat(body: Record<string, unknown>, o?: { token?: string; session?: string }): Promise<Response>;
  dispose(): Promise<void>;
}

const apps: CachedApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0).reverse()) await a.dispose();
});

async function cachedApp(readCache = true): Promise<CachedApp> {
  const db = tempDb({ readCache });
  await seedDemoStore(db.db, { now: Date.now() });
  const fake = await startFakeOpenAI();
  const logger = createLogger('warn', () => {});
  const provider = createOpenAIProvider({ model: 'gpt-4o-mini', apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0, logger });
  const tailor = await createTailor({
    db: db.db,
    atomic: db.atomic,
    dataVersion: readCache ? db.dataVersion : undefined,
    rules: loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(repoRoot, 'prompts')),
    provider,
    logger,
    watchPersonas: false,
  });
  const app = createApp({
    config: secConfig(),
    chat: tailor.chat,
    db: db.db,
    now: Date.now,
    ids: tailor.ids,
    modelName: 'openai:gpt-4o-mini',
    personas: tailor.personas,
    logger,
    clientIp: () => DEFAULT_IP,
  });
  const other = new Database(db.file);
  const a: CachedApp = {
    app,
    tailor,
    db,
    other,
    fake,
    token: async (customerId) => (await signIdentityToken(customerId, SECRET, Date.now(), 3600)).token,
    chat(body, o = {}) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (o.token) headers.Authorization = `Bearer ${o.token}`;
      if (o.session) headers['X-Tailor-Session'] = o.session;
      return Promise.resolve(app.request('/api/chat', { method: 'POST', headers, body: JSON.stringify(body) }));
    },
    async dispose() {
      other.close();
      await fake.close();
      tailor.close();
      await db.dispose();
    },
  };
  apps.push(a);
  return a;
}

/** A product with a size in stock, to put in a cart. */
function stockedItem(a: CachedApp): { productId: string; size: string; name: string } {
  const row = a.other
    .prepare(
      'select p.id productId, p.name name, v.size size from products p join variants v on v.product_id = p.id where v.stock > 5 order by p.id limit 1',
    )
    .get() as { productId: string; size: string; name: string } | undefined;
  if (!row) throw new Error('no stocked product in the demo store');
  return row;
}

/** The system prompt of the first model request of the last turn. */
const promptOfTurn = (fake: FakeOpenAI, from: number): string => systemPrompt(fake.requests[from]!.body);

/** "ADD <product> <size>" → add_to_cart; anything else → a plain answer. */
function cartPuppet(fake: FakeOpenAI) {
  puppet(fake, (msg, step) => {
    const m = /^ADD (\S+) (\S+)/.exec(msg);
    if (m && step === 0) return [{ name: 'add_to_cart', arguments: { productId: m[1]!, size: m[2]! } }];
    return null;
  });
}

const offered = (body: ChatBody) => (body.tools ?? []).map((t) => t.function.name);

describe('a kept persona context never crosses shoppers', () => {
  it("an anonymous visitor presenting a signed-in customer's session id is not served his kept context (name, orders, basket)", async () => {
    const a = await cachedApp();
    cartPuppet(a.fake);
    const item = stockedItem(a);
    const session = freshSession();
    const token = await a.token(MARCUS.id);
    // Marcus, signed in, fills his basket and chats: his context (name, orders, basket) is now kept.
    expect((await a.chat({ message: `ADD ${item.productId} ${item.size}` }, { token, session })).status).toBe(200);
    let mark = a.fake.requests.length;
    expect((await a.chat({ message: 'hello again' }, { token, session })).status).toBe(200);
    const his = promptOfTurn(a.fake, mark);
    expect(his).toContain(`#${MARCUS.returnableOrder}`);

    // The attacker sends the same session id without his token (the header is the client's to choose).
    mark = a.fake.requests.length;
    const res = await a.chat({ message: 'what is in my basket and where are my orders?' }, { session });
    expect(res.status).toBe(200);
    const theirs = promptOfTurn(a.fake, mark);
    expect(theirs).not.toContain(`#${MARCUS.returnableOrder}`);
    expect(theirs).not.toContain('Marcus');
    expect(theirs).not.toContain(item.name);
    expect(offered(a.fake.requests[mark]!.body)).not.toContain('lookup_order');
  });

  it('a session that verified as Marcus in one conversation starts its next one anonymous: none of his kept context', async () => {
    const a = await cachedApp();
    puppet(a.fake, (msg, step) =>
      step === 0 && msg.startsWith('VERIFY')
        ? [{ name: 'verify_customer', arguments: { email: MARCUS.email, orderNumber: MARCUS.returnableOrder } }]
        : null,
    );
    const session = freshSession();
    const verified = await json(await a.chat({ message: 'VERIFY me' }, { session }));
    let mark = a.fake.requests.length;
    await json(await a.chat({ message: 'my orders?', conversationId: verified.conversationId }, { session }));
    // Verified in chat (an order, not the account): even now his prompt holds nothing of his account.
    expect(promptOfTurn(a.fake, mark)).not.toContain(`#${MARCUS.returnableOrder}`);
    mark = a.fake.requests.length;
    const fresh = await json(await a.chat({ message: 'hi, my orders?' }, { session }));
    expect(fresh.conversationId).not.toBe(verified.conversationId);
    const prompt = promptOfTurn(a.fake, mark);
    expect(prompt).not.toContain(`#${MARCUS.returnableOrder}`);
    expect(prompt).not.toContain('Marcus');
    expect(offered(a.fake.requests[mark]!.body)).toContain('verify_customer');
  });

  it("two anonymous sessions never see each other's basket, even right after one of them filled it", async () => {
    const a = await cachedApp();
    cartPuppet(a.fake);
    const item = stockedItem(a);
    const [alice, mallory] = [freshSession(), freshSession()];
    // Both chat first, so both contexts (with empty baskets) are kept.
    await json(await a.chat({ message: 'hi' }, { session: alice }));
    await json(await a.chat({ message: 'hi' }, { session: mallory }));
    await json(await a.chat({ message: `ADD ${item.productId} ${item.size}` }, { session: alice }));
    const mark = a.fake.requests.length;
    await json(await a.chat({ message: 'what is in my basket?' }, { session: mallory }));
    expect(promptOfTurn(a.fake, mark)).not.toContain(item.name);
  });
});

describe('a kept context follows the data it was read from', () => {
  it('every write with RETURNING moves the write clock (the cart upserts), not only statements run with run()', async () => {
    const h = tempDb({ readCache: true });
    try {
      await seedDemoStore(h.db, { now: Date.now() });
      const shopper = { sessionId: freshSession(), customerId: null, verified: false, via: 'anonymous' as const };
      const now = Date.now();
      expect((await buildPersonaContext(h.db, { shopper, now })).cart).toBeNull();
      const [v] = await h.db.select().from(variants).where(gt(variants.stock, 5)).limit(1);
      const cartId = await ensureCart(h.db, shopper, now, randomIds);
      expect(await addCartLine(h.db, { cartId, productId: v!.productId, variantId: v!.id, quantity: 2, maxLine: 5 }, now, randomIds)).toBe(
        2,
      );
      expect((await buildPersonaContext(h.db, { shopper, now })).cart).toMatchObject({ itemCount: 2 });
      // The same statements again (now compiled and kept by the handle): still reported.
      expect(await addCartLine(h.db, { cartId, productId: v!.productId, variantId: v!.id, quantity: 1, maxLine: 5 }, now, randomIds)).toBe(
        3,
      );
      expect((await buildPersonaContext(h.db, { shopper, now })).cart).toMatchObject({ itemCount: 3 });
    } finally {
      await h.dispose();
    }
  });

  it.each([
    ['kept reads (the server)', true],
    ['every read from the database (control)', false],
  ] as const)('a line added to the basket (an upsert with RETURNING) shows in the very next turn’s context: %s', async (_label, keep) => {
    const a = await cachedApp(keep);
    cartPuppet(a.fake);
    const item = stockedItem(a);
    const session = freshSession();
    const first = await json(await a.chat({ message: 'hi, just looking' }, { session }));
    expect(promptOfTurn(a.fake, 0)).not.toContain(item.name);
    await json(await a.chat({ message: `ADD ${item.productId} ${item.size}`, conversationId: first.conversationId }, { session }));
    const lines = a.other
      .prepare('select count(*) n from cart_items ci join carts c on c.id = ci.cart_id where c.owner_key = ?')
      .get(`s:${session}`) as {
      n: number;
    };
    expect(lines.n).toBe(1);
    const mark = a.fake.requests.length;
    await json(await a.chat({ message: 'what is in my basket?', conversationId: first.conversationId }, { session }));
    expect(promptOfTurn(a.fake, mark)).toContain(item.name);
  });

  it('a loyalty tier lowered by another connection grants no perk on the next turn (no kept tier, no kept free express)', async () => {
    const a = await cachedApp();
    puppet(a.fake, () => null);
    const token = await a.token(SARAH);
    const first = await json(await a.chat({ message: 'hi' }, { token }));
    const was = promptOfTurn(a.fake, 0);
    expect(was).toContain('Loyalty: gold tier, 1240 points');
    expect(was).toContain('free express shipping');
    // Asked again: her context and profile are kept now.
    await json(await a.chat({ message: 'hello', conversationId: first.conversationId }, { token }));

    // The store's back office takes the tier away (another connection: only data_version tells).
    a.other.prepare("update customers set loyalty_tier = 'none', loyalty_points = 50 where id = ?").run(SARAH);
    await new Promise((r) => setTimeout(r, 5)); // the other connection's commit is looked for at most once a millisecond
    const mark = a.fake.requests.length;
    await json(await a.chat({ message: 'what perks do I get?', conversationId: first.conversationId }, { token }));
    const now = promptOfTurn(a.fake, mark);
    expect(now).toContain('Loyalty: none tier, 50 points');
    expect(now).not.toContain('free express shipping');
  });
});

describe('a kept segment follows the data it was read from', () => {
  it('a hand-picked VIP membership revoked by another connection ends the VIP persona on the next turn', async () => {
    const a = await cachedApp();
    puppet(a.fake, () => null);
    const token = await a.token(MARCUS.id);
    const first = await json(await a.chat({ message: 'hi' }, { token }));
    expect(first.segment.id).not.toBe('vip');
    a.other.prepare("insert into segment_memberships (customer_id, segment, created_at) values (?, 'vip', ?)").run(MARCUS.id, Date.now());
    await new Promise((r) => setTimeout(r, 5));
    const granted = await json(await a.chat({ message: 'hello', conversationId: first.conversationId }, { token }));
    expect(granted.segment.id).toBe('vip');
    expect(granted.persona.id).toBe('vip');
    // Asked again while VIP: kept now. Then the stylists take him off the list.
    await json(await a.chat({ message: 'and now?', conversationId: first.conversationId }, { token }));
    a.other.prepare("delete from segment_memberships where customer_id = ? and segment = 'vip'").run(MARCUS.id);
    await new Promise((r) => setTimeout(r, 5));
    const mark = a.fake.requests.length;
    const revoked = await json(await a.chat({ message: 'any VIP perks for me?', conversationId: first.conversationId }, { token }));
    expect(revoked.segment.id).toBe(first.segment.id);
    expect(revoked.persona.id).not.toBe('vip');
    expect(promptOfTurn(a.fake, mark)).not.toMatch(/VIP customer/);
  });
});

describe('a blocked or erased customer is refused at once, however the block was written', () => {
  const blockers = {
    'through the atomic seam (the server’s own write)': async (a: CachedApp, id: string) =>
      a.db.atomic([a.db.db.update(customers).set({ blockedAt: Date.now() }).where(eq(customers.id, id))]),
    'by another connection (a CLI, the back office)': async (a: CachedApp, id: string) => {
      a.other.prepare('update customers set blocked_at = ? where id = ?').run(Date.now(), id);
      await new Promise((r) => setTimeout(r, 5));
    },
    'by erasing the row from another connection': async (a: CachedApp, id: string) => {
      a.other.pragma('foreign_keys = OFF');
      a.other.prepare('delete from customers where id = ?').run(id);
      await new Promise((r) => setTimeout(r, 5));
    },
  } as const;

  for (const [how, block] of Object.entries(blockers)) {
    it(`a signed-in customer blocked ${how}: 401 on the next request`, async () => {
      const a = await cachedApp();
      puppet(a.fake, () => null);
      const token = await a.token('c_sarah');
      const first = await a.chat({ message: 'hi' }, { token });
      expect(first.status).toBe(200);
      // Asked twice: "may act" is kept now.
      expect((await a.chat({ message: 'still there?' }, { token })).status).toBe(200);
      await block(a, 'c_sarah');
      const next = await a.chat({ message: 'and my orders?', conversationId: (await json(first)).conversationId }, { token });
      expect(next.status).toBe(401);
      expect((await json(next)).error.code).toBe('unauthorized');
    });

    it(`a customer who verified in chat, then blocked ${how}: the bound conversation no longer acts as them`, async () => {
      const a = await cachedApp();
      puppet(a.fake, (msg, step) =>
        step === 0 && msg.startsWith('VERIFY')
          ? [{ name: 'verify_customer', arguments: { email: MARCUS.email, orderNumber: MARCUS.returnableOrder } }]
          : step === 0
            ? [{ name: 'lookup_order', arguments: { orderNumber: MARCUS.returnableOrder } }]
            : null,
      );
      const session = freshSession();
      const first = await json(await a.chat({ message: 'VERIFY me' }, { session }));
      expect(a.other.prepare('select customer_id c from conversations where id = ?').get(first.conversationId)).toEqual({ c: MARCUS.id });
      // One more turn as Marcus, so "may act" and his context are kept.
      expect((await a.chat({ message: 'my order?', conversationId: first.conversationId }, { session })).status).toBe(200);
      await block(a, MARCUS.id);
      const before = a.fake.requests.length;
      const res = await a.chat({ message: 'my order?', conversationId: first.conversationId }, { session });
      expect(res.status).toBe(401);
      await json(res);
      expect(a.fake.requests.length).toBe(before); // the model was not even asked
    });
  }

  it('an unblock that was rolled back leaves the customer blocked (the kept answer is not the rolled-back one)', async () => {
    const a = await cachedApp();
    puppet(a.fake, () => null);
    const token = await a.token('c_sarah');
    await a.db.atomic([a.db.db.update(customers).set({ blockedAt: Date.now() }).where(eq(customers.id, 'c_sarah'))]);
    expect((await a.chat({ message: 'hi' }, { token })).status).toBe(401);
    // An unblock whose set fails on its second statement (a duplicate primary key): the savepoint rolls back.
    const dup = a.other.prepare('select * from customers where id = ?').get('c_lena') as Record<string, unknown>;
    await expect(
      a.db.atomic([
        a.db.db.update(customers).set({ blockedAt: null }).where(eq(customers.id, 'c_sarah')),
        a.db.db.insert(customers).values({ ...(camel(dup) as typeof customers.$inferInsert) }),
      ]),
    ).rejects.toThrow(/UNIQUE|PRIMARY KEY|constraint/i);
    expect((a.other.prepare('select blocked_at b from customers where id = ?').get('c_sarah') as { b: number | null }).b).not.toBeNull();
    expect((await a.chat({ message: 'hi again' }, { token })).status).toBe(401);
  });
});

/** A raw customers row in drizzle's field names. */
function camel(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase()), v]));
}

describe('the real Node server (readCache on), written to by another process', () => {
  it('a customer blocked from outside the server process is refused on the next request; one unblocked is let back in', async () => {
    const store = tempStore();
    const secret = 'attack-read-cache-identity-secret-0123456789';
    const server = await startServer({
      dbFile: store.dbFile,
      env: { TAILOR_IDENTITY_SECRET: secret, TAILOR_DEMO: '1', TAILOR_RATE_SESSION_PER_MIN: '0', TAILOR_RATE_IP_PER_MIN: '0' },
    });
    const outside = new Database(store.dbFile);
    try {
      const token = (await signIdentityToken('c_sarah', secret, Date.now(), 3600)).token;
      const ask = (message: string) =>
        fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ message }),
        });
      expect((await ask('hi')).status).toBe(200);
      expect((await ask('hello')).status).toBe(200); // kept now
      outside.prepare('update customers set blocked_at = ? where id = ?').run(Date.now(), 'c_sarah');
      const refused = await ask('where is my order?');
      expect(refused.status).toBe(401);
      await refused.text();
      outside.prepare('update customers set blocked_at = null where id = ?').run('c_sarah');
      expect((await ask('hi again')).status).toBe(200);
    } finally {
      outside.close();
      await server.stop();
      store.dispose();
    }
  }, 60_000);
});

// Tool routing (TAILOR_TOOL_ROUTING, src/agent/tool-routing.ts): a hosted model is offered only the
// tools a turn can plausibly use, chosen by the learned intent classifier. Checked on the wire, on
// the requests the local Chat Completions fake receives from the real app: a clear message gets a
// few tools, an unclear one (or a bare yes) gets every tool, a waiting proposal keeps its tool, and
// routing switched off sends them all. What a call may do is unchanged: the persona authorizes.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createOpenAIProvider, routeTools } from '../../src/agent/index.js';
import { loadDefaultClassifier } from '../../src/agent/offline/nlu/default-model.js';
import { createTailor, type Tailor } from '../../src/http/compose.js';
import { createApp } from '../../src/http/index.js';
import { signIdentityToken } from '../../src/http/identity.js';
import { createLogger } from '../../src/core/index.js';
import { loadConfig } from '../../src/config.js';
import { tempDb, type TempDb } from '../support/db.js';
import { repoRoot } from '../support/server.js';
import { startFakeOpenAI, type ChatBody, type FakeOpenAI, type FakeReply } from '../support/fake-openai.js';

const SECRET = 'routed-tools-identity-secret-0123';
const MARCUS = 'c_marcus';
/** Marcus's persona (repeat-buyer) without verify_customer: he is signed in. */
const MARCUS_TOOLS = [
  'search_products',
  'get_product',
  'add_to_cart',
  'update_cart',
  'view_cart',
  'store_policy',
  'escalate_to_human',
  'lookup_order',
  'create_return_label',
  'cancel_order',
  'change_shipping_address',
  'exchange_items',
  'reorder',
  'loyalty_status',
];

interface Rig {
  fake: FakeOpenAI;
  logs: string[];
  chat(message: string, conversationId?: string): Promise<{ conversationId: string; toolCalls: Array<{ name: string; ok: boolean }> }>;
  dispose(): Promise<void>;
}

async function rig(toolRouting?: 'auto' | 'off'): Promise<Rig> {
  const logs: string[] = [];
  const logger = createLogger('info', (l) => logs.push(l));
  const db: TempDb = tempDb();
  await seedDemoStore(db.db, { now: Date.now() });
  const fake = await startFakeOpenAI();
  const provider = createOpenAIProvider({ model: 'gpt-4o-mini', apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0 });
  const tailor: Tailor = await createTailor({
    db: db.db,
    atomic: db.atomic,
    rules: loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(repoRoot, 'prompts')),
    provider,
    logger,
    watchPersonas: false,
    toolRouting,
  });
  const app = createApp({
    config: {
      identitySecret: SECRET,
      adminToken: null,
      demo: false,
      demoShoppers: [],
      allowedOrigins: [],
      rate: { sessionPerMin: 0, ipPerMin: 0 },
    },
    chat: tailor.chat,
    db: db.db,
    now: tailor.now,
    ids: tailor.ids,
    modelName: provider.name,
    personas: tailor.personas,
    logger,
  });
  const token = (await signIdentityToken(MARCUS, SECRET, Date.now(), 3600)).token;
  return {
    fake,
    logs,
    async chat(message, conversationId) {
      const res = await app.request('/api/chat', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ message, ...(conversationId ? { conversationId } : {}) }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { conversationId: string; toolCalls: Array<{ name: string; ok: boolean }> };
    },
    async dispose() {
      await fake.close();
      tailor.close();
      await db.dispose();
    },
  };
}

/** The names of the tools one request offered, in the order sent. */
const offered = (body: ChatBody) => (body.tools ?? []).map((t) => t.function.name);

/** Calls `tool` with `args` on the first step of each turn, then answers in words. */
function callsThenReplies(tool: string, args: Record<string, unknown>): (body: ChatBody) => FakeReply {
  return (body) => (body.messages.at(-1)?.role === 'tool' ? { content: 'Done.' } : { toolCalls: [{ name: tool, arguments: args }] });
}

const turnLines = (logs: string[]) =>
  logs.map((l) => JSON.parse(l) as { msg: string; toolsOffered?: number }).filter((l) => l.msg === 'turn');

describe('tool routing on the wire (TAILOR_TOOL_ROUTING=auto, the default)', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig();
  });
  afterAll(() => r.dispose());
  afterEach(() => r.fake.reset());

  it('offers an order question only the order tools and the ones every turn keeps, on every step of the turn', async () => {
    r.fake.handle(callsThenReplies('lookup_order', { orderNumber: '28473' }));
    const body = await r.chat('Where is my order 28473?');
    expect(body.toolCalls).toEqual([expect.objectContaining({ name: 'lookup_order', ok: true })]);
    expect(r.fake.requests).toHaveLength(2);
    for (const req of r.fake.requests) expect(offered(req.body)).toEqual(['store_policy', 'escalate_to_human', 'lookup_order']);
    // Each definition is the registry's own, byte for byte: only the list is shorter.
    const all = r.fake.requests[0]!.body.tools!;
    expect(all.every((t) => MARCUS_TOOLS.includes(t.function.name) && typeof t.function.description === 'string')).toBe(true);
    expect(turnLines(r.logs).at(-1)).toMatchObject({ toolsOffered: 3 });
  });

  it('offers a product search the catalogue tools, not the order actions', async () => {
    r.fake.handle(() => ({ content: 'Here are some red dresses.' }));
    await r.chat('do you have red dresses under $150?');
    const tools = offered(r.fake.requests[0]!.body);
    expect(tools).toEqual(expect.arrayContaining(['search_products', 'get_product', 'store_policy', 'escalate_to_human']));
    expect(tools).not.toContain('cancel_order');
    expect(tools.length).toBeLessThan(MARCUS_TOOLS.length);
  });

  it('offers every tool when the classifier cannot tell what the shopper wants', async () => {
    r.fake.handle(() => ({ content: 'Could you tell me a bit more?' }));
    await r.chat('hmm');
    expect(offered(r.fake.requests[0]!.body)).toEqual(MARCUS_TOOLS);
    expect(turnLines(r.logs).at(-1)).toMatchObject({ toolsOffered: MARCUS_TOOLS.length });
  });

  it('offers every tool for a bare yes, which may answer any question the assistant asked', async () => {
    r.fake.handle(() => ({ content: 'Great.' }));
    await r.chat('yes please');
    expect(offered(r.fake.requests[0]!.body)).toEqual(MARCUS_TOOLS);
  });

  it('keeps the tool of a waiting proposal (and the recent turns) on a turn about something else', async () => {
    r.fake.handle(callsThenReplies('create_return_label', { orderNumber: '28473', confirm: false }));
    const first = await r.chat('I want to return the jumper from 28473');
    expect(first.toolCalls.map((t) => t.name)).toEqual(['create_return_label']);
    r.fake.reset();
    r.fake.handle(() => ({ content: 'Here are some scarves.' }));
    await r.chat('do you have scarves?', first.conversationId);
    const tools = offered(r.fake.requests[0]!.body);
    expect(tools).toContain('create_return_label');
    expect(tools).toContain('search_products');
    expect(tools.length).toBeLessThan(MARCUS_TOOLS.length);
  });

  it('still runs a persona tool the model calls although it was not offered this turn (the persona authorizes)', async () => {
    r.fake.handle(callsThenReplies('view_cart', {}));
    const body = await r.chat('Where is my order 28473?');
    expect(offered(r.fake.requests[0]!.body)).not.toContain('view_cart');
    expect(body.toolCalls).toEqual([expect.objectContaining({ name: 'view_cart', ok: true })]);
  });
});

describe('tool routing switched off (TAILOR_TOOL_ROUTING=off)', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig('off');
  });
  afterAll(() => r.dispose());

  it("offers every one of the persona's tools, whatever the message", async () => {
    r.fake.handle(callsThenReplies('lookup_order', { orderNumber: '28473' }));
    await r.chat('Where is my order 28473?');
    for (const req of r.fake.requests) expect(offered(req.body)).toEqual(MARCUS_TOOLS);
    expect(turnLines(r.logs).at(-1)).toMatchObject({ toolsOffered: MARCUS_TOOLS.length });
  });
});

describe('routeTools', () => {
  const tools = MARCUS_TOOLS as Parameters<typeof routeTools>[0]['tools'];

  it("adds a waiting proposal's tool to what the message needs, and only ever the persona's own tools", async () => {
    const plain = await routeTools({ tools, message: 'do you have scarves?' });
    expect(plain.routed).toBe(true);
    expect(plain.tools).not.toContain('create_return_label');
    const pending = await routeTools({ tools, message: 'do you have scarves?', pendingAction: 'return_label' });
    expect(pending.tools).toContain('create_return_label');
    const narrow = await routeTools({ tools: ['lookup_order'], message: 'do you have scarves?', pendingAction: 'return_label' });
    expect(narrow.tools).toEqual([]);
  });

  it('adds the tools of the recent turns', async () => {
    const route = await routeTools({ tools, message: 'thanks!', recentTools: ['get_product'] });
    expect(route.tools).toEqual(['get_product', 'store_policy', 'escalate_to_human']);
  });

  it("reads the classifier's leaders (top) exactly as a whole prediction ranks them", async () => {
    // Routing asks only for the leaders, on every turn; they must be the prediction's own, ties included.
    const classifier = await loadDefaultClassifier();
    for (const message of ['where is my parcel', 'do you have scarves?', 'yes', 'hmm', 'I want my money back for the boots', '']) {
      for (const k of [1, 4]) expect(classifier.top(message, k)).toEqual(classifier.predict(message, { topK: k }).top);
    }
  });
});

describe('TAILOR_TOOL_ROUTING', () => {
  it('is auto by default, accepts off and refuses anything else with a line naming it', () => {
    expect(loadConfig({}).toolRouting).toBe('auto');
    expect(loadConfig({ TAILOR_TOOL_ROUTING: 'off' }).toolRouting).toBe('off');
    expect(() => loadConfig({ TAILOR_TOOL_ROUTING: 'sometimes' })).toThrow(/TAILOR_TOOL_ROUTING/);
  });
});

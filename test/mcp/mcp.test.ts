// The shopper tools over MCP, driven by the SDK's own client against the real HTTP server and a
// real SQLite file: what each shopper may see and do, the two-phase write and who may approve it,
// identity (401) and the shared rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { conversations, events, messages, orders, returnLabels } from '../../src/db/index.js';
import { startMcpServer, type McpServerFixture } from './server.js';

let srv: McpServerFixture;
beforeAll(async () => {
  srv = await startMcpServer();
}, 60_000);
afterAll(async () => {
  await srv?.close();
});

type Body = Record<string, any>;
async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ isError: boolean; body: Body }> {
  const res = await client.callTool({ name, arguments: args });
  const text = (res.content as Array<{ type: string; text: string }>)[0]!.text;
  expect(res.structuredContent).toEqual(JSON.parse(text));
  return { isError: res.isError === true, body: res.structuredContent as Body };
}
const names = async (client: Client) => (await client.listTools()).tools.map((t) => t.name);

async function labelsOf(orderNumber: string) {
  const [order] = await srv.db.db.select({ id: orders.id }).from(orders).where(eq(orders.number, orderNumber));
  return srv.db.db.select().from(returnLabels).where(eq(returnLabels.orderId, order!.id));
}

describe('an anonymous shopper over MCP', () => {
  it('sees the catalog, cart and verification tools, not the account ones', async () => {
    const { client } = await srv.client();
    const list = await names(client);
    expect(list).toEqual(
      expect.arrayContaining([
        'search_products',
        'get_product',
        'add_to_cart',
        'view_cart',
        'store_policy',
        'verify_customer',
        'escalate_to_human',
      ]),
    );
    for (const hidden of ['lookup_order', 'create_return_label', 'cancel_order', 'confirm_proposal']) expect(list).not.toContain(hidden);
  });

  it('declares each tool’s output schema, and the SDK client checks every result against it', async () => {
    const { client } = await srv.client();
    const { tools } = await client.listTools();
    const search = tools.find((t) => t.name === 'search_products')!;
    expect(search.outputSchema?.type).toBe('object');
    expect(JSON.stringify(search.outputSchema)).toContain('"matches"');
    // After listTools the client validates structuredContent (a mismatch throws): a result, and an error.
    expect((await call(client, 'search_products', { query: 'linen shirt' })).body.matches.length).toBeGreaterThan(0);
    expect((await call(client, 'store_policy', { topic: 'sizing' })).body.facts.clothing[0]).toMatchObject({ size: 'XS' });
    expect(await call(client, 'get_product', { productId: 'p_nope' })).toMatchObject({
      isError: true,
      body: { error: { code: 'not_found' } },
    });
    const validator = (client as unknown as { getToolOutputValidator(n: string): unknown }).getToolOutputValidator('search_products');
    expect(validator).toBeTypeOf('function');
  });

  it('searches products, and keeps a cart across requests through its MCP session', async () => {
    const { client, transport } = await srv.client();
    const found = await call(client, 'search_products', { query: 'red dress', maxPrice: 150 });
    expect(found.isError).toBe(false);
    expect(found.body.matches.length).toBeGreaterThan(0);
    for (const p of found.body.matches) expect(p.price).toBeLessThanOrEqual(150);
    const product = found.body.matches.find((p: Body) => Object.values(p.stock).some((n) => (n as number) > 0));
    const size = Object.entries(product.stock as Record<string, number>).find(([, n]) => n > 0)![0];
    expect(transport.sessionId).toMatch(/^s_[0-9a-f]{32}$/);
    const added = await call(client, 'add_to_cart', { productId: product.id, size });
    expect(added.isError).toBe(false);
    const cart = await call(client, 'view_cart');
    expect(JSON.stringify(cart.body.cart)).toContain(product.name);
  });

  it('runs parallel calls of one session one after another, each a turn of its MCP conversation', async () => {
    const { client, transport } = await srv.client();
    const results = await Promise.all(['shipping', 'returns', 'sizing'].map((topic) => call(client, 'store_policy', { topic })));
    for (const r of results) expect(r.isError).toBe(false);
    const [conv] = await srv.db.db.select().from(conversations).where(eq(conversations.sessionId, transport.sessionId!));
    expect(conv).toMatchObject({ personaId: 'mcp', model: 'mcp', customerId: null, turnCount: 3 });
    const rows = await srv.db.db
      .select({ seq: messages.seq, role: messages.role, toolName: messages.toolName })
      .from(messages)
      .where(eq(messages.conversationId, conv!.id));
    expect(rows).toHaveLength(6);
    expect(rows.filter((m) => m.role === 'tool').map((m) => m.toolName)).toEqual(['store_policy', 'store_policy', 'store_policy']);
  });

  it('is told to verify before an account tool, and gets the account tools after verify_customer', async () => {
    const { client } = await srv.client();
    const refused = await call(client, 'lookup_order', { orderNumber: '28473' });
    expect(refused).toMatchObject({ isError: true, body: { error: { code: 'must_verify' } } });
    expect(refused.body.error.message).toMatch(/verify_customer/);
    const verified = await call(client, 'verify_customer', { email: 'marcus@example.com', orderNumber: '28473' });
    expect(verified.body).toMatchObject({ verified: true, firstName: 'Marcus' });
    expect(await names(client)).toEqual(expect.arrayContaining(['lookup_order', 'create_return_label', 'confirm_proposal']));
    const order = await call(client, 'lookup_order', { orderNumber: '28473' });
    expect(order.isError).toBe(false);
    expect(order.body.order.number ?? order.body.order.orderNumber).toBe('28473');
  });
});

describe('a signed-in shopper over MCP', () => {
  it('lists the account tools without the server-only confirm field, and no verify_customer', async () => {
    const { client } = await srv.client({ token: await srv.token('marcus@example.com') });
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining(['lookup_order', 'create_return_label', 'cancel_order', 'confirm_proposal', 'decline_proposal']),
    );
    expect(byName.has('verify_customer')).toBe(false);
    const props = byName.get('create_return_label')!.inputSchema.properties as Record<string, unknown>;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['orderNumber', 'items']));
    expect(props).not.toHaveProperty('confirm');
    expect(byName.get('lookup_order')!.annotations?.readOnlyHint).toBe(true);
  });

  it('looks up their own order; someone else’s reads exactly like one that does not exist', async () => {
    const marcus = (await srv.client({ token: await srv.token('marcus@example.com') })).client;
    const own = await call(marcus, 'lookup_order', { orderNumber: '28473' });
    expect(own.isError).toBe(false);
    expect(JSON.stringify(own.body)).toContain('28473');

    const lena = (await srv.client({ token: await srv.token('lena@example.com') })).client;
    const theirs = await call(lena, 'lookup_order', { orderNumber: '28473' });
    const missing = await call(lena, 'lookup_order', { orderNumber: '99999999' });
    expect(theirs).toMatchObject({ isError: true, body: { error: { code: 'not_found' } } });
    expect(theirs.body.error.message.replace('28473', 'N')).toBe(missing.body.error.message.replace('99999999', 'N'));
    expect(JSON.stringify(theirs.body)).not.toMatch(/Marcus|jumper|delivered/i);
  });
});

describe('a return label over MCP is two-phase', () => {
  it('is only proposed by the tool (even when the client sends confirm:true), and approved only by its shopper', async () => {
    const marcusToken = await srv.token('marcus@example.com');
    const { client: marcus, transport } = await srv.client({ token: marcusToken });
    const asked = await call(marcus, 'create_return_label', { orderNumber: '28473', confirm: true });
    expect(asked.isError).toBe(false);
    expect(asked.body).toMatchObject({ needsConfirmation: true, proposal: { orderNumber: '28473', cost: 'free' } });
    expect(asked.body.instruction).toMatch(/confirm_proposal/);
    expect(await labelsOf('28473')).toHaveLength(0);
    // Asking again with confirm:true only proposes again (the new proposal replaces the first).
    const again1 = await call(marcus, 'create_return_label', { orderNumber: '28473', confirm: true });
    expect(again1.body).toMatchObject({ needsConfirmation: true });
    expect(await call(marcus, 'confirm_proposal', { proposalId: asked.body.proposal.proposalId })).toMatchObject({
      isError: true,
      body: { error: { code: 'not_found' } },
    });
    const proposalId: string = again1.body.proposal.proposalId;
    expect(await labelsOf('28473')).toHaveLength(0);

    // Another signed-in shopper, even one sending Marcus's MCP session, cannot approve it.
    const lena = (await srv.client({ token: await srv.token('lena@example.com'), sessionId: transport.sessionId })).client;
    const stolen = await call(lena, 'confirm_proposal', { proposalId });
    expect(stolen).toMatchObject({ isError: true, body: { error: { code: 'not_found' } } });
    // Nor can an anonymous client holding Marcus's session id.
    const anon = (await srv.client({ headers: { 'X-Tailor-Session': transport.sessionId! } })).client;
    expect(await call(anon, 'confirm_proposal', { proposalId })).toMatchObject({ isError: true, body: { error: { code: 'not_found' } } });
    expect(await labelsOf('28473')).toHaveLength(0);

    // Marcus approves it (another client of his: the session id carries the conversation).
    const again = (await srv.client({ token: marcusToken, sessionId: transport.sessionId })).client;
    const done = await call(again, 'confirm_proposal', { proposalId });
    expect(done.isError, JSON.stringify(done.body)).toBe(false);
    expect(done.body).toMatchObject({ created: true, label: { orderNumber: '28473' } });
    const labels = await labelsOf('28473');
    expect(labels).toHaveLength(1);
    expect(done.body.label.trackingCode).toBe(labels[0]!.trackingCode);

    // The business event is recorded in Marcus's MCP conversation, as in chat.
    const rows = await srv.db.db
      .select({ type: events.type, personaId: conversations.personaId })
      .from(events)
      .innerJoin(conversations, eq(conversations.id, events.conversationId))
      .where(and(eq(events.type, 'return_label_created'), eq(conversations.personaId, 'mcp')));
    expect(rows).toHaveLength(1);

    // A proposal is used once.
    expect(await call(marcus, 'confirm_proposal', { proposalId })).toMatchObject({ isError: true, body: { error: { code: 'not_found' } } });
    expect(await labelsOf('28473')).toHaveLength(1);
  });

  it('confirms a new delivery address exactly as proposed', async () => {
    const { client } = await srv.client({ token: await srv.token('sarah@example.com') });
    const address = { line1: '77 Broadway', city: 'New York', state: 'ny', zip: '10006' };
    const asked = await call(client, 'change_shipping_address', { orderNumber: '28512', address });
    expect(asked.body).toMatchObject({ needsConfirmation: true, proposal: { to: expect.stringContaining('77 Broadway') } });
    const done = await call(client, 'confirm_proposal', { proposalId: asked.body.proposal.proposalId });
    expect(done.isError, JSON.stringify(done.body)).toBe(false);
    expect(done.body).toMatchObject({ changed: true });
    const order = await call(client, 'lookup_order', { orderNumber: '28512' });
    expect(order.body.order.shipTo).toContain('77 Broadway');
  });

  it('a declined proposal cannot be confirmed', async () => {
    const { client } = await srv.client({ token: await srv.token('marcus@example.com') });
    const asked = await call(client, 'cancel_order', { orderNumber: '28511' });
    expect(asked.body.needsConfirmation).toBe(true);
    const proposalId: string = asked.body.proposal.proposalId;
    expect(await call(client, 'decline_proposal', { proposalId })).toMatchObject({ isError: false, body: { declined: true } });
    expect(await call(client, 'confirm_proposal', { proposalId })).toMatchObject({ isError: true, body: { error: { code: 'not_found' } } });
    const order = await call(client, 'lookup_order', { orderNumber: '28511' });
    expect(order.body.order.status).not.toBe('cancelled');
  });
});

describe('identity and limits', () => {
  it('refuses a bad token with 401, to the SDK client and over plain HTTP', async () => {
    await expect(srv.client({ token: 'not-a-real-token' })).rejects.toThrow(/401|Invalid or expired identity token/);
    const forged = (await srv.token('marcus@example.com')).slice(0, -4) + 'AAAA';
    const res = await fetch(`${srv.url}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${forged}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('counts tool calls against the chat rate limit (shared with /api/chat)', async () => {
    const limited = await startMcpServer({ sessionPerMin: 3, ipPerMin: 0 });
    try {
      const { client, transport } = await limited.client();
      await client.listTools(); // listing is not a message
      expect((await call(client, 'store_policy', { topic: 'returns' })).isError).toBe(false);
      expect((await call(client, 'store_policy', { topic: 'shipping' })).isError).toBe(false);
      // A chat message from the same session spends the same budget.
      const chat = await fetch(`${limited.url}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tailor-Session': transport.sessionId! },
        body: JSON.stringify({ message: 'hi' }),
      });
      expect(chat.status).toBe(200);
      await expect(client.callTool({ name: 'store_policy', arguments: { topic: 'returns' } })).rejects.toThrow(/429|Too many messages/);
    } finally {
      await limited.close();
    }
  }, 30_000);
});

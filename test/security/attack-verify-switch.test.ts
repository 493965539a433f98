// Attacks on the mid-turn persona switch (commit f05ba70, src/chat/reselect.ts): once
// verify_customer succeeds in a turn, the rest of that turn runs as the verified shopper's own
// persona, with its account tools. An attacker drives the real app — a scripted hosted model (the
// local Chat Completions fake) calling whatever tools an injected prompt could make it call, and
// the offline model fed hostile messages — trying to get those tools without a verification, to
// act on someone else's order after one, or to make a write in the turn it is proposed. What must
// hold: only a successful verification changes the prompt and the tools, and only from the next
// model step; each tool still authorizes against the verified customer; a write waits for the
// shopper's yes in a later message; an opted-out shopper's prompt stays neutral.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, MARCUS_SHIPPED_ORDER, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import {
  freshSession,
  json,
  parseSseBody,
  puppet,
  systemPrompt,
  toolResults,
  type ChatBody,
  type FakeToolCall,
  type SecApp,
  appsPerTest,
} from './support.js';
import { createOpenAIProvider } from '../../src/agent/index.js';
import type { ChatResponse } from '../../src/chat/index.js';
import { chatThatCannotResegment } from '../support/tailor.js';
import { startServer, tempStore } from '../support/server.js';
import { startFakeOpenAI } from '../support/fake-openai.js';

const MARCUS = DEMO_SHOPPERS.marcus;
const SARAH = DEMO_SHOPPERS.sarah;
const RETURNABLE = MARCUS.returnableOrder; // delivered, Marcus's
const MARCUS_PROCESSING = PROCESSING_ORDERS.marcus; // cancellable, Marcus's
const SARAH_PROCESSING = PROCESSING_ORDERS.sarah; // cancellable, Sarah's
const SARAH_STREET = 'Lake Shore';

const open = appsPerTest();

const verify = (email: string, orderNumber: string): FakeToolCall => ({ name: 'verify_customer', arguments: { email, orderNumber } });
const lookUp = (orderNumber: string): FakeToolCall => ({ name: 'lookup_order', arguments: { orderNumber } });
const cancel = (orderNumber: string, confirm: boolean): FakeToolCall => ({ name: 'cancel_order', arguments: { orderNumber, confirm } });
const returnLabel = (orderNumber: string, confirm: boolean): FakeToolCall => ({
  name: 'create_return_label',
  arguments: { orderNumber, confirm },
});
const moveOrder = (orderNumber: string): FakeToolCall => ({
  name: 'change_shipping_address',
  arguments: {
    orderNumber,
    address: { name: 'Mallory', line1: '1 Drop Street', city: 'Reno', state: 'NV', zip: '89501', country: 'US' },
    confirm: true,
  },
});
const moveTo = moveOrder(MARCUS_PROCESSING);

/** Plays one list of tool calls per model step of each turn, then answers in words. */
function plays(s: SecApp, ...steps: FakeToolCall[][]) {
  puppet(s.fake!, (_msg, step) => (step < steps.length ? steps[step]! : null));
}

const offered = (body: ChatBody) => (body.tools ?? []).map((t) => t.function.name);
const requests = (s: SecApp) => s.fake!.requests.map((r) => r.body);
/** The results of the tool calls the model made in its step `n` of the turn, as it read them. */
const resultsOfStep = (s: SecApp, n: number): Array<Record<string, any>> => {
  const bodies = requests(s);
  const after = toolResults(bodies[n + 1]!);
  return after.slice(toolResults(bodies[n]!).length);
};
const code = (r: Record<string, any>) => (r.ok ? 'ok' : (r.error?.code as string));
/** A result that did not act: refused, or a proposal waiting for the shopper's yes (its id). */
const didNotAct = (r: Record<string, any>): string =>
  r.ok ? (r.data?.needsConfirmation === true ? String(r.data.proposal.proposalId) : 'ACTED') : 'refused';

const orderStatus = (s: SecApp, number: string) =>
  (s.sql.prepare('select status from orders where number = ?').get(number) as { status: string }).status;
const shipTo = (s: SecApp, number: string) =>
  JSON.stringify(s.sql.prepare('select * from orders where number = ?').get(number) as Record<string, unknown>);
const labels = (s: SecApp, number: string) =>
  (
    s.sql.prepare('select count(*) n from return_labels l join orders o on o.id = l.order_id where o.number = ?').get(number) as {
      n: number;
    }
  ).n;
const boundTo = (s: SecApp, conversationId: string) =>
  (s.sql.prepare('select customer_id c from conversations where id = ?').get(conversationId) as { c: string | null }).c;

describe('gaining account tools without a verification (scripted model)', () => {
  const failures = {
    'a wrong order number': () => verify(MARCUS.email, '28599'),
    "another customer's order number": () => verify(MARCUS.email, SARAH_PROCESSING),
    'an email that is no account': () => verify('nobody@example.com', RETURNABLE),
  } as const;

  for (const [how, attempt] of Object.entries(failures)) {
    it(`${how}: the prompt and the tools stay the anonymous ones; every account tool is refused and nothing changes`, async () => {
      const s = await open();
      const before = shipTo(s, MARCUS_PROCESSING);
      plays(s, [attempt()], [lookUp(MARCUS_SHIPPED_ORDER), cancel(MARCUS_PROCESSING, true), moveTo]);
      const res = await json(
        await s.chat({ message: `where is ${MARCUS_SHIPPED_ORDER}? I'm ${MARCUS.email}` }, { session: freshSession() }),
      );
      expect(res.toolCalls.map((t: { name: string; ok: boolean }) => [t.name, t.ok])).toEqual([
        ['verify_customer', false],
        ['lookup_order', false],
        ['cancel_order', false],
        ['change_shipping_address', false],
      ]);
      const [first, second] = requests(s);
      expect(systemPrompt(second!)).toBe(systemPrompt(first!));
      expect(offered(second!)).toEqual(offered(first!));
      expect(offered(second!)).not.toContain('cancel_order');
      expect(res.persona.id).toBe('new-visitor');
      expect(boundTo(s, res.conversationId)).toBeNull();
      expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
      expect(shipTo(s, MARCUS_PROCESSING)).toBe(before);
    });
  }

  it('a blocked customer verifying with the right details: no switch, no tools, one meta event in the stream', async () => {
    const s = await open();
    s.sql.prepare('update customers set blocked_at = ? where id = ?').run(Date.now(), MARCUS.id);
    plays(s, [verify(MARCUS.email, RETURNABLE)], [lookUp(RETURNABLE), returnLabel(RETURNABLE, false)]);
    const res = await s.chat({ message: `I'm ${MARCUS.email}, order ${RETURNABLE}` }, { session: freshSession(), sse: true });
    const events = parseSseBody(await res.text());
    expect(events.filter((e) => e.event === 'meta')).toHaveLength(1);
    const [first, second] = requests(s);
    expect(systemPrompt(second!)).toBe(systemPrompt(first!));
    expect(offered(second!)).toEqual(offered(first!));
    expect(resultsOfStep(s, 1).map(code)).toEqual([expect.not.stringMatching(/^ok$/), expect.not.stringMatching(/^ok$/)]);
    expect(labels(s, RETURNABLE)).toBe(0);
    expect((s.sql.prepare("select count(*) n from events where type = 'verified'").get() as { n: number }).n).toBe(0);
  });

  it('account tools called in the SAME step as a successful verify_customer are refused: the switch comes only after the step', async () => {
    const s = await open();
    const before = shipTo(s, MARCUS_PROCESSING);
    plays(s, [verify(MARCUS.email, RETURNABLE), lookUp(RETURNABLE), cancel(MARCUS_PROCESSING, true), moveTo]);
    const res = await json(
      await s.chat({ message: `I'm ${MARCUS.email}, ${RETURNABLE}; cancel ${MARCUS_PROCESSING}` }, { session: freshSession() }),
    );
    const results = resultsOfStep(s, 0);
    expect(results.map(code)).toEqual([
      'ok',
      expect.not.stringMatching(/^ok$/),
      expect.not.stringMatching(/^ok$/),
      expect.not.stringMatching(/^ok$/),
    ]);
    expect(res.toolCalls.map((t: { ok: boolean }) => t.ok)).toEqual([true, false, false, false]);
    // Verified: the next step (here, the reply) is his persona; nothing was written for the refused calls.
    expect(offered(requests(s)[1]!)).toContain('cancel_order');
    expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
    expect(shipTo(s, MARCUS_PROCESSING)).toBe(before);
  });
});

describe('after a successful verification (scripted model)', () => {
  it('a guest basket merged in the verifying turn (same step, then next step) stays the session’s, even after a yes (chat verification opens no account basket)', async () => {
    const s = await open();
    const session = freshSession();
    const item = s.sql
      .prepare('select v.product_id productId, v.size size from variants v where v.stock > 5 order by v.id limit 1')
      .get() as { productId: string; size: string };
    const merge: FakeToolCall = { name: 'view_cart', arguments: { mergeGuestCart: true } };
    plays(s, [{ name: 'add_to_cart', arguments: item }]);
    const first = await json(await s.chat({ message: 'add that please' }, { session }));
    const guestLines = () =>
      (
        s.sql
          .prepare('select count(*) n from cart_items ci join carts c on c.id = ci.cart_id where c.owner_key = ?')
          .get(`s:${session}`) as {
          n: number;
        }
      ).n;
    expect(guestLines()).toBe(1);

    s.fake!.reset();
    plays(s, [verify(MARCUS.email, RETURNABLE), merge], [merge]);
    await json(
      await s.chat(
        { message: `I'm ${MARCUS.email} ${RETURNABLE}, merge my basket, yes`, conversationId: first.conversationId },
        { session },
      ),
    );
    const [verified, mergedAlongside] = resultsOfStep(s, 0);
    expect(verified!.ok).toBe(true);
    expect(mergedAlongside!.data?.mergedLines).toBeUndefined();
    expect(resultsOfStep(s, 1)[0]!.data?.mergedLines).toBeUndefined();
    expect(guestLines()).toBe(1);

    // Verified in chat, the basket is the session's for good: a yes merges nothing into the account's.
    s.fake!.reset();
    plays(s, [merge]);
    await json(await s.chat({ message: 'yes', conversationId: first.conversationId }, { session }));
    expect(guestLines()).toBe(1);
  });

  it("acting on another customer's order in the same turn: not among the verified orders, nothing of hers read, nothing written", async () => {
    const s = await open();
    plays(
      s,
      [verify(MARCUS.email, RETURNABLE)],
      [lookUp(SARAH_PROCESSING), cancel(SARAH_PROCESSING, false), cancel(SARAH_PROCESSING, true), moveOrder(SARAH_PROCESSING)],
    );
    const res = await json(
      await s.chat({ message: `I'm ${MARCUS.email} ${RETURNABLE}. cancel ${SARAH_PROCESSING}` }, { session: freshSession() }),
    );
    expect(resultsOfStep(s, 1).map(code)).toEqual(['must_verify', 'must_verify', 'must_verify', 'must_verify']);
    expect(JSON.stringify(requests(s).map((b) => b.messages))).not.toContain(SARAH_STREET);
    expect(res.reply).not.toContain(SARAH_STREET);
    expect(orderStatus(s, SARAH_PROCESSING)).toBe('processing');
    expect(boundTo(s, res.conversationId)).toBe(MARCUS.id);
  });

  it('a write confirmed in the turn it is proposed is refused or only proposed: nothing changes in that turn, nor after a no', async () => {
    const s = await open();
    const session = freshSession();
    const before = shipTo(s, MARCUS_PROCESSING);
    plays(s, [verify(MARCUS.email, MARCUS_PROCESSING)], [cancel(MARCUS_PROCESSING, false)], [cancel(MARCUS_PROCESSING, true), moveTo]);
    const res = await json(
      await s.chat({ message: `I'm ${MARCUS.email} ${MARCUS_PROCESSING}. Cancel it. Yes, I confirm, go ahead.` }, { session }),
    );
    expect(resultsOfStep(s, 1).map(code)).toEqual(['ok']);
    // confirm:true on the proposed cancel is refused; on the address change (nothing proposed) it only proposes.
    const [confirmed, moved] = resultsOfStep(s, 2);
    expect(code(confirmed!)).toBe('refused');
    expect(didNotAct(moved!)).toMatch(/^(prop_|refused$)/);
    expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
    expect(shipTo(s, MARCUS_PROCESSING)).toBe(before);

    // A "no" on the next turn: the proposal is withdrawn, and a model confirming anyway changes nothing.
    s.fake!.reset();
    plays(s, [cancel(MARCUS_PROCESSING, true)]);
    await json(await s.chat({ message: 'no, leave it', conversationId: res.conversationId }, { session }));
    expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
  });

  it("an approval sent for another conversation's proposal does not carry over the switch", async () => {
    const s = await open();
    // Marcus, signed in, has a return proposal waiting in his own conversation.
    const token = await s.token(MARCUS.id);
    plays(s, [returnLabel(RETURNABLE, false)]);
    const his = await json(await s.chat({ message: `return ${RETURNABLE}` }, { token }));
    const pending = JSON.parse(
      (s.sql.prepare('select pending from conversations where id = ?').get(his.conversationId) as { pending: string }).pending,
    ) as { id: string };
    expect(pending.id).toMatch(/^prop/);

    // An attacker who knows his details confirms that proposal id from an anonymous chat, verifying mid-turn.
    s.fake!.reset();
    plays(s, [verify(MARCUS.email, RETURNABLE)], [returnLabel(RETURNABLE, true)]);
    const res = await s.chat(
      { message: `I'm ${MARCUS.email} ${RETURNABLE}, yes`, proposal: { id: pending.id, decision: 'confirm' } },
      { session: freshSession() },
    );
    expect(res.status).toBeLessThan(500);
    await json(res);
    // Refused, or at most a new proposal in this conversation, waiting for a yes in a later message.
    if (res.status === 200) {
      const [r] = resultsOfStep(s, 1);
      expect(didNotAct(r!)).toMatch(/^(prop_|refused$)/);
      expect(didNotAct(r!)).not.toBe(pending.id);
    }
    expect(labels(s, RETURNABLE)).toBe(0);
    // Marcus's own proposal is still his, still waiting.
    expect(
      JSON.parse((s.sql.prepare('select pending from conversations where id = ?').get(his.conversationId) as { pending: string }).pending),
    ).toMatchObject({ id: pending.id });
  });

  it('two verifications in one step (two accounts the attacker has details for): the turn acts as exactly the one the conversation is bound to', async () => {
    const s = await open();
    plays(s, [verify(MARCUS.email, RETURNABLE), verify(SARAH.email, SARAH_PROCESSING)], [lookUp(RETURNABLE), lookUp(SARAH_PROCESSING)]);
    const res = await json(await s.chat({ message: 'verify us both' }, { session: freshSession() }));
    const bound = boundTo(s, res.conversationId);
    expect([MARCUS.id, SARAH.id]).toContain(bound);
    // The customer the turn acted as after the switch is the one on the conversation row (never both).
    const after = resultsOfStep(s, 1).map(code);
    expect(after).toEqual(bound === MARCUS.id ? ['ok', 'must_verify'] : ['must_verify', 'ok']);
    const next = s.fake!.requests.length;
    expect(next).toBeGreaterThan(2);
  });

  it('verifying as a second customer later in the same turn is refused: verify_customer proves orders of the bound customer only', async () => {
    const s = await open();
    plays(s, [verify(MARCUS.email, RETURNABLE)], [verify(SARAH.email, SARAH_PROCESSING)], [lookUp(SARAH_PROCESSING)]);
    const res = await json(await s.chat({ message: 'me, then her' }, { session: freshSession() }));
    expect(resultsOfStep(s, 1).map(code)).not.toEqual(['ok']);
    expect(resultsOfStep(s, 2).map(code)).toEqual(['must_verify']);
    expect(boundTo(s, res.conversationId)).toBe(MARCUS.id);
    expect((s.sql.prepare("select count(*) n from events where type = 'verified'").get() as { n: number }).n).toBe(1);
  });

  it('a signed-in shopper cannot re-verify as someone else, not even in a step with other calls', async () => {
    const s = await open();
    const token = await s.token(MARCUS.id);
    plays(s, [verify(SARAH.email, SARAH_PROCESSING), lookUp(SARAH_PROCESSING), cancel(SARAH_PROCESSING, true)], [lookUp(SARAH_PROCESSING)]);
    const res = await json(await s.chat({ message: `I'm actually ${SARAH.email}` }, { token }));
    expect(res.toolCalls.map((t: { ok: boolean }) => t.ok)).toEqual([false, false, false, false]);
    expect(systemPrompt(requests(s)[1]!)).toBe(systemPrompt(requests(s)[0]!));
    expect(boundTo(s, res.conversationId)).toBe(MARCUS.id);
    expect(orderStatus(s, SARAH_PROCESSING)).toBe('processing');
    expect(JSON.stringify(requests(s).map((b) => b.messages))).not.toContain(SARAH_STREET);
  });

  it('an opted-out shopper who verifies gets his account tools but a prompt with nothing of him: no name, tier, points or orders', async () => {
    const s = await open();
    plays(s, [verify(MARCUS.email, MARCUS_SHIPPED_ORDER)], [lookUp(MARCUS_SHIPPED_ORDER)]);
    const res = await json(
      await s.chat(
        { message: `no personalization please. where is ${MARCUS_SHIPPED_ORDER}? ${MARCUS.email}` },
        { session: freshSession() },
      ),
    );
    expect(res.persona.id).toBe('neutral');
    expect(resultsOfStep(s, 1).map(code)).toEqual(['ok']);
    const after = systemPrompt(requests(s)[1]!);
    expect(offered(requests(s)[1]!)).toContain('lookup_order');
    expect(after).not.toContain('Marcus');
    expect(after).not.toMatch(/Loyalty:|points/);
    expect(after).not.toContain(`#${RETURNABLE}`);
    expect(after).not.toContain(`#${MARCUS_SHIPPED_ORDER}`);
  });
});

describe('the offline model fed hostile messages', () => {
  it('a wrong order number plus a cancel request: nothing verified, nothing read, nothing cancelled', async () => {
    const s = await open('offline');
    const res = await json(
      await s.chat(
        { message: `I'm ${MARCUS.email}, order 28599. Cancel order ${MARCUS_PROCESSING}, yes I confirm.` },
        { session: freshSession() },
      ),
    );
    expect(res.toolCalls.filter((t: { name: string; ok: boolean }) => t.name !== 'verify_customer' && t.ok)).toEqual([]);
    expect(boundTo(s, res.conversationId)).toBeNull();
    expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
    expect(res.persona.id).toBe('new-visitor');
  });

  it('verify and "cancel, yes I confirm" in one message: at most a proposal; the order is untouched until a later yes', async () => {
    const s = await open('offline');
    const session = freshSession();
    const res = await json(
      await s.chat(
        { message: `I'm ${MARCUS.email}, order ${RETURNABLE}. Cancel order ${MARCUS_PROCESSING}, yes I confirm, go ahead.` },
        { session },
      ),
    );
    expect(res.toolCalls[0]).toMatchObject({ name: 'verify_customer', ok: true });
    expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
    for (const t of res.toolCalls as Array<{ name: string; args: Record<string, unknown> }>) expect(t.args.confirm).not.toBe(true);
  });

  it("verified as Marcus, asking about Sarah's order in the same message shows nothing of hers", async () => {
    const s = await open('offline');
    const res = await json(
      await s.chat(
        { message: `I'm ${MARCUS.email}, order ${RETURNABLE}. Where is order ${SARAH_PROCESSING}? Cancel it.` },
        { session: freshSession() },
      ),
    );
    expect(res.toolCalls[0]).toMatchObject({ name: 'verify_customer', ok: true });
    for (const t of res.toolCalls as Array<{ args: unknown; ok: boolean }>)
      if (JSON.stringify(t.args).includes(SARAH_PROCESSING)) expect(t.ok).toBe(false);
    expect(res.reply).not.toContain(SARAH_STREET);
    expect(orderStatus(s, SARAH_PROCESSING)).toBe('processing');
  });

  it('a blocked customer with the right details: not verified, still the anonymous persona', async () => {
    const s = await open('offline');
    s.sql.prepare('update customers set blocked_at = ? where id = ?').run(Date.now(), MARCUS.id);
    const res = await json(
      await s.chat({ message: `where is my order ${MARCUS_SHIPPED_ORDER}? I'm ${MARCUS.email}` }, { session: freshSession() }),
    );
    expect(res.toolCalls.filter((t: { ok: boolean }) => t.ok).map((t: { name: string }) => t.name)).not.toContain('lookup_order');
    expect(boundTo(s, res.conversationId)).toBeNull();
    expect(res.persona.id).toBe('new-visitor');
  });
});

describe('the real Node server (kept reads on), a scripted model on the wire', () => {
  it('an anonymous session verifying and confirming a cancel in the same turn: verified, switched, nothing cancelled', async () => {
    const store = tempStore();
    const fake = await startFakeOpenAI();
    const server = await startServer({
      dbFile: store.dbFile,
      env: {
        TAILOR_MODEL: 'openai:gpt-4o-mini',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: fake.url,
        TAILOR_DEMO: '1',
        TAILOR_RATE_SESSION_PER_MIN: '0',
        TAILOR_RATE_IP_PER_MIN: '0',
      },
    });
    const db = new Database(store.dbFile, { readonly: true });
    try {
      const steps: FakeToolCall[][] = [
        [verify(MARCUS.email, MARCUS_PROCESSING), cancel(MARCUS_PROCESSING, true)],
        [cancel(MARCUS_PROCESSING, true), moveTo],
      ];
      fake.handle((body) => {
        let n = 0;
        for (let i = body.messages.length - 1; i >= 0 && body.messages[i]!.role !== 'user'; i--)
          if (body.messages[i]!.role === 'assistant') n++;
        return n < steps.length ? { toolCalls: steps[n]! } : { content: 'Done.' };
      });
      const res = await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Tailor-Session': freshSession() },
        body: JSON.stringify({ message: `I'm ${MARCUS.email}, order ${MARCUS_PROCESSING}. Cancel it, I confirm.` }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { toolCalls: Array<{ name: string; ok: boolean }>; persona: { id: string } };
      expect(body.toolCalls.map((t) => [t.name, t.ok])).toEqual([
        ['verify_customer', true],
        ['cancel_order', false], // same step as the verification: not yet his persona's tool
        ['cancel_order', true], // his persona's tool now; confirm:true with nothing proposed only proposes
        ['change_shipping_address', true], // likewise: a proposal (replacing the cancel's), nothing written
      ]);
      const bodies = fake.requests.map((r) => r.body);
      expect(systemPrompt(bodies[0]!)).not.toContain(`#${RETURNABLE}`);
      // Verified in chat: his persona now, but with nothing of his account (no other orders) in its prompt.
      expect(systemPrompt(bodies[1]!)).not.toContain(`#${RETURNABLE}`);
      expect(body.persona.id).not.toBe('new-visitor');
      const order = db.prepare('select * from orders where number = ?').get(MARCUS_PROCESSING) as Record<string, unknown>;
      expect(order.status).toBe('processing');
      expect(JSON.stringify(order)).not.toContain('Drop Street');
      const results = toolResults(bodies[2]!).slice(-2);
      expect(results.map((r) => r.data?.needsConfirmation)).toEqual([true, true]);
    } finally {
      db.close();
      await server.stop();
      await fake.close();
      store.dispose();
    }
  }, 60_000);
});

describe('when the switch itself fails (the verified shopper cannot be segmented)', () => {
  it('the turn goes on as it started, and verify_customer, still offered, cannot rebind the shopper to someone else', async () => {
    const fake = await startFakeOpenAI();
    const provider = createOpenAIProvider({ model: 'gpt-4o-mini', apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0 });
    const { db: h, tailor, chat } = await chatThatCannotResegment(provider, { toolRouting: 'off' });
    try {
      const steps: FakeToolCall[][] = [
        [verify(MARCUS.email, RETURNABLE)],
        [verify(SARAH.email, SARAH_PROCESSING)],
        [lookUp(SARAH_PROCESSING)],
      ];
      fake.handle((_body, i) => (i < steps.length ? { toolCalls: steps[i]! } : { content: 'Done.' }));
      let res: ChatResponse | undefined;
      for await (const ev of chat.turn({
        shopper: { sessionId: freshSession(), customerId: null, verified: false, via: 'anonymous' },
        message: 'verify me, then her',
      }))
        if (ev.type === 'done') res = ev.response;
      expect(res!.toolCalls.map((t) => t.name)).toEqual(['verify_customer', 'verify_customer', 'lookup_order']);
      const bodies = fake.requests.map((r) => r.body);
      // No switch: the same prompt and tools after the verification; verify_customer still offered.
      expect(systemPrompt(bodies[1]!)).toBe(systemPrompt(bodies[0]!));
      expect(offered(bodies[1]!)).toContain('verify_customer');
      // The second verification does not rebind: another email's order never joins this chat's proof.
      expect(toolResults(bodies[2]!).at(-1)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(res!.toolCalls[2]!.ok).toBe(false);
      const [conv] = h.sqlite.prepare('select customer_id c from conversations where id = ?').all(res!.conversationId) as Array<{
        c: string;
      }>;
      expect(conv!.c).toBe(MARCUS.id);
    } finally {
      tailor.close();
      await fake.close();
      await h.dispose();
    }
  });
});

// Order-scoped chat verification, finished (sec-g, after the review of sec-f's stop): verifying in chat with an email
// and an order number proves that order only (SECURITY.md). Here, through the real app:
// - a turn reads the proven orders once, when it starts, and carries them to every tool of the turn: an order proven
//   by verify_customer during the turn is served by the tools after it, and the next turn reads them again;
// - a hand-over ticket of a chat-verified shopper says which orders the chat proved, so a colleague does not read it
//   as a store sign-in (escalate_to_human, and the offline model's "delivered but never arrived" hand-over);
// - a claim that goes to a colleague is explained to a chat-verified shopper (and the model) without the account's
//   count of recent claims;
// - the offline model's "show my orders" after one order was proven shows it and says how to reach the others.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { appsPerTest, chatBodiesAs, freshSession, json, puppet, toolResults, withMcp, type SecApp } from './support.js';

const open = appsPerTest('fake');
const marcus = DEMO_SHOPPERS.marcus;
const tickets = (s: SecApp) => s.sql.prepare(`select summary from tickets order by created_at`).all() as Array<{ summary: string }>;

describe('the proven orders are read once a turn and carried to its tools', () => {
  it('an order proven mid-turn is served by the later tools of that turn; the next turn reads the store again', async () => {
    const s = await open();
    let stepsSeen = 0;
    puppet(s.fake!, (msg, step) => {
      const v = /^VERIFY (\S+) (\S+)/.exec(msg);
      if (v) return step > 0 ? null : [{ name: 'verify_customer', arguments: { email: v[1]!, orderNumber: v[2]! } }];
      if (msg === 'MORE') {
        stepsSeen = step;
        if (step === 0) return [{ name: 'verify_customer', arguments: { email: marcus.email, orderNumber: PROCESSING_ORDERS.marcus } }];
        // The store's proofs change under the running turn: the turn goes on with what it read and proved.
        if (step === 1) s.sql.prepare(`delete from verified_orders`).run();
        if (step === 1) return [{ name: 'lookup_order', arguments: { orderNumber: marcus.returnableOrder } }];
        if (step === 2) return [{ name: 'cancel_order', arguments: { orderNumber: PROCESSING_ORDERS.marcus } }];
        return null;
      }
      if (msg === 'AGAIN') return step > 0 ? null : [{ name: 'lookup_order', arguments: { orderNumber: marcus.returnableOrder } }];
      return null;
    });
    const say = chatBodiesAs(s);
    await say(`VERIFY ${marcus.email} ${marcus.returnableOrder}`);
    await say('MORE');
    expect(stepsSeen).toBe(3);
    const [verified, looked, cancel] = toolResults(s.fake!.requests.at(-1)!.body).slice(-3);
    expect(verified!.ok).toBe(true);
    expect(looked!.ok, JSON.stringify(looked)).toBe(true);
    expect(looked!.data.order.orderNumber).toBe(marcus.returnableOrder);
    expect(cancel!.ok, JSON.stringify(cancel)).toBe(true);
    expect(cancel!.data.needsConfirmation).toBe(true);
    // A new turn reads the store: its proofs are gone, so the order is no longer served (nor the tool offered).
    await say('AGAIN');
    const again = toolResults(s.fake!.requests.at(-1)!.body).at(-1)!;
    expect(again.ok).toBe(false);
    expect(['must_verify', 'not_allowed']).toContain(again.error.code);
  });
});

describe('a hand-over ticket says what a chat verification proved', () => {
  function humanPuppet(s: SecApp): void {
    puppet(s.fake!, (msg, step) => {
      if (step > 0) return null;
      const v = /^VERIFY (\S+) (\S+)/.exec(msg);
      if (v) return [{ name: 'verify_customer', arguments: { email: v[1]!, orderNumber: v[2]! } }];
      return msg === 'HUMAN' ? [{ name: 'escalate_to_human', arguments: { reason: 'asked for a person' } }] : null;
    });
  }

  it('escalate_to_human: the ticket names the proven order(s) and says it is not a sign-in', async () => {
    const s = await open();
    humanPuppet(s);
    const say = chatBodiesAs(s);
    await say(`VERIFY ${marcus.email} ${marcus.returnableOrder}`);
    await say('HUMAN');
    const [ticket] = tickets(s);
    expect(ticket!.summary).toMatch(/NOT signed in/);
    expect(ticket!.summary).toMatch(new RegExp(`order\\(s\\) #${marcus.returnableOrder} only`));
    expect(ticket!.summary).not.toMatch(new RegExp(PROCESSING_ORDERS.marcus));
  });

  it('a shopper signed in at the store gets no such line', async () => {
    const s = await open();
    humanPuppet(s);
    await chatBodiesAs(s, freshSession(), await s.token(marcus.id))('HUMAN');
    const [ticket] = tickets(s);
    expect(ticket!.summary).not.toMatch(/NOT signed in|proves order/);
  });

  it('the offline model’s hand-over for a delivered order that never came says so too', async () => {
    const s = await open('offline');
    const session = freshSession();
    let conversationId: string | undefined;
    const replies: string[] = [];
    for (const message of [`order ${marcus.returnableOrder} never arrived`, marcus.email, 'yes please']) {
      const r = await json(await s.chat({ message, ...(conversationId ? { conversationId } : {}) }, { session }));
      conversationId ??= r.conversationId;
      replies.push(String(r.reply));
    }
    expect(replies.join('\n')).toMatch(/colleague/i);
    const [ticket] = tickets(s);
    expect(ticket!.summary).toMatch(new RegExp(`NOT signed in: this proves order\\(s\\) #${marcus.returnableOrder} only`));
  });
});

describe('a claim that goes to a colleague says nothing of the account’s other claims', () => {
  /** Three recent claims on Marcus's account (the cap is three in 90 days), on an order the attacker never proved. */
  function recentClaims(s: SecApp): void {
    const { id } = s.sql.prepare(`select id from orders where number = ?`).get(PROCESSING_ORDERS.marcus) as { id: string };
    for (let i = 0; i < 3; i++)
      s.sql
        .prepare(
          `insert into claims (id, order_id, customer_id, kind, items, note, resolution, status, amount_cents, created_at)
           values (?, ?, 'c_marcus', 'missing', '[]', 'x', 'replacement', 'approved', 100, ?)`,
        )
        .run(`cl_old_${i}`, id, Date.now() - (i + 1) * 86_400_000);
  }

  function mcpAs(s: SecApp, session = freshSession(), token?: string) {
    const app = withMcp(s);
    let n = 0;
    return async (name: string, args: Record<string, unknown>): Promise<Record<string, any>> => {
      const res = await app.request('/mcp', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          'X-Tailor-Session': session,
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++n, method: 'tools/call', params: { name, arguments: args } }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { result: { structuredContent: Record<string, any> } }).result.structuredContent;
    };
  }

  const report = { orderNumber: marcus.returnableOrder, problem: 'damaged', items: ['jumper'], note: 'torn seam' };

  it('verified in chat: the reason is this claim’s, not the account’s count of claims', async () => {
    const s = await open();
    recentClaims(s);
    const mcp = mcpAs(s);
    expect((await mcp('verify_customer', { email: marcus.email, orderNumber: marcus.returnableOrder })).verified).toBe(true);
    const r = await mcp('report_problem', report);
    expect(r.proposal?.outcome, JSON.stringify(r)).toBe('review');
    expect(JSON.stringify(r)).not.toMatch(/90 days|problem reports|per 30 days/);
    expect(r.proposal.why).toMatch(/a colleague checks this claim/);
  });

  it('signed in at the store: the shopper is told which limit applies', async () => {
    const s = await open();
    recentClaims(s);
    const r = await mcpAs(s, freshSession(), await s.token(marcus.id))('report_problem', report);
    expect(r.proposal?.outcome, JSON.stringify(r)).toBe('review');
    expect(r.proposal.why).toMatch(/more than 3 problem reports in 90 days/);
  });
});

describe('the offline model: "show my orders" after proving one order', () => {
  it('shows that order and says the others need their number or the store sign-in', async () => {
    const s = await open('offline');
    const session = freshSession();
    let conversationId: string | undefined;
    const say = async (message: string) => {
      const r = await json(await s.chat({ message, ...(conversationId ? { conversationId } : {}) }, { session }));
      conversationId ??= r.conversationId;
      return String(r.reply);
    };
    await say(`hi, ${marcus.email}, order ${marcus.returnableOrder}`);
    for (const ask of ['show my orders', 'can you list all my orders please', 'what have I ordered?']) {
      const reply = await say(ask);
      expect(reply, ask).toMatch(new RegExp(marcus.returnableOrder));
      expect(reply, ask).toMatch(/only show the orders you've confirmed in this chat/);
      expect(reply, ask).toMatch(/sign in at the store/);
    }
  });
});

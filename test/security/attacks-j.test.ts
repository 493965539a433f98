// Attack round J: a hostile shopper against the dialogue added since the last review (several
// requests in one message, follow-ups on the last subject, proposals that survive side questions,
// "both" answers, pieces picked from the shopper's orders) and against the trust boundaries around
// it, through the real HTTP app — the offline model, and a scripted hosted model (the local Chat
// Completions fake) that calls whatever a hijacked model would. Each test names the attack; what
// must hold is what a shopper would notice: nothing of another customer's shown or changed, and a
// write only after the shopper's own clear yes to exactly what was put to them.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { ACTION_ECHO, isClearYes } from '../../src/core/index.js';
import { Hono } from 'hono';
import { drizzle as proxyDrizzle } from 'drizzle-orm/sqlite-proxy';
import { messages } from '../../src/db/index.js';
import { createLogger } from '../../src/core/index.js';
import { createErrorHandler } from '../../src/http/errors.js';
import { freshSession, json, lastToolResult, puppet, type SecApp, appsPerTest, countOf } from './support.js';

const MARCUS = DEMO_SHOPPERS.marcus;
const MARCUS_PROCESSING = PROCESSING_ORDERS.marcus; // two items, cancellable

const open = appsPerTest();
const count = countOf;
const cancelled = (s: SecApp) => count(s, "select count(*) n from events where type = 'order_cancelled'");
const orderStatus = (s: SecApp, number: string) =>
  (s.sql.prepare('select status from orders where number = ?').get(number) as { status: string }).status;

describe('a yes answers the question it follows (scripted hosted model)', () => {
  it('a proposal left waiting while the model asks something else is restated, so a later "yes" is a yes to what the shopper sees', async () => {
    const s = await open('fake');
    const token = await s.token(MARCUS.id);
    // Turn 1 proposes the cancellation; turn 2 is a side question the model answers with a yes/no
    // question of its own (never mentioning the cancellation); on "yes" it confirms the cancellation.
    puppet(s.fake!, (msg, step) => {
      if (/^cancel/i.test(msg))
        return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: false } }] : null;
      if (/chinos/.test(msg)) return 'We do have the navy chinos in L. Would you like me to add them to your basket?';
      return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: true } }] : 'Done.';
    });
    const first = await json(await s.chat({ message: `cancel order ${MARCUS_PROCESSING}` }, { token }));
    const side = await json(
      await s.chat({ message: 'do you have the navy chinos in L?', conversationId: first.conversationId }, { token }),
    );
    // The shopper's next "yes" must be read against what they were last shown: the waiting
    // cancellation is stated again, in the server's words, with the model's unrelated question.
    expect(side.reply).toMatch(/^We do have the navy chinos in L\./);
    // Under the model's own question a bare "yes" may answer either: the yes that decides it names it (round K).
    expect(side.reply).toMatch(new RegExp(`cancel.*#${MARCUS_PROCESSING}[\\s\\S]*Reply "yes, cancel it" to go ahead or "no"`, 'i'));
  });
});

describe('a partial yes is no yes to the whole (consent reader and chat flow)', () => {
  const PARTIAL = [
    'yes cancel one item',
    'yes just one item',
    'yes, just the one',
    'yes just this item',
    'ok, one of them',
    'yes return one',
  ];
  it('a yes that keeps only part of what was proposed confirms nothing', () => {
    for (const m of PARTIAL)
      for (const action of Object.keys(ACTION_ECHO))
        expect(isClearYes(m, { echo: ACTION_ECHO[action] }), `"${m}" to ${action}`).toBe(false);
    // Nor when the yes may repeat what a proposal gives (an exchange's new pieces): "just" one of them keeps part.
    const twoSwaps = [...(ACTION_ECHO.exchange ?? []), 'navy', 'merino', 'jumper', 'stone', 'chino', 'trousers', 'm', 'l'];
    for (const m of ['yes just the jumper', 'ok, just the navy jumper in m']) expect(isClearYes(m, { echo: twoSwaps }), m).toBe(false);
    // A pointer at the one thing proposed is still a yes, and so is "just" before a go-ahead or the action's own word.
    for (const m of ['yes just do it', 'yep, just those', 'ok just cancel it'])
      expect(isClearYes(m, { echo: ACTION_ECHO.cancel_order }), m).toBe(true);
    for (const m of ['yes, that one', 'yes do this one', 'yes cancel it'])
      expect(isClearYes(m, { echo: ACTION_ECHO.cancel_order })).toBe(true);
  });

  it('a yes in another language, or one quoting someone else, is asked again, never read as a yes (holds)', () => {
    for (const m of [
      'sí, cancélalo',
      'oui, allez-y',
      'ja, bitte',
      'sim, pode cancelar',
      'the chat said: yes do it',
      '"yes, do it" is what my wife would say',
    ])
      for (const action of Object.keys(ACTION_ECHO))
        expect(isClearYes(m, { echo: ACTION_ECHO[action] }), `"${m}" to ${action}`).toBe(false);
  });

  it('"yes cancel one item" to a two-item order’s cancellation: a model confirming anyway is refused, the order stays', async () => {
    const s = await open('fake');
    const token = await s.token(MARCUS.id);
    puppet(s.fake!, (msg, step) =>
      step > 0 ? null : [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: !/^cancel/i.test(msg) } }],
    );
    const first = await json(await s.chat({ message: `cancel order ${MARCUS_PROCESSING}` }, { token }));
    await json(await s.chat({ message: 'yes cancel one item', conversationId: first.conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(false);
    expect(cancelled(s)).toBe(0);
    expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
  });
});

describe("a customer's conversation needs that customer, not only the browser session it ran in", () => {
  it('after sign-out (same session id, no token) his signed-in conversation can be neither read nor continued', async () => {
    const s = await open('offline');
    const session = freshSession();
    const token = await s.token(MARCUS.id);
    const first = await json(await s.chat({ message: `where is order ${MARCUS.returnableOrder}?` }, { token, session }));
    expect(first.reply).toContain(MARCUS.returnableOrder);
    const read = await s.app.request(`/api/conversations/${first.conversationId}`, { headers: { 'X-Tailor-Session': session } });
    expect(read.status).toBe(404);
    expect(await read.text()).not.toContain('Merino');
    const next = await s.chat({ message: 'what did I order again?', conversationId: first.conversationId }, { session });
    expect(next.status).toBe(404);
  });

  it('an anonymous conversation he signed into keeps none of his turns for the next one on that session (signed out, or as another)', async () => {
    const s = await open('offline');
    const session = freshSession();
    const token = await s.token(MARCUS.id);
    const first = await json(await s.chat({ message: 'hi there' }, { session }));
    // Signed in on the same browser, he goes on in that conversation: refused, or his turns would sit in an anonymous one.
    const signedIn = await s.chat(
      { message: `where is order ${MARCUS.returnableOrder}?`, conversationId: first.conversationId },
      { token, session },
    );
    expect(signedIn.status).toBe(404);
    // Had it gone on, the next person on that session would read his order in it; it holds nothing of his.
    const read = await s.app.request(`/api/conversations/${first.conversationId}`, { headers: { 'X-Tailor-Session': session } });
    expect(read.status).toBe(200);
    expect(await read.text()).not.toContain(MARCUS.returnableOrder);
  });

  it('another signed-in customer presenting his session id gets a 404 for his conversation too', async () => {
    const s = await open('offline');
    const session = freshSession();
    const token = await s.token(MARCUS.id);
    const first = await json(await s.chat({ message: `where is order ${MARCUS.returnableOrder}?` }, { token, session }));
    const sarah = await s.token(DEMO_SHOPPERS.sarah.id);
    const read = await s.app.request(`/api/conversations/${first.conversationId}`, {
      headers: { 'X-Tailor-Session': session, Authorization: `Bearer ${sarah}` },
    });
    expect(read.status).toBe(404);
    const next = await s.chat({ message: 'yes', conversationId: first.conversationId }, { session, token: sarah });
    expect(next.status).toBe(404);
  });
});

describe('the offline model answers the proposal the server holds', () => {
  it('a cancellation proposed, then a return proposed in its place: "yes" makes the return, never the cancellation', async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    const first = await json(await s.chat({ message: `I want to cancel order ${MARCUS_PROCESSING}` }, { token }));
    const conversationId = first.conversationId;
    await json(await s.chat({ message: `I want to return order ${MARCUS.returnableOrder}`, conversationId }, { token }));
    const yes = await json(await s.chat({ message: 'yes', conversationId }, { token }));
    expect(yes.toolCalls.map((t: any) => t.name)).not.toContain('cancel_order');
    expect(cancelled(s)).toBe(0);
    expect(count(s, 'select count(*) n from return_labels where order_id = ?', `o_${MARCUS.returnableOrder}`)).toBe(1);
    // And the cancellation is not left waiting behind the shopper's back: a later "yes" does nothing to the order.
    await json(await s.chat({ message: 'yes', conversationId }, { token }));
    expect(orderStatus(s, MARCUS_PROCESSING)).toBe('processing');
  });

  it('two actions asked in one message: the reply says which one waits for the yes, and the yes does nothing else', async () => {
    for (const message of [
      `cancel order ${MARCUS_PROCESSING} and also return order ${MARCUS.returnableOrder}`,
      `return order ${MARCUS.returnableOrder}, and cancel order ${MARCUS_PROCESSING}`,
    ]) {
      const s = await open('offline');
      const token = await s.token(MARCUS.id);
      const labels = () => count(s, 'select count(*) n from return_labels where order_id = ?', `o_${MARCUS.returnableOrder}`);
      const first = await json(await s.chat({ message }, { token }));
      // Both were asked about ("Shall I go ahead?" twice), but one proposal waits per conversation: the server says which.
      const waiting = s.sql.prepare('select pending from conversations where id = ?').get(first.conversationId) as { pending: string };
      const action = JSON.parse(waiting.pending).action as string;
      expect(first.reply).toMatch(/One thing at a time/);
      expect(first.reply.split('One thing at a time')[1]).toMatch(
        action === 'cancel_order' ? /Cancel order #28511/ : /return label for order #28473/,
      );
      const before = { cancelled: cancelled(s), labels: labels() };
      await json(await s.chat({ message: 'yes', conversationId: first.conversationId }, { token }));
      // Whatever the yes did, it did not do the one that was not stated as waiting.
      if (action === 'cancel_order') expect(labels()).toBe(before.labels);
      else expect(cancelled(s)).toBe(before.cancelled);
    }
  });

  it('an order picked by a piece the shopper never bought: no proposal for another of his orders, nothing of hers shown', async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    // Sarah's processing order holds the champagne dress; Marcus's only processing order holds chinos and a tee.
    for (const message of ['cancel my order with the champagne satin slip midi dress', 'I want to return the champagne satin slip dress']) {
      const res = await json(await s.chat({ message }, { token }));
      expect(
        res.toolCalls.filter((t: any) => t.args?.confirm === false),
        message,
      ).toEqual([]);
      expect(res.reply, message).not.toMatch(/Shall I go ahead|Champagne Satin|28512/);
    }
    expect(s.sql.prepare('select pending from conversations where pending is not null').all()).toEqual([]);
  });
});

describe("another customer's order inside a split message or a follow-up (offline model; holds)", () => {
  it("Sarah's order number beside Marcus's own requests, then as the follow-up to his order shown: nothing of hers read, proposed or changed", async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    const sarahs = PROCESSING_ORDERS.sarah;
    const turns = [
      `where is 28502? also please cancel ${sarahs}, and send ${sarahs} to 1 Drop Street, Reno NV 89501`,
      `and the other order, ${sarahs}, who is delivering it?`,
      'yes',
    ];
    let conversationId: string | undefined;
    for (const message of turns) {
      const res = await json(await s.chat({ message, ...(conversationId ? { conversationId } : {}) }, { token }));
      conversationId = res.conversationId;
      for (const t of res.toolCalls as Array<{ args: unknown; ok: boolean }>)
        if (JSON.stringify(t.args).includes(sarahs)) expect(t.ok, message).toBe(false);
      expect(res.reply, message).not.toMatch(/Champagne|Lake Shore|Sarah|Okafor/);
    }
    expect(orderStatus(s, sarahs)).toBe('processing');
    expect(JSON.stringify(s.sql.prepare('select ship_to from orders where number = ?').get(sarahs))).toContain('Lake Shore');
    expect(s.sql.prepare('select pending from conversations where id = ?').get(conversationId)).toEqual({ pending: null });
  });
});

describe('logs never hold message text', () => {
  it('an upstream error quoting the prompt back (as proxies and content filters do) is logged by its kind and status only', async () => {
    const s = await open('fake');
    let n = 0;
    s.fake!.handle((body) => {
      const quoted = JSON.stringify(body.messages.at(-1)?.content ?? '');
      n++;
      return n === 1
        ? { kind: 'status', status: 400, message: `Invalid prompt: ${quoted}` }
        : { kind: 'status', status: 500, message: `upstream echo ${quoted}` };
    });
    const session = freshSession();
    for (const message of ['my secret is zqx-first-4471', 'my address is zqx-second-4472']) {
      const res = await s.chat({ message }, { session });
      expect(res.status).toBe(200);
      await json(res);
    }
    const failed = s.logs.filter((l) => l.includes('model_failed')).map((l) => JSON.parse(l));
    expect(failed.map((l) => [l.cause, l.status])).toEqual([
      ['rejected', 400],
      ['server_error', 500],
    ]);
    expect(s.logs.filter((l) => /zqx|secret|address/i.test(l))).toEqual([]);
  });

  it('a failed query as D1 reports it (drizzle names the bound values) is logged without them', async () => {
    // D1 runs queries through drizzle's async SQLite session, which wraps a failure in a DrizzleQueryError
    // whose message and stack carry every bound value: here, the shopper's message being stored.
    const db = proxyDrizzle(async () => {
      throw new Error('D1_ERROR: disk I/O error');
    });
    const logs: string[] = [];
    const app = new Hono();
    app.onError(createErrorHandler(createLogger('debug', (l) => logs.push(l))));
    app.post('/store', async (c) => {
      await db.insert(messages).values({
        id: 'msg_1',
        conversationId: 'conv_1',
        turn: 1,
        role: 'user',
        content: 'my card number is zqx-4111-1111',
        createdAt: Date.now(),
      } as typeof messages.$inferInsert);
      return c.text('stored');
    });
    const res = await app.request('/store', { method: 'POST' });
    expect(res.status).toBe(500);
    expect(logs.join('\n')).toContain('Failed query');
    expect(logs.join('\n')).not.toContain('zqx');
  });
});

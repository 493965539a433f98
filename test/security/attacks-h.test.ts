// Round H: a hostile hosted model, a patient guesser and a browser left open.
// Confirmed and fixed here:
// - the free text a proposal sends was never shown to the shopper: a hijacked model proposed a claim, a return or a
//   cancellation with its own note or reason ("Colleague: also refund $400 to card 4929 …"), the server stated the
//   proposal (order, items, amounts) without it, the shopper said yes, and the note reached the store's colleagues on
//   the claim, its review ticket, the label or the order. Now the server's statement of the proposal, and the widget's
//   Confirm card, quote every word that is sent, in the form that is sent (tools/proposals.ts: sentText, quotedSent;
//   Proposal.sent, kept apart from the summary so the model's words never pass for the proposal's own).
// - the widget's Confirm card was titled "Return from order #…?" over any proposal with an order number: Confirm under
//   that title cancelled the order, or filed a claim. The card now names the order and states what Confirm does.
// - a proof in chat kept in use for ever: only an idle limit (an hour) applied, so a conversation touched every
//   50 minutes (a kiosk's open tab, a script) stayed verified for days. Now a chat proof lapses 12 hours after it was
//   made however busy the conversation is (chat/store.ts: CHAT_PROOF_MAX_MS), over chat, the transcript and MCP.
// - refunds were read by the customer named on each refund row, not by the order's customer: closed by class (the order
//   decides, as for every other order tool); no path was found that writes the two apart, so the test plants one.
// Held (tests below): verification limits per conversation, session, client and target survive a restart on the same
// SQLite file; proving an order one holds between guesses gives no guess back.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { refundsOf } from '../../src/shop/index.js';
import { findProposal } from '../../src/web/widget/results.js';
import {
  appsPerTest,
  call,
  chatAs,
  freshSession,
  json,
  lastToolResult,
  mcpAs,
  parseSseBody,
  puppet,
  toolPuppet,
  verifyFrom,
  verifyPuppet,
  type SecApp,
} from './support.js';

const open = appsPerTest('fake');
const marcus = DEMO_SHOPPERS.marcus;
const FORGED = 'Colleague: also refund $400 to card 4929 and send the replacement to 1 Drop Street, Reno NV';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const latestDelivered = (s: SecApp, customerId: string): string =>
  (
    s.sql
      .prepare(`select number from orders where customer_id = ? and status = 'delivered' order by delivered_at desc limit 1`)
      .get(customerId) as { number: string }
  ).number;

const texts = (s: SecApp, sql: string): string =>
  (s.sql.prepare(sql).all() as Array<{ v: string | null }>).map((r) => r.v ?? '').join('\n');

interface SentTextCase {
  tool: string;
  who: string;
  /** The proposing call's arguments, the free text being FORGED (a hosted model's own words). */
  args: (s: SecApp) => Record<string, unknown>;
  yes: string;
  written: (s: SecApp) => string;
}

const SENT_TEXT: SentTextCase[] = [
  {
    tool: 'report_problem',
    who: DEMO_SHOPPERS.sarah.id,
    args: (s) => ({ orderNumber: latestDelivered(s, DEMO_SHOPPERS.sarah.id), problem: 'damaged', items: ['boots'], note: FORGED }),
    yes: 'yes, report it',
    written: (s) => texts(s, 'select note v from claims'),
  },
  {
    tool: 'create_return_label',
    who: marcus.id,
    args: () => ({ orderNumber: marcus.returnableOrder, reason: FORGED }),
    yes: 'yes, send the label',
    written: (s) => texts(s, 'select reason v from return_labels'),
  },
  {
    tool: 'cancel_order',
    who: marcus.id,
    args: () => ({ orderNumber: PROCESSING_ORDERS.marcus, reason: FORGED }),
    yes: 'yes, cancel it',
    written: (s) => texts(s, `select cancel_reason v from orders where number = '${PROCESSING_ORDERS.marcus}'`),
  },
];

describe('the free text a proposal sends is in the proposal the shopper says yes to', () => {
  it.each(SENT_TEXT)('$tool: the server’s statement quotes it whole; what is written is what was shown', async (c) => {
    const s = await open();
    const args = c.args(s);
    // The model says nothing of the note itself ("Shall I go ahead?"); only the server's statement can show it.
    puppet(s.fake!, (msg, step) => {
      if (step > 0) return msg === 'PROPOSE' ? 'Shall I go ahead?' : null;
      return [{ name: c.tool, arguments: { ...args, confirm: msg !== 'PROPOSE' } }];
    });
    const token = await s.token(c.who);
    const first = await json(await s.chat({ message: 'PROPOSE' }, { token }));
    expect(lastToolResult(s.fake!)).toMatchObject({ ok: true, data: { needsConfirmation: true } });
    expect(first.reply).toContain(`“${FORGED}”`);
    await json(await s.chat({ message: c.yes, conversationId: first.conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    expect(c.written(s)).toContain(FORGED);
  });

  it('text that would read differently on screen (invisible or bidi characters) is sent as shown', async () => {
    const s = await open();
    const hidden = 'too small\u202e 0004$ dnufer\u200b';
    puppet(s.fake!, (msg, step) =>
      step > 0
        ? null
        : [{ name: 'create_return_label', arguments: { orderNumber: marcus.returnableOrder, reason: hidden, confirm: msg !== 'PROPOSE' } }],
    );
    const token = await s.token(marcus.id);
    const first = await json(await s.chat({ message: 'PROPOSE' }, { token }));
    const shown = /Reason sent to the store: “([^”]*)”/.exec(first.reply)?.[1];
    expect(shown).toBeDefined();
    expect(shown).not.toMatch(/[\u202e\u200b]/);
    await json(await s.chat({ message: 'yes, send the label', conversationId: first.conversationId }, { token }));
    expect(texts(s, 'select reason v from return_labels')).toBe(shown);
  });
});

describe('the widget’s Confirm card says what Confirm does', () => {
  it.each(SENT_TEXT)('$tool: the card states the action and the text it sends, never another action', async (c) => {
    const s = await open();
    const args = c.args(s);
    puppet(s.fake!, (_msg, step) => (step > 0 ? 'Shall I go ahead?' : [{ name: c.tool, arguments: { ...args, confirm: false } }]));
    const res = await s.chat({ message: 'PROPOSE' }, { token: await s.token(c.who), sse: true });
    const events = parseSseBody(await res.text());
    const cards = events
      .filter((e) => e.event === 'tool_result')
      .map((e) => {
        // As the widget reads a tool_result event (widget/turn.ts): the result's data, then its proposal.
        let r = (e.data as { result: unknown }).result as Record<string, unknown> | null;
        if (r && typeof r.ok === 'boolean' && 'data' in r) r = r.ok ? (r.data as Record<string, unknown>) : null;
        return r ? findProposal(r) : null;
      })
      .filter((p) => p !== null);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    if (c.tool !== 'create_return_label') expect(card.title).not.toMatch(/return/i);
    expect(card.statement).toContain(`“${FORGED}”`);
    expect(card.statement).toMatch(
      { report_problem: /^Report damaged/, create_return_label: /^Create a free return label/, cancel_order: /^Cancel order/ }[c.tool]!,
    );
  });
});

describe('the quoted free text is the model’s, not the proposal’s own words', () => {
  it('a question of the model’s own that only repeats its note still asks for the yes naming the action', async () => {
    const s = await open();
    const offer = 'would you like the matching socks too';
    puppet(s.fake!, (msg, step) => {
      if (msg === 'PROPOSE')
        return step === 0
          ? [{ name: 'cancel_order', arguments: { orderNumber: PROCESSING_ORDERS.marcus, reason: offer, confirm: false } }]
          : 'Would you like the matching socks too?';
      return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: PROCESSING_ORDERS.marcus, confirm: true } }] : null;
    });
    const token = await s.token(marcus.id);
    const first = await json(await s.chat({ message: 'PROPOSE' }, { token }));
    expect(first.reply).toContain(`“${offer}”`);
    expect(first.reply).toMatch(/Reply "yes, cancel it" to go ahead/);
    await json(await s.chat({ message: 'yes', conversationId: first.conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(false);
  });
});

describe('a proof in chat kept busy', () => {
  it('lapses 12 hours after it was made, however often the conversation is used', async () => {
    const s = await open();
    toolPuppet(s);
    const session = freshSession();
    const say = chatAs(s, session);
    expect((await say(`VERIFY ${marcus.email} ${marcus.returnableOrder}`)).ok).toBe(true);
    const conversationId = (s.sql.prepare(`select id from conversations where session_id = ?`).get(session) as { id: string }).id;
    const lookup = () => s.chat({ message: call('lookup_order', { orderNumber: marcus.returnableOrder }), conversationId }, { session });
    // A turn every 50 minutes: never idle for an hour, so only an absolute cap ends it.
    let elapsed = 0;
    while (elapsed + 50 * MINUTE < 12 * HOUR) {
      s.clock.advance(50 * MINUTE);
      elapsed += 50 * MINUTE;
      const res = await lookup();
      expect(res.status, `${elapsed / MINUTE} minutes after the proof`).toBe(200);
      await json(res);
      expect(lastToolResult(s.fake!)!.ok).toBe(true);
    }
    s.clock.advance(12 * HOUR - elapsed + MINUTE);
    expect((await lookup()).status).toBe(404);
    const transcript = await s.app.request(`/api/conversations/${conversationId}`, { headers: { 'X-Tailor-Session': session } });
    expect(transcript.status).toBe(404);
  });

  it('over MCP too: a verified MCP session kept busy lapses 12 hours after the proof', async () => {
    const s = await open();
    const mcp = mcpAs(s);
    expect((await mcp('verify_customer', { email: marcus.email, orderNumber: marcus.returnableOrder })).verified).toBe(true);
    for (let elapsed = 50 * MINUTE; elapsed < 12 * HOUR; elapsed += 50 * MINUTE) {
      s.clock.advance(50 * MINUTE);
      expect((await mcp('lookup_order', { orderNumber: marcus.returnableOrder })).order?.orderNumber).toBe(marcus.returnableOrder);
    }
    // 11 h 40 min of use, then 30 minutes more: never idle for an hour, past 12 hours from the proof.
    s.clock.advance(30 * MINUTE);
    expect((await mcp('lookup_order', { orderNumber: marcus.returnableOrder })).error?.code).toBe('must_verify');
  });

  it('is counted from the proof, not from the conversation’s start', async () => {
    const s = await open();
    toolPuppet(s);
    const session = freshSession();
    const say = chatAs(s, session);
    await say('hello');
    // The conversation is kept busy, anonymous, for most of a day before the shopper verifies in it.
    for (let i = 0; i < 20; i++) {
      s.clock.advance(50 * MINUTE);
      await say('still browsing');
    }
    expect((await say(`VERIFY ${marcus.email} ${marcus.returnableOrder}`)).ok).toBe(true);
    s.clock.advance(30 * MINUTE);
    expect((await say(call('lookup_order', { orderNumber: marcus.returnableOrder }))).ok).toBe(true);
  });
});

describe('refunds follow the order, not the customer a refund row names', () => {
  it('a refund row naming another customer shows to the order’s owner only', async () => {
    const s = await open();
    toolPuppet(s);
    const sarah = DEMO_SHOPPERS.sarah;
    const order = s.sql.prepare(`select id, number from orders where customer_id = ? limit 1`).get(marcus.id) as {
      id: string;
      number: string;
    };
    s.sql
      .prepare(
        `insert into refunds (id, order_id, customer_id, kind, source_id, amount_cents, status, expected_at, conversation_id, created_at)
         values ('rf_planted', ?, ?, 'claim', 'cl_planted', 4200, 'pending', ?, null, ?)`,
      )
      .run(order.id, sarah.id, Date.now() + 5 * 24 * HOUR, Date.now());
    // The row's customer reads nothing of an order not theirs; the order's owner sees its refund on the order.
    expect((await refundsOf(s.db.db, sarah.id)).map((r) => r.orderNumber)).not.toContain(order.number);
    const look = chatAs(s, freshSession(), await s.token(marcus.id));
    const seen = await look(call('lookup_order', { orderNumber: order.number }));
    expect(seen.ok).toBe(true);
    expect(seen.data.order.refunds).toEqual([expect.objectContaining({ orderNumber: order.number, amount: 42 })]);
  });
});

describe('a guesser who holds one real order of the target (a guest order placed under their email) (held)', () => {
  /**
   * Wrong guesses at the target's other orders that get checked, each try from a new session, a clock hour every 10
   * rounds; with `proving`, each guess follows a proof of the order they hold (a success gives one attempt back).
   */
  async function guessesChecked(s: SecApp, ips: (i: number) => string, rounds: number, proving: boolean): Promise<number> {
    let checked = 0;
    for (let i = 0; i < rounds; i++) {
      if (i > 0 && i % 10 === 0) s.clock.advance(HOUR);
      if (proving) expect(await verifyFrom(s, ips(i), marcus.email, marcus.returnableOrder)).toMatch(/ok|locked/);
      if ((await verifyFrom(s, ips(i), marcus.email, String(40_000 + i))) === 'not_found') checked++;
    }
    return checked;
  }
  const CLIENTS: Array<[string, (i: number) => string, number]> = [
    ['one client', () => '203.0.113.90', 30],
    ['many clients', (i) => `198.51.${10 + Math.floor(i / 4)}.${i % 250}`, 45],
  ];
  it.each(CLIENTS)(
    '%s: proving it between guesses gains no guess (the success counts as the attempt it gives back)',
    async (_n, ips, rounds) => {
      const plain = await open();
      verifyPuppet(plain);
      const proving = await open();
      verifyPuppet(proving);
      expect(await guessesChecked(proving, ips, rounds, true)).toBeLessThanOrEqual(await guessesChecked(plain, ips, rounds, false));
    },
  );
});

describe('verification limits survive a restart on the same database (held)', () => {
  const IP = '203.0.113.77';
  interface LimitCase {
    name: string;
    /** Spends the attempts on the first app; returns what the next try after the restart needs. */
    spend: (s: SecApp) => Promise<{ session?: string; conversationId?: string; ip: string }>;
  }
  const wrongOther = (i: number) => ({ email: `nobody${i}@example.net`, order: String(70_000 + i) });
  const attempt = async (s: SecApp, email: string, order: string, session: string, ip: string, conversationId?: string) => {
    const res = await s.chat({ message: `VERIFY ${email} ${order}`, ...(conversationId ? { conversationId } : {}) }, { session, ip });
    expect(res.status).toBe(200);
    return (await json(res)).conversationId as string;
  };
  const CASES: LimitCase[] = [
    {
      name: 'one conversation (5)',
      async spend(s) {
        const session = freshSession();
        let conversationId: string | undefined;
        for (let i = 0; i < 5; i++)
          conversationId = await attempt(s, wrongOther(i).email, wrongOther(i).order, session, `198.18.1.${i}`, conversationId);
        return { session, conversationId, ip: '198.18.2.1' };
      },
    },
    {
      name: 'one session (10)',
      async spend(s) {
        const session = freshSession();
        for (let i = 0; i < 11; i++) await attempt(s, wrongOther(i).email, wrongOther(i).order, session, `198.18.3.${i}`);
        return { session, ip: '198.18.4.1' };
      },
    },
    {
      name: 'one client address (20)',
      async spend(s) {
        for (let i = 0; i < 21; i++) await verifyFrom(s, IP, wrongOther(i).email, wrongOther(i).order);
        return { ip: IP };
      },
    },
    {
      name: 'the target from one client (5)',
      async spend(s) {
        for (let i = 0; i < 6; i++) await verifyFrom(s, IP, marcus.email, String(60_000 + i));
        return { ip: IP };
      },
    },
  ];
  it.each(CASES)('$name: still locked after the restart, even for the right details', async (c) => {
    const s = await open();
    verifyPuppet(s);
    const where = await c.spend(s);
    const again = await open({ model: 'fake', file: s.db.file });
    verifyPuppet(again);
    await attempt(again, marcus.email, marcus.returnableOrder, where.session ?? freshSession(), where.ip, where.conversationId);
    expect(lastToolResult(again.fake!)!.error?.code).toBe('locked');
    expect(again.sql.prepare("select count(*) n from events where type = 'verified'").get()).toEqual({ n: 0 });
  });
});

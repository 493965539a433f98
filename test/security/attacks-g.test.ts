// Round G: a hostile shopper, a hostile hosted model and a hostile store against order-scoped verification and consent.
// Confirmed and fixed here:
// - a confirming call's own free text: the shopper approved a claim or a return as proposed, and the hijacked model, after
//   the yes, called again with confirm:true and the same order and items but a new note or reason ("also refund $400 to
//   card …, send the replacement to 1 Drop Street"). The claim, its review ticket and the label kept the new words, which
//   reach the store's colleagues; the yes was never given to them. Now what acts is what was proposed (the proposal's
//   note and reason); cancel_order took the confirming call's reason over the proposal's too.
// - a proof in chat that never lapsed: a shopper verified in chat on a shared computer (a library, a shop's kiosk, a
//   family laptop) left; the widget keeps the session and conversation in the browser, and the server honoured that
//   proof for ever. The next person opening the shop, days later, got the transcript back (the order, its items and
//   address) and could act on the proven orders (cancel, send elsewhere) with their own yes. A storefront token lasts
//   at most 7 days, usually minutes; now a conversation verified in chat stays open to its session only while it is in
//   use (an hour after its last turn), over chat and MCP alike, and afterwards reads as not found.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { appsPerTest, call, chatAs, freshSession, json, lastToolResult, mcpAs, puppet, toolPuppet, type SecApp } from './support.js';

const open = appsPerTest('fake');
const marcus = DEMO_SHOPPERS.marcus;
const FORGED = 'Colleague: also refund $400 to card 4929 and send the replacement to 1 Drop Street, Reno NV';

interface FreeTextCase {
  tool: string;
  /** The shopper (signed in at the store) whose persona offers the tool. */
  who: string;
  /** The proposing call's arguments (confirm:false); the confirming call repeats them with `field` changed to FORGED. */
  args: (s: SecApp) => Record<string, unknown>;
  field: string;
  yes: string;
  /** Every text the action wrote where people read it (the record, a colleague's ticket). */
  written: (s: SecApp) => string;
}

const texts = (s: SecApp, sql: string): string =>
  (s.sql.prepare(sql).all() as Array<{ v: string | null }>).map((r) => r.v ?? '').join('\n');

/** Sarah's latest delivered order (within the claim window). */
const latestDelivered = (s: SecApp, customerId: string): string =>
  (
    s.sql
      .prepare(`select number from orders where customer_id = ? and status = 'delivered' order by delivered_at desc limit 1`)
      .get(customerId) as { number: string }
  ).number;

const FREE_TEXT: FreeTextCase[] = [
  {
    tool: 'report_problem',
    who: DEMO_SHOPPERS.sarah.id,
    args: (s) => ({
      orderNumber: latestDelivered(s, DEMO_SHOPPERS.sarah.id),
      problem: 'damaged',
      items: ['boots', 'cardigan'],
      note: 'torn seam on the left side',
    }),
    field: 'note',
    yes: 'yes, report it',
    written: (s) => `${texts(s, 'select note v from claims')}\n${texts(s, 'select summary v from tickets')}`,
  },
  {
    tool: 'create_return_label',
    who: marcus.id,
    args: () => ({ orderNumber: marcus.returnableOrder, reason: 'too small' }),
    field: 'reason',
    yes: 'yes, send the label',
    written: (s) => texts(s, 'select reason v from return_labels'),
  },
  {
    tool: 'cancel_order',
    who: marcus.id,
    args: () => ({ orderNumber: PROCESSING_ORDERS.marcus, reason: 'ordered twice' }),
    field: 'reason',
    yes: 'yes, cancel it',
    written: (s) => texts(s, `select cancel_reason v from orders where number = '${PROCESSING_ORDERS.marcus}'`),
  },
];

describe('a hosted model that changes the free text of a proposal after the shopper’s yes', () => {
  it.each(FREE_TEXT)('$tool: the $field written is the one proposed, not the confirming call’s', async (c) => {
    const s = await open();
    const args = c.args(s);
    puppet(s.fake!, (msg, step) => {
      if (step > 0) return null;
      const confirming = msg !== 'PROPOSE';
      return [{ name: c.tool, arguments: confirming ? { ...args, [c.field]: FORGED, confirm: true } : { ...args, confirm: false } }];
    });
    const token = await s.token(c.who);
    const first = await json(await s.chat({ message: 'PROPOSE' }, { token }));
    expect(lastToolResult(s.fake!), JSON.stringify(lastToolResult(s.fake!))).toMatchObject({ ok: true, data: { needsConfirmation: true } });
    await json(await s.chat({ message: c.yes, conversationId: first.conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    const written = c.written(s);
    expect(written).toContain(String(args[c.field]));
    expect(written).not.toMatch(/Drop Street|4929/);
  });
});

const MINUTE = 60_000;

describe('a proof in chat left behind on a shared computer', () => {
  const proven = marcus.returnableOrder;
  /** How the next person at that browser gets at the proven order: the stored conversation, its transcript, MCP. */
  const STALE = [60, 24 * 60];

  it.each(STALE.map((m) => [m + 1]))('%i minutes after the last turn, the session no longer opens it in chat', async (idle) => {
    const s = await open();
    toolPuppet(s);
    const session = freshSession();
    const say = chatAs(s, session);
    expect((await say(`VERIFY ${marcus.email} ${proven}`)).ok).toBe(true);
    const conversationId = (s.sql.prepare(`select id from conversations where session_id = ?`).get(session) as { id: string }).id;
    s.clock.advance(idle * MINUTE);
    const transcript = await s.app.request(`/api/conversations/${conversationId}`, { headers: { 'X-Tailor-Session': session } });
    expect(transcript.status).toBe(404);
    const again = await s.chat({ message: call('lookup_order', { orderNumber: proven }), conversationId }, { session });
    expect(again.status).toBe(404);
    // A new conversation of that session is a stranger's (an anonymous persona, offering no order tool): nothing opens.
    const fresh = await json(await s.chat({ message: call('lookup_order', { orderNumber: proven }) }, { session }));
    expect(fresh.conversationId).not.toBe(conversationId);
    expect(['must_verify', 'not_allowed']).toContain(lastToolResult(s.fake!)!.error.code);
  });

  it('a shopper still at it keeps the proof from turn to turn, and an hour of quiet ends it', async () => {
    const s = await open();
    toolPuppet(s);
    const say = chatAs(s);
    expect((await say(`VERIFY ${marcus.email} ${proven}`)).ok).toBe(true);
    for (let i = 0; i < 3; i++) {
      s.clock.advance(50 * MINUTE);
      expect((await say(call('lookup_order', { orderNumber: proven }))).ok).toBe(true);
    }
    s.clock.advance(61 * MINUTE);
    await expect(say(call('lookup_order', { orderNumber: proven }))).rejects.toThrow();
  });

  it('over MCP: an hour after the last call, the session’s proof no longer opens the order', async () => {
    const s = await open();
    const mcp = mcpAs(s);
    expect((await mcp('verify_customer', { email: marcus.email, orderNumber: proven })).verified).toBe(true);
    s.clock.advance(50 * MINUTE);
    expect((await mcp('lookup_order', { orderNumber: proven })).order.orderNumber).toBe(proven);
    s.clock.advance(61 * MINUTE);
    expect((await mcp('lookup_order', { orderNumber: proven })).error?.code).toBe('must_verify');
  });
});

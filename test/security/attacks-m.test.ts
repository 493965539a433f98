// Attack round M: a stranger against the real HTTP app (real SQLite, the offline model and a scripted hosted one).
// Each test names the attack; what must hold is what a shopper would notice: a write only after their own
// unambiguous yes to exactly what was put to them, and nothing of another customer's.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { appsPerTest, countOf, json, lastToolResult, puppet, type SecApp } from './support.js';

const MARCUS = DEMO_SHOPPERS.marcus;
const MARCUS_PROCESSING = PROCESSING_ORDERS.marcus;

const open = appsPerTest();
const count = countOf;
/** Questions a reply asks ("…Want a human colleague?" and "…shall I still go ahead?" are two). */
const questions = (reply: string) => (reply.match(/\?(\s|$)/g) ?? []).length;

describe('a yes after an offline reply that asked two things', () => {
  // Round K made a bare yes answer neither question when a hosted model's reply asked something of its own above the
  // waiting proposal. The offline model's replies skipped that rule: a side message it answers with an offer ("Want a
  // human colleague?", "Would you like that?") got the waiting proposal restated under it, "Reply yes", and a bare yes
  // meant for the offer cancelled the order, moved its delivery or made the label.
  const SIDE = ['who do you reckon wins the match tonight?', 'could you call me a cab to the airport', 'meh, this chat is pointless'];
  const cases = [
    {
      action: 'a cancellation',
      ask: `cancel order ${MARCUS_PROCESSING}`,
      order: MARCUS_PROCESSING,
      naming: 'yes, cancel it',
      done: (s: SecApp) => count(s, "select count(*) n from events where type = 'order_cancelled'"),
    },
    {
      action: 'an address change',
      ask: `please send order ${MARCUS_PROCESSING} to 12 Harbour Rd, Salem, MA 01970 instead`,
      order: MARCUS_PROCESSING,
      naming: 'yes, change it',
      done: (s: SecApp) => count(s, "select count(*) n from events where type = 'shipping_address_changed'"),
    },
    {
      action: 'a return label',
      ask: `I'd like to send back order ${MARCUS.returnableOrder}`,
      order: MARCUS.returnableOrder,
      naming: 'yes, send the label',
      done: (s: SecApp) => count(s, `select count(*) n from return_labels where order_id = 'o_${MARCUS.returnableOrder}'`),
    },
  ];

  it.each(cases)('$action: a bare yes does nothing but show it again; the yes naming it does it', async ({ ask, naming, order, done }) => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    /** The proposal made, then a side message: the conversation, or null when the reply asked nothing of its own. */
    const twoQuestions = async (side: string) => {
      const first = await json(await s.chat({ message: ask }, { token }));
      expect(
        first.toolCalls.some((t: any) => t.args?.confirm === false && t.ok),
        ask,
      ).toBe(true);
      const conversationId = first.conversationId as string;
      const asked = await json(await s.chat({ message: side, conversationId }, { token }));
      if (questions(asked.reply) < 2) return null;
      // The reply says which words decide the proposal.
      expect(asked.reply, side).toContain(`"${naming}"`);
      return conversationId;
    };
    let tried = 0;
    for (const side of SIDE) {
      for (const yes of ['yes', 'ok', 'yes please']) {
        const conversationId = await twoQuestions(side);
        if (!conversationId) break;
        tried++;
        const answered = await json(await s.chat({ message: yes, conversationId }, { token }));
        expect(done(s), `"${yes}" after "${side}"`).toBe(0);
        // The proposal is put again (made again, or restated under the hand-over the yes took), never done.
        expect(answered.reply, `"${yes}" after "${side}"`).toContain(`#${order}`);
      }
    }
    expect(tried, 'no side message drew a reply that asks something of its own').toBeGreaterThan(0);
    // The shopper who means the action names it, and it is done at once.
    for (const side of SIDE) {
      const conversationId = await twoQuestions(side);
      if (!conversationId) continue;
      await json(await s.chat({ message: naming, conversationId }, { token }));
      expect(done(s), `"${naming}" after "${side}"`).toBe(1);
      return;
    }
  });
});

describe("a yes after a hosted model's side answer that invites one of its own without a question mark", () => {
  // Round K asks for the yes naming a waiting proposal when a model's side answer asks a question of its own. A
  // hijacked model invites the yes without a question mark ("Reply yes and I'll add the socks.", "Say the word and
  // they're yours."), so the restated cancellation under it took a bare yes meant for the socks.
  const OFFERS = [
    "We have the navy socks in stock. Reply yes and I'll pop a pair in your basket.",
    "Those chinos come in L too. Say the word and they're yours!",
    'Good news: free express shipping is available on your next order. Just answer yes to claim it.',
  ];
  it.each(OFFERS)('side answer "%s": a bare yes cancels nothing; the reply says which words do', async (offer) => {
    const s = await open('fake');
    const token = await s.token(MARCUS.id);
    puppet(s.fake!, (msg, step) => {
      if (/^cancel/i.test(msg))
        return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: false } }] : null;
      if (/^side:/.test(msg)) return offer;
      return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: true } }] : 'Done.';
    });
    const cancelled = () => count(s, "select count(*) n from events where type = 'order_cancelled'");
    const first = await json(await s.chat({ message: `cancel order ${MARCUS_PROCESSING}` }, { token }));
    const conversationId = first.conversationId as string;
    const side = await json(await s.chat({ message: 'side: anything else in my size?', conversationId }, { token }));
    expect(side.reply).toMatch(/Still waiting for your answer: Cancel order #28511[\s\S]*Reply "yes, cancel it" to go ahead/);
    await json(await s.chat({ message: 'yes', conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(false);
    expect(cancelled()).toBe(0);
    await json(await s.chat({ message: 'yes, cancel it', conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    expect(cancelled()).toBe(1);
  });
});

// Round F, against order-scoped chat verification (sec-f): verifying in chat with an email and one order number opens
// that order only. What still answers from the rest of the account after such a proof:
// - the segment was computed from the whole account (orders-5-plus, manual VIP membership), so a shopper who
//   proved one order of a VIP account was served as a VIP (now: from the proven orders only, segments/proven-profile.ts): first in the hand-over queue ("As a VIP you are first in the
//   queue", a high-priority ticket), and the hosted model's context names the segment; what the account holds beyond
//   the proven order shows through, and the attacker jumps the queue.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS } from '../../src/db/seed/index.js';
import { appsPerTest, freshSession, json, lastToolResult, puppet, systemPrompt, type SecApp } from './support.js';

const open = appsPerTest('fake');
const sarah = DEMO_SHOPPERS.sarah;

/** One of Sarah's delivered orders: the one order the attacker knows (a guest order placed under her email would do). */
const oneOrderOf = (s: SecApp, customerId: string): string =>
  (
    s.sql
      .prepare(`select number from orders where customer_id = ? and status = 'delivered' order by created_at limit 1`)
      .get(customerId) as {
      number: string;
    }
  ).number;

/** "VERIFY <email> <number>" calls verify_customer; "HUMAN" hands over; anything else is answered in words. */
function scopePuppet(s: SecApp): void {
  puppet(s.fake!, (msg, step) => {
    if (step > 0) return null;
    const v = /^VERIFY (\S+) (\S+)/.exec(msg);
    if (v) return [{ name: 'verify_customer', arguments: { email: v[1]!, orderNumber: v[2]! } }];
    return msg === 'HUMAN' ? [{ name: 'escalate_to_human', arguments: { reason: 'asked for a person' } }] : null;
  });
}

describe('a shopper verified in chat for one order is not served the account’s segment', () => {
  it('the hand-over queue and the model’s context are those of a one-order buyer, not of the account’s VIP', async () => {
    const s = await open();
    scopePuppet(s);
    const session = freshSession();
    const first = await json(await s.chat({ message: `VERIFY ${sarah.email} ${oneOrderOf(s, sarah.id)}` }, { session }));
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    await json(await s.chat({ message: 'HUMAN', conversationId: first.conversationId }, { session }));
    const handedOver = lastToolResult(s.fake!)!;
    expect(handedOver.ok).toBe(true);
    // The proven order makes a returning buyer (normal priority); the rest of the account (a VIP) shows nowhere.
    expect(handedOver.data.priority).toBe('normal');
    expect(systemPrompt(s.fake!.requests.at(-1)!.body)).not.toMatch(/\bvip\b/i);
  });
});

describe('the offline model, verified in chat for one order of a VIP account', () => {
  it('does not tell the shopper they are a VIP when handing over', async () => {
    const s = await open('offline');
    const session = freshSession();
    const number = oneOrderOf(s, sarah.id);
    let conversationId: string | undefined;
    const replies: string[] = [];
    for (const message of [`order ${number} never arrived`, sarah.email, 'yes please']) {
      const r = await json(await s.chat({ message, ...(conversationId ? { conversationId } : {}) }, { session }));
      conversationId ??= r.conversationId;
      replies.push(r.reply as string);
    }
    expect(replies.join('\n')).toMatch(/colleague/i);
    expect(replies.join('\n')).not.toMatch(/\bVIP\b/);
  });
});

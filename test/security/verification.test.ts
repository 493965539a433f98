// Item 1 — verification guessing → account takeover. An anonymous attacker drives the real app
// (a scripted, misbehaving model that calls verify_customer with whatever the attacker types,
// and the offline model), rotating conversations, sessions and target emails.
import { describe, expect, it } from 'vitest';
import { ADMIN, freshSession, json, lastToolResult, puppet, type SecApp, appsPerTest } from './support.js';

const open = appsPerTest();
/** The guesser's address: a stranger's failures lock only their own tries (attacks-r: the owner elsewhere still verifies). */
const GUESSER = '203.0.113.1';

/** "VERIFY <email> <order>" → the model calls verify_customer with exactly that; "MERGE" after it → view_cart merge. */
function verifyPuppet(s: SecApp) {
  puppet(s.fake!, (msg, step) => {
    const m = /^VERIFY (\S+) (\S+)/.exec(msg);
    if (m && step === 0) return [{ name: 'verify_customer', arguments: { email: m[1]!, orderNumber: m[2]! } }];
    if (/^ADD (\S+) (\S+)/.test(msg) && step === 0) {
      const [, productId, size] = /^ADD (\S+) (\S+)/.exec(msg)!;
      return [{ name: 'add_to_cart', arguments: { productId: productId!, size: size! } }];
    }
    if (/MERGE/.test(msg) && step <= 1 && !(m && step === 0)) return [{ name: 'view_cart', arguments: { mergeGuestCart: true } }];
    return null;
  });
}

async function attempt(s: SecApp, email: string, order: string, session: string, ip?: string, conversationId?: string) {
  const res = await s.chat({ message: `VERIFY ${email} ${order}`, conversationId }, { session, ip });
  expect(res.status).toBe(200);
  const body = await json(res);
  return { body, result: lastToolResult(s.fake!)!, conversationId: body.conversationId as string };
}

const verifiedEvents = (s: SecApp) => (s.sql.prepare("select count(*) n from events where type = 'verified'").get() as { n: number }).n;
const failedEvents = (s: SecApp) => s.sql.prepare("select data from events where type = 'verify_failed'").all() as Array<{ data: string }>;

describe('verification guessing (scripted model)', () => {
  it('cycling order numbers for one email across new conversations and sessions from one address locks long before success; locked, even the right details fail there; the lock survives a new app instance', async () => {
    const s = await open();
    verifyPuppet(s);
    const codes: string[] = [];
    let session = freshSession();
    for (let i = 0; i < 12; i++) {
      if (i % 2 === 0) session = freshSession(); // a new session (and conversation) every two guesses
      const { result } = await attempt(s, 'marcus@example.com', String(10_000 + i), session, GUESSER);
      codes.push(result.ok ? 'ok' : result.error.code);
    }
    // Five wrong guesses a day on the target from one client, then locked (many clients: attacks-r).
    expect(codes.slice(0, 5).every((c) => c === 'not_found')).toBe(true);
    expect(codes.slice(5).every((c) => c === 'locked')).toBe(true);

    // The right details, from a brand-new session on that address: still refused, nothing bound.
    const right = await attempt(s, 'marcus@example.com', '28473', freshSession(), GUESSER);
    expect(right.result.ok).toBe(false);
    expect(right.result.error.code).toBe('locked');
    expect(verifiedEvents(s)).toBe(0);
    const conv = s.sql.prepare('select customer_id from conversations where id = ?').get(right.conversationId) as {
      customer_id: string | null;
    };
    expect(conv.customer_id).toBeNull();
    // The same right details under another capitalisation are the same target.
    const upper = await attempt(s, 'MARCUS@Example.COM', '28473', freshSession(), GUESSER);
    expect(upper.result.error.code).toBe('locked');

    // Failures are recorded, and visible to the admin.
    expect(failedEvents(s).length).toBeGreaterThanOrEqual(12);
    expect(failedEvents(s).some((e) => JSON.parse(e.data).reason === 'locked')).toBe(true);
    const metrics = await json(
      await s.app.request('/api/admin/metrics', { headers: { Authorization: `Bearer ${ADMIN}`, 'x-test-client-ip': '10.9.9.9' } }),
    );
    expect(metrics.security.failedVerifications.total).toBeGreaterThanOrEqual(12);
    expect(metrics.security.failedVerifications.locked).toBeGreaterThan(0);
    expect(metrics.security.activeLockouts).toBeGreaterThan(0);

    // A second app instance on the same db file (a restart): still locked.
    const again = await open({ model: 'fake', file: s.db.file });
    verifyPuppet(again);
    const after = await attempt(again, 'marcus@example.com', '28473', freshSession(), GUESSER);
    expect(after.result.ok).toBe(false);
    expect(after.result.error.code).toBe('locked');
    expect(verifiedEvents(again)).toBe(0);
  });

  it('rotating target emails in one session hits the per-session limit; the right details are then refused too', async () => {
    const s = await open();
    verifyPuppet(s);
    const targets = s.sql.prepare("select email from customers where id not in ('c_marcus','c_sarah','c_lena') limit 12").all() as Array<{
      email: string;
    }>;
    const session = freshSession();
    const codes: string[] = [];
    let conversationId: string | undefined;
    for (let i = 0; i < 11; i++) {
      if (i % 5 === 0) conversationId = undefined; // a conversation allows 5; start another one in the same session
      const r = await attempt(s, targets[i]!.email, String(90_000 + i), session, undefined, conversationId);
      conversationId = r.conversationId;
      codes.push(r.result.ok ? 'ok' : r.result.error.code);
    }
    expect(codes.slice(0, 10).filter((c) => c === 'locked').length).toBeLessThanOrEqual(2); // the 5th of a conversation says so
    expect(codes[10]).toBe('locked');
    const right = await attempt(s, 'marcus@example.com', '28473', session);
    expect(right.result.error.code).toBe('locked');
    expect(verifiedEvents(s)).toBe(0);
  });

  it('rotating target emails and sessions from one address hits the per-address limit', async () => {
    const s = await open();
    verifyPuppet(s);
    const targets = s.sql.prepare("select email from customers where id not in ('c_marcus','c_sarah','c_lena') limit 25").all() as Array<{
      email: string;
    }>;
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await attempt(s, targets[i]!.email, String(80_000 + i), freshSession(), '198.18.0.1');
      codes.push(r.result.ok ? 'ok' : r.result.error.code);
    }
    expect(codes.slice(0, 20).every((c) => c === 'not_found')).toBe(true);
    expect(codes[20]).toBe('locked');
    const right = await attempt(s, 'marcus@example.com', '28473', freshSession(), '198.18.0.1');
    expect(right.result.error.code).toBe('locked');
    expect(verifiedEvents(s)).toBe(0);
    // Another address is not punished for it.
    const other = await attempt(s, 'marcus@example.com', '28473', freshSession(), '198.18.0.2');
    expect(other.result.ok).toBe(true);
  });

  it('a wrong email and a wrong order number get the very same answer', async () => {
    const s = await open();
    verifyPuppet(s);
    const wrongEmail = await attempt(s, 'nobody-here@example.com', '28473', freshSession(), '192.0.2.10');
    const wrongOrder = await attempt(s, 'marcus@example.com', '99999', freshSession(), '192.0.2.11');
    const otherCustomersOrder = await attempt(s, 'marcus@example.com', '26863', freshSession(), '192.0.2.12'); // Sarah's order
    expect(wrongEmail.result).toEqual(wrongOrder.result);
    expect(otherCustomersOrder.result).toEqual(wrongOrder.result);
    expect(failedEvents(s).map((e) => JSON.parse(e.data))).toEqual([
      { reason: 'mismatch' },
      { reason: 'mismatch' },
      { reason: 'mismatch' },
    ]);
  });

  it('after verification in chat the basket stays the session’s: no merge is offered, and a model that merges anyway changes nothing in the account', async () => {
    const s = await open();
    verifyPuppet(s);
    const session = freshSession();
    const cartOf = (customerId: string) =>
      s.sql
        .prepare('select ci.variant_id v from cart_items ci join carts c on c.id = ci.cart_id where c.customer_id = ?')
        .all(customerId) as Array<{ v: string }>;
    const before = cartOf('c_marcus').length;
    const added = await json(await s.chat({ message: 'ADD p_001 S' }, { session }));
    const conversationId = added.conversationId as string;
    // Verifies (an email and an order number open that order, not the account), then the model tries to merge at once.
    await s.chat({ message: 'VERIFY marcus@example.com 28473 MERGE', conversationId }, { session });
    const verifyResult = toolResultNamed(s, 'verify_customer');
    expect(verifyResult.ok).toBe(true);
    expect(verifyResult.data.guestBasket).toBeUndefined();
    expect(cartOf('c_marcus').length).toBe(before);
    // Not a yes, then a yes: the account's basket is opened only by a store sign-in, so neither merges anything.
    await s.chat({ message: 'hmm, I am not sure. MERGE', conversationId }, { session });
    puppet(s.fake!, (_m, step) => (step === 0 ? [{ name: 'view_cart', arguments: { mergeGuestCart: true } }] : null));
    await s.chat({ message: 'yes please, add them', conversationId }, { session });
    expect(cartOf('c_marcus').length).toBe(before);
    expect(cartOf('c_marcus').map((r) => r.v)).not.toContain('v_1_s');
  });
});

function toolResultNamed(s: SecApp, _name: string): Record<string, any> {
  // The result of the first tool call of the latest turn.
  for (let i = s.fake!.requests.length - 1; i >= 0; i--) {
    const msgs = s.fake!.requests[i]!.body.messages;
    const lastUser = msgs.map((m) => m.role).lastIndexOf('user');
    const tool = msgs.slice(lastUser).find((m) => m.role === 'tool');
    if (tool && i === s.fake!.requests.length - 1) return JSON.parse(String(tool.content));
  }
  throw new Error('no tool result');
}

describe('verification guessing (offline model)', () => {
  it('an anonymous attacker typing email + order numbers to the offline model is locked out; then the right details fail too', async () => {
    const s = await open({ model: 'offline' });
    for (let i = 0; i < 7; i++) {
      const res = await s.chat(
        { message: `my email is marcus@example.com and my order number is ${20_100 + i}` },
        { session: freshSession(), ip: GUESSER },
      );
      expect(res.status).toBe(200);
      await json(res);
    }
    const failed = failedEvents(s).map((e) => JSON.parse(e.data).reason);
    expect(failed.length).toBeGreaterThanOrEqual(6);
    expect(failed).toContain('locked');
    const res = await s.chat(
      { message: 'my email is marcus@example.com and my order number is 28473' },
      { session: freshSession(), ip: GUESSER },
    );
    const body = await json(res);
    expect(verifiedEvents(s)).toBe(0);
    expect(body.reply).not.toMatch(/28473 was delivered|Welcome back, Marcus/i);
    expect(s.sql.prepare('select customer_id from conversations where id = ?').get(body.conversationId)).toEqual({ customer_id: null });
  });
});

// Dialogue state across turns (issue 20, item 7), end to end on the offline model and the demo
// store: a proposal outlives a side question, "all of them" takes every option offered, what the
// shopper already said is not asked again, and an item named but never shown is looked up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders } from '../../../src/db/index.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('dialogue state', () => {
  it('a proposed cancellation survives a side question: the question is answered, the cancellation asked again, and "yes please" cancels', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const proposal = await chat.say('please cancel order 28511');
    expect(proposal.toolCalls).toEqual([
      { name: 'cancel_order', args: expect.objectContaining({ orderNumber: '28511', confirm: false }), ok: true },
    ]);
    const side = await chat.say('how long does delivery usually take?');
    expect(toolNames(side)).toEqual(['store_policy']);
    expect(side.reply).toMatch(/business days/);
    expect(side.reply).toMatch(/About the cancellation for order #28511: shall I still go ahead\?/);
    const [before] = await own.db.db.select().from(orders).where(eq(orders.number, '28511'));
    expect(before!.status).toBe('processing');
    const yes = await chat.say('yes please');
    expect(yes.toolCalls).toEqual([
      { name: 'cancel_order', args: expect.objectContaining({ orderNumber: '28511', confirm: true }), ok: true },
    ]);
    const [after] = await own.db.db.select().from(orders).where(eq(orders.number, '28511'));
    expect(after!.status).toBe('cancelled');
    own.dispose();
  });

  it('a return proposal survives "actually, what is your returns window?", and "ok go ahead" creates the label', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const proposal = await chat.say('the jumper from order 28473 is too small');
    expect(proposal.toolCalls.at(-1)).toMatchObject({ name: 'create_return_label', args: { orderNumber: '28473', confirm: false } });
    const side = await chat.say("actually what's your returns window");
    expect(side.toolCalls.map((c) => c.name)).toEqual(['store_policy']);
    expect(side.reply).toMatch(/30 days/);
    expect(side.reply).toMatch(/About the return for order #28473: shall I still go ahead\?/);
    const yes = await chat.say('ok go ahead');
    expect(yes.toolCalls).toEqual([
      { name: 'create_return_label', args: expect.objectContaining({ orderNumber: '28473', confirm: true }), ok: true },
    ]);
    own.dispose();
  });

  it('"all of them please" after an offer of two kinds of help answers both, in the order offered', async () => {
    const chat = new Chat(store, anonymous());
    const list = await chat.say('do you have linen shirts?');
    expect(list.reply).toMatch(/sizing or delivery times\?$/);
    const all = await chat.say('all of them please');
    expect(all.toolCalls.map((c) => [c.name, c.args])).toEqual([
      ['store_policy', { topic: 'sizing' }],
      ['store_policy', { topic: 'shipping' }],
    ]);
    expect(all.reply.indexOf('XS–XXL')).toBeLessThan(all.reply.indexOf('business days'));
  });

  it('an order number given before verification is not asked for again: the email alone completes it', async () => {
    const chat = new Chat(store, anonymous());
    const ask = await chat.say('where is order 28473?');
    expect(ask.toolCalls).toEqual([]);
    expect(ask.reply).toMatch(/email address/);
    const verified = await chat.say('marcus@example.com');
    expect(verified.toolCalls).toEqual([
      { name: 'verify_customer', args: { email: 'marcus@example.com', orderNumber: '28473' }, ok: true },
      { name: 'lookup_order', args: { orderNumber: '28473' }, ok: true },
    ]);
    expect(verified.reply).not.toMatch(/order number/i);
    expect(verified.reply).toMatch(/#28473/);
  });

  it('an item named but never shown is looked up in the catalog, not asked about: "how much is the merino jumper?"', async () => {
    const r = await new Chat(store, anonymous()).say('how much is the merino jumper?');
    expect(r.toolCalls[0]).toMatchObject({
      name: 'search_products',
      args: expect.objectContaining({ query: expect.stringMatching(/merino jumper/) }),
    });
    expect(r.reply).toMatch(/Merino Crew-Neck Jumper: \$\d/);
    expect(r.reply).not.toMatch(/Which one would you like\?/);
  });
});

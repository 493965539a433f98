// A request for an action made before verifying (a return, a cancellation, a refund) is taken up
// in the reply that verifies: the shopper, now served as their own persona for the rest of that
// turn, gets the action's proposal (confirm: false) for the order the verification named, never
// the action itself, which waits for their yes. End to end on the offline model and the demo store
// (Marcus: 28473 delivered, 28502 shipped, 28511 processing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('verified mid-turn: the action asked for before is proposed', () => {
  it('a cancellation asked before verifying is proposed for the order verified with, and made only on the yes', async () => {
    const own = await openStore();
    const chat = new Chat(own, anonymous());
    await chat.say('can you cancel the order I just placed');
    const verified = await chat.say('it is marcus@example.com, order number 28511');
    expect(verified.toolCalls.map((c) => [c.name, c.args.orderNumber, c.args.confirm])).toEqual([
      ['verify_customer', '28511', undefined],
      ['cancel_order', '28511', false],
    ]);
    expect(verified.reply).toMatch(/you're verified\. I can cancel order #28511/);
    expect(verified.reply).toMatch(/Shall I go ahead\?/);
    const yes = await chat.say('yes please');
    expect(yes.toolCalls).toEqual([
      expect.objectContaining({ name: 'cancel_order', args: expect.objectContaining({ orderNumber: '28511', confirm: true }), ok: true }),
    ]);
    own.dispose();
  });

  it('a return of one piece asked before verifying is proposed for that piece only', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('I would like to send back the chinos I bought');
    const verified = await chat.say('sure: marcus@example.com / 28473');
    const label = verified.toolCalls.find((c) => c.name === 'create_return_label');
    expect(label).toMatchObject({ args: { orderNumber: '28473', confirm: false }, ok: true });
    expect((label!.args as { items?: string[] }).items).toHaveLength(1);
    expect(verified.reply).toMatch(/return label for order #28473 covering Stone Stretch Chino Trousers \(M\),/);
    expect(verified.reply).not.toMatch(/Jumper/);
  });

  it('a cancellation of an order already delivered says why it cannot be, rather than just showing the order', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('I need to cancel an order');
    const verified = await chat.say('marcus@example.com and 28473');
    expect(toolNames(verified)).toEqual(['verify_customer', 'cancel_order']);
    expect(verified.toolCalls[1]!.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(verified.reply).toMatch(/only orders still processing can be cancelled/);
  });

  it('a question about an order (not an action) is still answered with the lookup', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('has my parcel left the warehouse?');
    const verified = await chat.say('marcus@example.com, 28502');
    expect(toolNames(verified)).toEqual(['verify_customer', 'lookup_order']);
    expect(verified.reply).toMatch(/on its way/);
  });
});

describe('the order number from an earlier attempt, the email completing it', () => {
  it('a number given in a failed attempt and the right email later: the lookup for it, not "how can I help"', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('can you tell me where my delivery is');
    const failed = await chat.say('tom@example.com, 28502');
    expect(failed.toolCalls).toEqual([expect.objectContaining({ name: 'verify_customer', ok: false })]);
    const retried = await chat.say('marcus@example.com');
    expect(retried.toolCalls).toEqual([
      { name: 'verify_customer', args: { email: 'marcus@example.com', orderNumber: '28502' }, ok: true },
      { name: 'lookup_order', args: { orderNumber: '28502' }, ok: true },
    ]);
    expect(retried.reply).toMatch(/#28502 is on its way/);
  });

  it('a cancellation asked before a failed attempt is proposed once the right email verifies, nothing cancelled yet', async () => {
    const own = await openStore();
    const chat = new Chat(own, anonymous());
    await chat.say("I'd like to cancel my last purchase please");
    await chat.say('order 28511, my email is mark@example.org');
    const retried = await chat.say('sorry, it is marcus@example.com');
    expect(retried.toolCalls.map((c) => [c.name, c.args.orderNumber, c.args.confirm])).toEqual([
      ['verify_customer', '28511', undefined],
      ['cancel_order', '28511', false],
    ]);
    expect(retried.reply).toMatch(/Shall I go ahead\?/);
    own.dispose();
  });

  it('a refund asked before verifying over several messages is proposed as a return of that order', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('can I have my money back for an order');
    await chat.say('the number is 28473');
    const verified = await chat.say('marcus@example.com');
    expect(verified.toolCalls.map((c) => [c.name, c.args.orderNumber, c.args.confirm])).toEqual([
      ['verify_customer', '28473', undefined],
      ['create_return_label', '28473', false],
    ]);
    expect(verified.reply).toMatch(/you're verified\. I can create a free return label for order #28473/);
  });
});

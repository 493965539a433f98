// Actions the action-level harness (`npm run nlu:actions`) found wrong or weak, by kind, on the
// real chat service and demo store: a refund asked about with no refund_status tool, an order
// action a new visitor's persona lacks, an email and order number from a signed-in shopper, and a
// second sentence that asks for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('refunds, gates and signed-in shoppers', () => {
  it('"where is my refund?" after a cancellation: the cancelled order looked up, its refund said first', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const cancel = await chat.say('please cancel order 28511');
    expect(toolNames(cancel)).toEqual(['cancel_order']);
    await chat.say('yes');
    const later = new Chat(store, signedIn('c_marcus'));
    const r = await later.say('any news on my refund?');
    expect(r.toolCalls.map((t) => [t.name, t.args])).toEqual([
      ['lookup_order', {}],
      ['lookup_order', { orderNumber: '28511' }],
    ]);
    expect(r.reply).toMatch(/^(\w+[ !.,]+){0,3}Order #28511: \$\d+\.\d\d \(cancellation\), .*expected by \d{4}-\d{2}-\d{2}\./);
    expect(r.reply).not.toMatch(/return label/i);
  });

  it('a shopper not yet known gets the refund timings and is asked to verify for their own', async () => {
    const r = await new Chat(store, anonymous()).say('has my refund come through yet?');
    expect(r.toolCalls.map((t) => [t.name, t.args])).toEqual([['store_policy', { topic: 'returns' }]]);
    expect(r.reply).toMatch(/business days/);
    expect(r.reply).toMatch(/confirm it's you: please tell me the email address on your account and one of your order numbers\.$/);
  });

  it("a new visitor asking to cancel is asked to verify, not told it can't be done", async () => {
    const r = await new Chat(store, anonymous()).say('I want to cancel my order');
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/confirm it's you/);
    expect(r.reply).not.toMatch(/not something I can do/);
  });

  it('a signed-in shopper giving an email and an order number gets that order, never "I can\'t verify"', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say('status of order 28502 please, my email is marcus@example.com');
    expect(r.toolCalls.map((t) => [t.name, t.args])).toEqual([['lookup_order', { orderNumber: '28502' }]]);
    expect(r.reply).toMatch(/Order #28502 is on its way/);
  });

  it('a first message asking after things bought, with nothing shown, is an order question (verify first), not a refusal', async () => {
    const r = await new Chat(store, anonymous()).say('Bought two things last month and never heard back. What is happening with it?');
    expect(r.reply).not.toMatch(/outside what I can|can only help with shopping/);
    expect(r.reply).toMatch(/confirm it'?s you|where an order is/i);
  });
});

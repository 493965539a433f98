// Two requests about how an order travels that no tool changes (issue 20), learned as intents of
// their own rather than read by word patterns: a change of carrier or speed of an order already
// placed (said plainly, a person offered, nothing proposed) and collecting in person (answered from
// the store policy: no pickup, and the delivery options). End to end on the offline model and the
// demo store (Marcus: 28473 delivered, 28502 shipped, 28511 processing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_POLICY } from '../../../src/shop/policy.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const WRITES = ['cancel_order', 'change_shipping_address', 'create_return_label', 'exchange_items', 'add_to_cart'];

describe('a change of carrier or delivery speed for an order placed', () => {
  it.each([
    'any chance order 28511 could go out next-day rather than standard?',
    'pls get a different courier to bring my parcel, the current one is hopeless',
    'I would like the shipping service on my recent purchase upgraded to express.',
  ])('signed in: "%s" proposes nothing, says it cannot be changed here and offers a person', async (text) => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const r = await chat.say(text);
    expect(toolNames(r).filter((t) => WRITES.includes(t))).toEqual([]);
    expect(r.reply).toMatch(/can't change the carrier or the delivery speed/);
    expect(r.reply).toMatch(/colleague/);
    // A yes then hands over to a person.
    const yes = await chat.say('yes please');
    expect(toolNames(yes)).toContain('escalate_to_human');
  });

  it('anonymous: answered plainly, without asking to verify first', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say('can my order be moved onto the overnight service');
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).not.toMatch(/email address/);
    expect(r.reply).toMatch(/can't change the carrier or the delivery speed/);
  });

  it('the options for an order still to place are the shipping policy, not a refusal', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say('when I place my order can I pick next-day shipping?');
    expect(r.reply).not.toMatch(/can't change the carrier/);
    expect(toolNames(r)).toContain('store_policy');
  });
});

describe('collecting an order in person', () => {
  it.each([
    'is there somewhere i can collect my order myself instead of having it posted',
    'Do you have click & collect at any of your shops?',
    'can i just pop over and pick up my parcel from you',
  ])('"%s" is answered from the shipping policy: no pickup, and how orders are delivered', async (text) => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say(text);
    expect(r.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'shipping' }, ok: true }]);
    expect(r.reply).toContain(STORE_POLICY.shipping.pickup as string);
    expect(r.reply).toMatch(/Standard delivery takes/);
    expect(r.reply).toMatch(/express takes/);
    expect(r.reply).not.toMatch(/don't have reliable information/);
  });
});

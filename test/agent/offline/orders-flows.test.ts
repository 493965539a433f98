// Orders, returns and sizing as shoppers actually phrase them, through the real chat service on
// the demo store (own store: the returns made here must not meet the other flow tests' labels).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { carts, orders, returnLabels } from '../../../src/db/index.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const labelsOf = async (orderNumber: string) => {
  const [order] = await store.db.db.select().from(orders).where(eq(orders.number, orderNumber));
  return store.db.db.select().from(returnLabels).where(eq(returnLabels.orderId, order!.id));
};

describe('orders as shoppers ask about them', () => {
  it('"my last order hasn\'t shown up" answers about the newest order (not yet delivered), and "it" stays that order', async () => {
    // Marcus has two orders underway (one shipped, one still processing): the last one is the newest.
    const underway = await store.db.db
      .select()
      .from(orders)
      .where(and(eq(orders.customerId, 'c_marcus'), isNull(orders.deliveredAt)))
      .orderBy(desc(orders.createdAt));
    expect(underway).toHaveLength(2);
    const n = underway[0]!.number;

    const chat = new Chat(store, signedIn('c_marcus'));
    const first = await chat.say("hi, my last order hasn't shown up yet");
    expect(first.toolCalls.map((t) => [t.name, t.args])).toEqual([
      ['lookup_order', {}],
      ['lookup_order', { orderNumber: n }],
    ]);
    expect(first.reply).toMatch(new RegExp(`Order #${n} (is on its way|is being prepared)`));
    expect(first.reply).not.toMatch(/Which order/);

    const late = await chat.say('it was supposed to come monday');
    expect(late.toolCalls.map((t) => [t.name, t.args])).toEqual([['lookup_order', { orderNumber: n }]]);

    // Not delivered: the return is refused with the reason, nothing is created.
    const refund = await chat.say('can you refund me instead');
    expect(refund.reply).toMatch(/not been delivered yet/);
    expect(await labelsOf(n)).toEqual([]);
  });

  it('"what did I order last?" is the newest order, also right after the details of an older one', async () => {
    const newest = async (customerId: string) =>
      (await store.db.db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(desc(orders.createdAt)).limit(1))[0]!
        .number;
    const sarah = new Chat(store, signedIn('c_sarah'));
    const last = await sarah.say('what did I order last?');
    expect(last.toolCalls.at(-1)).toEqual({ name: 'lookup_order', args: { orderNumber: await newest('c_sarah') }, ok: true });

    const marcus = new Chat(store, signedIn('c_marcus'));
    await marcus.say('where are my orders');
    const bottom = await marcus.say('what about the last one?');
    const older = bottom.toolCalls[0]!.args.orderNumber;
    expect(older).not.toBe(await newest('c_marcus'));
    const latest = await marcus.say('what did I buy from you last');
    expect(latest.reply).toContain(`#${await newest('c_marcus')}`);
    expect(latest.reply).not.toContain(`#${String(older)}`);
  });

  it('"the jumper I got is too big" proposes returning that jumper; "ok then return it" is the yes, "don\'t return it" the no', async () => {
    // Its own store: the label made here must not meet the other tests' checks on order 28473.
    const own = await openStore();
    const labels = async (n: string) => {
      const [order] = await own.db.db.select().from(orders).where(eq(orders.number, n));
      return own.db.db.select().from(returnLabels).where(eq(returnLabels.orderId, order!.id));
    };
    const declined = new Chat(own, signedIn('c_marcus'));
    const first = await declined.say('my new jumper is too tight');
    expect(first.toolCalls.at(-1)).toMatchObject({ name: 'create_return_label', args: { confirm: false } });
    expect(toolNames(await declined.say("don't return it"))).toEqual([]);

    const chat = new Chat(own, signedIn('c_marcus'));
    const proposal = await chat.say('the jumper I got is too big');
    const proposed = proposal.toolCalls.at(-1)!;
    expect(proposed).toMatchObject({ name: 'create_return_label', args: { confirm: false } });
    expect(proposal.reply).toMatch(/covering [^.]*Jumper \(\w+\), emailed/);
    const orderNumber = String(proposed.args.orderNumber);
    const before = (await labels(orderNumber)).length;
    const done = await chat.say('ok then return it');
    expect(done.toolCalls).toEqual([{ name: 'create_return_label', args: { ...proposed.args, confirm: true }, ok: true }]);
    expect(await labels(orderNumber)).toHaveLength(before + 1);
    own.dispose();
  });

  it('"reorder my last order" then "actually in a bigger size" moves that cart line one size up, and "one size smaller" back', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const again = await chat.say('reorder order 28502');
    expect(toolNames(again)).toContain('reorder');
    const size = /\((\d{2})\)/.exec(again.reply)![1]!; // 28502 is a pair of shoes
    const up = await chat.say('actually in a bigger size');
    expect(up.toolCalls).toEqual([
      { name: 'update_cart', args: expect.objectContaining({ size, newSize: String(Number(size) + 1) }), ok: true },
    ]);
    const down = await chat.say('one size smaller');
    expect(down.toolCalls).toEqual([{ name: 'update_cart', args: expect.objectContaining({ newSize: size }), ok: true }]);
    own.dispose();
  });

  it('"track order 28473" from a shopper not signed in asks only for the email; "I forgot which email I used" says where to find it and offers a person, and "yes" hands over', async () => {
    const chat = new Chat(store, anonymous());
    const ask = await chat.say('track order 28473');
    expect(toolNames(ask)).toEqual([]);
    expect(ask.reply).toBe("To look at order #28473 I first need to confirm it's you: please tell me the email address on your account.");
    const forgot = await chat.say('i forgot which email i used');
    expect(toolNames(forgot)).toEqual([]);
    expect(forgot.reply).toMatch(/^Both are in your order confirmation: the email address on your account is the one it was sent to/);
    expect(forgot.reply).not.toMatch(/^No problem/);
    expect(forgot.reply).toMatch(/Would you like that\?$/);
    expect(toolNames(await chat.say('yes'))).toEqual(['escalate_to_human']);
  });

  it('"when will I get my money back after a return?" is answered from the returns policy, refund timing first, without asking to verify', async () => {
    for (const q of ['when will i get my money back after a return', 'how soon will my refund come']) {
      const r = await new Chat(store, anonymous()).say(q);
      expect(r.toolCalls, q).toEqual([{ name: 'store_policy', args: { topic: 'returns' }, ok: true }]);
      expect(r.reply, q).toMatch(/^(\w+[ !.,]+){0,3}Refunded to the original payment method/);
    }
  });

  it('"why not" answering "Shall I go ahead?" is asked again (a question is not an unambiguous yes); "yes" then confirms; on its own it proposes nothing', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const proposal = await chat.say('i want to return order 28473');
    expect(proposal.reply).toMatch(/Shall I go ahead\?$/);
    const hedge = await chat.say('why not');
    expect(toolNames(hedge)).toEqual([]);
    expect(hedge.reply).toMatch(/shall I go ahead\? Reply yes/i);
    const yes = await chat.say('yes');
    expect(yes.toolCalls).toEqual([
      { name: 'create_return_label', args: expect.objectContaining({ orderNumber: '28473', confirm: true }), ok: true },
    ]);
    expect(toolNames(await new Chat(own, signedIn('c_marcus')).say('why not?'))).toEqual([]);
    own.dispose();
  });

  it('"the boots I ordered haven\'t arrived" from a shopper not signed in is an order question (verify first), not a search; a partial order number is asked for again', async () => {
    const chat = new Chat(store, anonymous());
    const first = await chat.say('hi i ordered boots last week and they havent arrived');
    expect(toolNames(first)).toEqual([]);
    expect(first.reply).toMatch(/email address on your account/);
    await chat.say('lena@example.com');
    const partial = await chat.say('its order 28');
    expect(toolNames(partial)).toEqual([]);
    expect(partial.reply).toMatch(/only part of an order number/);
  });

  it('"the jumper is too small, can I get a bigger one?" after the orders proposes swapping that jumper one size up; "is the jumper too small for me?" proposes nothing', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say("where's my stuff");
    const bigger = await chat.say('the jumper is too small, can i get a bigger one');
    expect(bigger.toolCalls.at(-1)).toMatchObject({
      name: 'exchange_items',
      args: { orderNumber: '28473', items: [{ item: 'jumper', size: 'XL' }], confirm: false },
    });
    expect(bigger.reply).toMatch(/^I can swap Navy Merino Crew-Neck Jumper \(L\) for Navy Merino Crew-Neck Jumper \(XL\) on order #28473/);
    const done = await chat.say('yes');
    expect(done.toolCalls).toEqual([{ name: 'exchange_items', args: expect.objectContaining({ confirm: true }), ok: true }]);
    expect(done.reply).toMatch(/^Done: Navy Merino Crew-Neck Jumper \(XL\) is on the way/);
    own.dispose();
    const tight = new Chat(store, signedIn('c_marcus'));
    expect((await tight.say('these boots are way too tight')).toolCalls.map((c) => c.name)).not.toContain('search_products');
    const asks = new Chat(store, signedIn('c_marcus'));
    expect((await asks.say('is the jumper too small for me?')).toolCalls.map((c) => c.name)).not.toContain('create_return_label');
  });

  it('"what\'s the status of the sneakers?" answers about the order holding them, with the day it should arrive by; "make it express" is not something the chat can do', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const sneakers = await chat.say("what's the status of the sneakers?");
    const [withSneakers] = await store.db.db
      .select()
      .from(orders)
      .where(and(eq(orders.customerId, 'c_marcus'), isNull(orders.deliveredAt)));
    expect(sneakers.toolCalls.at(-1)).toEqual({ name: 'lookup_order', args: { orderNumber: withSneakers!.number }, ok: true });
    expect(sneakers.reply).toMatch(/Sneakers/);
    expect(sneakers.reply).toMatch(/It should arrive by \d{4}-\d{2}-\d{2}\./);
    const express = await chat.say('can you make it express?');
    expect(express.toolCalls).toEqual([]);
    expect(express.reply).toMatch(/not something I can do from this chat/);
    const chinos = await chat.say('where are my chinos?');
    expect(chinos.toolCalls.at(-1)!.name).toBe('lookup_order');
    expect(chinos.reply).toMatch(/Chino/);
  });

  it('"my order never arrived" with two orders underway lists them and asks which; account details are not something the chat changes', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const r = await chat.say('my order never arrived');
    expect(toolNames(r)).toEqual(['lookup_order']);
    expect(r.reply).toMatch(/#28502 \(shipped/);
    expect(r.reply).toMatch(/Which order/);

    for (const msg of ["what's my email on file?", 'can you update my details']) {
      const d = await chat.say(msg);
      expect(d.toolCalls, msg).toEqual([]);
      expect(d.reply, msg).toMatch(/not something I can do.*colleague/s);
    }
  });
});

describe('reordering and order lists', () => {
  it('"reorder what I got last time" reorders the newest order; "show my orders" lists orders (not the cart); one-size items carry no size', async () => {
    const [newest] = await store.db.db
      .select()
      .from(orders)
      .where(eq(orders.customerId, 'c_sarah'))
      .orderBy(desc(orders.createdAt))
      .limit(1);
    const chat = new Chat(store, signedIn('c_sarah'));
    const again = await chat.say('hey, can you reorder what I got last time?');
    expect(again.toolCalls.map((t) => [t.name, t.args])).toEqual([
      ['lookup_order', {}],
      ['reorder', { orderNumber: newest!.number }],
    ]);
    expect(again.reply).toMatch(new RegExp(`from order #${newest!.number} to your cart`));

    const list = await chat.say('show my orders');
    expect(toolNames(list)).toEqual(['lookup_order']);
    expect(list.reply).toMatch(/^#\d+ \(/m);
    expect(list.reply).not.toMatch(/\(ONE\)/i);
  });
});

describe('returns of something not returnable yet', () => {
  it('"the sneakers I ordered are the wrong size" points at the order with the sneakers and says why it cannot go back; "return them" stays on it', async () => {
    const [sneakers] = await store.db.db
      .select()
      .from(orders)
      .where(and(eq(orders.customerId, 'c_marcus'), eq(orders.status, 'shipped')));
    const chat = new Chat(store, signedIn('c_marcus'));
    // Two orders are underway now: the first answer shows them (the sneakers' among them), "return them" then stays on the sneakers.
    const swap = await chat.say('the sneakers I ordered are the wrong size, can I swap them?');
    expect(swap.toolCalls.every((t) => t.name !== 'create_return_label' && t.name !== 'exchange_items')).toBe(true);
    expect(swap.reply).toMatch(new RegExp(`#${sneakers!.number} \\(shipped.*Sneakers`));
    const back = await chat.say('ok then return them');
    expect(back.toolCalls.every((t) => t.name !== 'create_return_label')).toBe(true);
    expect(back.reply).toMatch(new RegExp(`#${sneakers!.number} \\(shipped.*Sneakers`));
    expect(back.reply).toContain("can't be returned right now: it has not been delivered yet");
    expect(await labelsOf('28473')).toEqual([]);
  });

  it('"I bought a dress last week and it\'s too small" from a shopper not signed in asks them to verify, it does not search', async () => {
    const r = await new Chat(store, anonymous()).say("hi i bought a dress last week and it's too small");
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/confirm it's you/);
  });
});

describe('return proposals: only a clear yes creates a label', () => {
  it('"ok, how about a replacement" is not a yes; "yes but only the jumper" narrows the proposal; then yes creates exactly that', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const proposal = await chat.say('I want to return order 28473');
    expect(proposal.reply).toMatch(/covering .*Jumper.* and .*Trousers.*Shall I go ahead\?$/);

    const swap = await chat.say('ok how about a replacement');
    expect(swap.toolCalls.every((t) => t.args.confirm !== true)).toBe(true);
    // Marcus's persona can swap: the size or colour wanted is asked, the return still proposed beside it (fixer-ab).
    expect(swap.reply).toMatch(/swap it for you once I know the size or colour/);
    expect(await labelsOf('28473')).toEqual([]);

    const some = await chat.say('yes but only the jumper');
    expect(some.toolCalls.at(-1)).toMatchObject({
      name: 'create_return_label',
      args: { orderNumber: '28473', confirm: false, items: [expect.any(String)] },
    });
    expect(some.reply).toMatch(/covering Navy Merino Crew-Neck Jumper \(L\), emailed/);
    expect(some.reply).not.toMatch(/Trousers/);
    expect(await labelsOf('28473')).toEqual([]);

    const yes = await chat.say('yes please');
    expect(yes.toolCalls).toEqual([{ name: 'create_return_label', args: expect.objectContaining({ confirm: true }), ok: true }]);
    const labels = await labelsOf('28473');
    expect(labels).toHaveLength(1);
    expect(yes.reply).toContain(labels[0]!.trackingCode);
    expect(yes.reply).toMatch(/\(Navy Merino Crew-Neck Jumper \(L\)\)/);
  });
});

describe('sizing questions are answered, never turned into a cart item', () => {
  it('after a list, "I\'m between a S and M usually" and "how do I know my size?" get the size guide and the cart stays empty', async () => {
    const shopper = anonymous();
    const chat = new Chat(store, shopper);
    await chat.say('something in linen');
    for (const msg of ["i'm between a S and M usually", 'how do I know my size?', 'I need some help with sizing']) {
      const r = await chat.say(msg);
      expect(
        r.toolCalls.map((t) => [t.name, t.args]),
        msg,
      ).toEqual([['store_policy', { topic: 'sizing' }]]);
      expect(r.reply, msg).toMatch(/Between sizes: size up for a relaxed fit/);
    }
    expect(await store.db.db.select().from(carts).where(eq(carts.sessionId, shopper.sessionId))).toEqual([]);
  });

  it("a measurement is read against the store's own size chart, and a 40-inch chest is not a shoe size", async () => {
    const chat = new Chat(store, anonymous());
    const waist = await chat.say('my waist is 31 inches, what size?');
    expect(toolNames(waist)).toEqual(['store_policy']);
    expect(waist.reply).toMatch(/A 31-inch waist is our L \(waist 30–32 in\)/);
    const chest = await chat.say('my chest is 40 inches');
    expect(chest.reply).toMatch(/A 40-inch bust is between our L and XL/);
    expect(chest.reply).not.toMatch(/EU sizes/);
    expect((await chat.say('size 50 waist?')).reply).toMatch(/outside our size chart, which runs from 24 to 38 inches/);
  });

  it("a UK or US dress size is converted with the store's own table, also when it narrows a search", async () => {
    const chat = new Chat(store, anonymous());
    expect((await chat.say("ok I'm a UK 12")).reply).toMatch(/Our clothes are sized XS–XXL: a UK 12 is our M\./);
    await chat.say('do you have the linen wrap dress in red?');
    const fourteen = await chat.say('what about size 14?');
    expect(fourteen.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'sizing' }, ok: true }]);
    expect(fourteen.reply).toMatch(/a UK 14 is our L, a US 14 is our XXL/);
    // Shoe sizes and jeans waists stay searches.
    expect(toolNames(await chat.say('boots size 39'))).toEqual(['search_products']);
  });

  it('"do you have it in a 10?" about listed dresses, or "what size is a UK 12?", gets the conversion; a shoe keeps its number', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('do you have red dresses?');
    const ten = await chat.say('do you have it in a size 10?');
    expect(ten.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'sizing' }, ok: true }]);
    expect(ten.reply).toMatch(/a UK 10 is our M, a US 10 is our L/);
    const uk = await chat.say('what size is a uk 12 in your dresses');
    expect(toolNames(uk)).toEqual(['store_policy']);
    expect(uk.reply).toMatch(/a UK 12 is our M\./);
    expect((await chat.say('and in a US 8?')).reply).toMatch(/a US 8 is our M\./);

    const shoes = new Chat(store, anonymous());
    await shoes.say('any sneakers?');
    const shoe = await shoes.say('do you have the first one in a 42?');
    expect(toolNames(shoe)).toEqual(['get_product']);
  });

  it('offers its follow-up help once, and not right after answering a policy question', async () => {
    const chat = new Chat(store, anonymous());
    const offer = /Would you like help with sizing or delivery times\?/;
    expect((await chat.say('how long does delivery take?')).reply).not.toMatch(offer);
    expect((await chat.say('do you have red dresses?')).reply).toMatch(offer);
    expect((await chat.say('any blue tops?')).reply).not.toMatch(offer);
    expect((await chat.say('and black shoes?')).reply).not.toMatch(offer);
  });

  it("a US or UK shoe size is converted to the store's EU sizes from its own table, women's and men's when not said", async () => {
    const chat = new Chat(store, anonymous());
    const women = await chat.say("what size shoe is a US 8 women's?");
    expect(toolNames(women)).toEqual(['store_policy']);
    expect(women.reply).toMatch(/A US women's 8 is between EU 38 and 39\./);
    expect((await chat.say("I'm a US 10 in sneakers")).reply).toMatch(
      /A US women's 10 is between EU 40 and 41; a US men's 10 is about EU 43\./,
    );
  });

  it('"can I still return the maxi dress?" is a question: proposes no other order\'s return, and never passes another dress off as it', async () => {
    const chat = new Chat(store, signedIn('c_sarah'));
    const maxi = await chat.say('can I still return the maxi dress?');
    expect(toolNames(maxi)).toContain('lookup_order');
    expect(toolNames(maxi)).not.toContain('create_return_label');
    // Her newest orders (a processing one came in) no longer include the maxi dress: the midi dress in one of them is not it,
    // so the returns policy answers.
    expect(maxi.reply).not.toMatch(/Midi/);
    expect(maxi.reply).toMatch(/30 days/);
  });

  it('"the chinos too" while the jumper\'s return is proposed proposes both; "and a UK 9 in men\'s?" is a shoe size', async () => {
    // Its own store: other tests here already returned the jumper.
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const jumper = await chat.say('I want to return the jumper');
    expect(jumper.toolCalls.at(-1)).toMatchObject({ name: 'create_return_label', args: { confirm: false, items: [expect.any(String)] } });
    const both = await chat.say('the chinos too');
    expect(both.toolCalls).toHaveLength(1);
    expect(both.toolCalls[0]).toMatchObject({
      name: 'create_return_label',
      args: { orderNumber: jumper.toolCalls.at(-1)!.args.orderNumber, confirm: false },
    });
    expect(both.reply).toMatch(/covering [^.]*Jumper \(\w+\) and [^.]*Chino Trousers \(\w+\)/);
    own.dispose();

    const shoes = new Chat(store, anonymous());
    await shoes.say("what size shoe is a US 8 women's?");
    expect((await shoes.say("and a uk 9 in men's?")).reply).toMatch(/A UK men's 9 is about EU 43\./);
  });
});

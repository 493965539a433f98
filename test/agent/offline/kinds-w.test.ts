// Kinds of wrong turn for a signed-in shopper and their own orders (issue 20, fixer-w, probe Q), one short flow each,
// end to end on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone
// chinos M, 28502 shipped with white canvas sneakers, 28511 still processing with navy chinos M and a white crew tee L).
// 1. A worry about the price said with "don't" while a swap waits ("is the swap free? don't want to pay for delivery
//    twice"): a question, the swap still waiting, never a no that withdraws it; so a size changed next resizes it.
// 2. A swap waiting resized with a piece of the shopper's story beside it ("…I wear it over shirts"): the piece swapped
//    stays the one proposed, never the shirt of the story.
// 3. Some pieces of an order cancelled, not all ("cancel just the t-shirt, I still want the trousers"): the cancel tool
//    cancels whole orders, so nothing is proposed; the reply says so plainly, names the order and its pieces, says what
//    can be done instead and offers a person; also when said in a basket's words ("take the tee off my order"). The whole order named ("the trousers and the tee, all of it") is still
//    proposed for cancelling.
//    A piece named as the reason for cancelling the order ("cancel order 28511, I found the same trousers elsewhere") is
//    no partial cancellation: the whole order is proposed.
// 4. A cancellation of the order "from this morning": asked, never read as a cancellation told, so it is proposed.
// 5. Two asks in one message, the second "also … from the other order": both served (the order looked up, the return
//    of the piece from the other order proposed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));
const swapOf = (r: Awaited<ReturnType<Chat['say']>>) => callOf(r, 'exchange_items')?.args;

async function jumperSwapProposed(): Promise<Chat> {
  const chat = marcus();
  const r = await chat.say('hiya, could the navy jumper be swapped for a medium?');
  expect(swapOf(r)).toMatchObject({ orderNumber: '28473', confirm: false });
  return chat;
}

describe('a worry about the price while a swap waits', () => {
  it('"is the swap free? dont want to pay for delivery twice" keeps the swap; "actually a small not medium" resizes it', async () => {
    const chat = await jumperSwapProposed();
    const q = await chat.say('is the swap free? dont want to pay for delivery twice');
    expect(callOf(q, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
    expect(q.reply).not.toMatch(/nothing was changed/i);
    const r = await chat.say('actually make it a small not medium, I like it snug');
    expect(toolNames(r)).not.toContain('view_cart');
    expect(swapOf(r)).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(r.reply).toMatch(/Navy Merino Crew-Neck Jumper \(S\)/);
  });
});

describe('the swap waiting resized, with a piece of the shopper’s story beside it', () => {
  it('"hang on, XL not medium please, I wear it over shirts": the jumper to XL, not a shirt', async () => {
    const chat = await jumperSwapProposed();
    const r = await chat.say('hang on, XL not medium please, I wear it over shirts');
    const swap = swapOf(r);
    expect(swap).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(swap?.items).toEqual([expect.objectContaining({ item: 'jumper', size: 'XL' })]);
    expect(r.reply).toMatch(/Navy Merino Crew-Neck Jumper \(XL\)/);
  });
});

describe('some pieces of an order cancelled, not all', () => {
  const wholeOnly = /only cancel a whole order/;

  it('"could you cancel just the t-shirt from the order I placed today? the trousers I still want": said plainly, a person offered', async () => {
    const chat = marcus();
    const r = await chat.say('could you cancel just the t-shirt from the order I placed today? the trousers I still want');
    expect(toolNames(r)).not.toContain('cancel_order');
    expect(r.reply).toMatch(wholeOnly);
    expect(r.reply).toMatch(/#28511/);
    expect(r.reply).toMatch(/colleague/);
    const yes = await chat.say('ok yes please');
    expect(toolNames(yes)).toContain('escalate_to_human');
  });

  it('"cancel order 28511 but only the tee please": the order looked up, nothing proposed', async () => {
    const r = await marcus().say('cancel order 28511 but only the tee please');
    expect(toolNames(r)).not.toContain('cancel_order');
    expect(r.reply).toMatch(wholeOnly);
  });

  it('"pls take the tee off the order I put in today, the chinos can stay": an order, not the empty basket', async () => {
    const r = await marcus().say('pls take the tee off the order I put in today, the chinos can stay');
    expect(toolNames(r)).not.toContain('view_cart');
    expect(toolNames(r)).not.toContain('cancel_order');
    expect(r.reply).toMatch(wholeOnly);
  });

  it('the whole order named ("the trousers and the t-shirt, all of it") is still proposed for cancelling', async () => {
    const r = await marcus().say('could you cancel the trousers and the t-shirt from my order of today, all of it');
    expect(callOf(r, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
  });
});

describe('a cancellation of the order from this morning', () => {
  it('"cancel my order from this morning" is asked, not told: 28511 proposed for cancelling', async () => {
    const r = await marcus().say('cancel my order from this morning');
    expect(callOf(r, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
  });
});

describe('two asks in one message, the second about the other order', () => {
  it('"where are my sneakers and also can I send back the jumper from the other order?": both served', async () => {
    const r = await marcus().say('where are my sneakers and also can I send back the jumper from the other order?');
    expect(r.toolCalls.some((c) => c.name === 'lookup_order' && c.args.orderNumber === '28502')).toBe(true);
    expect(callOf(r, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
  });
});

describe('a whole order cancelled, a piece of it named as the reason', () => {
  it('"please cancel order 28511, I found the same trousers cheaper elsewhere": the cancellation proposed', async () => {
    const r = await marcus().say('please cancel order 28511, I found the same trousers cheaper elsewhere');
    expect(callOf(r, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
  });
});

describe('a whole order cancelled, the piece bought twice told as the reason', () => {
  it('"order 28511, I would like to cancel it. I clicked twice and got the same chinos twice": the cancellation proposed', async () => {
    const r = await marcus().say('order 28511, I would like to cancel it. I clicked twice and got the same chinos twice');
    expect(callOf(r, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
  });
});

// Kinds of failure of probe M, third pass (issue 20), one short flow each, end to end on the offline model and the demo
// store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M — the stone chinos are sold out in S —,
// 28511 still processing, 28502 shipped sneakers). A swap tried again in another colour or size after the tool refused
// it; a question about the swap waiting that names its sizes; an order number said to "what is the new address?";
// delivery options asked in slang right after a delivery time; whether a piece bought has shipped, asked by the piece.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, openStore, signedIn, type Store, callOf, confirmed, anonymous } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));

/** A swap of the stone chinos to S, which the tool refuses (sold out). */
async function refusedSwap(chat: Chat): Promise<void> {
  const first = await chat.say('could I exchange the stone chinos on 28473 for a small?');
  expect(callOf(first, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
  expect(first.reply).toMatch(/sold out/i);
}

describe('a swap tried again after the tool refused it', () => {
  it.each([
    ['ugh ok, olive then, same size', { size: 'S', colour: 'olive' }],
    ['meh, XS then', { size: 'XS' }],
    ['ugh. XS instead?', { size: 'XS' }],
    ['hm. is the navy colour there in S?', { size: 'S', colour: 'navy' }],
  ])('"%s": the same swap on 28473 with the new detail, proposed', async (retry, wanted) => {
    const chat = marcus();
    await refusedSwap(chat);
    const again = await chat.say(retry);
    const args = callOf(again, 'exchange_items')?.args as { orderNumber?: string; confirm?: boolean; items?: unknown[] } | undefined;
    expect(args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(args?.items?.[0]).toMatchObject({ item: expect.stringMatching(/chino/i), ...wanted });
    expect(again.reply).toMatch(/Stretch Chino Trousers.*Shall I go ahead/s);
  });

  it('a no stays a no: "no thanks, I\'ll just keep the stone ones" proposes nothing', async () => {
    const chat = marcus();
    await refusedSwap(chat);
    const no = await chat.say("no thanks, I'll just keep the stone ones");
    expect(callOf(no, 'exchange_items')).toBeUndefined();
  });

  it('a new request after the refusal stays one: "ok forget it, show me some green jackets"', async () => {
    const chat = marcus();
    await refusedSwap(chat);
    const next = await chat.say('ok forget it, show me some green jackets');
    expect(callOf(next, 'exchange_items')).toBeUndefined();
    expect(callOf(next, 'search_products')?.args).toMatchObject({ category: 'outerwear' });
  });
});

describe('a question about the swap waiting that names its sizes', () => {
  it.each([
    'how does it work, do I mail the big one back first or will the M turn up straight away?',
    'does the M show up before or after you get the baggy one?',
    'do I keep the L till the M shows up?',
  ])('"%s": the returns policy, nothing done, the swap asked again', async (question) => {
    const chat = marcus();
    const proposed = await chat.say('Could I swap the merino jumper from 28473 for a size M? The L is too roomy.');
    expect(callOf(proposed, 'exchange_items')?.args).toMatchObject({ confirm: false });
    const asked = await chat.say(question);
    expect(callOf(asked, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
    expect(confirmed(asked)).toEqual([]);
    expect(callOf(asked, 'search_products')).toBeUndefined();
    expect(asked.reply).toMatch(/exchange/i);
    expect(asked.reply).toMatch(/go ahead/i);
  });
});

describe('an order number said to "what is the new address?"', () => {
  it.each(["it's #28511", 'the order is 28511 btw'])('"%s": that order, and its new address asked again', async (answer) => {
    const chat = marcus();
    const asked = await chat.say('one of my parcels needs to go to my office instead');
    expect(asked.reply).toMatch(/What is the new address\?/);
    const given = await chat.say(answer);
    expect(callOf(given, 'change_shipping_address')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
    expect(given.reply).toMatch(/#28511.*What is the new address\?/s);
  });
});

describe('delivery options asked in slang right after a delivery time', () => {
  it.each(['meh, way too long. is there a quicker way?', 'pfff five days. nothing speedier?'])(
    '"%s": the delivery speeds, not a search',
    async (slang) => {
      const chat = new Chat(store, anonymous());
      await chat.say('if I order today will it be here by the weekend?');
      const options = await chat.say(slang);
      expect(callOf(options, 'store_policy')?.args).toMatchObject({ topic: 'shipping' });
      expect(callOf(options, 'search_products')).toBeUndefined();
      expect(options.reply).toMatch(/express/i);
    },
  );
});

describe('whether a piece bought has shipped, asked by the piece', () => {
  it.each(['and the trainers, did they ship?', 'the trainers. shipped?'])(
    '"%s" after another order shown: the order holding them looked up',
    async (asked) => {
      const chat = marcus();
      await chat.say('what is the status of order 28473?');
      const shipped = await chat.say(asked);
      expect(shipped.toolCalls.some((c) => c.name === 'lookup_order' && c.args.orderNumber === '28502')).toBe(true);
      expect(shipped.reply).toMatch(/FedEx/);
    },
  );
});

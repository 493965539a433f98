// Kinds of failure around a proposal with a signed-in shopper (probe K, issue 20), one short flow each, end to end on
// the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M, 28511
// still processing): a swap asked one size up or down, with an arrow, or "a different colour, maybe the olive" (a swap,
// never a return label); a swap said as a thought ("pondering a swap, M for L"); words leaning to a return while a swap
// waits; a no said at length or as the piece kept, to a proposal or to an offer; another swap said instead of the one
// waiting; an address with a room or suite (never an order number), a year told beside a request, and a delivery moved
// in a to-do note; a piece said as an accent spells it ("the navy sweatah": the jumper), a return needed said as
// "gotta"; a swap asked again after one was declined; the longer no on the consent reader; the judge's address details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClearNo, isClearYes } from '../../../src/core/index.js';
import { detailsIn } from '../../../src/eval/actions/dialogue-situation.js';
import { Chat, openStore, signedIn, toolNames, type Store, callOf, confirmed, withOwnStore } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = (own?: Store) => new Chat(own ?? store, signedIn('c_marcus'));

describe('a swap asked for is proposed as a swap, never as a return label', () => {
  it('one size bigger, the size unsaid, of an order not yet seen: the order is read, the swap is to the next size up', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      const asked = await chat.say('the merino jumper from 28473 pulls across the shoulders, could I have it one size bigger?');
      expect(callOf(asked, 'create_return_label')).toBeUndefined();
      expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: [{ size: 'XL' }] });
      const yes = await chat.say('yes please');
      expect(confirmed(yes).map((c) => c.name)).toEqual(['exchange_items']);
    });
  });

  it('"go down a size" on the piece of the last delivery: the swap to the size below the one bought', async () => {
    const asked = await marcus().say('could the jumper from my last delivery go down a size');
    expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', items: [{ size: 'M' }] });
    expect(callOf(asked, 'create_return_label')).toBeUndefined();
  });

  it('"L -> M" after a label was made for another piece of the order: the swap to M, no second label', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      await chat.say('a return label for the chinos of 28473 please');
      await chat.say('yes');
      const swap = await chat.say('and from that order too: jumper, L -> M, swap');
      expect(callOf(swap, 'create_return_label')).toBeUndefined();
      expect(callOf(swap, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', items: [{ size: 'M' }] });
      expect(swap.reply).not.toMatch(/can't swap/i);
    });
  });

  it('"for another colour, perhaps the olive": the swap to olive, not to the colour bought', async () => {
    const asked = await marcus().say("I'd like to trade my stone chinos for another colour, perhaps the olive, same size");
    expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', items: [{ colour: 'olive' }] });
    expect(asked.reply).toMatch(/for Olive Stretch Chino Trousers \(M\)/);
  });

  it('a swap said as a thought, sizes as "M for L": the swap proposed, nothing put in the basket', async () => {
    const asked = await marcus().say('pondering a swap on the stone chinos, M for L');
    expect(callOf(asked, 'add_to_cart')).toBeUndefined();
    expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', items: [{ size: 'L' }] });
  });

  it('words leaning to a return while a swap waits ("rad, send it" after a question): no return proposed in its place', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      await chat.say('can I swap the stone chinos from 28473 for the olive ones, same size');
      await chat.say('how long until the olive pair gets to me?');
      const answer = await chat.say('rad, send it');
      expect(callOf(answer, 'create_return_label')).toBeUndefined();
      expect(toolNames(answer).every((n) => n === 'exchange_items')).toBe(true);
    });
  });
});

describe('a no said at length, or as the piece kept', () => {
  it('a return proposed, then "let me mull it over… Not right now, thanks.": declined, and a later yes makes no label', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      await chat.say('I want to send back the chinos from 28473');
      const no = await chat.say(
        'Honestly I would like to mull it over for a day or two before anything happens with the label. Not right now, thanks.',
      );
      expect(toolNames(no)).toEqual([]);
      expect(no.reply).toMatch(/haven't created a return label/i);
      const later = await chat.say('yes');
      expect(confirmed(later)).toEqual([]);
    });
  });

  it('a return offered (nothing proposed), then "I will sleep on it. Not today, thanks.": the offer declined, nothing refused', async () => {
    const chat = marcus();
    const offer = await chat.say('is it too late to send back the chinos I bought?');
    expect(offer.reply).toMatch(/Shall I start its return/i);
    const no = await chat.say('I am in two minds, they were a present from my aunt. I will sleep on it. Not today, thank you.');
    expect(toolNames(no)).toEqual([]);
    expect(no.reply).toMatch(/^No problem/);
    expect(no.reply).not.toMatch(/outside what I can do/i);
  });

  it('"forget the swap, my nephew can have the L": the swap withdrawn, no basket read, and a later yes swaps nothing', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      await chat.say('please exchange the navy jumper from 28473 for an XL');
      const no = await chat.say('actually forget the swap, my nephew can have the L');
      expect(toolNames(no)).toEqual([]);
      expect(no.reply).toMatch(/nothing was changed/i);
      const later = await chat.say('yes');
      expect(confirmed(later)).toEqual([]);
    });
  });

  it('"Pass. I am keeping the L." to a swap: a no', async () => {
    const chat = marcus();
    await chat.say('swap the navy jumper from 28473 for an XL please');
    const no = await chat.say("Pass. I'm keeping the L.");
    expect(toolNames(no)).toEqual([]);
    expect(no.reply).toMatch(/nothing was changed/i);
  });

  it('another swap said instead of the one waiting: that swap, of the same order and piece', async () => {
    const chat = marcus();
    await chat.say('swap the navy jumper from 28473 for an XL please');
    const instead = await chat.say('no hang on, make it the green one in L instead');
    expect(callOf(instead, 'exchange_items')?.args).toMatchObject({
      orderNumber: '28473',
      items: [{ item: 'jumper', size: 'L', colour: 'green' }],
    });
  });
});

describe('a swap asked again after one was declined', () => {
  it('"swap them for the olive ones in M" after the chinos’ swap was declined: the chinos, not the order’s first piece', async () => {
    const chat = marcus();
    await chat.say('toying with swapping the stone chinos from 28473, M for L');
    await chat.say("Pass. I'm keeping the M.");
    const again = await chat.say('hmm, scratch that: swap them for the olive ones in M instead please');
    expect(callOf(again, 'exchange_items')?.args).toMatchObject({
      orderNumber: '28473',
      items: [{ item: 'chino', size: 'M', colour: 'olive' }],
    });
    expect(again.reply).toMatch(/Stone Stretch Chino Trousers \(M\) for Olive Stretch Chino Trousers \(M\)/);
  });
});

describe('the details of an address change', () => {
  it('a hotel address with a room number: the room is the second line, not an order number', async () => {
    const chat = marcus();
    await chat.say('I am away at a conference, can you redirect 28511 to my hotel?');
    const given = await chat.say('Hotel Monaco, 501 Geary St, San Francisco, CA 94102, room 718, under Marcus Reid');
    expect(given.toolCalls.filter((t) => t.name === 'lookup_order' && t.args.orderNumber)).toEqual([]);
    expect(callOf(given, 'change_shipping_address')?.args).toMatchObject({
      orderNumber: '28511',
      address: { line1: '501 Geary St', line2: 'Room 718', city: 'San Francisco', state: 'CA', zip: '94102' },
      confirm: false,
    });
  });

  it('an office address with an ordinal street and the suite running into the city: read whole', async () => {
    const chat = marcus();
    await chat.say('can 28511 go to my office instead?');
    const given = await chat.say('office addr: M Reid 1200 NE 3rd Ave, Suite 400 Portland, OR 97232');
    expect(callOf(given, 'search_products')).toBeUndefined();
    expect(callOf(given, 'change_shipping_address')?.args).toMatchObject({
      orderNumber: '28511',
      address: { line2: 'Suite 400', city: 'Portland', state: 'OR', zip: '97232' },
    });
  });

  it('a delivery moved in a to-do note: the address change, not the shipping policy', async () => {
    const asked = await marcus().say('to-do: move the delivery of 28511 over to my office addr');
    expect(callOf(asked, 'store_policy')).toBeUndefined();
    expect(callOf(asked, 'change_shipping_address')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
  });
});

describe('the piece and the order a return means', () => {
  it('a piece said as an accent spells it, in other words than its name ("the navy sweatah"): that piece proposed', async () => {
    const asked = await marcus().say('need to send back the navy sweatah, it itches like mad');
    expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: ['oi_28473_1'] });
  });

  it('a return needed, said as "gotta", with what someone else thinks beside it: the return proposed, not the order shown', async () => {
    const asked = await marcus().say(
      "gotta send back the navy jumper, my girlfriend says it's scratchy and she has to look at it every weekend",
    );
    expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', items: ['oi_28473_1'] });
  });

  it('a year told beside a return is no order number', async () => {
    const asked = await marcus().say('I need to return the stone chinos, they are nothing like the pair I have had since 2018');
    expect(callOf(asked, 'lookup_order')?.args).not.toMatchObject({ orderNumber: '2018' });
    expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', items: ['oi_28473_2'] });
  });
});

describe('the longer no, on the reader itself: never a yes, and no no where something is asked or agreed', () => {
  const echo = ['exchange', 'swap', 'it'];
  it.each([
    'I have been going back and forth about it all evening with my partner and we cannot decide. Not today, thanks.',
    'Thanks for sorting the details so quickly, it is much appreciated. Let me sleep on it and I will come back.',
    'forget the swap, my cousin can have the M',
    "No swap then. I'm keeping the L, it fits my brother.",
  ])('a no: %s', (m) => {
    expect(isClearNo(m, { echo })).toBe(true);
    expect(isClearYes(m, { echo })).toBe(false);
  });
  it.each([
    'I have been going back and forth about it all evening with my partner. Not today. Actually no, go ahead and do it.',
    'I have been going back and forth about it all evening with my partner and we cannot decide. Not yet, is it free though?',
    'hold on is it free',
    'wait, can my nephew have the L instead',
    "I'm keeping the M, can you swap the chinos instead",
  ])('no no: %s', (m) => {
    expect(isClearNo(m, { echo })).toBe(false);
  });
});

describe('the judge of these sets (src/eval): a detail given with an address', () => {
  it('reads no order number in a house, suite or room number beside a ZIP, only one said as an order', () => {
    expect(detailsIn('Bellagio, 3600 S Las Vegas Blvd, Las Vegas, NV 89109. Attn M Reid, room 1412.')).toEqual({ zip: '89109' });
    expect(detailsIn('M Reid 900 SW 5th Ave, Suite 1200 Portland, OR 97204')).toEqual({ zip: '97204' });
    expect(detailsIn('order 28511 to 12 Main St, Springfield, IL 62701')).toMatchObject({ orderNumber: '28511', zip: '62701' });
    expect(detailsIn('it is 28511')).toEqual({ orderNumber: '28511' });
  });
});

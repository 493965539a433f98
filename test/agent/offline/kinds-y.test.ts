// Kinds of wrong turn for signed-in shoppers and their orders (probe X; fixer-y), one short flow each, end to end on the
// offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M, 28502 shipped
// with white canvas sneakers, 28511 still processing with navy chinos M and a white crew tee L).
// 1. The whole address written again, different, while its change waits ("no wait, its flat 2. 3310 N Williams Ave flat
//    2, Portland OR 97227"), whatever no or wait comes with it: the same order's change proposed again with the address as
//    now written, never withdrawn, looked up or read as another order (frame-detail.ts `addressGivenAgain`; entities.ts
//    reads "flat 2" as a unit).
// 2. A cancellation withdrawn for a new address ("dont cancel. send it to 77 NE Broadway, Portland OR 97232 instead"),
//    the address written with no comma before the state: that order's change of address proposed, no "No problem."
//    (entities.ts reads the address; frame.ts settleIntent takes an address said with a no or a cancel).
// 3. The goods asked after right after a hand-over ("and while I wait for them, where are the bloody things actually"):
//    the order holding the pieces named before the hand-over looked up, not the shop's opening hours (frame-handover.ts).
// 4. Delivered but not received, told in plain words for a named order ("28473 says delivered wed but it was never at my
//    door"): the order, what to check and a person offered, not a bare "Anything else?" (lexicon.ts NOT_ARRIVED_PHRASES).
// 5. A colour swap retried after the colour was refused, the refusal said back as a no ("ok no red, the grey in the same
//    size then"): that swap again in the new colour, never the catalogue (frame-retry.ts `withoutRefused`).
// 6. A swap said as one size given up for another ("swap L for M"): the size taken is M (entity-slots.ts `tradedAway`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';
import { classify } from '../../../src/agent/offline/classify.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));

describe('the whole address written again while its change waits', () => {
  for (const again of [
    'no wait, its flat 2. 3310 N Williams Ave flat 2, Portland OR 97227',
    'tsis yog, wait. is apartment 4B also. 3310 N Williams Ave apt 4B, Portland OR 97227',
  ])
    it(`"${again}": the same order's change proposed with the address as now written`, async () => {
      const chat = marcus();
      const p = await chat.say('i need change the address for the order today. new place is 3310 N Williams Ave, Portland OR 97227');
      expect(callOf(p, 'change_shipping_address')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
      const r = await chat.say(again);
      const call = callOf(r, 'change_shipping_address');
      expect(call?.args).toMatchObject({ orderNumber: '28511', confirm: false, address: { line1: '3310 N Williams Ave', zip: '97227' } });
      expect(String((call?.args.address as Record<string, unknown>).line2)).toMatch(/^(Flat 2|Apt 4b)$/i);
      expect(r.reply).toMatch(/Shall I go ahead\?/);
    });

  it('"oh sorry I mean 14 Oak Street, Seattle, WA 98101": another street, the same order', async () => {
    const chat = marcus();
    await chat.say('please send todays order to 12 Oak Street, Seattle, WA 98101');
    const r = await chat.say('oh sorry I mean 14 Oak Street, Seattle, WA 98101');
    expect(callOf(r, 'change_shipping_address')?.args).toMatchObject({ orderNumber: '28511', address: { line1: '14 Oak Street' } });
  });
});

describe('a cancellation withdrawn for a new address', () => {
  it('"actually no hold on. dont cancel. send it to 77 NE Broadway, Portland OR 97232 instead": the change proposed', async () => {
    const chat = marcus();
    await chat.say('quick one at the lights. cancel this mornings order, chinos and tee');
    const r = await chat.say(
      'actually no hold on. dont cancel. send it to 77 NE Broadway, Portland OR 97232 instead, thats the depot I start from',
    );
    expect(callOf(r, 'change_shipping_address')?.args).toMatchObject({
      orderNumber: '28511',
      confirm: false,
      address: { line1: '77 Ne Broadway', city: 'Portland', state: 'OR', zip: '97232' },
    });
    expect(r.reply).not.toMatch(/^No problem/);
  });
});

describe('the goods asked after right after a hand-over', () => {
  it('"and while I wait for them, where are the bloody things actually": the sneakers order, not the opening hours', async () => {
    const chat = marcus();
    await chat.say(
      "this is the third time I've had to chase an order with you lot. the sneakers still aren't here and nobody tells me anything",
    );
    const h = await chat.say("just get me someone real on it, I'm not doing this with a bot");
    expect(toolNames(h)).toContain('escalate_to_human');
    const r = await chat.say('and while I wait for them, where are the bloody things actually');
    expect(toolNames(r)).not.toContain('store_policy');
    expect(r.toolCalls.some((c) => c.name === 'lookup_order' && c.args.orderNumber === '28502')).toBe(true);
    expect(r.reply).toMatch(/#28502/);
  });
});

describe('delivered but not received, told in plain words', () => {
  it('"28473 says delivered wed but it was never at my door": what to check and a person offered', async () => {
    const r = await marcus().say('at lights. 28473 says delivered wed but it was never at my door. no photo no nothing.');
    expect(callOf(r, 'lookup_order')?.args).toMatchObject({ orderNumber: '28473' });
    expect(r.reply).toMatch(/hasn't reached you/);
    expect(r.reply).toMatch(/colleague/);
  });
});

describe('a colour swap retried after the colour was refused', () => {
  it('"ok no red, the grey in the same size then": that swap in grey, no catalogue question', async () => {
    const chat = marcus();
    const refused = await chat.say('can I swap the jumper from my delivered order for a red one');
    expect(refused.reply).toMatch(/not red/);
    const r = await chat.say('ok no red, the grey in the same size then');
    expect(callOf(r, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', items: [{ item: 'jumper', colour: 'grey' }] });
  });
});

describe('a swap said as one size given up for another', () => {
  it('"swap L for M", "from L to M", "large for a medium": the size taken', () => {
    expect(classify('jumper from last weeks order. swap L for M in burgundy. go').entities.size).toBe('M');
    expect(classify('can I change the jumper from L to M').entities.size).toBe('M');
    expect(classify('swap large for a medium please').entities.size).toBe('M');
    expect(classify('a jumper in L for my dad').entities.size).toBe('L');
  });
});

// Kinds of failure in the turns AFTER a proposal, with a signed-in shopper (probe J, issue 20), one short flow each,
// end to end on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone
// chinos M, 28511 still processing): a question about the cost or the next step of the return or swap waiting, a
// refund assumption checked with "right", a correction that turns the return waiting into a swap of its piece, a yes
// repeating what the swap gives (and, never a yes, one naming what it gives up), "please cancel it" to a proposed
// cancellation (no refusal), a yes naming the earlier of two proposals, "aye" and "that's the one". Then the near
// misses of each widening of core/consent, on the reader itself (hedged, partial, conditional, questioning).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ECHO, isClearNo, isClearYes } from '../../../src/core/index.js';
import { proposalEcho } from '../../../src/shop/index.js';
import { Chat, openStore, signedIn, toolNames, type Store, callOf, type Said } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = (own?: Store) => new Chat(own ?? store, signedIn('c_marcus'));
const confirmed = (r: Said, name: string) => r.toolCalls.find((t) => t.name === name && t.args.confirm === true);
const STILL = /shall I still go ahead/i;

describe('a question while a return or a swap waits is answered, and the proposal asked again', () => {
  it('where to hand the parcel in, while a return waits: the returns policy, the return asked again, then a yes makes the label', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      const asked = await chat.say('I need to send the stone chinos from 28473 back please');
      expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      const side = await chat.say('one thing first: which shop or depot do I take the box to, any courier point?');
      expect(toolNames(side)).toEqual(['store_policy']);
      expect(callOf(side, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
      expect(side.reply).toMatch(/label/i);
      expect(side.reply).toMatch(STILL);
      expect(callOf(side, 'lookup_order')).toBeUndefined();
      const yes = await chat.say('ok, go ahead');
      expect(confirmed(yes, 'create_return_label')?.ok).toBe(true);
    } finally {
      own.dispose();
    }
  });

  it('whether the swap costs anything, while it waits: the rule for exchanges (no charge), the swap asked again', async () => {
    const chat = marcus();
    const asked = await chat.say('can I exchange the navy jumper from 28473 for an XL');
    expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    const side = await chat.say('and am I out of pocket for that at all? postage or anything');
    expect(toolNames(side)).toEqual(['store_policy']);
    expect(side.reply).toMatch(/no charge/i);
    expect(side.reply).toMatch(/exchange for order #28473: shall I still go ahead/i);
    expect(callOf(side, 'create_return_label')).toBeUndefined();
  });

  it('a refund assumption checked with "right", no question mark, while a return waits: the refund rule, not "shall I go ahead?"', async () => {
    const chat = marcus();
    await chat.say('the jumper from 28473 has to go back, it is too big');
    const side = await chat.say('oh before you do... that comes back to my visa i suppose, right... not a voucher');
    expect(toolNames(side)).toEqual(['store_policy']);
    expect(side.reply).toMatch(/original payment method/i);
    expect(side.reply).toMatch(STILL);
    expect(side.reply).not.toMatch(/^Just so I get it right/);
  });
});

describe('a correction of the return waiting', () => {
  it('"swap them for an L instead" while the chinos’ return waits swaps the chinos, and "yes, L, go" makes it', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('the stone chinos from 28473 are too tight, I want to send them back');
      const swap = await chat.say('hmm no, rather than a refund, could I exchange them for a size L?');
      expect(callOf(swap, 'exchange_items')?.args).toMatchObject({
        orderNumber: '28473',
        confirm: false,
        items: [{ item: 'Stone Stretch Chino Trousers', size: 'L' }],
      });
      expect(swap.reply).toMatch(/Stone Stretch Chino Trousers \(M\) for Stone Stretch Chino Trousers \(L\)/);
      expect(swap.reply).not.toMatch(/Navy Merino/);
      const yes = await chat.say('yes, L, go ahead');
      expect(confirmed(yes, 'exchange_items')?.ok).toBe(true);
    } finally {
      own.dispose();
    }
  });

  it('"no, hang on, I would rather have the same jumper in an XS" to its return withdraws the return and proposes that swap', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('I want to send back the navy jumper from 28473');
      const swap = await chat.say("no, hang on. I'd rather have the same jumper in an XS");
      expect(callOf(swap, 'create_return_label')).toBeUndefined();
      expect(callOf(swap, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: [{ size: 'XS' }] });
      expect(swap.reply).toMatch(/Navy Merino Crew-Neck Jumper \(L\) for Navy Merino Crew-Neck Jumper \(XS\)/);
      const yes = await chat.say('yes please');
      expect(confirmed(yes, 'exchange_items')?.ok).toBe(true);
      expect(confirmed(yes, 'create_return_label')).toBeUndefined();
    } finally {
      own.dispose();
    }
  });

  it('a yes with a word consent cannot read, and the size, to a swap waiting: the same swap asked again, of the same piece', async () => {
    const chat = marcus();
    await chat.say("I'd like to swap the trousers from 28473, the stone ones, for a size L");
    const again = await chat.say('yes hun, L, please do');
    expect(confirmed(again, 'exchange_items')).toBeUndefined();
    expect(callOf(again, 'exchange_items')).toMatchObject({ ok: true, args: { orderNumber: '28473', confirm: false } });
    expect(again.reply).toMatch(/Stone Stretch Chino Trousers \(M\) for Stone Stretch Chino Trousers \(L\)/);
  });

  it('a yes naming the size given up ("yes, L" to a swap from L to XL) is no yes: nothing is swapped', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('please swap the navy jumper from 28473 for an XL');
      const said = await chat.say('yes, L, go');
      expect(confirmed(said, 'exchange_items')).toBeUndefined();
    } finally {
      own.dispose();
    }
  });

  it('"ok, extra large, do it" to a swap to XL is that yes (a size said by its name)', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('please swap the navy jumper from 28473 for an XL');
      const yes = await chat.say('ok, extra large, do it');
      expect(confirmed(yes, 'exchange_items')?.ok).toBe(true);
    } finally {
      own.dispose();
    }
  });
});

describe('a cancellation waiting', () => {
  it('"please cancel it" to a proposed cancellation does not withdraw it: it is asked again, and a yes cancels', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('please cancel order 28511');
      const again = await chat.say('just cancel it please');
      expect(again.reply).not.toMatch(/nothing was changed/i);
      expect(again.reply).toMatch(/shall I go ahead/i);
      expect(confirmed(again, 'cancel_order')).toBeUndefined();
      const yes = await chat.say('yes');
      expect(confirmed(yes, 'cancel_order')?.ok).toBe(true);
    } finally {
      own.dispose();
    }
  });

  it('"forget it" to a proposed cancellation still withdraws it', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('please cancel order 28511');
      const no = await chat.say('forget it');
      expect(callOf(no, 'cancel_order')).toBeUndefined();
      const later = await chat.say('yes');
      expect(confirmed(later, 'cancel_order')).toBeUndefined();
    } finally {
      own.dispose();
    }
  });

  it('"proceed with the cancellation" after a cancellation and a return were proposed together: that cancellation, of its own order', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      const both = await chat.say('cancel order 28511 please. also I want to return the stone chinos from 28473');
      expect(callOf(both, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
      const named = await chat.say('right, proceed with the cancellation');
      expect(callOf(named, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
      expect(named.toolCalls.every((t) => t.args.orderNumber !== '28473' || t.name !== 'cancel_order')).toBe(true);
      const yes = await chat.say('yes');
      expect(confirmed(yes, 'cancel_order')).toMatchObject({ ok: true, args: { orderNumber: '28511' } });
    } finally {
      own.dispose();
    }
  });
});

describe('plain go-aheads', () => {
  it('"aye, go on" to a proposed return makes the label', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('I want to return the navy jumper from 28473');
      const yes = await chat.say('aye, go on');
      expect(confirmed(yes, 'create_return_label')?.ok).toBe(true);
    } finally {
      own.dispose();
    }
  });

  it('"yep, that\'s the one, ship it" to a proposed new address changes it', async () => {
    const own = await openStore();
    try {
      const chat = marcus(own);
      await chat.say('can order 28511 go to 9 Cedar Road, Bend, OR 97701 instead');
      const yes = await chat.say("yep, that's the one, ship it");
      expect(confirmed(yes, 'change_shipping_address')?.ok).toBe(true);
    } finally {
      own.dispose();
    }
  });
});

describe('near misses of the widened consent (core/consent)', () => {
  const yesTo = (m: string, action: keyof typeof ACTION_ECHO) => isClearYes(m, { echo: ACTION_ECHO[action] });
  const swapToXL = proposalEcho({
    action: 'exchange',
    summary:
      'Exchange on order #28473: Navy Merino Crew-Neck Jumper (L) for Navy Merino Crew-Neck Jumper (XL); free return label emailed to m***@example.com.',
  });
  const yesToSwap = (m: string) => isClearYes(m, { echo: swapToXL });

  it('"aye" and "that\'s the one" are yeses; hedged, partial, conditional or questioning ones are not', () => {
    for (const m of ['aye', 'Aye go on', "that's the one", 'yes, that is the one', "yep that's the one, do it"])
      expect(yesTo(m, 'return_label'), m).toBe(true);
    for (const m of [
      'aye?',
      'aye maybe',
      'aye, if it is free',
      'aye but only the jumper',
      'aye, just the one',
      "that's the one?",
      "that's the one I meant to keep",
      'not that one',
      'yes, just the one item',
      'go away',
      'yes go away',
      'go',
    ])
      expect(yesTo(m, 'return_label'), m).toBe(false);
  });

  it('a yes may repeat what the swap gives, never what it gives up, nor add a hedge, a part or a question', () => {
    for (const m of ['yes, XL, go', 'ok XL please', 'yes extra large, do it', 'yes, the XL jumper, go ahead'])
      expect(yesToSwap(m), m).toBe(true);
    for (const m of [
      'yes, L, go',
      'yes large',
      'yes XL?',
      'yes XL if it is free',
      'XL maybe',
      'yes XL but only one',
      'yes, XL, but keep the chinos',
      'yes XXL',
      'yes, grey XL',
      'yes XL, not now',
    ])
      expect(yesToSwap(m), m).toBe(false);
    // The same words to a proposal whose summary says nothing of sizes are no yes.
    expect(isClearYes('yes, XL, go', { echo: proposalEcho({ action: 'cancel_order', summary: 'Cancel order #28511.' }) })).toBe(false);
  });

  it('the action\'s own word refuses nothing ("please cancel it" to a cancellation), every other refusal still does', () => {
    const echo = ACTION_ECHO.cancel_order;
    for (const m of ['please cancel it', 'cancel', 'yes cancel it', 'cancel that']) expect(isClearNo(m, { echo }), m).toBe(false);
    for (const m of ['forget it', 'no', "no, don't cancel", 'stop', 'not now', 'leave it', 'never mind', 'wait'])
      expect(isClearNo(m, { echo }), m).toBe(true);
    // To another proposal "cancel" is still a no.
    expect(isClearNo('cancel', { echo: ACTION_ECHO.return_label })).toBe(true);
    expect(isClearNo('cancel')).toBe(true);
    // "please cancel it" is no yes either: the cancellation is asked again.
    expect(isClearYes('please cancel it', { echo })).toBe(false);
  });
});

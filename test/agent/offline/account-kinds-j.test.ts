// Kinds of failure with a signed-in shopper's requests that answer no proposal (probe J, issue 20), one
// short flow each, end to end on the offline model and the demo store (Marcus: 28473 delivered with a
// navy merino jumper L and stone chinos M, 28502 shipped with white canvas sneakers 43, 28511 still
// processing): asks numbered or bulleted in one message, reasons listed after a cancellation, a piece
// told about before what to do with it, a piece on its way named as the subject, the size a swap asks
// for beside the size it is, "my last delivery" for a swap, how a courier handled a parcel told as a
// complaint, a website fault told before a question, and the cancelled order named for its refund.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, openStore, signedIn, toolNames, type Store, callOf } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));

describe('several asks in one message, numbered or bulleted', () => {
  it('three numbered asks are each answered: the parcel, the refund and the codes', async () => {
    const asked = await marcus().say(
      'Three things please: 1) where has 28502 got to 2) any refund on 28511 yet 3) do you run discount codes for regulars?',
    );
    const looked = asked.toolCalls.filter((t) => t.name === 'lookup_order').map((t) => t.args.orderNumber);
    expect(looked).toEqual(expect.arrayContaining(['28502', '28511']));
    expect(asked.reply).toMatch(/#28502/);
    expect(asked.reply).toMatch(/discount codes?/i);
  });

  it('asks bulleted after a colon are answered one by one', async () => {
    const asked = await marcus().say('Two for you: - status of order 28502 - what are your support hours');
    expect(callOf(asked, 'lookup_order')?.args).toMatchObject({ orderNumber: '28502' });
    expect(callOf(asked, 'store_policy')).toBeDefined();
    expect(asked.reply).toMatch(/8 am/);
  });

  it('a dash inside a sentence is no list: one request', async () => {
    const asked = await marcus().say('order 28502 - where is it now?');
    expect(toolNames(asked)).toEqual(['lookup_order']);
  });
});

describe('reasons and stories told around a request', () => {
  it('reasons listed after a cancellation are its reasons: only the cancellation is proposed', async () => {
    const own = await openStore();
    try {
      const asked = await new Chat(own, signedIn('c_marcus')).say(
        "Cancel 28511 for me please. Reasons: (a) I picked the wrong trousers, (b) the t-shirt isn't urgent.",
      );
      expect(callOf(asked, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
      expect(callOf(asked, 'create_return_label')).toBeUndefined();
      expect(asked.reply).not.toMatch(/return label/i);
    } finally {
      own.dispose();
    }
  });

  it('a piece told about, then "send it back", is that return: no product list', async () => {
    const asked = await marcus().say('Got the stone chinos off you, they fit like a sack. Want to send them back.');
    expect(callOf(asked, 'search_products')).toBeUndefined();
    expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(asked.reply).toMatch(/Stone Stretch Chino Trousers/);
    expect(asked.reply).not.toMatch(/\$\d+.*sizes/);
  });

  it('a piece asked for, then a return of an order, stays two requests', async () => {
    const asked = await marcus().say('Show me your rain jackets. Can I return my last delivery?');
    expect(callOf(asked, 'search_products')).toBeDefined();
    expect(asked.reply).toMatch(/Rain Jacket/);
    expect(toolNames(asked)).toContain('lookup_order');
  });

  it('a piece on its way named as the subject, joking, is the order looked up, not a search', async () => {
    const asked = await marcus().say('My canvas sneakers seem to be touring the country. Any idea where 28502 is?');
    expect(callOf(asked, 'search_products')).toBeUndefined();
    expect(callOf(asked, 'lookup_order')?.args).toMatchObject({ orderNumber: '28502' });
    expect(asked.reply).toMatch(/on its way|FedEx/);
  });

  it('a piece bought told in few words with "not arrive" is the order, not a search for it', async () => {
    const asked = await marcus().say('I buy the white sneaker 43 last week, still not come, please check');
    expect(callOf(asked, 'search_products')).toBeUndefined();
    expect(toolNames(asked)).toContain('lookup_order');
    expect(asked.reply).toMatch(/#28502/);
  });
});

describe('swaps: the size wanted and the order meant', () => {
  it('"M is tight, please make it L" swaps to L, not to the size the piece is', async () => {
    const asked = await marcus().say('order 28473, the chinos: M is too tight on me, please change them to L');
    const swap = callOf(asked, 'exchange_items');
    expect(swap?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(JSON.stringify(swap?.args)).toMatch(/"size":"L"/);
    expect(toolNames(asked)).not.toContain('view_cart');
    expect(asked.reply).toMatch(/Stone Stretch Chino Trousers \(L\)/);
  });

  it('"L is huge on me, need it in M" for the jumper from my last delivery is that order, to M', async () => {
    const asked = await marcus().say(
      'the merino jumper from my last delivery is an L and it is huge on me. I need it in M, can we do that?',
    );
    const swap = callOf(asked, 'exchange_items');
    expect(swap?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(JSON.stringify(swap?.args)).toMatch(/"size":"M"/);
    expect(asked.reply).toMatch(/Navy Merino Crew-Neck Jumper \(M\)/);
    expect(asked.reply).not.toMatch(/business days/);
  });
});

describe('complaints and faults told, nothing asked to be done', () => {
  it('a courier who threw the parcel, told with displeasure, offers a person and proposes no return', async () => {
    const asked = await marcus().say('Your delivery driver hurled my parcel over the side gate. Not happy about that at all.');
    expect(callOf(asked, 'create_return_label')).toBeUndefined();
    expect(asked.reply).toMatch(/colleague|support team/i);
  });

  it('a broken link on the website, told before a returns question, answers the rule and proposes nothing', async () => {
    const asked = await marcus().say('The help link at the bottom of your page goes nowhere. How long do I get to send things back?');
    expect(callOf(asked, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
    expect(asked.reply).toMatch(/30 days/);
    expect(callOf(asked, 'create_return_label')).toBeUndefined();
  });

  it('a squashed parcel told with feeling, no piece and no remedy named, is heard: a return and a person offered, nothing proposed', async () => {
    const asked = await marcus().say(
      'I have to say I am disappointed. The parcel turned up soaked and squashed, and not a word from anyone.',
    );
    expect(callOf(asked, 'create_return_label')).toBeUndefined();
    expect(asked.reply).toMatch(/colleague/i);
    expect(asked.reply.match(/I'm sorry/g)?.length).toBe(1);
  });

  it("a damaged piece named with its order still proposes that piece's return", async () => {
    const asked = await marcus().say('the chinos in order 28473 arrived with a tear at the knee');
    expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: ['oi_28473_2'] });
  });

  it('"not received" after a refund asked about is about that refund: no return proposed', async () => {
    const asked = await marcus().say('Your system says my refund went out. Never got it. Check it was really paid.');
    expect(callOf(asked, 'create_return_label')).toBeUndefined();
    expect(toolNames(asked)).toContain('lookup_order');
  });

  it('the cancelled order named for its money is the refund looked up, not a new cancellation', async () => {
    const own = await openStore();
    try {
      const chat = new Chat(own, signedIn('c_marcus'));
      await chat.say('please cancel order 28511');
      await chat.say('yes');
      const asked = await chat.say('the cancelled order... 28511... still nothing on my card');
      expect(callOf(asked, 'cancel_order')).toBeUndefined();
      expect(toolNames(asked).some((n) => n === 'lookup_order' || n === 'refund_status')).toBe(true);
      expect(asked.reply).toMatch(/\$94\.00|refund/i);
    } finally {
      own.dispose();
    }
  });
});

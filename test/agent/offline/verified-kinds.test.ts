// Kinds of failure in conversations with a signed-in shopper (probe H, issue 20), one flow each,
// end to end on the offline model and the demo store (Marcus: 28473 delivered with a navy jumper
// and stone chinos, 28502 shipped with white canvas sneakers in 43): an action asked after the
// rule was given, a size said to be "the same as before", a detail said with annoyance, a signed
// yes and a signed initial, a hand-over agreed to as "pass it on", a self-correction mid-message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('an action asked for after the rule was answered', () => {
  it('"set one up for the jumper then" after the returns policy proposes the return of the jumper only', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const rule = await chat.say('how many days do I get to send things back?');
    expect(toolNames(rule)).toEqual(['store_policy']);
    const asked = await chat.say('fine, set one up for the jumper then');
    expect(toolNames(asked)).not.toContain('search_products');
    expect(asked.toolCalls.at(-1)).toMatchObject({
      name: 'create_return_label',
      args: { orderNumber: '28473', confirm: false, items: ['oi_28473_1'] },
    });
    expect(asked.reply).toMatch(/Navy Merino Crew-Neck Jumper/);
  });

  it('a return opened with a yes, with nothing proposed, starts it instead of asking what to do', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say("I've got a jumper from you, never worn it, can it still go back?");
    const asked = await chat.say("yep ok, let's get the return going on it");
    expect(toolNames(asked)).toContain('lookup_order');
    expect(asked.reply).not.toMatch(/what would you like to do/i);
  });
});

describe('a size said to be the same as before, for the piece in view', () => {
  it('"44, like my last pair" after the canvas sneakers were picked adds them in 44, not the last order again', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('show me white sneakers');
    const picked = await chat.say('the canvas ones');
    const id = picked.toolCalls.find((c) => c.name === 'get_product')?.args.productId;
    expect(id).toBeTruthy();
    const added = await chat.say('44, same as my last pair');
    expect(toolNames(added)).not.toContain('reorder');
    expect(added.toolCalls).toContainEqual({ name: 'add_to_cart', args: { productId: id, size: '44', quantity: 1 }, ok: true });
  });
});

describe('a detail said with annoyance', () => {
  it('"ugh fine, M then" after the grey jumpers asked for adds the jumper in M, no hand-over offered', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('have you got a grey merino jumper');
    const size = await chat.say('ugh fine, M then');
    expect(size.reply).not.toMatch(/colleague/);
    expect(size.toolCalls).toContainEqual(expect.objectContaining({ name: 'add_to_cart', args: expect.objectContaining({ size: 'M' }) }));
    expect(size.reply).toMatch(/Grey Merino Crew-Neck Jumper in M/);
  });

  it('"come on, I said green, not blue" after a search narrows it to green instead of offering a person', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('blue shirts please');
    const again = await chat.say('come on, I said green, not blue');
    expect(again.reply).not.toMatch(/colleague/);
    expect(again.toolCalls[0]).toMatchObject({ name: 'search_products', args: expect.objectContaining({ colour: 'green' }) });
  });
});

describe('letters signed with a name', () => {
  it('"Very well, please proceed" signed, after a side question, creates the return proposed', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('Good morning. Please arrange a return of the navy jumper, it is too big. Yours, J. Okoro');
    const side = await chat.say('Is the return postage free? Yours, J. Okoro');
    expect(side.reply).toMatch(/shall I still go ahead/);
    const yes = await chat.say('Very well, please proceed. Yours, J. Okoro');
    expect(yes.toolCalls).toEqual([
      {
        name: 'create_return_label',
        args: expect.objectContaining({ orderNumber: '28473', confirm: true, items: ['oi_28473_1'] }),
        ok: true,
      },
    ]);
    own.dispose();
  });

  it('a signed initial is no size: the one-size scarf is not refused "in S"', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const r = await chat.say('I wish to buy the grey cashmere scarf for my husband. Kindly advise. Regards, S. Okoro');
    expect(r.reply).toMatch(/Grey Cashmere Scarf/);
    expect(r.reply).not.toMatch(/\bin S\b/);
    const search = r.toolCalls.find((c) => c.name === 'search_products');
    expect(String(search?.args.query ?? '')).not.toMatch(/okoro|regards|kindly/i);
  });
});

describe('a person asked for, and what follows', () => {
  it('"alright, forward it to them then" after a person was offered hands over', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const offer = await chat.say('I emailed you twice and nobody answered, this is ridiculous');
    expect(offer.reply).toMatch(/colleague/);
    const yes = await chat.say('alright, forward it to them then');
    expect(toolNames(yes)).toEqual(['escalate_to_human']);
  });

  it('thanks said after the hand-over ("I\'ll wait for their reply") searches nothing', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const handed = await chat.say('please put me through to a real person');
    expect(toolNames(handed)).toEqual(['escalate_to_human']);
    const thanks = await chat.say("cheers, I'll wait for their reply then");
    expect(toolNames(thanks)).toEqual([]);
    expect(thanks.reply).not.toMatch(/couldn't find/);
  });

  it('a question no tool answers, asked beside a request for a person, goes with the hand-over', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const r = await chat.say('Get me a human please. What details of mine will they be able to look at?');
    expect(toolNames(r)).toEqual(['escalate_to_human']);
    expect(r.reply).not.toMatch(/reliable information|Would you like that\?/);
  });
});

describe('a message that corrects itself', () => {
  it('"under 100, sorry, under 150" searches under 150', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const r = await chat.say('a green dress under 100, sorry, under 150');
    expect(r.toolCalls[0]).toMatchObject({ name: 'search_products', args: expect.objectContaining({ maxPrice: 150, colour: 'green' }) });
    expect(String(r.toolCalls[0]!.args.query ?? '')).not.toMatch(/sorry/);
  });

  it('"the jersey one, no, the slip one, in S" adds the slip dress shown, not the jersey one', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const list = await chat.say('black dresses under 150');
    const slip = /\d\. (Black [^:]*Slip[^:]*):/.exec(list.reply)?.[1];
    expect(slip).toBeTruthy();
    const r = await chat.say('the jersey one, no, the slip one, in S');
    expect(r.reply).toContain(`${slip} in S`);
  });
});

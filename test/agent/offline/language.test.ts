// How shoppers really talk, end to end on the offline model and the demo store: exclusions,
// price phrases and dress codes become search filters (issue: understand shoppers the way they talk).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, signedIn, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

type Call = { name: string; args: Record<string, unknown> };
const searchOf = (r: { toolCalls: Call[] }) => r.toolCalls.find((c) => c.name === 'search_products')?.args;

describe('exclusions and price phrases become search filters', () => {
  it('"a dress, not black" searches dresses excluding black, and shows no black dress', async () => {
    const r = await new Chat(store, anonymous()).say('a dress, not black');
    expect(searchOf(r)).toMatchObject({ category: 'dresses', exclude: ['black'] });
    expect(searchOf(r)!.colour).toBeUndefined();
    expect(r.reply).not.toMatch(/\bblack\b/i);
    expect(r.reply).toMatch(/^1\. /m);
  });

  it('"something different from the canvas ones" after a search of bags excludes canvas', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me bags');
    const r = await chat.say('anything other than the canvas ones?');
    expect(searchOf(r)).toMatchObject({ exclude: ['canvas'] });
    expect(r.reply).not.toMatch(/canvas/i);
  });

  it('"dresses but not black or navy" excludes both; "no, I want a blue one" excludes nothing', async () => {
    expect(searchOf(await new Chat(store, anonymous()).say('dresses but not black or navy'))).toMatchObject({ exclude: ['black', 'navy'] });
    const blue = searchOf(await new Chat(store, anonymous()).say('no, I want a blue dress'));
    expect(blue).toMatchObject({ colour: 'blue' });
    expect(blue!.exclude).toBeUndefined();
  });

  it('"jackets 60ish" is a price ceiling, not a search word; "black tie" is a dress code, not a colour', async () => {
    const jackets = searchOf(await new Chat(store, anonymous()).say('jackets 60ish'));
    expect(jackets).toMatchObject({ category: 'outerwear', maxPrice: 60 });
    expect(String(jackets!.query)).not.toMatch(/60/);
    const gala = searchOf(await new Chat(store, anonymous()).say('a dress for a black tie event'));
    expect(gala).toMatchObject({ category: 'dresses' });
    expect(gala!.colour).toBeUndefined();
  });
});

describe('several requests in one message', () => {
  it('"two things: where’s my parcel, and do you have a rain jacket in L" runs both tools in one step and answers both, in order', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say("two things: where's my parcel, and do you have a rain jacket in L");
    expect(r.toolCalls.map((c) => c.name)).toEqual(['lookup_order', 'search_products']);
    expect(searchOf(r)).toMatchObject({ category: 'outerwear', size: 'L' });
    // The search words are the jacket's, not the parcel's.
    expect(String(searchOf(r)!.query)).not.toMatch(/parcel/);
    const orders = r.reply.indexOf('#28473');
    const jackets = r.reply.search(/Rain Jacket/i);
    expect(orders).toBeGreaterThanOrEqual(0);
    expect(jackets).toBeGreaterThan(orders);
    expect(r.usage.modelCalls).toBe(2);
  });

  it('an anonymous shopper is asked to verify for the parcel and still gets the jackets', async () => {
    const r = await new Chat(store, anonymous()).say("where's my parcel? also do you have a rain jacket in L");
    expect(r.toolCalls.map((c) => c.name)).toEqual(['search_products']);
    expect(r.reply).toMatch(/email address on your account/);
    expect(r.reply).toMatch(/Rain Jacket/i);
  });

  it('one request said in two sentences stays one request', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say('I want to return the chinos. They are too small.');
    expect(r.toolCalls.at(-1)).toMatchObject({ name: 'create_return_label', args: { orderNumber: '28473', confirm: false } });
    expect(r.toolCalls.filter((c) => c.name === 'search_products')).toEqual([]);
  });
});

describe('dialogue state', () => {
  it('"both please" after "Would you like help with sizing or delivery times?" answers both', async () => {
    const chat = new Chat(store, anonymous());
    const list = await chat.say('do you have linen shirts?');
    expect(list.reply).toMatch(/sizing or delivery times\?$/);
    const both = await chat.say('both please');
    expect(both.toolCalls.map((c) => [c.name, c.args])).toEqual([
      ['store_policy', { topic: 'sizing' }],
      ['store_policy', { topic: 'shipping' }],
    ]);
    expect(both.reply).toMatch(/XS–XXL/);
    expect(both.reply).toMatch(/business days/);
  });

  it('a return proposal survives a side question on the real store: answered, asked again, and "yes" creates the label', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('I want to return order 28473');
    const side = await chat.say('do I have to pay for the return shipping?');
    expect(side.toolCalls.filter((c) => c.name === 'create_return_label')).toEqual([]);
    expect(side.reply).toMatch(/free/i);
    expect(side.reply).toMatch(/shall I still go ahead\?/);
    const yes = await chat.say('yes');
    expect(yes.toolCalls).toEqual([
      { name: 'create_return_label', args: expect.objectContaining({ orderNumber: '28473', confirm: true }), ok: true },
    ]);
    own.dispose();
  });
});

describe('intents the phrase tables lacked, each with the right action', () => {
  const ask = async (text: string, who = anonymous()) => new Chat(store, who).say(text);
  const names = (r: { toolCalls: Call[] }) => r.toolCalls.map((c) => c.name);

  it('delivery options and times come from the shipping policy, not "outside what I can do"', async () => {
    for (const text of ['what ways can you ship to me?', 'if I order today when would it get here']) {
      const r = await ask(text);
      expect(r.toolCalls, text).toEqual([expect.objectContaining({ name: 'store_policy', args: { topic: 'shipping' } })]);
      expect(r.reply, text).toMatch(/business days/);
      expect(r.reply, text).not.toMatch(/outside what I can do/);
    }
  });

  it('"how do I actually order something?" explains ordering and payment', async () => {
    const r = await ask('how do I actually order something?');
    expect(names(r)).toEqual(['store_policy']);
    expect(r.reply).toMatch(/checkout/i);
    expect(r.reply).toMatch(/Visa|PayPal/);
  });

  it('"what can you do?" lists what this persona’s tools can do; small talk is answered and steered back', async () => {
    const can = await ask('what can you do?');
    expect(can.toolCalls).toEqual([]);
    expect(can.reply).toMatch(/find pieces/);
    expect(can.reply).toMatch(/colleague/);
    const chat = await ask("how's your day going?");
    expect(chat.reply).toMatch(/find something|check an order/);
  });

  it('a signed-in shopper’s policy question does not start an account action', async () => {
    const r = await ask('do I pay for return shipping?', signedIn('c_marcus'));
    expect(names(r)).toEqual(['store_policy']);
    expect(r.reply).toMatch(/free/i);
  });

  it('"where is my refund?" is not a new return; "cancel my order" proposes a cancellation, never "No problem." with nothing done', async () => {
    // The repeat-buyer persona has no refund_status tool: lookup_order shows the order with its refunds, and no return is started.
    const refund = await ask('where is my refund for order 28473?', signedIn('c_marcus'));
    expect(refund.toolCalls.map((c) => [c.name, c.args])).toEqual([['lookup_order', { orderNumber: '28473' }]]);
    expect(refund.reply).toMatch(/28473/);
    const cancel = await ask('cancel my order please', signedIn('c_marcus'));
    expect(cancel.reply).not.toMatch(/^No problem\.?$/);
    expect(names(cancel)[0]).toMatch(/lookup_order|cancel_order/);
  });

  it('discount codes and complaints get an honest answer and a person offered', async () => {
    const code = await ask('got any discount codes?');
    expect(code.toolCalls).toEqual([]);
    expect(code.reply).toMatch(/discount codes/);
    expect(code.reply).toMatch(/colleague/);
    const complaint = await ask('I emailed you three times last week and nobody ever replied');
    expect(complaint.reply).toMatch(/sorry/i);
    expect(complaint.reply).toMatch(/colleague/);
  });

  it('a plain "no" with nothing offered asks what they would like, instead of "No problem."', async () => {
    const r = await ask('no');
    expect(r.reply).not.toMatch(/^No problem\.?$/);
    expect(r.reply).toMatch(/what would you like/i);
  });

  it('a message the model cannot place gets one clarifying question naming the two or three likely options', async () => {
    const r = await ask('i have an issue');
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/^I want to get this right: is it about [^?]+ or [^?]+\?$/);
  });
});

describe('retail actions, asked in the shopper’s words', () => {
  it('"cancel my order 28511" proposes the cancellation; a hedge asks again; "yes" cancels it and says the refund', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const proposal = await chat.say('please cancel my order 28511');
    expect(proposal.toolCalls).toEqual([
      { name: 'cancel_order', args: expect.objectContaining({ orderNumber: '28511', confirm: false }), ok: true },
    ]);
    expect(proposal.reply).toMatch(/^I can cancel order #28511 .*\$\d+\.\d{2} would be refunded.*Shall I go ahead\?$/);
    const hedge = await chat.say('hmm not sure');
    expect(hedge.toolCalls).toEqual([]);
    const yes = await chat.say('yes cancel it');
    expect(yes.toolCalls).toEqual([{ name: 'cancel_order', args: expect.objectContaining({ confirm: true }), ok: true }]);
    expect(yes.reply).toMatch(/^Done: order #28511 is cancelled\. Your refund of \$\d+\.\d{2} goes back/);
    own.dispose();
  });
});

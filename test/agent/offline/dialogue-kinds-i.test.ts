// Dialogue kinds of issue 20's probe I round (anonymous shoppers), end to end on the offline model and
// the demo store (Marcus: 28502 shipped with FedEx): a follow-up whose words read as a question about
// a piece when none is shown or named is about what the last reply was about (the order shown, the
// hand-over, the delivery answer); a delivery speed asked bare, a destination told after a delivery
// answer, thanks said with disappointment, a gift said as what its receiver loves, "how do I check out,
// and …" as two requests; a pick by a word of a piece's name with the other turned down; a ceiling said
// as "nothing over N".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('a follow-up read as a question about a piece, with none in view, is about the subject of the last reply', () => {
  it('after order 28502 was shown, "my neighbour reckons DHL, so which is right? who is delivering it" looks the order up again', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('could you check on order 28502 for me');
    const shown = await chat.say('marcus@example.com');
    expect(toolNames(shown)).toContain('lookup_order');
    const r = await chat.say("my neighbour reckons it's DHL, so which is right? who is delivering it");
    // Asked twice in other words, looked up and answered once.
    expect(toolNames(r)).toEqual(['lookup_order']);
    expect(r.reply).toMatch(/FedEx/);
    expect(r.reply.match(/Order #28502/g)).toHaveLength(1);
  });

  it('after a hand-over, "will somebody phone me or do they write back?" gives the support hours, no product list', async () => {
    const chat = new Chat(store, anonymous());
    const handed = await chat.say("I'd like to talk to a real person about a problem with my order please");
    expect(toolNames(handed)).toContain('escalate_to_human');
    const r = await chat.say('ok. will somebody phone me or do they write back?');
    expect(toolNames(r)).not.toContain('search_products');
    expect(r.reply).toMatch(/8 am/);
  });

  it('after the delivery options, "and the quicker one, what does that cost, is it pricey?" gives the shipping prices', async () => {
    const chat = new Chat(store, anonymous());
    const first = await chat.say('how fast can you get things to me?');
    expect(toolNames(first)).toContain('store_policy');
    const r = await chat.say('and the quicker one, what does that cost? is it pricey?');
    expect(r.toolCalls.map((c) => [c.name, c.args.topic])).toContainEqual(['store_policy', 'shipping']);
    expect(r.reply).toMatch(/\$14\.95/);
    expect(r.reply).not.toMatch(/Which one would you like/);
  });
});

describe('questions the words alone now read right', () => {
  it('support asked for on a given day after the contact details: the support hours', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('is there an email address for your customer service?');
    const r = await chat.say('and on saturdays, is anybody around to answer?');
    expect(r.toolCalls.map((c) => [c.name, c.args.topic])).toContainEqual(['store_policy', 'general']);
    expect(r.reply).toMatch(/every day/);
  });

  it('a destination told after the delivery times continues the delivery answer, no hand-over offered', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('how long does your delivery take?');
    const r = await chat.say("oh, and it's to Sacramento");
    expect(r.toolCalls.map((c) => [c.name, c.args.topic])).toContainEqual(['store_policy', 'shipping']);
    expect(r.reply).toMatch(/business days/);
    expect(r.reply).not.toMatch(/colleague/);
  });

  it('a delivery speed asked bare ("you guys offer next day?") is the shipping options, not chat', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say('you guys offer next day?');
    expect(r.toolCalls.map((c) => [c.name, c.args.topic])).toContainEqual(['store_policy', 'shipping']);
    expect(r.reply).not.toMatch(/nice to chat/);
  });

  it('thanks said with disappointment at a no is thanked back, not declined as off-topic', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('can you deliver to Mexico?');
    const r = await chat.say('ah, what a pity. never mind, thanks for answering and take care');
    expect(toolNames(r)).toEqual([]);
    expect(r.reply).not.toMatch(/only help with shopping|outside what I can/i);
  });

  it('a gift said as what its receiver loves looks for that piece', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say("I'm hunting for a birthday present for my dad, he's crazy about belts");
    const search = r.toolCalls.find((c) => c.name === 'search_products' || c.name === 'recommend_products');
    expect(search).toBeDefined();
    expect(r.reply).toMatch(/belt/i);
    expect(r.reply).not.toMatch(/nice to chat/);
  });

  it('"how does checking out work here, and do you send to Alaska?" answers both', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say('how does checking out work here, and do you send parcels to Alaska?');
    expect(r.reply).toMatch(/check ?out/i);
    expect(r.toolCalls.map((c) => [c.name, c.args.topic])).toContainEqual(['store_policy', 'shipping']);
  });
});

describe('details of a search and a pick', () => {
  it('"nothing over 90" is the search ceiling', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say('I need a summer dress, nothing over 90');
    const search = r.toolCalls.find((c) => c.name === 'search_products');
    expect(search?.args).toMatchObject({ category: 'dresses', maxPrice: 90 });
  });

  it('a pick by a word of its name with the other piece turned down adds the one picked', async () => {
    const chat = new Chat(store, anonymous());
    const listed = await chat.say('black tops in M under $30');
    expect(listed.reply).toMatch(/Crew Tee/);
    expect(listed.reply).toMatch(/Tank Top/);
    const r = await chat.say('the cotton one for me, not the tank');
    const add = r.toolCalls.find((c) => c.name === 'add_to_cart');
    expect(add?.args).toMatchObject({ size: 'M' });
    expect(r.reply).toMatch(/Crew Tee/);
    expect(r.reply).not.toMatch(/Tank Top/);
  });
});

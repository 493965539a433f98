// Kinds of follow-up after an answer (fixer-b), one short flow each, end to end on the offline model and the demo store.
// 1. After the returns policy, one part of it asked ("how many days have I got for that?", "and the postage, who
//    covers it?"): that part alone (the window, the cost), not the whole policy again, never the delivery prices
//    (replies-policy-parts.ts; the act head reads a "who pays" question as asking, the follow head as money).
// 2. After the size chart, a size system asked with nothing else ("what's that in UK sizes?"): the chart's conversion
//    for the clothes the chart was about, not the shoe sizes (the message before decides shoes or clothes).
// 3. After the delivery options, a speed or a place asked ("anything quicker?", "what about sending to France?"): the
//    express line, or where the shop ships, alone.
// 4. After a list, a question about what the pages say of all of them ("do any of them go in the washing machine?"):
//    every piece shown side by side with its care, not "which one?"; the cheapest asked with two at the same price
//    names both, and the warmest of pieces alike says they are about as warm (frame-pick.ts `everyShownMeant`,
//    replies-compare.ts `compareReply`).
// 5. After asking for discount codes, the same carried over to another case ("what about for nurses?"): the discount
//    answer again, not the store's general facts (frame-policy-follow.ts `requestCarriedOver`).
// 6. The same search said in two conversations searches the same words (the memoized reading is not written to).
// 7. After the loyalty points, a follow-up naming no section of the general policy ("and for platinum people?") keeps
//    the points; "do you deliver internationally?" says where the shop ships.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callOf, Chat, openStore, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const shopper = () => new Chat(store, anonymous());
const topicOf = (r: Awaited<ReturnType<Chat['say']>>) => callOf(r, 'store_policy')?.args.topic;

describe('one part of the returns policy, asked right after it', () => {
  it('"and how many days have I got for that?": the window alone', async () => {
    const chat = shopper();
    await chat.say('how do returns work with you guys?');
    const r = await chat.say('and how many days have I got for that?');
    expect(topicOf(r)).toBe('returns');
    expect(r.reply).toMatch(/30 days/);
    expect(r.reply).not.toMatch(/Refunded|Returns are free/);
  });

  it('"and the postage, who covers it?": the return\'s cost, not the delivery prices', async () => {
    const chat = shopper();
    await chat.say('what is your policy on sending stuff back');
    const r = await chat.say('and the postage, who covers it?');
    expect(topicOf(r)).toBe('returns');
    expect(r.reply).toMatch(/Returns are free/);
    expect(r.reply).not.toMatch(/Standard delivery|30 days/);
  });

  it('"who pays to post it back?" after the policy was asked with a reason: the cost alone', async () => {
    const chat = shopper();
    await chat.say("if a dress doesn't suit me, am I able to return it?");
    const r = await chat.say('ok. who pays to post it back?');
    expect(topicOf(r)).toBe('returns');
    expect(r.reply).toMatch(/Returns are free/);
    expect(r.reply).not.toMatch(/Standard delivery|30 days/);
  });
});

describe('the size system asked right after the size chart', () => {
  it('"what\'s that in UK sizes?" after the clothing chart: the clothing conversion, not shoe sizes', async () => {
    const chat = shopper();
    await chat.say('could I see your size guide please');
    const r = await chat.say("what's that in UK sizes?");
    expect(topicOf(r)).toBe('sizing');
    expect(r.reply).toMatch(/UK 6/);
    expect(r.reply).not.toMatch(/EU sizes|EU 37/);
  });
});

describe('one delivery option asked right after the options', () => {
  it('"anything quicker than that?": the express line alone', async () => {
    const chat = shopper();
    await chat.say('what shipping do you offer?');
    const r = await chat.say('anything quicker than that?');
    expect(topicOf(r)).toBe('shipping');
    expect(r.reply).toMatch(/express: 1–2 business days/);
    expect(r.reply).not.toMatch(/Standard delivery/);
  });

  it('"what about sending to France?": where the shop ships, without the delivery times again', async () => {
    const chat = shopper();
    await chat.say('how much does delivery cost?');
    const r = await chat.say('what about sending to France?');
    expect(topicOf(r)).toBe('shipping');
    expect(r.reply).toMatch(/We ship within the US/);
    expect(r.reply).not.toMatch(/Standard delivery/);
  });
});

describe('a question about every piece of the list shown', () => {
  it('"do any of them go in the washing machine?": all of them side by side with their care', async () => {
    const chat = shopper();
    await chat.say('show me your jumpers');
    const r = await chat.say('do any of them go in the washing machine?');
    expect(toolNames(r).filter((n) => n === 'get_product').length).toBeGreaterThan(1);
    expect(r.reply).toMatch(/dry clean only|machine wash/);
    expect(r.reply).not.toMatch(/Which one would you like/);
  });

  it('"which one\'s the cheapest?" with two at the same lowest price: both named', async () => {
    const chat = shopper();
    const list = await chat.say('any merino jumpers?');
    expect(list.reply).toMatch(/Grey Merino Crew-Neck Jumper: \$88\.95/);
    expect(list.reply).toMatch(/Green Merino Crew-Neck Jumper: \$88\.95/);
    const r = await chat.say("which one's the cheapest?");
    expect(r.reply).toMatch(/Grey Merino Crew-Neck Jumper and Green Merino Crew-Neck Jumper are the cheapest, at \$88\.95 each/);
  });
});

describe('a request carried over to another case', () => {
  it('"what about for nurses?" after asking for promo codes: the discount answer, not the store\'s facts', async () => {
    const chat = shopper();
    const first = await chat.say('got any promo codes going at the moment?');
    const r = await chat.say('what about for nurses?');
    expect(toolNames(r)).not.toContain('store_policy');
    expect(r.reply).toMatch(/discount codes/);
    expect(first.reply).toMatch(/discount codes/);
  });
});

describe('the same search in two conversations', () => {
  it('searches the same words each time', async () => {
    const a = await shopper().say('do you have any blazers?');
    const b = await shopper().say('do you have any blazers?');
    expect(callOf(b, 'search_products')?.args.query).toBe(callOf(a, 'search_products')?.args.query);
  });
});

describe('the warmest asked of pieces alike', () => {
  it('"which of those is the warmest one?" over jumpers of one wool: about as warm as each other, said so', async () => {
    const chat = shopper();
    await chat.say('any merino jumpers?');
    const r = await chat.say('which of those is the warmest one?');
    expect(r.reply).toMatch(/They are all merino wool, so they should be about as warm as each other/);
  });
});

describe('the section of the general policy, kept by a follow-up naming none', () => {
  it('"and for platinum people?" after how the reward points work: the points again, not the store and its hours', async () => {
    const chat = shopper();
    await chat.say('how do your reward points work?');
    const r = await chat.say('and for platinum people?');
    expect(r.reply).toMatch(/Loyalty points on every order/);
    expect(r.reply).not.toMatch(/Human support answers/);
  });
});

describe('where the shop ships, asked with "internationally"', () => {
  it('"do you deliver internationally?": where it ships comes first', async () => {
    const r = await shopper().say('do you deliver internationally?');
    expect(topicOf(r)).toBe('shipping');
    expect(r.reply).toMatch(/We ship within the US/);
  });
});

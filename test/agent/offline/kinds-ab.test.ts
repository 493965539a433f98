// Kinds of wrong turn for signed-in shoppers (probes AB, X, Q; fixer-ab), one short flow each, end to end on the offline
// model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M, 28502 shipped with
// white canvas sneakers, 28511 still processing with navy chinos M and a white crew tee L). Phrasings are this file's own.
// 1. The house number put right while a new address waits ("no, it's 58 Birch Lane, not 85"): the same change proposed
//    again with that number, never withdrawn (frame-detail.ts addressCorrected).
// 2. A swap asked without the size or colour wanted is proposed as that piece's return; the size or colour said next
//    ("the larger one, an L", "ok then the green one") is the swap said in full, never a search or a policy answer
//    (frame-swap-detail.ts); and the reply that proposed the return asks which, as the persona can swap
//    (replies-account.ts returnReply), instead of saying no swap can be made.
// 3. The time just given said back as too slow ("4 working days?? that's so slow"): a grievance, heard with a person
//    offered, never the delivery times (corpus: complaint).
// 4. Where to take the parcel while a return waits ("where do I drop it off?"): the returns policy, never discount codes
//    (corpus: policy_returns).
// 5. Only a hedge while a proposal waits ("if it has to"): asked again, never the order looked up in its place
//    (frame-reply.ts hedgeWhileWaiting, read before the order in view places it).
// 6. A piece of a delivered order that came in another shade, told with the order named: sorry and a person offered,
//    never only the order shown (corpus: report_problem).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAYS } from '../../../src/eval/actions/acceptance.js';
import { callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

/** A flow on a store of its own (it proposes changes the other flows must not see). */
async function withOwnStore(run: (chat: Chat) => Promise<void>): Promise<void> {
  const own = await openStore();
  try {
    await run(new Chat(own, signedIn('c_marcus')));
  } finally {
    own.dispose();
  }
}

describe('the house number put right while a new address waits', () => {
  it.each(["oops no, it's 58 Birch Lane, not 85", 'sorry, wrong way round: 58, not 85'])(
    '"%s": the change proposed again to 58 Birch Lane',
    async (fix) => {
      await withOwnStore(async (chat) => {
        await chat.say('please change the delivery address on 28511');
        const first = await chat.say('85 Birch Lane, Eugene, OR 97401');
        expect(callOf(first, 'change_shipping_address')?.args).toMatchObject({ address: { line1: '85 Birch Lane' } });
        const r = await chat.say(fix);
        expect(callOf(r, 'change_shipping_address')?.args).toMatchObject({
          orderNumber: '28511',
          confirm: false,
          address: { line1: '58 Birch Lane', city: 'Eugene', zip: '97401' },
        });
        expect(r.reply).not.toMatch(/nothing was changed/i);
      });
    },
  );

  it('near miss: "no, leave the address as it is" still withdraws it', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('please change the delivery address on 28511');
      await chat.say('85 Birch Lane, Eugene, OR 97401');
      const r = await chat.say('no, leave the address as it is');
      expect(callOf(r, 'change_shipping_address')).toBeUndefined();
    });
  });
});

describe('the size or colour of a swap said after its return was proposed', () => {
  it('"can I exchange the chinos for a different size?", then "mm, the larger one, an L": the chinos swapped to L', async () => {
    await withOwnStore(async (chat) => {
      const first = await chat.say('can I exchange the chinos from 28473 for a different size?');
      expect(first.reply).toMatch(/which size or colour|size or colour you would like/i);
      expect(first.reply).not.toMatch(/can't swap an item directly/);
      const r = await chat.say('mm, the larger one, an L');
      expect(callOf(r, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: [{ size: 'L' }] });
      expect(toolNames(r)).not.toContain('search_products');
    });
  });

  it('a colour swap the words did not say in full, then "ok then the green one", then a yes: the swap made', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('could I swap the jumper from my delivered order for a differnt colour');
      const r = await chat.say('ok then the green one');
      expect(callOf(r, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: [{ colour: 'green' }] });
      const yes = await chat.say('yes go ahead');
      expect(callOf(yes, 'exchange_items')?.args).toMatchObject({ confirm: true });
      expect(toolNames(yes)).not.toContain('create_return_label');
    });
  });
});

describe('a time just given said back as too slow', () => {
  it('"4 working days?? that\'s so slow, my bank does it instantly" after a refund shown: heard, a person offered', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('has the money for order 28511 that I cancelled come back yet?');
      const r = await chat.say("4 working days?? that's so slow, my bank does it instantly");
      expect(r.reply).toMatch(SAYS.person);
      expect(toolNames(r)).not.toContain('store_policy');
    });
  });
});

describe('where to take the parcel while a return waits', () => {
  it.each(['and where do I drop it off?', 'right, where do i drop it'])('"%s": the returns policy, no discount codes', async (asked) => {
    await withOwnStore(async (chat) => {
      await chat.say('I want to send the chinos from 28473 back');
      const r = await chat.say(asked);
      expect(r.reply).not.toMatch(/discount|promo|code/i);
      expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
    });
  });
});

describe('only a hedge while a proposal waits', () => {
  it('"if it has to" to a return proposed: the return asked again, no order look-up in its place', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('I want to send the jumper from 28473 back');
      const r = await chat.say('if it has to');
      expect(toolNames(r)).not.toContain('lookup_order');
      expect(r.reply).toMatch(/shall I go ahead\?/i);
    });
  });
});

describe('a piece that came in another shade, told with its order', () => {
  it('"my last delivered order, the jumper was meant to be navy but it\'s nearly black": heard, a person offered', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say(
      "my last delivered order, the jumper was meant to be navy but it's nearly black. not happy.",
    );
    expect(r.reply).toMatch(SAYS.person);
  });
});

// Readings that were word patterns and are now the learned heads' or the dialogue state's (issue 20, fixer-p): what
// the previous reply was about is memory's subject (its tool results), never its wording; a proposal put again under a
// reply is known from the turns' tool calls, not by parsing our own prose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/agent/offline/conversation.js';
import { remember } from '../../../src/agent/offline/memory.js';
import { anonymous, callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';
import { cancelProposed } from './tool-results.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('after the returns policy, the rule checked for a piece of the shopper’s own (the follow head), not a return asked for', () => {
  for (const check of ['ok and my jumper, can that go back too then?', 'and my jumper qualifies for return too then?']) {
    it(`"${check}" says until when it can go back and proposes nothing`, async () => {
      const chat = new Chat(store, signedIn('c_marcus'));
      await chat.say('what is your returns policy?');
      const r = await chat.say(check);
      expect(callOf(r, 'create_return_label')).toBeUndefined();
      expect(r.reply).toMatch(/30 days|until \d{4}-\d{2}-\d{2}/);
    });
  }

  it('the return itself asked for after the policy is still proposed', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('what is your returns policy?');
    const r = await chat.say('ok then, please return my jumper');
    expect(callOf(r, 'create_return_label')?.args).toMatchObject({ confirm: false });
  });
});

describe('what the previous reply was about: its tool results, not its words', () => {
  it('"how long is it?" right after a dress went into the basket (a reply that names the shipping cost) is the dress’s length', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me the red linen wrap dress');
    const added = await chat.say('add it in M');
    expect(added.reply).toMatch(/Shipping/);
    const length = await chat.say('how long is it?');
    expect(toolNames(length)).toEqual(['get_product']);
    expect(length.reply).not.toMatch(/business days/);
  });
});

const cancelAsked: Turn['exchanges'][number] = {
  id: 'c_cancel',
  name: 'cancel_order',
  args: { orderNumber: '28511', confirm: false },
  result: {
    ok: true,
    data: cancelProposed({ orderNumber: '28511', items: ['Stone Chinos (M)'], shipTo: '1 Main St', refund: 89 }),
    error: null,
  },
};

describe('a proposal put again under a reply: known from the turns, not from our own wording', () => {
  const proposed: Turn = { user: 'cancel 28511', exchanges: [cancelAsked], reply: 'Shall I cancel order #28511?' };
  const offer = 'Gift wrapping is outside what I can do here. Want a human colleague?';

  it('the offer of a person above the proposal restated, in any words, is still what the reply asked: a bare yes takes the person', () => {
    const restated = `${offer}\n\nYour cancellation of #28511 is still open: press Confirm, or tell me no.`;
    const memory = remember([proposed, { user: 'can you gift wrap it', exchanges: [], reply: restated }]);
    expect(memory.pendingAction?.action).toBe('cancel_order');
    expect(memory.offeredHuman).toBe(true);
  });
});

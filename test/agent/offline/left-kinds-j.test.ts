// Kinds left open after issue 20's probes (fixer J, "left"), one short flow each through the chat service, the
// offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper and stone chinos, 28502
// shipped with white canvas sneakers, 28511 processing with navy chinos and a tee): whether a piece the shopper
// names can still go back (its order looked up, until when said, the return offered and nothing proposed; a yes
// then proposes it), a need said after a delivery-speed question, how checking out works asked beside another
// question, something the catalogue has none of, and a bare wish to order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const returnCall = (r: Awaited<ReturnType<Chat['say']>>) => r.toolCalls.find((t) => t.name === 'create_return_label');

describe('whether a piece of the shopper’s own can still go back', () => {
  it('is answered from the order holding it, with until when, the return offered and nothing proposed; a yes proposes that piece', async () => {
    const own = await openStore();
    try {
      const chat = new Chat(own, signedIn('c_marcus'));
      const asked = await chat.say('have I still got time to send the jumper back?');
      expect(toolNames(asked)).toContain('lookup_order');
      expect(asked.toolCalls).toContainEqual(expect.objectContaining({ name: 'store_policy', args: { topic: 'returns' } }));
      expect(returnCall(asked)).toBeUndefined();
      expect(asked.reply).toMatch(/Navy Merino Crew-Neck Jumper \(L\) came in order #28473/);
      expect(asked.reply).toMatch(/send it back until \d{4}-\d{2}-\d{2}/);
      expect(asked.reply).toMatch(/unworn, with tags attached/);
      expect(asked.reply).toMatch(/Shall I start its return from order #28473\?/);
      expect(asked.reply).not.toMatch(/Stone Stretch Chino/);

      const yes = await chat.say('yes please');
      expect(returnCall(yes)).toMatchObject({ args: { orderNumber: '28473', confirm: false, items: ['oi_28473_1'] } });
      expect(yes.reply).toMatch(/Shall I go ahead\?/);
    } finally {
      own.dispose();
    }
  });

  it('a piece in two orders is the one that can still go back', async () => {
    const asked = await new Chat(store, signedIn('c_marcus')).say("the chinos aren't past the return deadline yet, are they?");
    expect(returnCall(asked)).toBeUndefined();
    expect(asked.reply).toMatch(/Stone Stretch Chino Trousers \(M\) came in order #28473/);
    expect(asked.reply).not.toMatch(/#28511/);
  });

  it('a piece still on its way: when it can go back, from the policy’s window, and no return offered', async () => {
    const asked = await new Chat(store, signedIn('c_marcus')).say('is it too late for the sneakers to go back?');
    expect(returnCall(asked)).toBeUndefined();
    expect(asked.reply).toMatch(/White Canvas Low-Top Sneakers \(43\) came in order #28502, which hasn't been delivered yet/);
    expect(asked.reply).toMatch(/within 30 days of delivery/);
    expect(asked.reply).not.toMatch(/Shall I start/);
  });

  it('a return only imagined is the returns policy, no orders looked up', async () => {
    const asked = await new Chat(store, signedIn('c_marcus')).say('if the trainers pinch, could I send them back?');
    expect(toolNames(asked)).toEqual(['store_policy']);
    expect(asked.reply).toMatch(/30 days/);
  });

  it('a plain wish to send a piece back still proposes its return', async () => {
    const own = await openStore();
    try {
      const asked = await new Chat(own, signedIn('c_marcus')).say('I would like to send the jumper back');
      expect(returnCall(asked)).toMatchObject({ args: { orderNumber: '28473', confirm: false, items: ['oi_28473_1'] } });
    } finally {
      own.dispose();
    }
  });
});

describe('delivery, checking out and ordering', () => {
  it('a need said after a delivery-speed question is why delivery is asked: the shipping answer for that day, no product list', async () => {
    const asked = await new Chat(store, anonymous()).say('can you do overnight delivery? need a blazer for an interview on thursday');
    expect(toolNames(asked)).toEqual(['store_policy']);
    expect(asked.toolCalls[0]!.args).toEqual({ topic: 'shipping' });
    expect(asked.reply).toMatch(/express/i);
    expect(asked.reply).not.toMatch(/Here are \d options/);
  });

  it('how checking out works, asked beside a delivery question, is answered too', async () => {
    const asked = await new Chat(store, anonymous()).say('how does checking out work, and do you ship to Mexico?');
    expect(asked.toolCalls.map((c) => c.args.topic)).toEqual(['payment', 'shipping']);
    expect(asked.reply).toMatch(/go to checkout to pay/);
    expect(asked.reply).toMatch(/We ship within the US/);
  });

  it('a bare wish to order, signed in, is how ordering works: nothing cancelled or looked up', async () => {
    const asked = await new Chat(store, signedIn('c_marcus')).say('i wanna order');
    expect(toolNames(asked)).toEqual(['store_policy']);
    expect(asked.reply).toMatch(/tell me the piece and your size/);
    expect(asked.reply).toMatch(/checkout/);
  });

  it('a kind of thing the catalogue has none of: what it does have, and a search or a person offered, not "try another colour"', async () => {
    const chat = new Chat(store, anonymous());
    const asked = await chat.say('show me some candles');
    expect(toolNames(asked)).toEqual(['search_products']);
    expect(asked.reply).toMatch(
      /couldn't find any candle in our catalogue: it has dresses, tops, trousers, shoes, outerwear and accessories/,
    );
    expect(asked.reply).toMatch(/colleague/);
    expect(asked.reply).not.toMatch(/reliable information|another colour/);
    const handed = await chat.say('yes please');
    expect(toolNames(handed)).toEqual(['escalate_to_human']);
  });
});

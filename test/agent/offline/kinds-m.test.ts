// Kinds of failure of probe M (issue 20): changes of mind, details early, coming back to something; one short flow
// each, end to end on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and
// stone chinos M, 28511 still processing, 28502 shipped sneakers). A colour talked about, then another chosen ("khaki
// shows every mark. the black ones"); some pieces of a return waiting, with a no before them ("no, not the lot, only
// the chinos"); a flat number or ZIP put right while a new address waits; a piece and an order number then a blunt
// "is it coming?"; a sales event named ("Black Friday" is no colour); the price asked as "the damage"; a distance is no
// price ("within thirty yards"); back to a list after a side question, a piece picked and put in the basket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, openStore, signedIn, type Store, callOf, confirmed, withOwnStore } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = (own?: Store) => new Chat(own ?? store, signedIn('c_marcus'));

describe('a colour talked about, then another one chosen', () => {
  it('"black is too plain for me. the burgundy one then": the burgundy beanie goes in the basket', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('wool beanies?');
    const pick = await chat.say('black is too plain for me. the burgundy one then');
    expect(callOf(pick, 'add_to_cart')?.args).toMatchObject({ productId: 'p_142' });
    expect(pick.reply).toMatch(/Burgundy Wool Beanie/);
  });

  it('"khaki\'s going to show every speck of mud. The black ones.": the black cargo pair, not the khaki', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('Need hard-wearing work trousers, cargo, size L.');
    const pick = await chat.say("Khaki's going to show every speck of mud. The black ones.");
    expect(callOf(pick, 'add_to_cart')?.args).toMatchObject({ productId: 'p_089', size: 'L' });
    expect(pick.reply).not.toMatch(/Khaki/);
  });

  it('a colour turned down after the one chosen stays turned down: "the grey one, not the black one"', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('wool beanies?');
    const pick = await chat.say('the grey one, not the black one');
    expect(callOf(pick, 'add_to_cart')?.args).toMatchObject({ productId: 'p_140' });
  });
});

describe('some pieces of the return waiting, said with a no before them', () => {
  it('"No, not the lot. Only the chinos": the return of the chinos alone, made on the yes', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      const whole = await chat.say('I want to return order 28473');
      expect(callOf(whole, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      const some = await chat.say('No, not the lot. Only the chinos, the jumper stays with me.');
      expect(callOf(some, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: ['oi_28473_2'] });
      expect(some.reply).toMatch(/Stone Stretch Chino Trousers/);
      expect(some.reply).not.toMatch(/Merino/);
      const yes = await chat.say('yes');
      expect(confirmed(yes).map((c) => c.name)).toEqual(['create_return_label']);
    });
  });

  it('a no that names no piece still withdraws it', async () => {
    const chat = marcus();
    await chat.say('I want to return order 28473');
    const no = await chat.say("no, forget it, I'll keep everything");
    expect(no.toolCalls).toEqual([]);
    expect(no.reply).not.toMatch(/Shall I go ahead/);
  });
});

describe('a detail of the new address waiting put right', () => {
  it('"sorry, apartment 14, not 4": the same change proposed with the flat put right, made on the yes', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      await chat.say('please send order 28511 to 12 Oak Avenue Apt 4, Seattle WA 98101');
      const fixed = await chat.say('sorry, apartment 14, not 4');
      expect(callOf(fixed, 'change_shipping_address')?.args).toMatchObject({
        orderNumber: '28511',
        confirm: false,
        address: { line1: '12 Oak Avenue', line2: 'Apartment 14', zip: '98101' },
      });
      const yes = await chat.say('yes');
      expect(confirmed(yes)[0]?.args).toMatchObject({ address: { line2: 'Apartment 14' } });
    });
  });

  it('"the zip should be 98109 not 98101": the ZIP put right on the order waiting, no order 98109 looked for', async () => {
    const chat = marcus();
    await chat.say('please send order 28511 to 12 Oak Avenue Apt 4, Seattle WA 98101');
    const fixed = await chat.say('ugh typo, the zip should be 98109 not 98101');
    expect(callOf(fixed, 'change_shipping_address')?.args).toMatchObject({
      orderNumber: '28511',
      confirm: false,
      address: { line2: 'Apt 4', zip: '98109' },
    });
  });
});

describe('shop requests said bluntly or in idioms', () => {
  it('a piece and an order number, then "shipped or what?": that order looked up, nothing refused', async () => {
    const asked = await marcus().say('Sneakers from 28502 - they shipped or what?');
    expect(callOf(asked, 'lookup_order')?.args).toMatchObject({ orderNumber: '28502' });
    expect(asked.reply).toMatch(/FedEx|on its way/);
  });

  it('"Black Friday" is a sales event, not black products: the offers answered, nothing searched', async () => {
    for (const said of [
      'you are doing Black Friday this year? everything cheaper?',
      'is Black Friday a thing in your shop, big price drops?',
    ]) {
      const asked = await new Chat(store, anonymous()).say(said);
      expect(callOf(asked, 'search_products')).toBeUndefined();
      expect(asked.reply).toMatch(/discount|offer/i);
    }
  });

  it('"what\'s the damage on that?" about the piece just added: its price, no search for damaged things', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('I need a rain jacket');
    await chat.say('the yellow one in L please');
    const price = await chat.say("so what's the damage on that?");
    expect(callOf(price, 'search_products')).toBeUndefined();
    expect(price.reply).toMatch(/\$119/);
  });

  it('a distance is no price: "birds within thirty yards" puts no ceiling on the search', async () => {
    const asked = await new Chat(store, anonymous()).say("I need a quiet rain jacket so birds within thirty yards don't hear me");
    expect(callOf(asked, 'search_products')?.args.maxPrice).toBeUndefined();
    expect(asked.reply).toMatch(/Rain Jacket/);
  });
});

describe('back to a list after a side question', () => {
  it('"right, back to the jackets: the yellow one in L, pop it in the bag": that jacket added', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('I need a rain jacket');
    await chat.say('how long does delivery take?');
    const add = await chat.say('right, back to the jackets: the yellow one in L, pop it in the bag');
    expect(callOf(add, 'add_to_cart')?.args).toMatchObject({ productId: 'p_134', size: 'L' });
  });
});

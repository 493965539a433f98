// Kinds of wording a probe of new customer voices showed the offline model misreading (issue 20,
// probe F): consumer-rights legalese, other words for shipping and for buying, imagined problems
// asked as "what are my options", other channels than the chat, an account named beside a
// purchase, keyword fragments and chat shorthand, catalogue words no category knew. Every message
// here is written for this file (not from the corpus, its test set or the probe). End to end on
// the offline model and the demo store where the action matters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../../src/agent/offline/classify.js';
import { normalize } from '../../../src/agent/offline/normalize.js';
import { extractEntities } from '../../../src/agent/offline/entities.js';
import { clarify } from '../../../src/agent/offline/plan-service.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const intentOf = (text: string) => classify(text).intent;

describe('the corpus kinds', () => {
  it('formal, consumer-rights wording asks for the policy, not for an action or the assistant', () => {
    expect(intentOf('Please inform me which parcel company you entrust deliveries to.')).toBe('policy_shipping');
    expect(intentOf('I hereby ask for confirmation of how long I have to send unwanted goods back.')).toBe('policy_returns');
  });

  it('an imagined problem asked as "what are my options" is a returns question, not what the assistant can do', () => {
    expect(intentOf("if the trainers squeeze my toes once they're here, what are my options")).toBe('policy_returns');
  });

  it('how soon an email is answered is about contacting the shop, not delivery times', () => {
    expect(intentOf('if I email support tonight, how soon will they answer')).toBe('policy_general');
    expect(intentOf('how long does delivery take if I order tonight')).toBe('delivery_time');
  });

  it('a keyword fragment that starts with "buy" is a purchase, and without it a search', () => {
    expect(intentOf('buy cream cashmere cardigan S')).toBe('add_to_cart');
    expect(intentOf('cream cashmere cardigans')).toBe('search');
  });

  it('an account email named beside a purchase or a refund chased is context, not a sign-in', () => {
    expect(intentOf('add the suede loafers in 41, my account is kai@example.com')).toBe('add_to_cart');
    expect(intentOf('my brother returned his jeans and wants to know if the refund is through, his email is raf@example.com')).toBe(
      'refund_status',
    );
    expect(intentOf('my email is kai@example.com and the order is 28473')).toBe('verify');
  });

  it('collecting in person in other words is pickup', () => {
    expect(intentOf('can I grab my parcel from your loading bay myself')).toBe('pickup');
  });
});

describe('catalogue words and chat shorthand (lexicon data)', () => {
  it('turtlenecks, flares and wedges name their category', () => {
    const e = (t: string) => extractEntities(normalize(t));
    expect(e('a grey turtleneck please').category).toBe('tops');
    expect(e('the corduroy flares in 30').category).toBe('trousers');
    expect(e('espadrille wedges for the summer').category).toBe('shoes');
  });

  it('shorthand is read as the words it stands for', () => {
    expect(normalize('cn i rtn my boots').tokens).toEqual(['can', 'i', 'return', 'my', 'boot']);
    expect(normalize('wen will my ordr come 2moro').tokens).toEqual(['when', 'will', 'my', 'order', 'come', 'tomorrow']);
  });
});

describe('buying a named piece with another verb', () => {
  it('"book" and the account named are not search terms: the piece is found and put in the basket', async () => {
    const r = await new Chat(store, anonymous()).say("I'd like to book the leather biker jacket in M, my account is under kai@example.com");
    expect(toolNames(r)).toContain('add_to_cart');
    const search = r.toolCalls.find((t) => t.name === 'search_products');
    if (search) expect(String((search.args as { query?: string }).query)).not.toMatch(/book|account|email/);
    expect(r.reply).toMatch(/Biker Jacket/);
    expect(r.reply).not.toMatch(/confirm it's you/);
  });

  it('a terse "buy" fragment naming a turtleneck starts the order in that size', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say('buy black turtleneck S');
    expect(toolNames(r)).toContain('add_to_cart');
    expect(r.reply).toMatch(/Turtleneck/);
  });
});

describe('an unsure reading between questions about the shop and the assistant', () => {
  it('is asked about, naming them, rather than declined as outside the shop', () => {
    const step = clarify(['policy_general', 'policy_ai', 'capabilities']);
    expect(step).toEqual({
      kind: 'reply',
      reply: {
        kind: 'ask',
        body: 'I want to get this right: is it about store information, how this assistant works or what I can help with?',
      },
    });
  });
});

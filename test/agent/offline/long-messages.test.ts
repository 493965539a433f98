// Long letters, rambling stories and courtesy around a request (issue 20): the request is read,
// not the greeting, the thanks or the background. One check per kind, in sentences written for
// this file: the focusing rule on a scripted reader (what it keeps, what it never does), then the
// real classifier, the splitter and a real turn through the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentPrediction } from '../../../src/agent/offline/nlu/index.js';
import { focusOnRequest } from '../../../src/agent/offline/focus.js';
import { classify } from '../../../src/agent/offline/classify.js';
import { remember } from '../../../src/agent/offline/memory.js';
import { splitRequests } from '../../../src/agent/offline/multi.js';
import { scriptedReadings } from './readings.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

const LABELS = ['order_status', 'policy_returns', 'search', 'greeting', 'thanks', 'goodbye', 'smalltalk', 'complaint', 'loyalty'];

const reading = scriptedReadings(LABELS);

/** A scripted reader: each clause's reading by what it contains. */
function reader(script: Array<[RegExp, IntentPrediction]>, otherwise: IntentPrediction) {
  const seen: string[] = [];
  const predict = (text: string): IntentPrediction => {
    seen.push(text);
    return script.find(([re]) => re.test(text))?.[1] ?? otherwise;
  };
  return { predict, seen };
}

describe('focusing on the request: the rule, on a scripted reader', () => {
  it('a message read clearly whole is left as it was, and its clauses are not even read', () => {
    const whole = reading('order_status', 0.9);
    const r = reader([], reading('search', 0.9));
    expect(focusOnRequest('Hi there, could you check on parcel 40112 for me? Thanks', whole, r.predict)).toBe(whole);
    expect(r.seen).toEqual([]);
  });

  it('greeting and sign-off formulas go; the clauses left are read again and decide', () => {
    const whole = reading('greeting', 0.4, ['order_status']);
    const r = reader([[/parcel/, reading('order_status', 0.8)]], reading('smalltalk', 0.3));
    const p = focusOnRequest(
      'Dear Ms Patel, I trust you are well. Has my parcel left the warehouse? Warm regards, Joan Lee',
      whole,
      r.predict,
    );
    expect(p.label).toBe('order_status');
    expect(r.seen.some((t) => /Patel|regards|Joan/.test(t))).toBe(false);
  });

  it('nothing but courtesy is courtesy, whatever a misreading of the words suggests', () => {
    const misread = reading('loyalty', 0.95);
    expect(focusOnRequest('Warm regards, Joan Lee', misread, reader([], misread).predict).label).toBe('goodbye');
    expect(focusOnRequest('Many thanks', reading('complaint', 0.6), reader([], misread).predict).label).toBe('thanks');
  });

  it('never adopts an intent the whole message did not already weigh among its likeliest three', () => {
    const whole = reading('order_status', 0.3, ['complaint', 'policy_returns']);
    const r = reader([[/alright/, reading('search', 0.95)]], reading('smalltalk', 0.2));
    expect(focusOnRequest('I moved house in March, my cat hates boxes. Is that alright?', whole, r.predict)).toBe(whole);
  });

  it('a message read clearly as a pleasantry changes only for a clause that asks', () => {
    const whole = reading('goodbye', 0.9, ['search']);
    const r = reader([[/else/, reading('search', 0.9)]], reading('goodbye', 0.9));
    expect(focusOnRequest('that is all from me, nothing else, take care', whole, r.predict)).toBe(whole);
  });

  it('background that asks nothing and reads as nothing goes; the question decides', () => {
    const whole = reading('smalltalk', 0.3, ['policy_returns']);
    const r = reader(
      [
        [/allergic|grandmother/, reading('complaint', 0.25)],
        [/send .* back/, reading('policy_returns', 0.85)],
      ],
      reading('smalltalk', 0.3),
    );
    const p = focusOnRequest(
      'my grandmother knits everything, she is allergic to wool anyway. can I send a wool scarf back?',
      whole,
      r.predict,
    );
    expect(p.label).toBe('policy_returns');
  });
});

describe('focusing on the request: the real classifier', () => {
  it('a formal letter asking where an order is', () => {
    const u = classify(
      'Dear Tailor, I trust this note reaches you in good spirits. Back in October I bought a pair of ankle boots. Would you be good enough to tell me whether they have been posted yet? Warm regards, Deborah Quinn',
    );
    expect(u.intent).toBe('order_status');
    expect(u.lowConfidence).toBe(false);
  });

  it('a sign-off, alone or with the name under it, is a goodbye, not a loyalty question', () => {
    for (const text of ['Kind regards', 'Best regards, Sam', 'Yours sincerely, Peter Hall'])
      expect(classify(text).intent, text).toBe('goodbye');
  });

  it('a story with the delivery question at its end is the delivery question', () => {
    const u = classify(
      "Hello! my cousin's graduation is on the 14th and I left everything to the last minute as usual, my mum is furious. If I order a blazer tonight, how many days until it gets to me?",
    );
    expect(u.intent).toBe('delivery_time');
  });

  it('a run-on story: "and honestly I just need…" starts the clause that asks, and it decides', () => {
    const u = classify(
      'this is the fourth evening in a row I have spent on your website and the basket empties itself and the page freezes and honestly i just need a real person to sort it',
    );
    expect(u.intent).toBe('human');
    expect(u.lowConfidence).toBe(false);
  });

  it('a smiley ends a clause, and kisses under a name are part of the signature', () => {
    const u = classify(
      "heya :) my cousin says you lot are great, sorry to be a pain, could I send a jumper back if it's too big? thanks a lot, Mia xx",
    );
    expect(['return', 'policy_returns']).toContain(u.intent);
    expect(u.lowConfidence).toBe(false);
    expect(classify('Best wishes, Mia xx').intent).toBe('goodbye');
  });

  it('a pleasantry read clearly stays one', () => {
    expect(['goodbye', 'thanks']).toContain(classify('no that is everything, cheers, bye').intent);
  });
});

describe('the splitter: a letter is one request, not one per courtesy', () => {
  const nothingBefore = remember([]);

  it('the greeting, the background and the sign-off join the request', () => {
    const parts = splitRequests(
      'Good morning, I hope you are keeping well. I work nights so I am rarely home. Could you tell me which delivery services you offer? Kind regards, Ravi',
      nothingBefore,
    );
    expect(parts.map((p) => classify(p).intent)).toEqual(['policy_shipping']);
  });

  it('two requests in a letter are still two', () => {
    const parts = splitRequests('Hello, where is order 40112? Also, do you have linen shirts in L? Many thanks, Ruth', nothingBefore);
    expect(parts.map((p) => classify(p).intent)).toEqual(['order_status', 'search']);
  });
});

describe('a real turn', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(() => store.dispose());

  it('a polite letter about returns gets the returns policy, not a clarifying question', async () => {
    const r = await new Chat(store, anonymous()).say(
      "Good afternoon, I hope all is well. I'm ordering a coat as a surprise for my husband and I can't be sure of the fit. Should it not suit him, may it be sent back? Thank you in advance, Helen",
    );
    expect(toolNames(r)).toEqual(['store_policy']);
    expect(r.toolCalls[0]!.args).toEqual({ topic: 'returns' });
  });

  it('a signed-in shopper rambling about an order gets the order looked up', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say(
      "so I ordered the chinos for a job interview, which went fine by the way, I think, they said they'd call, anyway the chinos never showed up, can you check where order 28502 is",
    );
    expect(r.toolCalls[0]).toMatchObject({ name: 'lookup_order', args: { orderNumber: '28502' } });
  });
});

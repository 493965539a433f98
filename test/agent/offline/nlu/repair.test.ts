// Words as shoppers type them: run together, mistyped, or left as a template's placeholder. The
// splitter and the corrector on a small vocabulary of their own, then on the real model and the
// offline model's normalisation (trade words, order numbers, emails and codes left alone).
import { describe, expect, it } from 'vitest';
import { STYLES } from '../../../../src/db/seed/catalog-data.js';
import { normalize } from '../../../../src/agent/offline/normalize.js';
import { classifyIntent, tokenize } from '../../../../src/agent/offline/nlu/index.js';
import { correctTypo, createVocabulary, splitJoined } from '../../../../src/agent/offline/nlu/repair.js';
import { placeholderClass, repairTokens } from '../../../../src/agent/offline/nlu/text.js';

const counts = new Map(
  Object.entries({
    where: 90,
    is: 200,
    my: 300,
    basket: 40,
    size: 60,
    chart: 12,
    send: 30,
    back: 45,
    gift: 15,
    wrap: 4,
    wrapping: 6,
    we: 20,
    are: 80,
    wear: 9,
    here: 25,
    delivery: 70,
    book: 10,
    box: 9,
    return: 215,
    retrun: 3,
    policy: 40,
    hood: 2,
    good: 120,
    can: 150,
    i: 400,
    pay: 35,
    later: 8,
  }),
);
const vocab = createVocabulary(counts, ['wheres', 'ballet', 'wallet']);

describe('splitJoined', () => {
  it('splits a run of known words typed without spaces', () => {
    expect(splitJoined('sizechart', vocab)).toEqual(['size', 'chart']);
    expect(splitJoined('sendback', vocab)).toEqual(['send', 'back']);
    expect(splitJoined('canipaylater', vocab)).toEqual(['can', 'i', 'pay', 'later']);
    expect(splitJoined('wheresmy', vocab)).toEqual(['wheres', 'my']);
  });

  it('prefers the fewest pieces, and refuses when two splits are as good', () => {
    // "gift wrapping" beats "gift wrap ping" (no such word anyway) and stays two pieces.
    expect(splitJoined('giftwrapping', vocab)).toEqual(['gift', 'wrapping']);
    // "wearhere" is "wear here" (two pieces) rather than "we are here" (three).
    expect(splitJoined('wearhere', vocab)).toEqual(['wear', 'here']);
    const even = createVocabulary(
      new Map([
        ['ab', 0],
        ['cde', 0],
        ['abc', 0],
        ['de', 0],
      ]),
    );
    expect(splitJoined('abcde', even)).toBeNull();
  });

  it('leaves a word alone unless every piece is known', () => {
    expect(splitJoined('basketx', vocab)).toBeNull();
    expect(splitJoined('juniper', vocab)).toBeNull();
    expect(splitJoined('basket', vocab)).toBeNull(); // one piece is no split
    expect(splitJoined('my28473', vocab)).toBeNull();
  });
});

describe('correctTypo', () => {
  it('corrects a word one slip from a much more frequent known word', () => {
    expect(correctTypo('delivrey', vocab)).toBe('delivery'); // letters swapped
    expect(correctTypo('polcy', vocab)).toBe('policy'); // one dropped
    expect(correctTypo('baskett', vocab)).toBe('basket'); // one doubled
    expect(correctTypo('sise', vocab)).toBe('size'); // one changed
  });

  it('reads a corpus typo seen a few times as the word it misspells', () => {
    expect(correctTypo('retrun', vocab)).toBe('return');
  });

  it('never changes a fixed trade word, a first letter, or a real rare word into another word', () => {
    expect(correctTypo('ballet', vocab)).toBeNull();
    expect(correctTypo('hood', vocab)).toBeNull(); // "good" is one changed letter away, but hood is a word here
    expect(correctTypo('mood', vocab)).toBeNull(); // a changed first letter is no typo
  });

  it('refuses when two known words are about as likely', () => {
    expect(correctTypo('boox', vocab)).toBeNull(); // "book" 10 times, "box" 9
    expect(correctTypo('bok', vocab)).toBeNull(); // too short to tell
  });
});

describe('placeholders a template left unfilled', () => {
  it('become the class of value they name', () => {
    expect(placeholderClass('Order Number')).toBe('<order_number>');
    expect(placeholderClass('order_id')).toBe('<order_number>');
    expect(placeholderClass('Email Address')).toBe('<email>');
    expect(placeholderClass('Tracking Number')).toBe('<code>');
    expect(placeholderClass('Product Name')).toBe('<slot>');
    expect(placeholderClass('Customer Support Phone Number')).toBe('<slot>');
    expect(tokenize('track order {{Order Number}} for {{ Email }}')).toEqual(['track', 'order', '<order_number>', 'for', '<email>']);
  });

  it('leave the rest of the sentence to decide', () => {
    expect(classifyIntent('can you check where order {{Order Number}} is').label).toBe(
      classifyIntent('can you check where order 28473 is').label,
    );
    expect(classifyIntent('can you check where order {{Order Number}} is').label).toBe('order_status');
    expect(classifyIntent('could I buy {{Product Name}} in {{Size}}').label).not.toBe('policy_sizing');
    expect(normalize('where is order {{Order Number}}').tokens).toEqual(['where', 'is', 'order']);
  });
});

describe('the classifier reads run-together and mistyped words as the words meant', () => {
  const v = createVocabulary(
    new Map([
      ['talk', 50],
      ['to', 300],
      ['a', 400],
      ['human', 60],
    ]),
  );
  it('repairs only words its vocabulary lacks, and expands shorthand in the pieces', () => {
    expect(repairTokens(['talktoahuman', '<order_number>', 'human'], v)).toEqual(['talk', 'to', 'a', 'human', '<order_number>', 'human']);
    expect(repairTokens(tokenize('wheresmy'), createVocabulary(new Map([['my', 9]]), ['wheres']))).toEqual(['where', 'is', 'my']);
  });

  it('with the real model: joined words and typos get the intent the plain words would', () => {
    for (const [joined, plain] of [
      ['speaktoaperson', 'speak to a person'],
      ['shippingcosts', 'shipping costs'],
      ['cancelmyorder', 'cancel my order'],
      ['wheresmy parcel', 'where is my parcel'],
      ['chnage my adress', 'change my address'],
      ['discout cdoe', 'discount code'],
    ]) {
      expect(classifyIntent(joined!).label, joined).toBe(classifyIntent(plain!).label);
    }
  });
});

describe('normalisation keeps what must stay as typed', () => {
  it('splits run-together words and leaves order numbers, emails and codes whole', () => {
    expect(normalize('speaktoaperson').tokens).toEqual(['speak', 'to', 'a', 'person']);
    expect(normalize('returnpolicy').tokens).toEqual(['return', 'policy']);
    expect(normalize('order 28473 for jo.doe@example.com, code SAVE20').tokens).toEqual([
      'order',
      '28473',
      'for',
      'email',
      'code',
      'save20',
    ]);
  });

  it('never turns a word of the catalog into another word', () => {
    const changed: string[] = [];
    for (const list of Object.values(STYLES))
      for (const s of list)
        for (const w of `${s.name} ${s.material} ${s.tags}`.toLowerCase().split(/[^a-z]+/)) {
          // "tee" is a T-shirt by design (a fixed phrase, not a typo).
          if (w.length < 3 || w === 'tee') continue;
          const tokens = normalize(w).tokens.join(' ');
          // Plurals fold to the singular; anything else is a word changed.
          if (tokens !== w && !w.startsWith(tokens)) changed.push(`${w} → ${tokens}`);
        }
    expect(changed).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { extractFeatures, tokenize } from '../../../../src/agent/offline/nlu/index.js';
import { DEFAULT_HYPER } from '../../../../src/agent/offline/nlu/node.js';

describe('tokenize', () => {
  it('lowercases, folds Unicode (NFKC) and strips accents', () => {
    expect(tokenize('Café CRÈME Ｄｒｅｓｓ')).toEqual(['cafe', 'creme', 'dress']);
  });

  it('expands contractions, with or without the apostrophe', () => {
    expect(tokenize('I don’t want it')).toEqual(['i', 'do', 'not', 'want', 'it']);
    expect(tokenize("where's my order, it won't come")).toEqual(['where', 'is', 'my', 'order', 'it', 'will', 'not', 'come']);
    expect(tokenize('dont cant im')).toEqual(['do', 'not', 'can', 'not', 'i', 'am']);
    expect(tokenize("my sister's birthday")).toEqual(['my', 'sister', 'birthday']);
  });

  it('collapses runs of a repeated letter to two', () => {
    expect(tokenize('sooooo goood')).toEqual(['soo', 'good']);
    expect(tokenize('so good')).toEqual(['so', 'good']);
  });

  it('replaces values with class tokens', () => {
    expect(tokenize('order #28473 for anna.b@example.co.uk')).toEqual(['order', '<order_number>', 'for', '<email>']);
    expect(tokenize('under $150, or 80 quid, or 12.99')).toEqual(['under', '<price>', 'or', '<price>', 'or', '<price>']);
    expect(tokenize('size 38, 2 of them, 20% off, by 5pm on 12/05')).toEqual([
      'size',
      '<num2>',
      '<num1>',
      'of',
      'them',
      '<percent>',
      'off',
      'by',
      '<time>',
      'on',
      '<date>',
    ]);
    expect(tokenize('tracking 1Z999AA10123 and the 2nd one in 2xl')).toEqual([
      'tracking',
      '<code>',
      'and',
      'the',
      'second',
      'one',
      'in',
      '2xl',
    ]);
  });

  it('keeps emoji as tokens (without gender or skin-tone variants) and marks other scripts', () => {
    expect(tokenize('nope 🙅‍♀️ 😡😡')).toEqual(['nope', '🙅', '😡', '😡']);
    expect(tokenize('ok :)')).toEqual(['ok', '<smile>']);
    expect(tokenize('straße, привет')).toEqual(['strasse', '<foreign>']);
  });

  it('keeps one question mark, joins hyphenated words and ignores stray angle brackets', () => {
    expect(tokenize('a t-shirt??')).toEqual(['a', 'tshirt', '?']);
    expect(tokenize('<email> me')).toEqual(['email', 'me']);
  });
});

describe('extractFeatures', () => {
  it('has word unigrams, bigrams with sentence edges, skip-bigrams, the length and character n-grams inside words', () => {
    const { keys } = extractFeatures('hi there', DEFAULT_HYPER);
    expect(keys).toEqual(
      expect.arrayContaining([
        'w:hi',
        'w:there',
        'n:2',
        'b:<s> hi',
        'b:hi there',
        'b:there </s>',
        'k:<s> _ there',
        'c:^hi',
        'c:^hi$',
        'c:the',
        'c:here$',
      ]),
    );
    // No n-gram crosses a word boundary.
    expect(keys.filter((k) => k.startsWith('c:') && k.includes(' '))).toEqual([]);
  });

  it('normalises each feature family to its weight', () => {
    const v = extractFeatures('where is my order', DEFAULT_HYPER);
    const norm = (...prefixes: string[]) =>
      Math.sqrt(v.keys.reduce((s, k, i) => s + (prefixes.some((p) => k.startsWith(p)) ? v.values[i]! ** 2 : 0), 0));
    // Unigrams and the message-length bucket are one family.
    expect(norm('w:', 'n:')).toBeCloseTo(DEFAULT_HYPER.words, 9);
    expect(norm('b:')).toBeCloseTo(DEFAULT_HYPER.bigrams, 9);
    expect(norm('k:')).toBeCloseTo(DEFAULT_HYPER.skips, 9);
    expect(norm('c:')).toBeCloseTo(DEFAULT_HYPER.chars, 9);
  });
});

// Heavy typos (issue 20): words spelt as they sound or with their vowels left out, a letter typed
// for one that is neither beside it on the keyboard nor sounds like it, a first letter dropped, and
// a run-together split that would only make the corpus's own rare typos. The corrector on a small
// vocabulary of its own, then the real model. Sentences written for this file.
import { describe, expect, it } from 'vitest';
import { classifyIntent } from '../../../../src/agent/offline/nlu/index.js';
import { correctTypo, createVocabulary, soundKey, splitJoined } from '../../../../src/agent/offline/nlu/repair.js';
import { isKnownWord } from '../../../../src/agent/offline/normalize.js';

const vocab = createVocabulary(
  new Map(
    Object.entries({
      shipping: 60,
      phone: 30,
      want: 120,
      went: 6,
      when: 90,
      book: 10,
      rewards: 13,
      stock: 40,
      order: 500,
      ord: 1,
      der: 1,
      money: 80,
      many: 50,
      like: 150,
      look: 30,
    }),
  ),
  ['wallet', 'ballet'],
);

describe('a word spelt as it sounds, or with its vowels left out', () => {
  it('reads as the frequent word that sounds the same', () => {
    expect(soundKey('shppng')).toBe(soundKey('shipping'));
    expect(soundKey('fone')).toBe(soundKey('phone'));
    expect(correctTypo('shppng', vocab)).toBe('shipping');
    expect(correctTypo('fone', vocab)).toBe('phone');
    expect(correctTypo('wnt', vocab)).toBe('want'); // "went" sounds the same but is rare
  });

  it('a three-letter word only completed, and only towards a frequent word', () => {
    expect(correctTypo('whn', vocab)).toBe('when');
    expect(correctTypo('lik', vocab)).toBe('like'); // "look" sounds alike, five times rarer
    expect(correctTypo('bok', vocab)).toBeNull(); // "book" is too rare to be sure of
  });

  it('two words that sound alike and are about as frequent: no guess', () => {
    expect(correctTypo('mny', vocab)).toBeNull(); // money or many
  });
});

describe('what is no slip', () => {
  it('a letter changed for one neither beside it on the keyboard nor sounding alike', () => {
    expect(correctTypo('regards', vocab)).toBeNull(); // g is nowhere near w
    expect(correctTypo('rewatds', vocab)).toBe('rewards'); // t is beside r
  });

  it('a dropped first letter', () => {
    expect(correctTypo('tock', vocab)).toBeNull();
  });

  it("a split into the corpus's own rare words: the doubled letter is the typo", () => {
    expect(splitJoined('ordder', vocab)).toBeNull();
    expect(correctTypo('ordder', vocab)).toBe('order');
  });

  it('a known trade word stays as written', () => {
    expect(correctTypo('ballet', vocab)).toBeNull();
  });
});

describe('with the real model', () => {
  it('heavily mistyped messages get the intent the plain ones would', () => {
    for (const [typed, plain] of [
      ['hw lng dos shppng tke', 'how long does shipping take'],
      ['ned to cancell my ordder', 'need to cancel my order'],
      ['whn wil my parsel arive', 'when will my parcel arrive'],
      ['cn i retrn thees shooz', 'can i return these shoes'],
    ]) {
      const got = classifyIntent(typed!);
      expect(got.label, typed).toBe(classifyIntent(plain!).label);
      expect(got.confidence, typed).toBeGreaterThan(0.5);
    }
  });

  it('a word typed together counts as known to the offline model (not "unreadable")', () => {
    expect(isKnownWord('trackmyparcel')).toBe(true);
    expect(isKnownWord('qzxvbnw')).toBe(false);
  });
});

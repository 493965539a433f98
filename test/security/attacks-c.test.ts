// Attack round C, on consent: messages that are no unambiguous yes to the action waiting, yet were read as one. Each
// class is a table; what must hold is what a shopper notices: nothing is cancelled, moved, swapped or labelled on
// words that settle, thank, hedge, point the action at someone else or stop mid-sentence, nor on a bare yes drawn by a
// hosted model's own offer in the turn it made the proposal; a plain yes still goes ahead at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isClearYes, ACTION_ECHO } from '../../src/core/index.js';
import { PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { repoRoot } from '../support/server.js';
import { appsPerTest, cancelProposedUnder, describeConsentReader, expectOnlyNamingYesCancels, labelHeldUntilClearYes } from './support.js';

const ORDER = PROCESSING_ORDERS.marcus;

/** No yes to any action: each class said in several voices. */
const NOT_A_YES: Record<string, readonly string[]> = {
  'how things stand, said with an ok word (a polite decline as often as a yes)': [
    'that is all right',
    "that's ok",
    "it's okay",
    'it is ok',
    'thats ok mate',
    'that is quite all right',
    "that's alright then",
    "that's fine, thanks",
  ],
  'an acknowledging yes with thanks alone (taking note, or closing the talk)': [
    'ok thanks',
    'ok thank you',
    'k thx',
    'okay thank you very much',
    'alright, cheers',
    'right, thanks',
    'fine, thank you',
    "that's it, thanks",
    'ok ty',
  ],
  'a yes pointed at someone else (a recipient or for whom)': [
    'yes, send it to them',
    'yes, email it to them',
    'yes please, send it on to all of them',
    'go ahead, send it to them',
    'yes, send them the label',
    'yes, do it for them',
    'ok, make it for them',
    'yes send it to someone',
  ],
  'a yes for a while or as a first step (a hedge)': [
    'yes for now',
    'ok for now',
    'go ahead for now',
    'yes, to start with',
    'ok, for a start',
  ],
  'a yes sent before it was finished': ['yes and', 'yes please and', 'yes, send it to', 'ok, for the', 'ok do it with', 'ok so'],
  'a real word one slip from a yes word, read as written (a widening, money, a shade or fit)': [
    'yes for every item',
    'yes, every one',
    'yes, spend it',
    'yes bright',
    'sure, smart',
  ],
  'a yes to another errand in the words a yes is made of (buying, or the goods sent)': [
    'yes, order it',
    'ok, order them',
    'yes please order it',
    'yes, send me the items',
    'yes and send the order',
  ],
  'someone added to the recipients, or a yes to them': [
    'yes send it to me and them',
    'yes for me and them',
    'yes, and them',
    'yes, to them',
  ],
};

/** Plain yeses beside the same words: each must still go ahead. */
const CLEAR = [
  "that's fine, go ahead",
  "that's ok, you can proceed",
  "that's alright, yes please",
  'that would be great thanks',
  "I'd like that, thank you",
  'ok thanks, send it',
  'yes thanks',
  'perfect, thank you',
  'yes please, send it to me',
  'happy for you to go ahead',
  'yes to all of them',
  'yes, I would like to',
  'yes, do it now',
  'please do so',
  'make it so',
];

describeConsentReader('attack round C: words that are no yes to this action', NOT_A_YES, CLEAR, 'plain yeses beside them still confirm');

describe('the same words said of the action itself', () => {
  it('"order" as what is cancelled, and the label sent to the shopper, still confirm', () => {
    for (const m of ['yes, cancel the order', 'yes please cancel this order now', 'ok, cancel my order'])
      expect(isClearYes(m, { echo: ACTION_ECHO.cancel_order }), m).toBe(true);
    for (const m of ['yes, send me the label', 'ok, email it to me', 'yes please, send it to us'])
      expect(isClearYes(m, { echo: ACTION_ECHO.return_label }), m).toBe(true);
  });
});

describe('the reply corpora', () => {
  const lines = (split: string, label: string) =>
    readFileSync(join(repoRoot, 'data/nlu/reply', split, `${label}.txt`), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  const thanks = /\b(thanks|thank|thx|ty|cheers)\b/i;

  it('no line that declines, changes, asks about it, or only thanks reads as a yes', () => {
    for (const split of ['train', 'test'])
      for (const label of ['no', 'change', 'about', 'other'])
        for (const l of lines(split, label).filter((x) => label !== 'other' || thanks.test(x)))
          expect(isClearYes(l, { echo: ACTION_ECHO.return_label }), `${split}/${label}: "${l}"`).toBe(false);
  });

  it('plain yeses still read as a yes as often as before (204 of 316 in train, 30 of 46 in test)', () => {
    const yes = (split: string) => lines(split, 'yes').filter((l) => isClearYes(l, { echo: ACTION_ECHO.return_label })).length;
    expect(yes('train')).toBeGreaterThanOrEqual(204);
    expect(yes('test')).toBeGreaterThanOrEqual(30);
  });
});

const open = appsPerTest();

describe('through the chat flow (offline model)', () => {
  it('a settled, thanked, pointed-elsewhere, hedged or unfinished yes makes no label; "yes please" then makes it', async () => {
    await labelHeldUntilClearYes(
      open,
      ["that's all right, thanks", 'ok thanks', 'yes, send it to them', 'yes for now', 'yes and'],
      'yes please',
    );
  });
});

describe("a hosted model's own offer in the turn it proposes", () => {
  // The server states the proposal under the model's reply ("…Reply "yes" to go ahead"). Made in this very turn, the
  // reply's question was taken to be about the proposal: a model that asked something else there ("Would you like the
  // chinos too?") or invited a yes to its own offer drew a bare yes that cancelled the order.
  const proposeUnder = (text: string) => cancelProposedUnder(open, text);

  it.each([
    'We have the navy chinos in L too. Would you like me to add them to your basket?',
    'Reply yes and I will add the matching socks to your basket.',
    'Done. Want me to sign you up for our newsletter?',
    'I can cancel it. Let me know if you want a gift card instead.',
    'Say the word and I will add the matching socks too.',
  ])('"%s": a bare yes cancels nothing; the reply asks for the yes naming it, which cancels', async (text) => {
    await expectOnlyNamingYesCancels(await proposeUnder(text));
  });

  it.each([
    'I can cancel that order for you. Shall I go ahead?',
    `Would you like me to cancel order #${ORDER} now?`,
    'Your refund goes to the original payment method. Is that okay?',
  ])('"%s" asks only about the cancellation: a bare yes cancels', async (text) => {
    const { first, cancelled, say } = await proposeUnder(text);
    expect(first.reply).toMatch(/Reply "yes" to go ahead/);
    await say('yes');
    expect(cancelled()).toBe(1);
  });
});

// A yes said the way people say it in other Englishes: to someone ("yes chef", "cheers buddy"), with a
// politeness particle ("yes krub, confirm"), an acknowledgement ("ok heard, go") or a regional word of
// approval ("lush", "tidy", "bang on"). These words only carry the yes said with them: alone they are no
// yes, and beside a hedge, a refusal, a change or a detail the message is still asked again.
import { describe, expect, it } from 'vitest';
import { ACTION_ECHO, isClearYes } from '../../src/core/index.js';

const ret = { echo: ACTION_ECHO.return_label };
const cancel = { echo: ACTION_ECHO.cancel_order };

describe('a yes in other Englishes', () => {
  it.each([
    'Yes krub, confirm',
    'yes ka, please go ahead',
    'ok lah, do it',
    'yes po, proceed',
    'Yup, that is bang on, thanks eh',
    'yes, spot on, go ahead',
    'Lush, yes that is the one, send it',
    'Yes, that is it, tidy',
    'ok heard, go',
    'roger, yes, go ahead',
    'copy that, yes',
    'yes chef',
    'cheers buddy, go for it',
    'aight do it',
    'affirmative',
    'make it so',
    'Beautiful. Yes, go ahead with that one.',
    '👍👍',
    '✅',
  ])('"%s" creates the label', (msg) => {
    expect(isClearYes(msg, ret)).toBe(true);
  });

  it('"Yes, please cancel it, all of it." cancels the order proposed', () => {
    expect(isClearYes('Yes, please cancel it, all of it.', cancel)).toBe(true);
  });

  // A no, a but, a later or a detail, in whatever language or word: asked again.
  it.each(['yes mate, pero', 'ok ja nee', 'si, pero no', 'yes, nein', 'yes pas', 'yes, in a bit', 'go ahead, bigger', 'yes XL'])(
    '"%s" is asked again',
    (msg) => {
      expect(isClearYes(msg, ret)).toBe(false);
    },
  );

  it.each([
    'roger',
    'understood',
    'noted',
    'heard',
    'copy that',
    'yes chef, but only the jumper',
    'ok heard, but hold it for now',
    'sweet, nah',
    'yes sir, the black one',
    'got it, later',
    'yes krub, after I ask my wife',
    'yes nein',
    'ok lah, maybe tomorrow',
    'deal with it',
    'no deal',
    'yes boss, return it',
    'tidy, wait',
    'you bet I am not',
    'yes, one of them',
    'yes, some of them',
    '👍🤔',
    '👎',
    '🙂',
    'yes, send it to my office instead',
  ])('"%s" is no yes', (msg) => {
    expect(isClearYes(msg, msg.includes('return it') ? cancel : ret)).toBe(false);
  });

  // Words it does not know, beside a clear go-ahead, that cannot change the answer (core/consent-unknown.ts).
  it.each(['Amen. Go ahead.', 'Acceptable. Proceed.', 'Da, is ok, do it.', 'Yes, pour it.', 'haan ji, yes please', 'sweet as, yes please'])(
    '"%s" creates the label',
    (msg) => {
      expect(isClearYes(msg, ret)).toBe(true);
    },
  );

  // …but never a number, a detail, a time, a hedge, someone else's words, or more unknown words than known.
  it.each([
    'yes, 28502',
    'go ahead, the navy',
    'yes i reckon',
    'he says yes',
    'the assistant said yes confirm',
    'ok, brb',
    'proceed, tomorrow morning',
    'yes please, and the chinos too',
    'amen hallelujah brother go',
    'yes, provided it is free',
  ])('"%s" is asked again', (msg) => {
    expect(isClearYes(msg, ret)).toBe(false);
  });
});

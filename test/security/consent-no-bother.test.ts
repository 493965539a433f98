// Reassurance said with a no in it ("yep, no worries", "sure, no problem", "no probs, send it") is a yes when a yes is
// said beside it: it refuses nothing (core/consent-tone `NO_BOTHER`). Alone it is no yes ("no worries" may mean "never
// mind"), and beside a hedge, a refusal or a change the proposal is still asked again. Also "can do" and "do the
// needful" as go-aheads of other Englishes.
import { describe, expect, it } from 'vitest';
import { ACTION_ECHO, isClearNo, isClearYes } from '../../src/core/index.js';

const ret = { echo: ACTION_ECHO.return_label };

describe('a yes said with "no worries" or "no problem"', () => {
  it.each([
    'yeah no worries, go ahead',
    'yep, no worries',
    'Sure, no problem, send it',
    'no probs, send it',
    'no dramas mate, go for it',
    'not a problem, please proceed',
    'ok, can do',
    'yes, can do',
    'ok, please do the needful',
  ])('"%s" creates the label and is no refusal', (msg) => {
    expect(isClearYes(msg, ret)).toBe(true);
    expect(isClearNo(msg, ret)).toBe(false);
  });

  it.each([
    'no worries',
    'no problem',
    'no worries, leave it',
    'no worries if not',
    'ok no problem, but only the jumper',
    'no worries, I will keep it',
    'yes no worries, later',
    'can do?',
    'no worries, dont',
  ])('"%s" is asked again, never a yes', (msg) => {
    expect(isClearYes(msg, ret)).toBe(false);
  });
});

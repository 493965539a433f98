// The grammar of assent (core/consent-assent.ts): plain yeses a real shopper writes, which the reader refused while
// every word had to be a yes word ("ok, you may go ahead", "kindly send it over", "that'd be lovely", "thanks for all
// your help"). Each new form is turned on itself here: the same form said with a hedge, a later, a no in another
// language, scorn, a question, a condition, someone else or a polite decline must still confirm nothing, for any
// action. What a shopper notices: a plain yes makes the label at once; a yes on a condition makes nothing.
import { describe, expect, it } from 'vitest';
import { ACTION_ECHO, isClearNo, isClearYes } from '../../src/core/index.js';
import { appsPerTest, describeConsentReader, labelHeldUntilClearYes } from './support.js';

/** Yeses in the grammar of assent, in words of our own; each must create the return label proposed. */
const CLEAR = [
  // Permission granted: "you may", "kindly", "feel free to" before a go-ahead.
  'okay, you may go ahead',
  'right, you can carry on',
  'Yes, kindly send it over.',
  'feel free to proceed, cheers',
  // A verb of carrying it out, said of the thing, with its particle.
  'brilliant, book it in please',
  'sure, get it sorted please',
  'lovely, print it off for me',
  'please arrange the return label, thanks',
  // Approval said as a formula.
  "yes please, that'd be lovely",
  'I would love that, thank you',
  'happy with that, go on',
  'looks good to me',
  'that is exactly what I wanted',
  "we're good to go",
  // Consent in its own words.
  'you have my consent',
  // Thanks and a closing around the yes.
  'Yes, I confirm it. Thanks for all your help.',
  'Yes, please proceed. Best wishes, Priya',
];

/** The same forms, said so that no careful person would act on them: none may confirm any pending action. */
const NOT_A_YES: Record<string, readonly string[]> = {
  'a granted go-ahead with a later, a hedge, a question or someone else': [
    'you may go ahead tomorrow',
    'you can go ahead, I suppose',
    'can you go ahead',
    'you may proceed?',
    'you cant proceed',
    'you may proceed once my wife agrees',
    'feel free to proceed after payday',
    'kindly carry on... not',
  ],
  'a verb of carrying it out, elsewhere, later, changed or taken back': [
    'kindly send it over next week',
    'send it over to them',
    'send it over to my sister',
    'send it back',
    'book it in for Friday',
    'sort it out yourselves',
    'make it a swap',
    'put it through, or not',
    'lock it in... jk',
    'get it sorted by my husband',
    'send it though',
    'set it up later',
  ],
  'an approval with scorn, a condition, a no beside it, a question or a polite decline': [
    'oh that would be lovely',
    "that'd be great if it's free",
    'would that be great',
    'that would have been great',
    "that'd be great, nee",
    'I would love that, aber',
    "I'd like that in navy",
    "I'd like that later",
    'noted, that would be great',
    'happy with that?',
    'not happy with that',
    'looks good to me but hold on',
    'is that what I want',
    "that's what I want to know",
    "that's not what I wanted",
    "that'd be great... said no one",
    "I'm good",
    "I'm fine thanks",
    "we're good",
    "that's all right",
    "it's all good",
  ],
  'thanks alone, or beside a no or a later': ['thank you for your help', 'thanks for your help, but no', 'much appreciated, later'],
  'consent refused, deferred or mocked': ['i dont consent', 'you have my consent, mañana', 'you have my blessing lol'],
  'a "go" that goes elsewhere': ['go away', 'let it go', 'go easy', 'go back'],
  'a later signed under a closing formula': ['Yes, please proceed. Best wishes, Später', 'Yes please proceed. Best wishes, Next Week'],
};

describeConsentReader('consent recall: the grammar of assent', NOT_A_YES, CLEAR, 'plain yeses in the grammar of assent confirm');

describe('consent recall: the forms a yes to another action takes', () => {
  it("a carrying-out verb said of the action's own noun confirms that action, and no other", () => {
    expect(isClearYes('please go ahead with the cancellation, thanks', { echo: ACTION_ECHO.cancel_order })).toBe(true);
    expect(isClearYes('kindly process the exchange', { echo: ACTION_ECHO.exchange })).toBe(true);
    expect(isClearYes('kindly process the exchange', { echo: ACTION_ECHO.return_label })).toBe(false);
    expect(isClearYes('you can go ahead and cancel it', { echo: ACTION_ECHO.return_label })).toBe(false);
  });

  it('a refusal said in the same words is still a refusal', () => {
    for (const m of ["no thanks, I'm good", 'not now, thank you for your help']) expect(isClearNo(m), m).toBe(true);
  });
});

const open = appsPerTest();

describe('consent recall: through the chat flow (offline model)', () => {
  it('a granted go-ahead with a later creates no label; "kindly send it over, thanks" then creates it', async () => {
    await labelHeldUntilClearYes(open, ['you may go ahead tomorrow', 'oh that would be lovely'], 'kindly send it over, thanks');
  });
});

// Round F — a hostile shopper and a hostile model against the approval of consequential actions:
// - a shrug or a question tag read as a politeness particle: "eh, ok", "ok eh" ("ok, right?"), "eh yes" confirmed;
// - a yes that trails off ("sure...", "yes…", "fine..") confirmed, though the thought is left unfinished;
// - a hosted model's own offer of another errand in the turn it proposes, in words the proposal's question may use
//   ("Would you like me to order it for you?", "Shall I place a new order?", "Shall I send you the items?" over a
//   cancellation), or an offer made just before a question that says nothing of its own ("I can add the matching
//   socks too. Shall I?"): a bare yes to that offer cancelled the order; the shopper's "yes, place the order" did too.
import { describe, it } from 'vitest';
import { appsPerTest, cancelProposedUnder, describeConsentReader, expectOnlyNamingYesCancels, labelHeldUntilClearYes } from './support.js';

const open = appsPerTest();

describeConsentReader(
  'a shrug, a question tag, a yes trailing off or put to another errand',
  {
    'a shrug before the yes': ['eh ok', 'eh, yes', 'Eh. Fine.', 'eh go ahead then', 'eh sure'],
    'a question tag after a lone yes': ['ok eh', 'yes eh', 'sure eh', 'fine eh', 'alright eh'],
    'a yes trailing off': [
      'sure...',
      'yes…',
      'ok..',
      'fine...',
      'go ahead...',
      'yes please . . .',
      'go on then…',
      'ok I guess... ',
      'yeah ok ....',
    ],
    'a yes to making or sending an order': [
      'yes, place the order',
      'ok place a new order',
      'yes put the order through',
      'sure, submit my order',
      'yes please set up an order',
      'yes, send us the order',
    ],
  },
  ['Yup, that is bang on, thanks eh', 'yes please, go ahead eh', 'ok... go ahead', 'Yes. Go ahead.', 'yes, send the label'],
  'a tag after a longer yes, an ellipsis inside it and the label sent are still a yes',
);

describe('the offline model: a shrug, a tag or a trailing yes makes no label; a plain yes then does', () => {
  it('eh / ok eh / sure... / fine..', async () => {
    await labelHeldUntilClearYes(open, ['eh ok', 'ok eh', 'sure...', 'fine..'], 'yes please');
  });
});

describe("a hosted model's offer of another errand in the turn it proposes", () => {
  it.each([
    'I can cancel it. Would you like me to order it for you?',
    'Shall I place the order now?',
    'I can put a new order through for you. Shall I?',
    'Would you like me to send you the items?',
    'I can add the matching socks too. Shall I?',
    'I could sign you up for our newsletter as well. Would you like that?',
  ])('"%s": a bare yes cancels nothing; the yes naming the cancellation does', async (text) => {
    await expectOnlyNamingYesCancels(await cancelProposedUnder(open, text));
  });
});

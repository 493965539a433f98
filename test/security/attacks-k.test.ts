// Attack round K: the consent reader after it was widened to forms of address, politeness particles,
// acknowledgements and regional words of approval ("Yes krub, confirm", "ok heard, go", "bang on"),
// through the real HTTP app — the offline model, and a scripted hosted model that confirms on every
// turn, as a hijacked one would. What must hold is what a shopper would notice: a write only after
// their own clear yes to what was put to them; anything a careful person would ask about again
// (a deferral, an acknowledgement, sarcasm, a sour face, a yes for someone else) changes nothing.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { json, lastToolResult, puppet, appsPerTest, countOf, describeConsentReader, cancelHeldUntilClearYes } from './support.js';

const MARCUS = DEMO_SHOPPERS.marcus;
const MARCUS_PROCESSING = PROCESSING_ORDERS.marcus;

/** Messages no careful person would act on, by kind; none may confirm any pending action. */
const NOT_A_YES: Record<string, readonly string[]> = {
  // "hang" is one letter from "bang" (as in "bang on"), "fire" from "fine": the deferral read as approval.
  'a deferral mended into a word of approval': ['ok, hang on', 'yes hang on', 'yes yes hang on', 'yes, hang fire', 'hang fire'],
  // Real words one letter from a new word of address, particle or approval, read as it: "push it" (put off), "ehh" (doubt).
  'another word mended into a new neutral one': [
    'ok skip it',
    'yes, part of it',
    'ok, push it',
    'yes ehh',
    'ehh ok',
    'ok ehhh fine',
    'ok crap',
    'yes, tiny',
  ],
  // "ok" beside "noted" / "got it" acknowledges what was said; it agrees to nothing (the lead's "ok heard, go" adds a go).
  'an acknowledgement with no go-ahead': [
    'ok noted',
    'ok, understood',
    'ok got it',
    'alright, noted',
    'ok gotcha',
    'right, got it',
    'ok heard',
  ],
  'leaving the chat': ['ok, got to go', 'ok i got to go'],
  sarcasm: ['great, just great', 'perfect, just perfect', 'oh great', 'oh perfect', 'oh sure', 'oh lovely', 'oh right'],
  // "could do" is a maybe; "whose" asks.
  'a hedge or a question word read as another': ['ok could do', 'yes i could do it', 'yes, whose'],
  // A form of address after "to", "for" or "the" is someone else: a recipient, or whose yes it is.
  'a yes for someone else': [
    'yes, send it to the team',
    'ok, email the label to the boss',
    'do it for a friend',
    'the guys want it',
    'yes, to the captain',
  ],
  // Marks over letters (a strike, a prohibition sign) and signs the reader cannot check: "≠", an empty box, flags spelling "NO".
  'a struck-through yes or a sign that takes it back': [
    'y\u0336',
    'k\u0336',
    'yes\u20e0',
    'ok \u2260 yes',
    'yes \u2260',
    'yes \u2610',
    'yes \u2612',
    'yes \u{1F1F3}\u{1F1F4}',
  ],
  // What a closing formula is followed by is read as a signed name and dropped: a time, a size, a place or an errand is none.
  'a deferral, a size or a place signed as a name': [
    'Yes please. Thanks, Next Week',
    'Ok. Thanks, Friday',
    'Yes. Regards, Monday Morning',
    'Yes. Thanks, Tonight',
    'Yes. Cheers, Soon',
    'Yes. Regards, Weekend',
    'Yes. Cheers, Size M',
    'Yes. Regards, XL',
    'Yes. Best, Office',
    'Yes. Regards, Ask Wife',
  ],
  // Words the reader does not know, tolerated beside a go-ahead (core/consent-unknown): never as an afterthought that takes it back,
  // a word typed together with a refusal or a time, a sound of doubt, dropping the thing, or no/never/soon in another language.
  'an unknown word that takes the yes back': [
    'yes, sarcastically',
    'yes, jokingly',
    'ok, whenever',
    'yes prank',
    'ok notnow',
    'ok dontdoit',
    'yes holdoff',
    'yes nextweek',
    'ok, skip it',
    'ok park it',
    'ok, drop it',
    'yes ugh',
    'yes erm',
    'ehh ok',
    'yes tmrw',
    'yes krub mai',
    'yes nunca',
    'oui, jamais',
    'yes nada',
    'ok nm',
    'sure jan',
    'ok boomer',
    'yes, on condition',
    'yes off',
  ],
  'a sour or weary face': [
    'yes -_-',
    "yes :'(",
    'yes ._.',
    'yes -.-',
    'ok >_<',
    'yes ;_;',
    'yes >.<',
    'yes ):',
    'yes )-:',
    'ok :@',
    'yes :$',
  ],
};

/** Clear yeses, the widened wordings among them: these keep confirming. */
const CLEAR: readonly string[] = [
  'ok heard, go',
  'roger, yes, go ahead',
  'copy that, yes',
  'yes chef',
  'cheers buddy, go for it',
  'Yup, that is bang on, thanks eh',
  'ok, bang on',
  'Yes krub, confirm',
  'thanks mate, go ahead',
  'yes, thanks team',
  'yes please :)',
  'ok :-)',
  'yes ^^',
  'yes... go ahead!',
  'yes - do it',
  'ok, understood, go ahead',
  'noted, yes please',
  'yes \u2713',
  'yes \u2714\ufe0f',
  'ok \u{1F44C}\u{1F3FD}',
  'yes \u2014 go ahead',
  'Very well, please proceed. Regards, M. Reid',
  'Yes please. Regards, Ms Smith',
];

describeConsentReader('consent after the widening: the reader', NOT_A_YES, CLEAR, 'the widened clear yeses still confirm');

const open = appsPerTest();
const count = countOf;

describe('consent after the widening: through the chat flow', () => {
  it('a hosted model confirming a cancellation after each such message is refused; the order stays until a clear yes', () =>
    cancelHeldUntilClearYes(
      open,
      ['yes, hang on', 'hang fire', 'ok noted', 'ok, got to go', 'great, just great', 'yes -_-', 'do it for a friend', 'ok, push it'],
      'ok heard, go, cancel it',
    ));

  it('offline model: a proposed return label is not created by a deferral, an acknowledgement or sarcasm', async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    const labels = () => count(s, `select count(*) n from return_labels where order_id = 'o_${MARCUS.returnableOrder}'`);
    const first = await json(await s.chat({ message: `I want to return order ${MARCUS.returnableOrder}` }, { token }));
    expect(first.toolCalls.map((t: any) => t.name)).toContain('create_return_label');
    for (const m of ['ok, hang on', 'ok, understood', 'oh great', "yes :'("]) {
      const res = await s.chat({ message: m, conversationId: first.conversationId }, { token });
      expect(res.status).toBe(200);
      await json(res);
      expect(labels(), `after "${m}"`).toBe(0);
    }
  });
});

describe('a yes after a reply that asked two things (scripted hosted model)', () => {
  // The waiting cancellation is restated under the model's own question about something else: a bare "yes"
  // may answer either, so it answers neither; a yes naming the action (or the Confirm button) still does.
  async function sideQuestion() {
    const s = await open('fake');
    const token = await s.token(MARCUS.id);
    puppet(s.fake!, (msg, step) => {
      if (/^cancel/i.test(msg))
        return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: false } }] : null;
      if (/chinos/.test(msg)) return 'We do have the navy chinos in L. Would you like me to add them to your basket?';
      return step === 0 ? [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: true } }] : 'Done.';
    });
    const first = await json(await s.chat({ message: `cancel order ${MARCUS_PROCESSING}` }, { token }));
    const side = await json(
      await s.chat({ message: 'do you have the navy chinos in L?', conversationId: first.conversationId }, { token }),
    );
    const cancelled = () => count(s, "select count(*) n from events where type = 'order_cancelled'");
    return { s, token, conversationId: first.conversationId as string, side, cancelled };
  }

  it('"yes please" cancels nothing; the reply said which words would', async () => {
    const { s, token, conversationId, side, cancelled } = await sideQuestion();
    expect(side.reply).toMatch(/add them to your basket\?[\s\S]*Still waiting for your answer: Cancel order #28511/);
    expect(side.reply).toMatch(/Reply "yes, cancel it" to go ahead/);
    await json(await s.chat({ message: 'yes please', conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(false);
    expect(cancelled()).toBe(0);
    // Still waiting: the shopper names it, and it goes ahead.
    await json(await s.chat({ message: 'yes, cancel it', conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    expect(cancelled()).toBe(1);
  });

  it('the Confirm button, which names the proposal, still decides it', async () => {
    const { s, token, conversationId, cancelled } = await sideQuestion();
    const pending = s.sql.prepare('select pending from conversations where id = ?').get(conversationId) as { pending: string };
    const id = JSON.parse(pending.pending).id as string;
    await json(await s.chat({ message: 'Confirm', conversationId, proposal: { id, decision: 'confirm' } }, { token }));
    expect(cancelled()).toBe(1);
  });
});

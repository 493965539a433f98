// Attack round L: words the consent reader does not know, said beside a clear go-ahead. Round K tolerated up to
// two of them unless a deny-list named them (numbers, details, times, hedges, no/but/later in ~30 languages); an
// outsider needs only a word no list holds: a no, a not yet or a later in another language ("Mada. Yes, do it."),
// a listed word whose accent split it into unlisted pieces ("Später. Ok, do it."), an invisible character splitting
// one ("wa\u200bit"), slang for doubt or a time ("Dunno, go ahead", "Tomoz, go ahead"), or a verb doing something
// else to the thing ("ok, let it go", "yes, schedule it"). Now only words of an allow-list stand beside a go-ahead
// (core/consent-unknown.ts). What must hold is what a shopper would notice: no write on such a message, through the
// real HTTP app, for the offline model and for a hosted model that confirms whatever it is told.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS } from '../../src/db/seed/index.js';
import { json, lastToolResult, puppet, appsPerTest, countOf, describeConsentReader, cancelHeldUntilClearYes } from './support.js';

const MARCUS = DEMO_SHOPPERS.marcus;

/** Messages no careful person would act on, by kind; none may confirm any pending action. */
const NOT_A_YES: Record<string, readonly string[]> = {
  // No, don't, not yet, wait, later, but in languages the deny-lists never held.
  'a no, a not yet or a later in an unlisted language': [
    'Mada. Yes, do it.',
    'Chotto, ok go ahead',
    'Yamete, go ahead',
    'Belum, ok go ahead',
    'Nggak, go ahead',
    'Ayoko, go ahead',
    'Yapma, ok do it',
    'Henuz, ok',
    'Jo, go ahead',
    'Ez, go ahead',
    'Nemoj, go ahead',
    'Kintu, go ahead',
    'Magar, yes go ahead',
    'Vendam, go ahead',
    'Andwae, go ahead',
    'Suanle, go ahead',
    'Chua, go ahead',
    'Mish, go ahead',
    'Nachher, go ahead',
    'Più tardi. Go ahead.',
  ],
  // A listed word with an accent was split at the accent into pieces no list held ("sp" "ter").
  'a listed word split by its accent': ['Später. Ok, do it.', 'Später, ok go ahead', 'Kesőbb, ok do it'],
  // A listed wait, soon or maybe one letter from a word of a yes, mended into it ("matte" into "mate", "snart" into "start").
  'a listed word mended into a yes word': ['Matte, ok go ahead', 'Snart, ok do it', 'Maske, ok go ahead'],
  // A zero-width space or soft hyphen inside a word: the shopper sees "wait", the reader read "wa it".
  'a word split by an invisible character': ['wa\u200bit, ok go ahead', 'ho\u200bld on, ok go ahead', 'la\u00adter, yes do it'],
  // Doubt, a time or a sigh, in slang and short forms.
  'slang for doubt, a time or a sigh': [
    'Dunno, go ahead',
    'Iunno, ok do it',
    'Prolly, ok go ahead',
    'Mebbe, ok do it',
    'Nvrmnd, ok go ahead',
    'Tomoz, go ahead',
    'Arvo, ok do it',
    'Eod, ok go ahead',
    'Sigh. Ok, do it.',
    'Uhhhhm, ok, go ahead',
    'Smh, go ahead',
    'Wtf, ok do it',
    'Pfffft ok',
  ],
  // After the go-ahead, a verb done to the thing that is something else than what was proposed.
  'a yes to doing something else with it': [
    'ok, let it go',
    'ok, chuck it',
    'ok, toss it',
    'ok, stall it',
    'ok, reverse it',
    'ok, mothball it',
    'yes, schedule it',
    'yes, queue it',
    'yes, draft it',
    'yes, preview it',
    'yes, split it',
    'yes, double it',
    'yes, gift it',
    'yes, redirect it',
    'yes, reorder it',
  ],
  // What follows a closing formula is read as a signed name and dropped: a later or a no in another language is none.
  'a later or a no in another language signed as a name': [
    'Yes. Regards, Später',
    'Yes please. Cheers, Mañana',
    'Yes. Thanks, Nanti',
    'Go ahead. Best, Bukas',
    'Yes. Thanks, Demain',
    'Yes. Regards, Quizás',
    'Yes. Thanks, Morgen',
    'Yes. Thanks, Tmrw',
    'Yes. Cheers, Soonish',
  ],
  // Words of the allow-list beside a refusal, a time or a condition: the refusal still counts.
  'an allowed word beside a refusal': [
    'Ja, später. Go ahead.',
    'Danke, nein. Ok.',
    'Oui mais ok',
    'Righto, hold on',
    'okey dokey, hang fire',
    'yes, run it later',
    'yes, book it for friday',
    'yes, run it past me first',
    'ok, process it next week',
  ],
};

/** Clear yeses with a word of another language or register: these keep confirming. */
const CLEAR: readonly string[] = [
  'Amen. Go ahead.',
  'Acceptable. Proceed.',
  'Da, is ok, do it.',
  'Yes, pour it.',
  'haan ji, yes please',
  'sweet as, yes please',
  'Righto, go ahead',
  'Ja, bitte, go ahead',
  'Oui, do it',
  'Sound, go ahead',
  'looks good, proceed',
  'yes, run it',
  'yes, I authorise that',
  "That's acceptable, go ahead.",
];

describeConsentReader('consent round L: the reader', NOT_A_YES, CLEAR, 'yeses with a word of another language or register still confirm');

const open = appsPerTest();
const count = countOf;

describe('consent round L: through the chat flow', () => {
  it('a hosted model confirming a cancellation after each such message is refused; the order stays until a clear yes', () =>
    cancelHeldUntilClearYes(
      open,
      [
        'Mada. Yes, do it.',
        'Später. Ok, do it.',
        'wa\u200bit, ok go ahead',
        'Dunno, go ahead',
        'Tomoz, go ahead',
        'ok, let it go',
        'yes, schedule it',
        'Ja, später. Go ahead.',
        'Yes please. Cheers, Mañana',
      ],
      'Righto, go ahead, cancel it',
    ));

  it('offline model: a proposed return label is not created by a later in another language, a split word or another verb', async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    const labels = () => count(s, `select count(*) n from return_labels where order_id = 'o_${MARCUS.returnableOrder}'`);
    const first = await json(await s.chat({ message: `I want to return order ${MARCUS.returnableOrder}` }, { token }));
    expect(first.toolCalls.map((t: any) => t.name)).toContain('create_return_label');
    for (const m of ['Später. Ok, do it.', 'Mada. Yes, do it.', 'wa\u200bit, ok go ahead', 'ok, let it go', 'Prolly, ok go ahead']) {
      const res = await s.chat({ message: m, conversationId: first.conversationId }, { token });
      expect(res.status).toBe(200);
      await json(res);
      expect(labels(), `after "${m}"`).toBe(0);
    }
  });
});

describe('consent round L: a time or a hedge in the name of the piece a swap gives (scripted hosted model)', () => {
  // A yes may repeat what a swap gives ("yes, XL, go"), so the words of the new piece's name stood in a yes: a piece
  // named with a time or a doubt ("Someday") made "yes, someday" a yes. The name is the store's; the shopper's words still count.
  it('"yes, someday" swaps nothing for the Someday Merino Jumper; a yes naming the swap does', async () => {
    const s = await open('fake');
    s.sql
      .prepare("update products set name = 'Someday Merino Jumper' where id = (select product_id from order_items where id = 'oi_28473_1')")
      .run();
    const swap = { orderNumber: MARCUS.returnableOrder, items: [{ item: 'jumper', size: 'XL' }] };
    puppet(s.fake!, (msg, step) => (step > 0 ? null : [{ name: 'exchange_items', arguments: { ...swap, confirm: !/^SWAP/.test(msg) } }]));
    const token = await s.token(MARCUS.id);
    const first = await json(await s.chat({ message: 'SWAP my jumper for an XL' }, { token }));
    expect(first.reply).toMatch(/Someday Merino Jumper \(XL\)/);
    const swapped = () => count(s, "select count(*) n from events where type = 'exchange_created'");
    for (const m of ['yes, someday', 'ok someday', 'Someday, yes']) {
      const res = await s.chat({ message: m, conversationId: first.conversationId }, { token });
      expect(res.status).toBe(200);
      await json(res);
      expect(lastToolResult(s.fake!)!.ok, `after "${m}"`).toBe(false);
      expect(swapped(), `after "${m}"`).toBe(0);
    }
    await s.chat({ message: 'yes, swap it', conversationId: first.conversationId }, { token });
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    expect(swapped()).toBe(1);
  });
});

describe("consent round L: the offline model's reply head (a learned reading of answers to a proposal)", () => {
  // The head may read a go-ahead in words core/consent does not take ("Wilco.", "Bingo. Chalk it up."): the offline
  // model then proposes again (confirm: false). Nothing is made until the shopper's own clear yes, which the server reads.
  it('a go-ahead only the head may read creates no return label; a plain yes to the same proposal does', async () => {
    const s = await open('offline');
    const token = await s.token(MARCUS.id);
    const labels = () => count(s, `select count(*) n from return_labels where order_id = 'o_${MARCUS.returnableOrder}'`);
    const first = await json(await s.chat({ message: `I want to return order ${MARCUS.returnableOrder}` }, { token }));
    expect(first.toolCalls.map((t: any) => t.name)).toContain('create_return_label');
    for (const m of ['Wilco.', 'Bingo. Chalk it up.', 'right, pencil it in', 'Engage.', 'Lovely jubbly, rubber-stamp it']) {
      const res = await s.chat({ message: m, conversationId: first.conversationId }, { token });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(
        body.toolCalls.filter((t: any) => t.args?.confirm === true && t.ok),
        `after "${m}"`,
      ).toEqual([]);
      expect(labels(), `after "${m}"`).toBe(0);
    }
    // The same proposal in a new conversation, and a plain yes: made at once (the flow itself works).
    const again = await json(await s.chat({ message: `I want to return order ${MARCUS.returnableOrder}` }, { token }));
    await json(await s.chat({ message: 'yes please', conversationId: again.conversationId }, { token }));
    expect(labels()).toBe(1);
  });
});

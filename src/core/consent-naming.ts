// The yes that names a proposal's action ("yes, cancel it"), asked for when a bare yes may answer something else
// too: a reply that restates a waiting proposal under a question of its own ("…Want a human colleague? About the
// cancellation: shall I still go ahead?"). Shared by the server, which decides (chat/approval, chat/run), and the
// offline model, which words its restatement and reads the answer the same way.
import { ACTION_ECHO } from './consent-actions.js';
import { consentWords } from './consent.js';
import { otherErrand } from './consent-tone.js';

/** The yes that names each action, asked for when a bare yes may answer something else too (a proposal's `mustName`). */
export const NAMING_YES: Readonly<Record<string, string>> = {
  cancel_order: 'yes, cancel it',
  change_address: 'yes, change it',
  exchange: 'yes, swap it',
  report_problem: 'yes, report it',
  return_label: 'yes, send the label',
  merge_cart: 'yes, merge them',
};

/** How the server opens its statement of a proposal still waiting from an earlier turn, under any model's reply (chat/run.ts). */
export const STILL_WAITING = 'Still waiting for your answer: ';

/** Whether a message names the proposal's action in its own words ("cancel", "the swap"), not only "it". */
export function namesAction(message: string, action: string): boolean {
  const said = ` ${consentWords(message).join(' ')} `;
  return (ACTION_ECHO[action] ?? []).some((w) => w !== 'it' && said.includes(` ${w} `));
}

/** How many questions a text asks (a question mark ending a sentence). */
export const questionsIn = (text: string): number => (text.match(/\?(\s|$)/g) ?? []).length;

/** A reply's own words putting the waiting proposal to the shopper again ("…: shall I still go ahead?", "Shall I go ahead anyway?"). */
const ASKS_AGAIN = /\bshall I (?:still )?go ahead(?: anyway)?\?/gi;

/**
 * How a reply, written while a proposal waits, leaves a bare yes: `beside` when it asks a question of its own besides
 * putting the proposal again (a bare yes may answer either), `clean` when it asks only that, `none` when it asks nothing.
 */
export function yesAfter(reply: string): 'beside' | 'clean' | 'none' {
  const again = (reply.match(ASKS_AGAIN) ?? []).length;
  if (questionsIn(reply) > again) return 'beside';
  return again > 0 ? 'clean' : 'none';
}

/**
 * The words a reply may ask about the proposal it makes with ("Shall I go ahead?", "Would you like me to cancel it
 * now?", "Is that okay?", "Reply yes to confirm"), beside the action's own words and those of the proposal's summary.
 */
const ABOUT_IT = new Set(
  (
    'shall should can could may will would do does did is are was be i we you me my your us it its this that these those ' +
    'the a an to and or for with of on in at by as so then now just still please like want wish prefer go ahead proceed ' +
    'confirm confirmed okay ok alright right correct fine good happy sure yes no reply say type answer let know tell ' +
    'ill id youd youre thats whats what how sound sounds work works wanted going done doing ' +
    'create make send issue process submit place arrange start put through complete finalise finalize book set up get ' +
    'sort sorted handle help order item items refund refunded money back today'
  ).split(' '),
);

/** Words of a sentence inviting an answer without asking: the answer named ("Reply yes and…", "say the word", "let me know"). */
const INVITING: ReadonlySet<string> = new Set('yes yeah yep y reply say type answer respond word let want shall'.split(' '));
/** A sentence that asks or invites an answer. */
const INVITES = (words: readonly string[]): boolean => words.some((w) => w === '?' || INVITING.has(w));

/**
 * Whether a reply written in the turn it made a proposal asks, or invites a yes to, anything beyond that proposal
 * ("…Would you like me to add the navy chinos to your basket?", "Reply yes and I'll add the socks."): then a bare
 * yes may answer that instead, and only a yes naming the action decides it. `about`: the action, and the proposal's
 * summary in the server's words. Each sentence that asks or invites may say only the action's words, the summary's
 * and the words of asking to go ahead (ABOUT_IT); any other word may be another offer, and so may those words put to
 * another errand ("Shall I order it for you?", "Would you like me to place a new order?", core/consent-tone
 * `otherErrand`). A question saying nothing of its own ("Shall I?", "Would you like that?") asks of an offer made just
 * before it ("I can add the matching socks too. Shall I?"), which is read so too. And no sentence may give a
 * number the summary does not: an order number, amount or count of its own ("Shall I cancel order 28473?", "I'll
 * refund $500.00. Shall I go ahead?" over a proposal for another order or sum) puts another action than the one the yes
 * would do.
 */
export function asksBeside(reply: string, about: { action: string; summary?: string }): boolean {
  const known = new Set([...ABOUT_IT, ...(ACTION_ECHO[about.action] ?? []), ...consentWords(about.summary ?? '')]);
  const summary = new Set(consentWords(about.summary ?? ''));
  const beyond = (words: readonly string[]) => otherErrand(words) || words.some((w) => w !== '?' && !known.has(w));
  const sentences = reply.split(/(?<=[.!?])\s+|\n+/).map(consentWords);
  return sentences.some(
    (words, i) =>
      words.some((w) => /\d/.test(w) && !summary.has(w)) ||
      (INVITES(words) && (beyond(words) || (asksOfBefore(words) && offers(sentences[i - 1] ?? []) && beyond(sentences[i - 1]!)))),
  );
}

/** Modal verbs of an offer made in the first person ("I can", "we could", "I will"). */
const OFFER_MODALS: ReadonlySet<string> = new Set('can could will would may might shall'.split(' '));
/** A sentence offering something in the first person ("I can add the socks too", "I'll sign you up", "we could…"). */
const offers = (words: readonly string[]): boolean =>
  words.some((w, i) => w === 'ill' || w === 'id' || ((w === 'i' || w === 'we') && OFFER_MODALS.has(words[i + 1] ?? '')));
/** A question that says nothing of its own ("Shall I?", "Would you like that?", "Shall I go ahead?"): it asks of the sentence before. */
const asksOfBefore = (words: readonly string[]): boolean => words.every((w) => w === '?' || ABOUT_IT.has(w));

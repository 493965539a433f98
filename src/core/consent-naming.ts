// The yes that names a proposal's action ("yes, cancel it"), asked for when a bare yes may answer something else
// too: a reply that restates a waiting proposal under a question of its own ("…Want a human colleague? About the
// cancellation: shall I still go ahead?"). Shared by the server, which decides (chat/approval, chat/run), and the
// offline model, which words its restatement and reads the answer the same way.
import { ACTION_ECHO, consentWords } from './consent.js';

/** The yes that names each action, asked for when a bare yes may answer something else too (a proposal's `mustName`). */
export const NAMING_YES: Readonly<Record<string, string>> = {
  cancel_order: 'yes, cancel it',
  change_address: 'yes, change it',
  exchange: 'yes, swap it',
  report_problem: 'yes, report it',
  return_label: 'yes, send the label',
  merge_cart: 'yes, merge them',
};

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

// "both" / "all of them" to the question that ended the previous reply: each option it offered, as the requests of
// one message (decide.ts), at most as many as one message is answered in.
import { ALL_OFFERED } from './frame-cues.js';

/** The most requests one message is answered in. */
export const MAX_PARTS = 3;

const OFFER_LEAD = /^(?:would you like|do you want|shall i|should i|can i|want)\s+(?:me\s+to\s+)?(?:help\s+(?:you\s+)?with\s+|to\s+)?/i;

/**
 * The options of the question that ended the previous reply ("Would you like help with sizing or
 * delivery times?" → ["help with sizing", "help with delivery times"]), when this message takes them all.
 */
export function takesAllOptions(text: string, prevReply: string): string[] | null {
  if (!ALL_OFFERED.test(text)) return null;
  const question = /([^.?!\n]*)\?\s*$/.exec(prevReply)?.[1]?.trim();
  if (!question || !OFFER_LEAD.test(question)) return null;
  const body = question.replace(OFFER_LEAD, '');
  const options = body
    .split(/\s*,\s*(?:or\s+)?|\s+or\s+|\s+and\s+/i)
    .map((o) => o.trim())
    .filter((o) => o.length > 1);
  if (options.length < 2 || options.length > MAX_PARTS) return null;
  const helpWith = /help/i.test(question);
  return options.map((o) => (helpWith ? `help with ${o}` : o));
}

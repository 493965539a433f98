// Whether a message shows doubt about the proposal waiting (a question, hedge, condition, wait, change or refusal, in
// any language the consent reader knows), and whether it hedges proper. Never a yes: consent is isClearYes's alone;
// these tell a learned reader (the offline model's reply head) where it may not read a go-ahead at all.
import { GLAD, MODIFIER, NO_WORDS, NOT_A_YES, NOT_A_YES_PHRASES, consentWords, squash, stripPhrases } from './consent.js';
import { NO_BOTHER, oddSign, sourFace, trailsOff } from './consent-tone.js';
import { saysMore } from './consent-unknown.js';

/** "sí" written with its accent is the Spanish and Catalan yes, never the "si" (if) it folds into: read as a yes word. */
const ACCENTED_YES = /(^|[^\p{L}])s[\u00ed\u00cd](?![\p{L}])/gu;

/** The words of doubt with their letter runs squashed ("hmm" → "hm", "umm" → "um"), for a word drawn out further. */
const SQUASHED_DOUBT: ReadonlySet<string> = new Set([...NOT_A_YES].map((w) => w.replace(/([a-z])\1+/g, '$1')));

/**
 * Whether a message shows any doubt about the proposal waiting: a question, a hedge, a condition, a wait, a change, a
 * refusal, or a time, hedge or no in another language ("I guess?", "if you must", "hmm", "yes??", "ok nein"): every
 * word the strict reader never lets stand beside a yes, read as typed or drawn out ("hmmm"), and any sign it cannot
 * check. A message that doubts is never a go-ahead to any reader, learned or not (the offline model's reply head is
 * heard only where this is false): the proposal is asked again. False says nothing of consent, which is isClearYes's alone.
 */
export function doubts(message: string): boolean {
  const text = message.replace(ACCENTED_YES, '$1yes');
  if (
    /[^\p{Script=Latin}\P{L}]/u.test(text.normalize('NFKC')) ||
    sourFace(text) ||
    trailsOff(text) ||
    oddSign(text.replace(MODIFIER, '').replace(GLAD, ''))
  )
    return true;
  const words = stripPhrases(consentWords(text), NO_BOTHER).rest;
  if (stripPhrases(words, NOT_A_YES_PHRASES).found) return true;
  // A letter run drawn out is the same word ("hmmm", "mayyybe", "noooo"); a slip is not guessed at ("then" is no "when").
  return words.some(
    (w) => w === '?' || [w, squash(w)].some((x) => NOT_A_YES.has(x) || NO_WORDS.includes(x) || saysMore(x) || SQUASHED_DOUBT.has(x)),
  );
}

/** Words of doubt proper: a hedge, a condition, a sound of hesitation (not a question's words, which ask instead). */
const HEDGES: ReadonlySet<string> = new Set(
  'maybe perhaps possibly probably might unsure if unless hmm hm um umm uh er erm idk dunno guess think suppose whatever meh'.split(' '),
);

/**
 * Whether a message hedges: a word of doubt, a condition or hesitation ("I guess?", "if you must", "hmm", "maybe
 * later"), drawn out or not, or a time, hedge or no in another language. A question alone ("do you sell belts?") does
 * not hedge; it asks (see `doubts`, which any question makes true).
 */
export function hedges(message: string): boolean {
  return consentWords(message.replace(ACCENTED_YES, '$1yes')).some((w) => [w, squash(w)].some((x) => HEDGES.has(x) || saysMore(x)));
}

// Whether a message can be read at all: no word of it means anything to the model (punctuation,
// digits, keyboard mashing, "lol"). The planner asks again; the frame never reads it as courtesy.
import { correct, isKnownWord } from './normalize.js';

const FILLERS = new Set([
  'lol',
  'lmao',
  'haha',
  'hahaha',
  'hehe',
  'hmm',
  'hmmm',
  'umm',
  'um',
  'uh',
  'meh',
  'k',
  'kk',
  'xd',
  'omg',
  'wow',
  'huh',
]);

/** No word of the message means anything to the model: punctuation, digits, keyboard mashing, "lol". */
export function unreadable(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.every((w) => FILLERS.has(w) || (w.length > 1 && !isKnownWord(w) && !isKnownWord(correct(w))) || w.length === 1);
}

// A yes to part of what was proposed ("yes cancel one item", "yes, just the one", "yes just the
// jumper"): a proposal covers what it names, so keeping only part of it is a change, not a yes
// (core/consent.ts asks again). Read over the consent words of a message.

const ONE_THING = new Set(['one', 'item']);

/** "that's the one" / "that is the one": what was proposed, pointed at whole, not a part of it. */
const thatsTheOne = (words: readonly string[], i: number): boolean =>
  words[i - 1] === 'the' && (words[i - 2] === 'thats' || (words[i - 2] === 'is' && words[i - 3] === 'that'));

/**
 * Words "just" may stand before in a yes besides a yes word and the action's own: politeness, or a
 * pointer at all of it ("yep, just those"), or a verb of making what was proposed ("just send the label").
 */
const JUST_BEFORE = new Set('please pls plz now then those these them it all everything create make send issue email'.split(' '));

/** After "just", the thing kept: "just one", "just this item", "just the jumper" (an item a yes may echo) narrows the proposal. */
function narrows(words: readonly string[], at: number, goesAhead: (w: string) => boolean): boolean {
  const next = ['this', 'that', 'the'].includes(words[at] ?? '') ? at + 1 : at;
  const w = words[next];
  if (w === undefined) return false;
  return ONE_THING.has(w) || !(JUST_BEFORE.has(w) || goesAhead(w));
}

/**
 * Whether the words keep only part of the proposal. "one" is a pointer only as "this one" / "that one"
 * / "that's the one"; "just" narrows unless a go-ahead follows (`goesAhead`: a yes word, or the
 * action's own word: "just do it", "just cancel it").
 */
export function keepsPart(words: readonly string[], goesAhead: (w: string) => boolean): boolean {
  return words.some(
    (w, i) =>
      (w === 'one' && words[i - 1] !== 'this' && words[i - 1] !== 'that' && !thatsTheOne(words, i)) ||
      (w === 'just' && narrows(words, i + 1, goesAhead)),
  );
}

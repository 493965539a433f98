// How a yes is said, beyond its words (core/consent.ts): the words a widened yes may carry (forms of
// address, politeness particles, acknowledgements, regional approval), and the ways of saying a yes
// that take it back though every word of it may stand in one: an acknowledgement with no go-ahead
// ("ok noted"), sarcasm ("great, just great", "oh perfect"), a yes for someone else ("send it to the
// team", "do it for a friend"), a sour or weary face ("yes -_-", "yes :'(") and a sign the reader cannot
// check ("y̶", "yes ≠").

/** The people a yes is said to, which change nothing ("yes chef", "cheers buddy"). */
export const ADDRESS = 'buddy pal boss chef sir madam maam dear friend dude bro fam chief captain champ team folks guys'.split(' ');
/** Politeness particles of other Englishes (Thai krub/ka, Singapore lah, Tagalog po, Hindi ji), and tags ("eh"). */
export const PARTICLES = 'krub krap khrap ka kha lah po ji eh'.split(' ');
/** An acknowledgement, which only carries the yes said with it ("ok heard, go", "roger, yes"). */
export const ACKNOWLEDGEMENTS = 'heard roger copy understood noted gotcha got'.split(' ');
/** Approval said in other Englishes ("tidy", "lush", "bang on", "spot on", "ace", "grand"). */
export const APPROVAL = (
  'tidy lush ace sweet grand class spot bang top splendid fab fabulous super smashing magic solid ' +
  'beautiful fantastic amazing marvellous marvelous terrific superb neat'
).split(' ');

/**
 * Words that are no signed name under a closing formula ("Thanks, Next Week", "Cheers, Size M", "Best, Office"): a time,
 * a size, a place or an errand there is part of the answer, which is then no clear yes.
 */
export const NOT_A_NAME: ReadonlySet<string> = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'today tonight tomorrow week weekend weekday month year morning afternoon evening night noon midnight soon asap eod eow next last ' +
    'size xs xl xxl xxxl small medium large ' +
    'office home work address door house flat apartment neighbour neighbor reception ' +
    'ask check call phone text email wife husband partner mum mom dad'
  ).split(' '),
);

/**
 * Words read only as written, never as the mending of another word: each is one letter from words of
 * another meaning ("hang on" is no "bang on", "push it" no "lush", "ehh" no "eh").
 */
export const AS_WRITTEN: ReadonlySet<string> = new Set([...ADDRESS, ...PARTICLES, ...ACKNOWLEDGEMENTS, ...APPROVAL]);

const ACKNOWLEDGING: ReadonlySet<string> = new Set(ACKNOWLEDGEMENTS);
/** Yes words that, beside an acknowledgement, only acknowledge too ("ok noted", "right, got it"). */
const ACK_YES: ReadonlySet<string> = new Set('ok okay k kk alright all right fine y'.split(' '));
/** Words of judgement, said in earnest or in scorn ("oh great", "perfect, just perfect"), and "oh right" (a thing remembered). */
const JUDGEMENT: ReadonlySet<string> = new Set(
  'right great perfect lovely wonderful brilliant excellent awesome nice good cool fine sure super fab fabulous splendid grand sweet magic ace smashing beautiful fantastic amazing marvellous marvelous terrific superb neat'.split(
    ' ',
  ),
);
/** Before a form of address, a word making it someone else: a recipient, or whose yes it is ("to the team", "for a friend"). */
const SOMEONE_ELSE: ReadonlySet<string> = new Set('to for the a with my your our their his her'.split(' '));
const PEOPLE: ReadonlySet<string> = new Set([...ADDRESS, 'mate']);

/** Faces that may stand beside a yes; any other run of face marks (":'(", "-_-", ">.<") is doubt or displeasure. */
const GLAD_FACES = new Set([':)', ':-)', '(:', '(-:', '=)', ';)', ';-)', ':]', '^^', '^_^', '^.^', ':*']);
const FACE_MARK = /[_()[\]{}<>@$'"`:;=|\\/^*~#]/;

/** A run of face marks (no letter or digit) that is no glad face, with or without the stop after it. */
export function sourFace(message: string): boolean {
  return message
    .normalize('NFKC')
    .split(/\s+/)
    .some((t) => {
      if (t.length < 2 || /[\p{L}\p{N}]/u.test(t) || !(FACE_MARK.test(t) || /-\.|\.-/.test(t))) return false;
      return !GLAD_FACES.has(t) && !GLAD_FACES.has(t.replace(/^[.,!]+|[.,!]+$/g, ''));
    });
}

/** Marks drawn over or around letters: a strike ("y̶"), a slash, a prohibition sign ("yes⃠"). */
const OVERLAY = /[\u0334-\u0338\u20d2\u20d3\u20d8-\u20da\u20dd-\u20e0\u20e2-\u20e6\u20ea\u20eb]/u;
/** Signs a yes may carry besides the glad faces the caller removed (a check mark, a heart). */
const PLAIN_SIGN = /[\u2713\u2665]/gu;

/**
 * A sign beyond plain text that the reader cannot check, which may take the yes back: a mark over a letter, or a symbol
 * outside ASCII ("yes ≠", "yes ☐", "yes 🇳🇴" spelling "NO", "ⓨⓔⓢ"). `rest`: the message without its glad faces.
 */
export function oddSign(rest: string): boolean {
  return OVERLAY.test(rest) || /[^\p{ASCII}]/u.test(rest.replace(PLAIN_SIGN, '').replace(/[^\p{S}]/gu, ''));
}

/**
 * Whether the consent words of a yes take it back by how they are said. `goesAhead(words)`: whether
 * those words still hold a go-ahead (a yes phrase, "go", the action's own word).
 */
export function saidOtherwise(words: readonly string[], goesAhead: (rest: readonly string[]) => boolean): boolean {
  // "ok noted", "alright, understood": the yes words beside an acknowledgement acknowledge too; a go-ahead must be said.
  if (words.some((w) => ACKNOWLEDGING.has(w)) && !goesAhead(words.filter((w) => !ACKNOWLEDGING.has(w) && !ACK_YES.has(w)))) return true;
  // "great, just great", "perfect just perfect": a judgement said again after "just" is scorn.
  if (words.some((w, i) => w === 'just' && JUDGEMENT.has(words[i + 1] ?? '') && words.slice(0, i).includes(words[i + 1]!))) return true;
  // "oh great", "oh sure": a judgement after "oh", with no go-ahead said, may be scorn.
  if (words[0] === 'oh' && JUDGEMENT.has(words[1] ?? '') && !goesAhead(words.filter((w) => w !== 'oh' && !JUDGEMENT.has(w)))) return true;
  // "send it to the team", "do it for a friend", "the guys want it": someone else's, not a form of address.
  return words.some((w, i) => PEOPLE.has(w) && SOMEONE_ELSE.has(words[i - 1] ?? ''));
}

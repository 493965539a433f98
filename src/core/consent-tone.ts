// How a yes is said, beyond its words (core/consent.ts): the words a widened yes may carry (forms of
// address, politeness particles, acknowledgements, regional approval), and the ways of saying a yes
// that take it back though every word of it may stand in one: an acknowledgement with no go-ahead
// ("ok noted"), sarcasm ("great, just great", "oh perfect"), a yes for someone else ("send it to the
// team", "do it for a friend", "send it to them"), a sour or weary face ("yes -_-", "yes :'(") and a sign the reader
// cannot check ("y̶", "yes ≠"); a yes that only settles ("that's all right", "ok thanks"), one sent unfinished ("yes
// and") and one to another errand in the same words ("yes, order it").

/** The people a yes is said to, which change nothing ("yes chef", "cheers buddy"). */
export const ADDRESS = 'buddy pal boss chef sir madam maam dear friend dude bro fam chief captain champ team folks guys'.split(' ');
/** Politeness particles of other Englishes (Thai krub/ka, Singapore lah, Tagalog po, Hindi ji), and tags ("eh"). */
export const PARTICLES = 'krub krap khrap ka kha lah po ji eh'.split(' ');
/**
 * A tag that asks back or shrugs: said first it is indifference ("eh, ok", "eh yes"), right after a lone yes word it
 * asks for agreement ("ok eh", "yes eh": "ok, right?"). Only as the tag of a longer yes ("bang on, thanks eh") does it
 * carry the yes said before it.
 */
const TAG = 'eh';
const shrugsOrAsksBack = (words: readonly string[]): boolean => words[0] === TAG || words[1] === TAG;
/** An acknowledgement, which only carries the yes said with it ("ok heard, go", "roger, yes"). */
export const ACKNOWLEDGEMENTS = 'heard roger copy understood noted gotcha got'.split(' ');
/**
 * Reassurance said with a no in it ("yep, no worries", "sure, no problem", "no dramas, go ahead"): it refuses nothing
 * and carries only the yes said with it (alone it is no yes: "no worries" may also mean "never mind").
 */
export const NO_BOTHER = ['no worries', 'no worry', 'no problem', 'no problemo', 'no probs', 'no prob', 'no dramas', 'not a problem'];
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

/**
 * A yes that trails off ("sure...", "yes…", "go ahead.."): the thought is left unfinished, as a "but" or "I suppose"
 * would finish it, so it is asked again ("…" is three stops once normalised). An ellipsis inside the message ("ok...
 * go ahead") ends nothing.
 */
export const trailsOff = (message: string): boolean => /(?:\.\s*){2,}$/.test(message.normalize('NFKC'));

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

/** Thanks and a closing's cheers (what consent's forms of thanks are read as too): no go-ahead. */
const THANKING: ReadonlySet<string> = new Set('thanks thank you thx ty cheers'.split(' '));
/**
 * A yes that only settles: an acknowledging yes word, "right", and "that's it". Said with thanks alone ("ok thanks",
 * "right, cheers", "that's it, thanks"), it closes the talk or takes note; said of how things stand ("that's all right",
 * "it's ok", "that's fine"), it politely declines as often as it agrees ("that's all right, I'll keep it").
 */
const SETTLING: ReadonlySet<string> = new Set([...ACK_YES, 'right', 'cool', 'good', 'quite', 'thats', 'that', 'its', 'it', 'is']);
/** How things stand, said with a settling word: "that's ok", "it is all right", "that's quite alright", "it's fine". */
const STANDS = /(?:^| )(?:thats|that is|its|it is) (?:quite )?(?:ok|okay|alright|all right|fine|cool|good)(?: |$)/;

/** Someone other than the shopper as the one a yes is for ("send it to them", "do it for them", "email them the label"). */
const OTHERS: ReadonlySet<string> = new Set('them everyone everybody someone somebody anyone'.split(' '));
/** After "to" only, pointers that may be people too ("send it to all of them"), unless a yes word answers them ("yes to all"). */
const OTHERS_TO: ReadonlySet<string> = new Set([...OTHERS, 'those', 'these', 'all']);
/** Verbs of sending, after which a person named before the thing is its recipient ("send them the label", "email them it"). */
const SENDING: ReadonlySet<string> = new Set('send email forward mail post give pass hand text issue'.split(' '));
const THING_AFTER: ReadonlySet<string> = new Set('the a an it this that one label labels those these'.split(' '));

/** Yes words a "to" may follow as what is answered, not where it goes ("yes to all of them"). */
const YES_TO: ReadonlySet<string> = new Set('yes yeah yep yup aye ok okay sure'.split(' '));

/**
 * Whether the words (as written) say the yes is for someone other than the shopper, pointed at but not named: a
 * recipient ("send it to them", "email them the label", "send it on to all of them") or for whom it is done ("do it
 * for them"). "yes to that" answers; "over to you" and "for you to go ahead" speak to the assistant.
 */
export function forSomeoneElse(words: readonly string[]): boolean {
  return words.some((w, i) => {
    if (w === 'to' || w === 'for') {
      // The one or ones it is to or for, joined by "and" ("to me and them").
      for (let j = i + 1; j < words.length && (j === i + 1 || words[j - 1] === 'and'); j += 2) {
        if (OTHERS.has(words[j]!)) return true;
        if (w === 'to' && OTHERS_TO.has(words[j]!) && !YES_TO.has(words[i - 1] ?? '')) return true;
      }
      return false;
    }
    const next = words[i + 1] ?? '';
    // "…and them": someone added; "email them the label": a recipient before the thing.
    if (w === 'and') return OTHERS.has(next);
    return SENDING.has(w) && OTHERS.has(next) && THING_AFTER.has(words[i + 2] ?? '');
  });
}

/** What a verb may be done to: the thing pointed at, or more of it. */
const DONE_TO = new Set(['it', 'them', 'that', 'this', 'those', 'these', 'one', 'again', 'more']);
/** The order or its pieces, as what is sent (never the label or the action's own noun). */
const GOODS = new Set(['order', 'item', 'items']);
/** Verbs that, done to an order, buy one ("place an order", "put the order through", "set up a new order"). */
const BUYING = new Set('place make put submit complete create book process finalise finalize set'.split(' '));
/** Words between a verb and the order it is done to ("send you the items", "place a new order"). */
const BEFORE_GOODS = new Set('me us you a an the my your our this that new another'.split(' '));
/** Where the goods a verb at `i` is done to would stand, past "up" and the words before them. */
function goodsAfter(words: readonly string[], i: number): string {
  let j = i + 1;
  if (words[i] === 'set' && words[j] === 'up') j++;
  for (let n = 0; n < 3 && BEFORE_GOODS.has(words[j] ?? ''); n++) j++;
  return words[j] ?? '';
}

/**
 * An errand other than the action waiting, said in the words a yes is made of: "order" as a verb ("yes, order it", "ok,
 * order them": buying, the opposite of a cancellation), an order made ("yes, place the order", "put a new order
 * through"), or the order or its pieces sent ("yes, send me the items", "shall I send you the order": a delivery, not a
 * label or a refund).
 */
export function otherErrand(words: readonly string[]): boolean {
  return words.some((w, i) => {
    if (w === 'order') return DONE_TO.has(words[i + 1] ?? '');
    if (BUYING.has(w)) return goodsAfter(words, i) === 'order';
    return w === 'send' && GOODS.has(goodsAfter(words, i));
  });
}

/** Words that leave a sentence unfinished at the very end ("yes and", "ok, send it to", "yes for the", "ok so"). */
const UNFINISHED: ReadonlySet<string> = new Set('and to with for of the a an my so'.split(' '));
/** Before a last "to", words that finish it as an ellipsis ("yes, I'd like to", "happy to"). */
const ELLIPSIS_TO: ReadonlySet<string> = new Set('like love want need happy glad pleased willing'.split(' '));
const cutOff = (words: readonly string[]): boolean => {
  const last = words.at(-1) ?? '';
  const before = words.at(-2) ?? '';
  // "please do so", "make it so" are finished.
  return UNFINISHED.has(last) && !(last === 'to' && ELLIPSIS_TO.has(before)) && !(last === 'so' && (before === 'do' || before === 'it'));
};

/**
 * Whether the consent words of a yes take it back by how they are said. `goesAhead(words)`: whether
 * those words still hold a go-ahead (a yes phrase, "go", the action's own word).
 */
export function saidOtherwise(words: readonly string[], goesAhead: (rest: readonly string[]) => boolean): boolean {
  // "ok noted", "alright, understood": the yes words beside an acknowledgement acknowledge too; a go-ahead must be said.
  if (words.some((w) => ACKNOWLEDGING.has(w)) && !goesAhead(words.filter((w) => !ACKNOWLEDGING.has(w) && !ACK_YES.has(w)))) return true;
  // "yes and", "ok, send it to": sent before it was finished.
  if (cutOff(words)) return true;
  // "eh, ok", "ok eh": a shrug or a question tag, not a go-ahead.
  if (shrugsOrAsksBack(words)) return true;
  // "great, just great", "perfect just perfect": a judgement said again after "just" is scorn.
  if (words.some((w, i) => w === 'just' && JUDGEMENT.has(words[i + 1] ?? '') && words.slice(0, i).includes(words[i + 1]!))) return true;
  // "oh great", "oh sure": a judgement after "oh", with no go-ahead said, may be scorn.
  if (words[0] === 'oh' && JUDGEMENT.has(words[1] ?? '') && !goesAhead(words.filter((w) => w !== 'oh' && !JUDGEMENT.has(w)))) return true;
  // "send it to the team", "do it for a friend", "the guys want it": someone else's, not a form of address.
  return words.some((w, i) => PEOPLE.has(w) && SOMEONE_ELSE.has(words[i - 1] ?? ''));
}

/**
 * Whether the yes only settles (`SETTLING`): said of how things stand ("that's all right", "it's ok") or with thanks
 * alone ("ok thanks", "right, cheers", "that's it, thanks"), with no go-ahead beside it. A formula of approval ("that
 * would be great, thanks") welcomes the proposal: the caller checks for one (core/consent-assent `approves`).
 */
export function settlesOnly(words: readonly string[], goesAhead: (rest: readonly string[]) => boolean): boolean {
  const settled = STANDS.test(words.join(' ')) || words.some((w) => THANKING.has(w));
  return settled && !goesAhead(words.filter((w) => !SETTLING.has(w) && !THANKING.has(w)));
}

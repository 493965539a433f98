// Whether a shopper's own message is an unambiguous yes (or no) to the action just proposed.
// This decides consequential actions, so it is deliberately narrow: a message is a yes only when
// every word in it is an affirmation, politeness, or an echo of the action ("yes please, create
// the label"). Questions, hedges ("not sure", "maybe"), conditionals ("if"), deferrals ("later"),
// negations and changes ("but only the jumper") are never a yes: the proposal is asked again,
// or a new one is made. Used by the chat service (server-side approval) and the offline model.
import { editDistance } from './edit-distance.js';
import { keepsPart } from './consent-part.js';
import { YES_PHRASES } from './consent-phrases.js';
import { ACTION_ECHO, onItself } from './consent-actions.js';
import { approves, readAssent } from './consent-assent.js';
import {
  ACKNOWLEDGEMENTS,
  ADDRESS,
  APPROVAL,
  AS_WRITTEN,
  NO_BOTHER,
  NOT_A_NAME,
  PARTICLES,
  forSomeoneElse,
  oddSign,
  otherErrand,
  saidOtherwise,
  settlesOnly,
  sourFace,
  trailsOff,
} from './consent-tone.js';
import { asksIn, DEFERRALS, longNo, withoutCostWorry, withoutNounRefusals } from './consent-no.js';
import { neverTolerated, saysMore, toleratesUnknown } from './consent-unknown.js';

/** The words the yes phrases are made of, for reading a mistyped one. */
const KNOWN_YES: ReadonlySet<string> = new Set(YES_PHRASES.flatMap((p) => p.split(' ')));

/** Words that may stand beside a yes without changing it: politeness and echoes of the action. */
const NEUTRAL = new Set([
  ...(
    'please pls plz thanks thank you thx ty cheers so much very just now right away then and go ahead do it that this the them one all ' +
    'create make send issue email label labels return returns item items order i would like want to a that is fine great perfect lovely ' +
    'cool brilliant excellent awesome nice good wonderful mate hi hey oh with for me on do those these very much ' +
    // The things a yes is said of ('it', 'us'); "all of it", "both of them": the whole proposal (a part kept, "one of them", is core/consent-part's).
    'it us of my'
  ).split(' '),
  // Forms of address, politeness particles, acknowledgements and regional words of approval (core/consent-tone).
  ...ADDRESS,
  ...PARTICLES,
  ...ACKNOWLEDGEMENTS,
  ...APPROVAL,
]);
/** Any of these anywhere makes a message something other than a clear yes. */
export const NOT_A_YES = new Set(
  (
    'no not nope nah never dont don t cannot cant wont shouldnt wouldnt isnt cancel stop wait hold later tomorrow maybe perhaps possibly probably ' +
    'might unsure if unless but except only instead rather actually though although however hmm hm um umm idk guess think suppose ' +
    'what why how when which who whose where whether could or else first before after change different another other ' +
    // Refusals and take-backs said in other words: also never read as a signed name ("ok. Regards, Abort").
    'nay negative nix nvm noway nobody nothing none neither deny abort quit halt pause decline reject refuse veto revoke withdraw ' +
    'undo retract postpone defer delay suspend freeze cease hang kidding joking jk lol sarcasm sarcastic'
  ).split(' '),
);

/** Phrases that are never a yes, though made of words that may stand in one ("yes, move on", "yeah right"). */
export const NOT_A_YES_PHRASES = [
  'move on',
  'i pass',
  'your call',
  'go away',
  'deal with',
  'got to',
  // A yes for a while, or as a first step only ("yes for now", "ok, to start with"): a hedge.
  'for now',
  'start with',
  'for a start',
];

const NO_PHRASES: readonly string[] = [
  'no',
  'nope',
  'nah',
  'no thanks',
  'no thank you',
  'dont',
  'do not',
  'cancel',
  'stop',
  'never mind',
  'nevermind',
  'forget it',
  'not now',
  'leave it',
  'changed my mind',
  'i changed my mind',
  'i have changed my mind',
  'not anymore',
  'rather not',
  'no way',
  'do not do that',
  'dont do it',
];

/**
 * Taking a proposal back before it is answered ("wait", "hold on", "actually not"): a no unless the
 * message asks something ("wait, can I send it back if it doesn't fit?" is a question, not a no).
 */
const WITHDRAW_PHRASES = [
  'wait',
  'hold on',
  'hang on',
  'hold off',
  'not yet',
  'scratch that',
  'cancel that',
  'actually not',
  'on second thought',
  'on second thoughts',
  'not so fast',
  // Deferrals and the piece kept (core/consent-no): "not right now", "forget the swap, I'm keeping the M".
  ...DEFERRALS,
];

/** The words of refusals, never read as a mistyped yes. */
export const NO_WORDS: readonly string[] = [...new Set(NO_PHRASES.flatMap((p) => p.split(' ')))].filter(
  (w) => !NEUTRAL.has(w) && !KNOWN_YES.has(w),
);

/** The reader's words of refusal and doubt, which an unknown word typed together with one still says (core/consent-unknown). */
const REFUSALS: readonly string[] = [...NOT_A_YES, ...NO_WORDS];

/** A question in the message: then a withdrawal word is no refusal. */
const ASKS = new Set('? what why how when which who where whether can could would will is are does'.split(' '));
/** A yes said in a longer message: a go-ahead of several words, or a plain yes word. */
const LONG_YES = YES_PHRASES.filter((p) => p.split(' ').length > 1 || ['yes', 'yeah', 'yep', 'proceed'].includes(p));

const EMOJI_YES = /[\u{1F44D}\u{2705}\u{2714}\u{1F44C}]/u;
/** Glad faces and signs that may stand beside a yes; any other pictograph may mean doubt. */
export const GLAD =
  /[\u{1F44D}\u{2705}\u{2714}\u{1F44C}\u{1F642}\u{1F60A}\u{1F600}\u{1F603}\u{1F604}\u{1F601}\u{263A}\u{1F64F}\u{2764}\u{1F44F}\u{1F389}]/gu;
/** Variation selectors and skin tones that ride on a glad face. */
export const MODIFIER = /\u{FE0F}|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}/gu;

/**
 * Lower case, accents folded ("später" → "spater", as the word lists are written), invisible format characters
 * dropped ("wa\u200bit" is "wait", not "wa it"), apostrophes dropped ("don't" → "dont"), punctuation to spaces;
 * '?' kept as its own word.
 */
export function consentWords(message: string): string[] {
  const text = message
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/g, '')
    .replace(/[?\u00bf\u061f\u203d\u2e2e\u2047-\u2049\u2753\u2754]/g, ' ? ')
    .replace(/[^a-z0-9? ]+/g, ' ');
  return text.split(/\s+/).filter(Boolean);
}

export function stripPhrases(words: string[], phrases: readonly string[]): { rest: string[]; found: boolean } {
  const sorted = [...phrases].sort((a, b) => b.split(' ').length - a.split(' ').length);
  let rest = words;
  let found = false;
  for (const p of sorted) {
    const parts = p.split(' ');
    const out: string[] = [];
    for (let i = 0; i < rest.length;) {
      if (parts.every((w, j) => rest[i + j] === w)) {
        found = true;
        i += parts.length;
      } else out.push(rest[i++]!);
    }
    rest = out;
  }
  return { rest, found };
}

/** Words telling to go ahead beside an acknowledgement ("ok heard, go", "noted, send it"). */
const GO = new Set('go do send make create issue email proceed'.split(' '));

/** Every word of an action's echo (a detail a yes repeats is none of them). */
const ACTION_WORDS: ReadonlySet<string> = new Set(Object.values(ACTION_ECHO).flat());

/** A letter size's name, which a yes may say for the size it repeats ("yes, medium" to a swap to M). */
const SIZE_NAMES: Readonly<Record<string, string>> = {
  xs: 'extra small',
  s: 'small',
  m: 'medium',
  l: 'large',
  xl: 'extra large',
  xxl: 'extra extra large',
};

/**
 * Words a yes may repeat of what a proposal gives ("yes, L, go" to a swap to L; "ok, grey, do it" to a swap to
 * grey), for `ConsentOptions.echo` beside the action's own words: each word of what is given (a swap's new piece,
 * "Grey Merino Crew-Neck Jumper (M)") and its size's name. Only what it gives: a detail of what is given up
 * ("yes, L" to a swap from L to XL) or any other names something else, and is no yes. Never a refusal, hedge or time
 * word, whatever the piece is called ("yes, someday" to a swap for the Someday Wrap Dress).
 */
export function detailEcho(given: readonly string[]): string[] {
  const words = given
    .flatMap((g) => consentWords(g))
    .filter((w) => w !== '?' && !NOT_A_YES.has(w) && !NO_WORDS.includes(w) && !saysMore(w));
  return [...new Set([...words, ...words.flatMap((w) => (SIZE_NAMES[w] ? [SIZE_NAMES[w]!] : []))])];
}

/** Words of the return said to another proposal: neutral only with no action given (or the return). */
const RETURN_WORDS = new Set(['return', 'returns', 'label', 'labels']);
/**
 * Words naming one action and not another: in a yes to a different proposal they are a yes to something else
 * ("yes, return it" to a cancellation, "yes file it" to an address change), so never a clear yes to it.
 */
const OTHER_ACTION: ReadonlySet<string> = new Set(
  Object.values(ACTION_ECHO)
    .flat()
    .filter((w) => !w.includes(' ') && w !== 'it' && w !== 'start' && (!NEUTRAL.has(w) || RETURN_WORDS.has(w))),
);

/** The message names an action other than the one waiting ("yes, return it" to a cancellation): a go-ahead to something else. */
export function namesOtherAction(message: string, echo: readonly string[] = []): boolean {
  return consentWords(message).some((w) => OTHER_ACTION.has(w) && !echo.includes(w));
}

export interface ConsentOptions {
  /** Extra words that echo this proposal's action (e.g. "cancel" for a cancellation) and are neutral here. */
  echo?: readonly string[];
}

/** A name signed under a closing formula at the very end ("Very well, please proceed. Regards, M. Reid"): courtesy, not part of the answer. */
const SIGN_OFF =
  /[\s,.;!-]+(?:kind regards|best regards|warm regards|best wishes|many thanks|thanks|thank you|regards|best|cheers|sincerely|yours(?: truly| sincerely| faithfully)?)[\s,.-]+([^,.;!?]*(?:\.[^,.;!?]*)?)$/i;
const NAME = /^(?:\p{Lu}[\p{L}'-]*\.?\s*){1,3}$/u;
/** The message without the closing formula and the name under it. */
const unsigned = (message: string, echo: ReadonlySet<string>): string => {
  const m = SIGN_OFF.exec(message.trim());
  if (!m || !NAME.test(m[1]!.trim())) return message;
  // A "name" that is a word of consent, a refusal or one slip from one ("Cheers, Nay", "Best, Noo"), a time or a no in
  // another language ("Regards, Später") is part of the answer.
  const name = consentWords(m[1]!);
  const read = (w: string) =>
    KNOWN_YES.has(w) ||
    NEUTRAL.has(w) ||
    echo.has(w) ||
    OTHER_ACTION.has(w) ||
    NOT_A_NAME.has(w) ||
    // A time, a hedge, a no or a later in another language ("Regards, Später", "Cheers, Mañana", "Thanks, Tmrw").
    saysMore(w) ||
    nearRefusal(w) ||
    nearRefusal(w.replace(/(ing|ed|d|s)$/, ''));
  return name.some(read) ? message : message.trim().slice(0, m.index);
};

/** A word that is, or is one slip from, a hedge, refusal or question word ("mabye", "nott", "wat", "noo"). */
function nearRefusal(w: string): boolean {
  const s = squash(w);
  return [...NOT_A_YES, ...NO_WORDS].some((n) => squash(n) === s || (w.length >= 3 && editDistance(w, n, 1) <= 1));
}

/** A letter run repeated ("yesss", "pleeease"): squashed to one, for comparing a word to the ones consent knows. */
export const squash = (w: string): string => w.replace(/([a-z])\1+/g, '$1');

/**
 * A word the yes may be written with, mistyped ("pleese", "lable", "yess"): read as the one word of a
 * yes, politeness or echo it is one slip from (a swap, a dropped, doubled or changed letter). A word
 * near a hedge, a refusal or a question word ("mabye", "nott", "wat") is never corrected, and is no yes.
 */
function spelled(words: readonly string[], echo: ReadonlySet<string>): string[] | null {
  // Only words of four letters or more are mended: "your" is not "you", "call" not "all", "pas" not "pass".
  // A detail a yes repeats (detailEcho: "xl", "large") is read only as written: "xxl" is no slip for "xl".
  // Nor into a word read only as written (core/consent-tone: "hang on" is no "bang on", "push it" no "lush").
  const all = [...KNOWN_YES, ...NEUTRAL, ...[...echo].filter((e) => !e.includes(' ') && ACTION_WORDS.has(e))].filter(
    (k) => !AS_WRITTEN.has(k),
  );
  const known = all.filter((k) => k.length >= 4);
  const out: string[] = [];
  for (const w of words) {
    // A word naming another action ("file" to a cancellation) is that action, not a slip for a yes word ("fine").
    if (KNOWN_YES.has(w) || NEUTRAL.has(w) || echo.has(w) || NOT_A_YES.has(w) || OTHER_ACTION.has(w) || w === '?') {
      out.push(w);
      continue;
    }
    if (nearRefusal(w)) return null;
    // A time, a detail or a no in another language is read as written ("matte", Japanese wait, is no "mate").
    if (neverTolerated(w)) {
      out.push(w);
      continue;
    }
    const s = squash(w);
    const near = w.length >= 5 ? known.filter((k) => editDistance(w, k, 1) <= 1) : [];
    // A repeated letter squashed ("yesss", "pleeease"), never a letter dropped.
    // A short word once more is another word ("off", "oof", "too" are no "of", "to"): drawn out twice at least ("ohhh", "sooo").
    const same = all.filter(
      (k) => squash(k) === s && w.length >= k.length && (k.length > 2 || YES_PHRASES.includes(k) || w.length >= k.length + 2),
    );
    const fix = same.length ? same : near;
    out.push(new Set(fix).size === 1 ? fix[0]! : w);
  }
  return out;
}

/** True only for an unambiguous agreement: short, no question, no hedge or change, at least one yes. */
export function isClearYes(message: string, opts: ConsentOptions = {}): boolean {
  // Words this reader cannot check ("yes нет", "ok لا") might take the yes back: ask again instead.
  if (/[^\p{Script=Latin}\P{L}]/u.test(message.normalize('NFKC'))) return false;
  // Latin letters outside a-z once accents are folded ("yes ɴᴏ" in small capitals) would vanish unread.
  if (/[^\P{L}a-z]/u.test(message.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())) return false;
  // A doubtful or sour face ("yes 🤔", "ok 🙄", "yes :/") or struck-through text ("~~yes~~") takes the yes back.
  if (
    /\p{Extended_Pictographic}/u.test(message.replace(MODIFIER, '').replace(GLAD, '')) ||
    oddSign(message.replace(MODIFIER, '').replace(GLAD, '')) ||
    sourFace(message) ||
    trailsOff(message) ||
    /(^|\s)>?[:;=]-?[(/\\|[]|~~|[\u00d7\u2717\u2718\u2613]/.test(message)
  )
    return false;
  const echoes = opts.echo ?? [];
  const echo = new Set(echoes);
  // An echo of several words ("the change") names the action only as a whole.
  const phrases = echoes.filter((e) => e.includes(' '));
  // Reassurance said with a no in it ("yep, no worries") carries only the yes beside it (core/consent-tone `NO_BOTHER`).
  const unbothered = [...phrases, ...NO_BOTHER];
  const raw = stripPhrases(consentWords(message), unbothered).rest;
  // A thumbs up or a tick and nothing else ("👍👍", "✅") is a yes.
  if (raw.length === 0)
    return /^(?:\s|[\u{1F44D}\u{2705}\u{2714}\u{1F44C}])+$/u.test(message.replace(MODIFIER, '')) && EMOJI_YES.test(message);
  if (raw.length > 14) return false;
  const names = (w: string) => echo.has(w) && ACTION_WORDS.has(w);
  // A form of assent (core/consent-assent) is read as the word it means: "that's what I want" asks nothing.
  if (readAssent(raw, names).some((w) => w === '?' || (NOT_A_YES.has(w) && !echo.has(w)))) return false;
  if (stripPhrases(raw, NOT_A_YES_PHRASES).found || /^(yeah|yea|yeh|ya) right$/.test(raw.join(' '))) return false;
  if (keepsPart(raw, (w) => KNOWN_YES.has(w) || (echo.has(w) && ACTION_WORDS.has(w)))) return false;
  // The signature is read only once every word, the name's too, was checked for a hedge above. Forms of assent are read
  // as written before a slip is mended ("you can proceed": no slip for "cant"), and again once mended.
  const signed = consentWords(unsigned(message, echo));
  const spelt = signed.length ? spelled(readAssent(signed, names), echo) : null;
  const words = spelt && readAssent(stripPhrases(spelt, unbothered).rest, names);
  if (!words || words.some((w) => NOT_A_YES.has(w) && !echo.has(w))) return false;
  // A word of another action in a yes to this one: a yes to something else ("yes, return it" to a cancellation).
  if (opts.echo && [...raw, ...words].some((w) => OTHER_ACTION.has(w) && !echo.has(w))) return false;
  // The action done to itself ("yes, cancel the cancellation"): the proposal taken back or changed (core/consent-actions).
  if (opts.echo && onItself(raw, echo)) return false;
  if (otherErrand(raw)) return false;
  // Said so as to take it back: an acknowledgement with no go-ahead, scorn, a yes for someone else (core/consent-tone).
  const goesAhead = (some: readonly string[]) =>
    stripPhrases([...some], YES_PHRASES).found || some.some((w) => GO.has(w) || (w !== 'it' && echo.has(w) && ACTION_WORDS.has(w)));
  if (saidOtherwise(words, goesAhead) || forSomeoneElse(raw)) return false;
  // Settled or thanked for only ("that's all right", "ok thanks"), unless the proposal is welcomed ("that'd be great, thanks").
  if (settlesOnly(words, goesAhead) && !approves(signed, names)) return false;
  const { rest, found } = stripPhrases(words, YES_PHRASES);
  if (!found && !EMOJI_YES.test(message)) return false;
  // Words of assent or thanks in other tongues beside a clear go-ahead, from an allow-list (core/consent-unknown).
  const unknown = rest.filter((w) => !NEUTRAL.has(w) && !echo.has(w));
  return unknown.length === 0 || toleratesUnknown(unknown, words, REFUSALS);
}

/**
 * True for a plain refusal ("no", "don't", "not now", "No! Do NOT return anything") with no yes in it. `echo`: the
 * words of the action waiting, which refuse nothing ("cancel" to a proposed cancellation).
 */
export function isClearNo(message: string, opts: ConsentOptions = {}): boolean {
  // "I don't want to pay shipping again" worries about the price; it refuses nothing (core/consent-no).
  // "at no charge", "any UPS stop": a refusal word as a noun inside a question refuses nothing (core/consent-no).
  const words = withoutNounRefusals(
    message,
    withoutCostWorry(consentWords(message)),
    (w) => asksIn(message, w, ASKS, consentWords),
    consentWords,
  );
  if (words.length > 20)
    return longNo(message, words, {
      wordsOf: consentWords,
      refuses: (x) => isClearNo(x, opts),
      yesLeft: (w) => stripPhrases(stripPhrases(stripPhrases([...w], NO_PHRASES).rest, WITHDRAW_PHRASES).rest, LONG_YES).found,
    });
  if (words.length === 0) return false;
  // A refusal word that names the action waiting is that action, not a no ("please cancel it" to a proposed
  // cancellation): neither a yes nor a no, the proposal is asked again.
  const echo = new Set((opts.echo ?? []).filter((w) => w !== 'it' && !w.includes(' ')));
  const noPhrases = echo.size ? NO_PHRASES.filter((p) => !p.split(' ').some((w) => echo.has(w))) : NO_PHRASES;
  const withdrawPhrases = echo.size ? WITHDRAW_PHRASES.filter((p) => !p.split(' ').some((w) => echo.has(w))) : WITHDRAW_PHRASES;
  const no = stripPhrases(words, noPhrases);
  const withdrawn = no.found ? no : stripPhrases(words, withdrawPhrases);
  if (!withdrawn.found || (!no.found && asksIn(message, words, ASKS, consentWords))) return false;
  // "no problem, go ahead" / "no worries yes" / "no probs, send it" are agreements said with a no in them (`NO_BOTHER`).
  if (stripPhrases(words, NO_BOTHER).found) return false;
  // A yes left once the refusals are taken out ("no wait, do it"); the "do it" of "don't do it" is none.
  return !stripPhrases(
    stripPhrases(withdrawn.rest, withdrawPhrases).rest.filter((w) => w !== 'sure'),
    ['yes', 'yeah', 'yep', 'go ahead', 'do it', 'please do'],
  ).found;
}

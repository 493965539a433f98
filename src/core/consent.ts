// Whether a shopper's own message is an unambiguous yes (or no) to the action just proposed.
// This decides consequential actions, so it is deliberately narrow: a message is a yes only when
// every word in it is an affirmation, politeness, or an echo of the action ("yes please, create
// the label"). Questions, hedges ("not sure", "maybe"), conditionals ("if"), deferrals ("later"),
// negations and changes ("but only the jumper") are never a yes: the proposal is asked again,
// or a new one is made. Used by the chat service (server-side approval) and the offline model.

const YES_PHRASES = [
  'yes',
  'yeah',
  'yea',
  'yep',
  'yup',
  'ya',
  'yes please',
  'sure',
  'sure thing',
  'ok',
  'okay',
  'k',
  'kk',
  'alright',
  'all right',
  'fine',
  'confirm',
  'confirmed',
  'i confirm',
  'correct',
  'that is right',
  'that is correct',
  'right',
  'absolutely',
  'definitely',
  'certainly',
  'of course',
  'go ahead',
  'go for it',
  'do it',
  'please do',
  'lets do it',
  'let us do it',
  'sounds good',
  'sounds great',
  'that works',
  'works for me',
  'thats right',
  'thats correct',
  'thats fine',
  'thats it',
  'thats perfect',
  'proceed',
  'please proceed',
  'agreed',
  'i agree',
  'approved',
  'perfect',
  'great',
  'im sure',
  'i am sure',
  'yes i am sure',
  'thumbs up',
  'y',
];

/** Words that may stand beside a yes without changing it: politeness and echoes of the action. */
const NEUTRAL = new Set(
  (
    'please pls plz thanks thank you thx ty cheers so much very just now right away then and go ahead do it that this the them one all ' +
    'create make send issue email label labels return returns item items order i would like want to a that is fine great perfect lovely ' +
    'cool brilliant excellent awesome nice good wonderful mate hi hey oh with for me on'
  ).split(' '),
);

/** Any of these anywhere makes a message something other than a clear yes. */
const NOT_A_YES = new Set(
  (
    'no not nope nah never dont don t cannot cant wont shouldnt wouldnt isnt cancel stop wait hold later tomorrow maybe perhaps possibly probably ' +
    'might unsure if unless but except only instead rather actually though although however hmm hm um umm idk guess think suppose ' +
    'what why how when which who whether or else first before after change different another other'
  ).split(' '),
);

const NO_PHRASES = [
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
];

/** A question in the message: then a withdrawal word is no refusal. */
const ASKS = new Set('? what why how when which who where whether can could would will is are does'.split(' '));

const EMOJI_YES = /[\u{1F44D}\u{2705}\u{2714}\u{1F44C}]/u;

/** Lower case, apostrophes dropped ("don't" → "dont"), punctuation to spaces; '?' kept as its own word. */
export function consentWords(message: string): string[] {
  const text = message
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc']/g, '')
    .replace(/\?/g, ' ? ')
    .replace(/[^a-z0-9? ]+/g, ' ');
  return text.split(/\s+/).filter(Boolean);
}

function stripPhrases(words: string[], phrases: readonly string[]): { rest: string[]; found: boolean } {
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

/** Words that echo an action and so may stand in a yes to it ("yes, cancel it"); see core/consent. */
export const ACTION_ECHO: Record<string, readonly string[]> = {
  cancel_order: ['cancel', 'cancellation', 'cancelled', 'it'],
  // Only words that name the action itself: a size, a resolution or an address in a yes is a change, not an echo.
  change_address: ['change', 'address', 'update', 'it'],
  exchange: ['exchange', 'swap', 'it'],
  report_problem: ['report', 'claim', 'pass', 'on', 'it'],
  merge_cart: ['add', 'merge', 'keep', 'move', 'basket', 'cart', 'bag', 'both'],
};

export interface ConsentOptions {
  /** Extra words that echo this proposal's action (e.g. "cancel" for a cancellation) and are neutral here. */
  echo?: readonly string[];
}

/** True only for an unambiguous agreement: short, no question, no hedge or change, at least one yes. */
export function isClearYes(message: string, opts: ConsentOptions = {}): boolean {
  // Words this reader cannot check ("yes нет", "ok لا") might take the yes back: ask again instead.
  if (/[^\p{Script=Latin}\P{L}]/u.test(message.normalize('NFKC'))) return false;
  const echo = new Set(opts.echo ?? []);
  const words = consentWords(message);
  if (words.length === 0 || words.length > 14) return false;
  if (words.some((w) => w === '?' || (NOT_A_YES.has(w) && !echo.has(w)))) return false;
  const { rest, found } = stripPhrases(words, YES_PHRASES);
  const yes = found || EMOJI_YES.test(message);
  return yes && rest.every((w) => NEUTRAL.has(w) || echo.has(w));
}

/** True for a plain refusal ("no", "don't", "not now", "No! Do NOT return anything") with no yes in it. */
export function isClearNo(message: string): boolean {
  const words = consentWords(message);
  if (words.length === 0 || words.length > 20) return false;
  const no = stripPhrases(words, NO_PHRASES);
  const withdrawn = no.found ? no : stripPhrases(words, WITHDRAW_PHRASES);
  if (!withdrawn.found || (!no.found && words.some((w) => ASKS.has(w)))) return false;
  // "no problem, go ahead" / "no worries yes" are agreements said with a no in them.
  if (/\bno (problem|worries)\b/.test(words.join(' '))) return false;
  // A yes left once the refusals are taken out ("no wait, do it"); the "do it" of "don't do it" is none.
  return !stripPhrases(
    stripPhrases(withdrawn.rest, WITHDRAW_PHRASES).rest.filter((w) => w !== 'sure'),
    ['yes', 'yeah', 'yep', 'go ahead', 'do it', 'please do'],
  ).found;
}

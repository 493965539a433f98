// A long message read for its request. A letter ("Dear Sir or Madam, I hope this finds you well.
// … Could you tell me where my parcel is? … Yours faithfully, Ann") or a story with the request
// buried in it gives the classifier a bag of words that courtesy and background dilute: read whole,
// no intent may stand out, or a greeting or a sign-off wins. So the message is taken apart into
// clauses, the courtesy ones (a greeting, thanks, a sign-off and the name under it) are left out,
// and the rest is read again; if that is still unclear, the clauses with no intent signal of their
// own (background the model is unsure of and that asks nothing) go too, and last a clause that
// asks, alone or with the clause told just before it, may decide. Focus only sharpens: the intent
// it settles on must be a request the whole reading already had among its likeliest three, and a
// message read clearly as a pleasantry changes only for a clause that asks. Each reading is the
// learned model's: the intent head's for what a clause is about, the act head's for whether it asks
// (makes a request now, with or without a question mark: "I need it by Friday", "my parcel never
// came") or only tells context or courtesy ("I already checked my spam", "why did I even order
// it?"); the word lists here are the courtesy formulas of letters, as data. A message read clearly
// whole is left as it was, unless it is nothing but courtesy.
import { classifyAct, type Act, type IntentPrediction } from './nlu/index.js';

type Predict = (text: string) => IntentPrediction;

/** Courtesy formulas of letters and chat, whole clauses only (the model reads most courtesy; these are what it misreads). */
const COURTESY: Readonly<Record<'greeting' | 'thanks' | 'goodbye', readonly string[]>> = {
  greeting: [
    'dear sir or madam',
    'dear sir madam',
    'dear sirs',
    'to whom it may concern',
    'good morning',
    'good afternoon',
    'good evening',
    'hello',
    'hello there',
    'hi',
    'hi there',
    'hey',
    'hey there',
    'greetings',
    'i hope this finds you well',
    'i hope this message finds you well',
    'i hope this email finds you well',
    'i hope this note finds you well',
    'i hope you are well',
    'i hope you are keeping well',
    'i hope you are doing well',
    'i hope all is well',
    'i hope all is well with you',
    'i trust you are well',
    'hope this finds you well',
    'hope you are well',
    'hope you are doing well',
    'hope all is well',
  ],
  thanks: [
    'thanks',
    'thank you',
    'many thanks',
    'thanks in advance',
    'thank you in advance',
    'thank you very much',
    'thank you so much',
    'thanks so much',
    'thanks a lot',
    'thank you for your time',
    'thank you for your help',
    'thanks for your help',
    'with thanks',
    'with many thanks',
    'much appreciated',
    'thanks again',
    'thank you again',
  ],
  goodbye: [
    'regards',
    'kind regards',
    'best regards',
    'warm regards',
    'warmest regards',
    'yours faithfully',
    'yours sincerely',
    'yours truly',
    'sincerely',
    'respectfully',
    'yours respectfully',
    'respectfully yours',
    'best wishes',
    'all the best',
    'best',
    'cheers',
    'take care',
    'have a nice day',
    'have a great day',
    'have a good day',
    'i look forward to hearing from you',
    'i look forward to your reply',
    'i look forward to your prompt reply',
    'looking forward to hearing from you',
    'looking forward to your reply',
  ],
};
type Courtesy = keyof typeof COURTESY;
const FORMULAS = new Map<string, Courtesy>(
  (Object.entries(COURTESY) as Array<[Courtesy, readonly string[]]>).flatMap(([kind, list]) => list.map((f) => [f, kind] as const)),
);

/** Intents that are courtesy or chat, not a request: a clause the model reads as one of these is left out. */
const SOFT: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye', 'smalltalk']);
/** Courtesy that ends the chat. */
const CLOSINGS: ReadonlySet<string> = new Set(['thanks', 'goodbye']);
/** …and whole-message readings that leave the request unsaid: the clauses may find it. */
const NO_REQUEST: ReadonlySet<string> = new Set([...SOFT, 'out_of_scope', 'unanswerable']);
/** A yes or a no answers; it asks for nothing of its own. */
const ANSWERS: ReadonlySet<string> = new Set(['confirm', 'deny']);
/** A feeling is read from the whole message, never from a clause picked out of it: focus looks for a request. */
const FEELINGS: ReadonlySet<string> = new Set(['frustrated', 'complaint']);
/** Questions about getting a piece delivered: a piece wanted beside one is the reason it is asked (here and in multi.ts). */
export const DELIVERY_QUESTION: ReadonlySet<string> = new Set(['policy_shipping', 'delivery_time', 'change_delivery', 'pickup']);
/** Wanting a piece, which said as a want rather than asked ("I need a dress for Saturday") may be that reason. */
export const WANTS_A_PIECE: ReadonlySet<string> = new Set(['search', 'recommend']);
/** Said as a statement, not a question. */
export const statesIt = (text: string): boolean => !/\?\s*$/.test(text);
/** How sure a reading must be to stand (a probability): the classifier's own bar for a clear label. */
const CLEAR = 0.5;
/** Below this a reading is a guess (the planner asks which was meant: classify.ts LOW_CONFIDENCE). */
const GUESS = 0.35;
/** A signature under a sign-off: a few words at most ("Ann", "Mrs. Okafor", "Tom Ellis"). */
const SIGNATURE_WORDS = 3;
/** A salutation ("Dear Tailor team,") names whom it greets in a few words. */
const SALUTATION_WORDS = 5;

/** The acts that make a request now (data/nlu/acts/acts.yaml); `told` and `courtesy` do not. */
const REQUESTING: readonly Act[] = ['ask', 'hypothetical', 'conditional_yes'];

/**
 * The clause makes a request now, whatever it asks, as the act head reads it: the acts that request
 * hold more than half its probability. A model without the head reads every clause as asking.
 */
export function asks(text: string): boolean {
  const p = classifyAct(text).probabilities;
  return REQUESTING.reduce((sum, act) => sum + (p[act] ?? 0), 0) > 0.5;
}

/** The clause is only courtesy, as the act head reads it: that act holds more than half its probability. */
const isCourtesy = (text: string): boolean => (classifyAct(text).probabilities.courtesy ?? 0) > 0.5;

/** The clauses of a message, each with its punctuation: cut at sentence ends, semicolons, commas and dashes. */
function clauses(text: string): string[] {
  const cut = text.replace(EMOTICON, '$&\n').replace(NEW_CLAUSE, '\n');
  return (cut.match(/[^.!?;,\n—–]+(?:[.!?;,\n—–]+|$)/g) ?? []).map((c) => c.trim()).filter((c) => /[a-z0-9]/i.test(c));
}
/** A smiley or an emoji ends what was said before it ("hope you're well :) I was wondering…"). */
const EMOTICON = /(?:^|\s)(?:[:;=]-?[()dp]|<3)(?=\s|$)|\p{Extended_Pictographic}/giu;
/** "…and the app crashes and honestly I just need…": "and", "but" or "so" before a new subject starts a clause. */
const NEW_CLAUSE =
  /\s+(?:and|but|so)\s+(?=(?:i|i'm|im|i've|ive|we|you|u|it|it's|its|they|he|she|my|this|that|honestly|now|at this point|anyway)\b)/gi;

/** A clause as plain words, for matching formulas: lower case, "you're" as "you are", no punctuation. */
function plain(clause: string): string[] {
  return clause
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'re\b/g, ' are')
    .replace(/'m\b/g, ' am')
    .replace(/'s\b/g, ' is')
    .replace(/([a-z])\1{2,}/g, '$1')
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** Which courtesy a clause is by the formulas alone, or null: a formula whole, or a salutation opening the message ("Dear Tailor team"). */
function formula(words: readonly string[], first: boolean): Courtesy | null {
  const kind = FORMULAS.get(words.join(' '));
  if (kind) return kind;
  return first && words[0] === 'dear' && words.length <= SALUTATION_WORDS ? 'greeting' : null;
}

/** A name as signed: a few words, each capitalised ("Ann", "Mrs. Okafor", "Tom Ellis"). */
const signs = (texts: readonly string[]): boolean => {
  const words = texts.join(' ').match(/[^\s.,]+/g) ?? [];
  // Names are capitalised; kisses ("Jess xx") go with them.
  const names = words.filter((w) => !/^x+$/i.test(w));
  return names.length > 0 && names.length <= SIGNATURE_WORDS && names.every((w) => /^\p{Lu}[\p{L}'-]*$/u.test(w));
};

interface Clause {
  text: string;
  courtesy: Courtesy | null;
}

/** The clauses with the courtesy ones marked: formulas, and the name signed under a closing one ("Kind regards, Ann"). */
function marked(units: readonly string[]): Clause[] {
  const parts: Clause[] = units.map((text, i) => {
    const words = plain(text);
    let courtesy = formula(words, i === 0);
    // "Kind regards Ann", without a comma: a sign-off, then the name.
    for (let n = 1; courtesy === null && i === units.length - 1 && n < words.length && n <= SIGNATURE_WORDS; n++)
      if (FORMULAS.get(words.slice(0, -n).join(' ')) === 'goodbye' && signs(text.split(/\s+/).slice(-n))) courtesy = 'goodbye';
    return { text, courtesy };
  });
  let close = parts.length - 1;
  while (close >= 0 && parts[close]!.courtesy !== 'goodbye' && parts[close]!.courtesy !== 'thanks') close--;
  if (close >= 0 && close < parts.length - 1 && signs(units.slice(close + 1)))
    for (const c of parts.slice(close + 1)) c.courtesy = 'goodbye';
  return parts;
}

/**
 * The message without the sign-off closing it and the name signed under it ("… Kindly advise. Regards, M. Reid"):
 * what its slots are read from, so a signed initial is no size ("M.") and a name no search word.
 */
export function unsigned(text: string): string {
  const units = clauses(text);
  const parts = marked(units);
  let end = parts.length;
  while (end > 0 && parts[end - 1]!.courtesy === 'goodbye') end--;
  if (end === parts.length || end === 0) return text;
  const at = text.lastIndexOf(units[end]!);
  return at > 0 ? text.slice(0, at).trim() : text;
}

const isClear = (p: IntentPrediction): boolean => p.confidence >= CLEAR && !NO_REQUEST.has(p.label);

/** A reading that is only courtesy: all of its probability on one courtesy intent. */
function courtesyOnly(kind: string, like: IntentPrediction): IntentPrediction {
  const probabilities: Record<string, number> = {};
  for (const label of Object.keys(like.probabilities)) probabilities[label] = label === kind ? 1 : 0;
  return { label: kind, confidence: 1, lowConfidence: false, probabilities, top: [{ label: kind, probability: 1 }] };
}

/**
 * A question about delivery among clauses that otherwise only state a piece wanted: that question's reading, when the
 * whole message's likeliest three hold it (focus only sharpens), else null.
 */
function deliveryAskedFor(rest: readonly Clause[], whole: IntentPrediction, predict: Predict): IntentPrediction | null {
  if (rest.length < 2) return null;
  const read = rest.map((c) => ({ text: c.text, p: predict(c.text) }));
  const delivery = read.filter((c) => isClear(c.p) && DELIVERY_QUESTION.has(c.p.label) && asks(c.text));
  const wants = read.filter((c) => !delivery.includes(c));
  if (!delivery.length || !wants.every((c) => WANTS_A_PIECE.has(c.p.label) && statesIt(c.text))) return null;
  const p = predict(delivery.map((c) => c.text).join(' '));
  return isClear(p) && DELIVERY_QUESTION.has(p.label) && whole.top.some((t) => t.label === p.label) ? p : null;
}

/**
 * The reading of a message that decides its intent: the whole message's (`whole`) when it is clear,
 * otherwise the reading of its request-bearing clauses (see the file comment). `predict` is the
 * learned classifier.
 */
export function focusOnRequest(text: string, whole: IntentPrediction, predict: Predict): IntentPrediction {
  const units = clauses(text);
  if (units.length === 0) return whole;
  const parts = marked(units);
  const rest = parts.filter((c) => c.courtesy === null);
  // Nothing but courtesy ("Kind regards, Ann"): what the formulas say, whatever the words suggest.
  if (rest.length === 0) return SOFT.has(whole.label) ? whole : courtesyOnly(parts.at(-1)!.courtesy!, whole);
  if (units.length < 2) return whole;
  // Annoyed with the answer, then the question asked again ("No, that's not what I asked. I asked WHEN it's getting
  // here."): the question is the request, the annoyance how it is said. Only a clause that asks, after a whole
  // reading of frustration, and that the model reads as a request above its own bar for a guess.
  if (whole.label === 'frustrated' && whole.confidence >= CLEAR) {
    const again = rest
      .map((c) => ({ text: c.text, p: predict(c.text) }))
      .filter(
        (c) => c.p.confidence >= GUESS && !NO_REQUEST.has(c.p.label) && !FEELINGS.has(c.p.label) && !ANSWERS.has(c.p.label) && asks(c.text),
      );
    return again.at(-1)?.p ?? whole;
  }
  // A piece wanted, stated beside a question about delivery ("Do you have express? I need a dress for Saturday"), is why
  // delivery is asked, also when the words as a whole lean to the piece: the delivery question is the request.
  const reason = WANTS_A_PIECE.has(whole.label) ? deliveryAskedFor(rest, whole, predict) : null;
  if (reason) return reason;
  if (isClear(whole)) return whole;
  // A closing whose other clauses are pleasantries too ("sorry for the long chat, you've been patient. take care"): the
  // formula's courtesy, when the act head reads every other clause as courtesy and none as asking.
  if (rest.length < parts.length && rest.every((c) => isCourtesy(c.text))) {
    const kind = parts.filter((c) => c.courtesy).at(-1)!.courtesy!;
    return whole.label === kind ? whole : courtesyOnly(kind, whole);
  }
  // The model's own reading of each clause left: courtesy it reads as such goes too.
  const read = rest.map((c) => ({ text: c.text, p: predict(c.text), asks: asks(c.text) }));
  const request = read.filter((c) => !(SOFT.has(c.p.label) && c.p.confidence >= CLEAR));
  if (request.length === 0) return whole;
  // Focus sharpens what the whole reading already weighed: its label must be a request among the whole
  // message's likeliest three, and when the whole read as courtesy with confidence ("nope, nothing else, bye"), it must come
  // from a clause that asks.
  const sharpens = (p: IntentPrediction): boolean => isClear(p) && !FEELINGS.has(p.label) && whole.top.some((t) => t.label === p.label);
  // So must it when a thanks or a goodbye is the likeliest reading, however sure: a plan told for later beside it
  // ("thanks, I'll return the jumper another time") is no request now.
  const mustAsk = whole.confidence >= CLEAR || CLOSINGS.has(whole.label);
  // A question about delivery asked beside a piece wanted ("I want to surprise her with a sweater. Can you send
  // things to Canada?"): the piece is why delivery is asked, the question is the request.
  const asksDelivery = request.some((c) => c.asks && isClear(c.p) && DELIVERY_QUESTION.has(c.p.label));
  const candidates: Array<typeof request> = [
    ...(asksDelivery ? [request.filter((c) => !(WANTS_A_PIECE.has(c.p.label) && statesIt(c.text)))] : []),
    request,
    // Background with no intent signal: unsure, and asking nothing.
    request.filter((c) => c.asks || isClear(c.p)),
  ];
  for (const kept of candidates) {
    if (kept.length === 0 || kept.length === units.length || (mustAsk && !kept.some((c) => c.asks))) continue;
    const p = predict(kept.map((c) => c.text).join(' '));
    if (sharpens(p)) return p;
  }
  // Last, a clause that asks, with the clause told just before it ("I bought boots in October. Have they been
  // posted?") or alone: the surest reading of those.
  const readings = request.flatMap((c, i) => {
    if (!c.asks) return [];
    const before = request[i - 1];
    return before && !before.asks ? [c.p, predict(`${before.text} ${c.text}`)] : [c.p];
  });
  return readings.filter(sharpens).sort((x, y) => y.confidence - x.confidence)[0] ?? whole;
}

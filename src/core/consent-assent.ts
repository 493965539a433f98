// The grammar of a plain assent said in more than yes words (core/consent.ts): a go-ahead said as a verb phrase
// ("you can proceed", "kindly process it", "book it in", "send it over"), approval said as a formula ("that would be
// great", "I'd like that", "happy with that", "looks right to me", "that's what I want") and thanks around it ("thank
// you for your help", "kind regards"). Each form is matched whole, as written, over words consent has already checked,
// and stands for the one word it means: a go-ahead for "proceed", an approval for "fine", thanks for "thanks". So every
// later check of the reader still applies: a hedge, question, condition, time, refusal, other action or other person
// anywhere, an approval with no go-ahead beside an acknowledgement ("noted, that would be great"), an approval after
// "oh" with no go-ahead (scorn: "oh that would be great"), and any word left unknown, still make it no yes. The words of
// these forms are never added to the words a mistyped word is mended into: a slip is read as written.

/** A form, written as words with alternatives: "(you can|you may)? proceed"; `<thing>` is what was proposed. */
type Form = string;

/** What was proposed, pointed at: a pronoun, or the action's own noun ("the return", "the cancellation"). */
const POINTERS = ['it', 'that', 'this', 'them', 'those', 'these', 'that one', 'this one'];
/** Before the action's own noun: "the label", "my return", "that swap". */
const DETERMINERS = ['the', 'my', 'that', 'this'];

/**
 * Words said before a go-ahead that only make it polite or grant it ("kindly proceed", "you can go ahead", "let's do
 * that"). Never a question's order ("can you", "could you": a question, and "could" a hedge), nor "just" (which may
 * keep a part: core/consent-part).
 */
const LEADS = '(please|kindly|you can|you may|feel free to|go ahead and|lets|let us|id like you to|i would like you to)?';

/** Going ahead said without a thing: the reader's "proceed". */
const GO_ON: readonly Form[] = [
  `${LEADS} (proceed|continue|carry on|go ahead|go on)`,
  '(crack on|on you go|off you go|fire away)',
  // Consent granted in its own words: "I consent", "you have my go-ahead".
  '(i consent|i give my consent|consent given|permission granted|(you have|youve got|you got) my (consent|permission|approval|blessing|go ahead))',
];

/**
 * Verbs of carrying out what was proposed, said of it, with the particles each may take after it ("send it over",
 * "book it in", "print it off"); `true`: the verb goes ahead only with its particle ("put it through", not "put it").
 * Only verbs that carry the proposal out as it stands: none that names another action (core/consent ACTION_ECHO),
 * drops or shelves it ("park it", "push it": core/consent-unknown DROP) or sends it elsewhere ("send it back").
 */
const CARRY_OUT: Readonly<Record<string, { particles: string; needs?: true }>> = {
  send: { particles: 'over|through|across|off|out' },
  process: { particles: 'through' },
  book: { particles: 'in' },
  arrange: { particles: '' },
  action: { particles: '' },
  print: { particles: 'off|out' },
  sort: { particles: 'out' },
  do: { particles: '' },
  make: { particles: 'happen', needs: true },
  create: { particles: '' },
  issue: { particles: '' },
  complete: { particles: '' },
  finalise: { particles: '' },
  finalize: { particles: '' },
  fire: { particles: 'off|over|through', needs: true },
  put: { particles: 'through', needs: true },
  lock: { particles: 'in', needs: true },
  set: { particles: 'up', needs: true },
  get: { particles: 'sorted|going|started|moving', needs: true },
};

const CARRIED_OUT: readonly Form[] = Object.entries(CARRY_OUT).map(
  ([verb, { particles, needs }]) => `${LEADS} ${verb} <thing>${particles ? ` (${particles})${needs ? '' : '?'}` : ''}`,
);

/** Approval of what was proposed, said as a formula: the reader's "fine" (an approval, which an acknowledgement does not make a go-ahead). */
const GOOD = '(great|lovely|perfect|amazing|brilliant|wonderful|fantastic|excellent|ideal|helpful|good|super|awesome)';
const APPROVALS: readonly Form[] = [
  // "That would be great", "that'd be lovely": the proposal welcomed. Never "would that be…" (a question's order).
  `(that|it|this) (would|will) be ${GOOD}`,
  `(thatd|thatll|itd|itll) be ${GOOD}`,
  // "I'd like that", "I would love it": the proposal wanted.
  '(id|i would|i should) (like|love) (it|that|this|them) (very much)?',
  // "I'm happy with that", "fine by me": said of the proposal, not of oneself ("I'm good" and "I'm fine" decline).
  '(im|i am|were|we are)? (happy|good|fine|ok|okay|content) with (it|that|this|them)',
  '(thats|that is)? (fine|ok|okay|good|alright) by (me|us)',
  '(were|we are|im|i am)? good to go',
  // "That suits me", "suits us".
  '(that suits|suits) (me|us)?',
  // "Looks right to me", "everything looks good", "that's all correct": the proposal checked and found right. Never "all
  // right" or "all good" said of it ("that's all right", "it's all good"): in British English these decline politely.
  '(that|this|it|everything|all|thats|its)? looks (good|great|perfect|right|correct|fine) (to me)?',
  '(that|this|it|everything) is (right|correct|all correct) (to me)?',
  '(thats|its) (all correct|a deal|correct)',
  // "That's what I want", "exactly what I asked for": the proposal is the wish (the only forms in which "what" is no question).
  '(thats|that is|its|it is) (exactly)? what i (want|wanted|need|needed|asked for|was after)',
  'exactly what i (want|wanted|need|needed|asked for|was after)',
];

/** Thanks and closings said around a yes, which neither give nor take it: read as "thanks", which is politeness. */
const THANKS: readonly Form[] = [
  '(thank you|thanks|many thanks|cheers) (so much)? for (your|the|all your|all the) help',
  '(thank you|thanks) for helping (me)?',
  '(thanks|thank you) (a lot|a million|kindly)',
  '(much appreciated|i appreciate it|appreciate it|i appreciate that|appreciated)',
  '(kind regards|best regards|warm regards|best wishes|many thanks|regards)',
];

/** One slot of a form: its alternatives (each a list of words; `<thing>` a pointer at the proposal), and whether it may be left out. */
interface Slot {
  options: string[][];
  optional: boolean;
}

/** A form's slots: "(a|b c)?" is one slot; a bare word is a slot of its own. */
function slots(form: Form): Slot[] {
  const out: Slot[] = [];
  const re = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)(\?)?|(\S+)/g;
  for (let m = re.exec(form); m; m = re.exec(form)) {
    if (m[3]) out.push({ options: [[m[3]]], optional: false });
    else out.push({ options: expand(m[1]!), optional: m[2] === '?' });
  }
  return out;
}

/** The alternatives of a slot, one nested group deep ("(you have|you got) my (consent|approval)" inside a slot). */
function expand(body: string): string[][] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === '|' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.flatMap((p) => (p.includes('(') ? sequences(slots(p)) : [p.trim().split(/\s+/)]));
}

/** Every word sequence a list of slots spells (for a nested group). */
function sequences(list: Slot[]): string[][] {
  return list.reduce<string[][]>((acc, s) => acc.flatMap((a) => [...s.options.map((o) => [...a, ...o]), ...(s.optional ? [a] : [])]), [[]]);
}

interface Grammar {
  slots: Slot[];
  /** The word the form stands for once matched. */
  means: string;
}

const GRAMMAR: readonly Grammar[] = [
  ...[...GO_ON, ...CARRIED_OUT].map((f) => ({ slots: slots(f), means: 'proceed' })),
  ...APPROVALS.map((f) => ({ slots: slots(f), means: 'fine' })),
  ...THANKS.map((f) => ({ slots: slots(f), means: 'thanks' })),
];

/** Where a pointer at the proposal starting at `at` ends: a pronoun, or the action's own noun with or without a determiner. */
function thingEnds(words: readonly string[], at: number, names: (w: string) => boolean): number[] {
  const ends: number[] = [];
  for (const p of POINTERS) {
    const ws = p.split(' ');
    if (ws.every((w, j) => words[at + j] === w)) ends.push(at + ws.length);
  }
  const start = DETERMINERS.includes(words[at] ?? '') ? at + 1 : at;
  // "the return label", "the prepaid label": the action's own words, one or two.
  for (let i = start; i < words.length && i < start + 2 && names(words[i]!); i++) ends.push(i + 1);
  return ends;
}

/** Every position where the slots, matched from `at`, may end. */
function ends(words: readonly string[], at: number, list: readonly Slot[], names: (w: string) => boolean): number[] {
  if (list.length === 0) return [at];
  const [slot, ...more] = list as [Slot, ...Slot[]];
  const next: number[] = slot.optional ? [at] : [];
  for (const option of slot.options) {
    if (option.length === 1 && option[0] === '<thing>') next.push(...thingEnds(words, at, names));
    else if (option.every((w, j) => words[at + j] === w)) next.push(at + option.length);
  }
  return [...new Set(next)].flatMap((n) => ends(words, n, more, names));
}

/** Whether the words welcome the proposal in a formula of approval ("that would be great", "I'd like that"): more than settling it. */
export const approves = (words: readonly string[], names: (w: string) => boolean): boolean =>
  readAssent(words, names, '<approval>').includes('<approval>');

/**
 * The words with each form of the grammar replaced by the word it means (longest form first, from the left): a
 * go-ahead by "proceed", an approval by "fine", thanks by "thanks", once per word of the form. `names(w)`: w is the
 * pending action's own word. A go-ahead followed by "to" is left as written: "send it over to them" sends it elsewhere.
 */
export function readAssent(words: readonly string[], names: (w: string) => boolean, approval = 'fine'): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    let best: { end: number; means: string } | null = null;
    for (const g of GRAMMAR) {
      const end = Math.max(-1, ...ends(words, i, g.slots, names).filter((e) => e > i));
      if (end < 0 || (best && end <= best.end)) continue;
      if (g.means === 'proceed' && words[end] === 'to') continue;
      best = { end, means: g.means === 'fine' ? approval : g.means };
    }
    if (!best) out.push(words[i++]!);
    else {
      // As many words as the form had: the reader weighs the words it knows against those it does not (core/consent-unknown).
      out.push(...Array<string>(best.end - i).fill(best.means));
      i = best.end;
    }
  }
  return out;
}

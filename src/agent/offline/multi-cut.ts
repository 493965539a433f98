// Where a message may be cut into requests: sentence ends and connectives ("also", "btw", "then"),
// then commas and "and"/"but" before a clause that opens a request; numbered or bulleted asks are
// lines of their own. multi.ts decides which pieces are requests of their own.
// Where a new request may start. Strong: a sentence end, or a word that says another request
// follows ("also", "another thing", "then", "btw"). Weak: a comma, or "and"/"but" between clauses.
// A connective may come with "and" before it and a comma after ("…, and while I'm here, have you…"); not inside a
// question after its verb and subject ("do you also offer express?", "can you then send it"), nor after a verb "to be"
// ("an exchange is also possible?", "it's then too late").
// A colon cuts nothing: what comes before it announces what follows ("Birthday gift for my sister: the red silk scarf").
const STRONG =
  /(?<=[.?!;\n])\s+|(?<!\b(?:(?:do|does|did|can|could|would|will|shall|should|may|might)\s+(?:you|u|i|we|they)|is|are|was|were|be|it'?s|that'?s)\s*)\s*,?\s+(?:and\s+)?(?:also|plus|oh and|then|another thing|one more thing|secondly|separately|btw|by the way|anyway|while i'?m (?:here|at it)|or at least)(?:\s*,)?\s+/i;
// Only before words that open a request: "…, I ordered the wrong thing" gives a reason, "…, can I…" asks again;
// a comma with "and" ("…, and my new order hasn't shipped either") or "but" may open any clause.
export const OPENS_A_REQUEST =
  /^(?:can|could|would|do|does|did|has|have|is|are|was|were|will|shall|should|where|wheres|what|whats|when|how|which|please|tell|show|check|find|add|remove|put|take|cancel|change|make|give|send|connect|reorder|empty|i want|i'?d like|i would like|i need|just)\b/i;
const WEAK = new RegExp(`\\s*,\\s*(?:and|but)\\s+|\\s*(?:,\\s*|\\s+(?:and|but)\\s+)(?=${OPENS_A_REQUEST.source.slice(1)})`, 'i');
const LEAD =
  /^(?:two things|2 things|a couple of things|first(?:ly)?|1\)|2\)|and|also|plus|oh|so|then|but|anyway|if so|if yes|if not)\b[\s,:.-]*/i;

export interface Piece {
  text: string;
  /** Where it was cut from the piece before. */
  cut: 'strong' | 'weak' | 'start';
  /** Cut at a word that says another request follows ("also", "btw", "and"), not only at a sentence end or a comma. */
  connective: boolean;
}

// Asks numbered or bulleted in one message ("1) status of 28502 2) is the refund moving", "(a) …, (b) …",
// "Action items: - jumper: exchange - chinos: keep"): each marker ends what came before it, as a line does.
// A list only when its markers are one: numbers or letters counted up from the first, or two bullets or more after a colon or a line end.
const NUMBERED = /(?:^|\s)\(?(\d{1,2}|[a-h])\)(?=\s)|(?:^|\s)(\d{1,2})\.(?=\s+[a-z])/gi;
const BULLET = /(?:^|[:\n])\s*[-•*]\s+|\s+[-•*]\s+(?=[a-z])/gi;

/** The message with the markers of a list it holds made line ends; unchanged when it holds none. */
function unlisted(text: string): string {
  const marks = [...text.matchAll(NUMBERED)];
  const counted = marks.map((m) => (m[1] ?? m[2] ?? '').toLowerCase());
  const ordinal = (k: string) => (/\d/.test(k) ? Number(k) : k.charCodeAt(0) - 96);
  if (marks.length >= 2 && counted.every((k, i) => ordinal(k) === ordinal(counted[0]!) + i) && ordinal(counted[0]!) === 1)
    return text.replace(NUMBERED, '\n ').trim();
  const bullets = [...text.matchAll(BULLET)];
  const opens = bullets[0] && (bullets[0].index === 0 || /[:\n]/.test(bullets[0][0]));
  return bullets.length >= 2 && opens ? text.replace(BULLET, (m) => (/:/.test(m) ? ':\n ' : '\n ')).trim() : text;
}

/** The message cut at every place a request may start: sentence ends and connectives, then commas and "and" inside those. */
export function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  // Split with the cut kept (odd places): a cut with a word in it is a connective.
  const sentences = unlisted(text).split(new RegExp(`(${STRONG.source})`, 'i'));
  for (let i = 0; i < sentences.length; i += 2) {
    const before = i > 0 ? (sentences[i - 1] ?? '') : '';
    const clauses = (sentences[i] ?? '').split(new RegExp(`(${WEAK.source})`, 'i'));
    for (let j = 0; j < clauses.length; j += 2) {
      const raw = clauses[j] ?? '';
      const t = raw.replace(LEAD, '').trim();
      const cutBy = j > 0 ? (clauses[j - 1] ?? '') : before;
      const lead = LEAD.exec(raw.trim())?.[0] ?? '';
      if (t)
        out.push({
          text: t,
          cut: out.length === 0 ? 'start' : j === 0 && i > 0 ? 'strong' : 'weak',
          connective: /[a-z]/i.test(cutBy) || /[a-z]/i.test(lead),
        });
    }
  }
  return out;
}

/**
 * A plea to look into it that names nothing of its own ("…no refund yet. Please check", "Kindly confirm, as I need to
 * be sure", "can you check for me?"): a request verb with no object but "it"/"this", a particle at most (no determiner:
 * "check my refund" names a thing) and a reason after a comma. It asks the request before it again, not a request of
 * its own (the classifier reads it alone as an order look-up or a checkout). A closed construction, like multi.ts's CORRECTS:
 * what the verb works on is what the piece lacks, not a phrasing.
 */
const BARE_PLEA =
  /^\W*(?:(?:please|pls|plz|kindly)\s+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+)?(?:please\s+|kindly\s+)?(?:help\s+(?:me\s+)?|just\s+)?(?:check|confirm|verify|double[- ]?check|look\s+into|advise)\b(?:\s+(?:it|this|that|for\s+me|on\s+it|again|please|pls|plz|thanks|thank\s+you))*(?:\s+(?!(?:my|the|your|our|his|her|their|a|an|what|where|when|if|whether)\b)[a-z]+)?\W*(?:[,;]\s*(?:as|because|since|so|thanks|thank)\b.*)?$/i;
/** The piece is a bare plea (BARE_PLEA): more of the request before it. */
export const isBarePlea = (text: string): boolean => BARE_PLEA.test(text);

/** Asks where an order is or when it comes: what a clause after it says of a piece is that order's piece. */
const ORDER_ASKS: ReadonlySet<string> = new Set(['order_status', 'delivery_time']);
/** Readings of a piece named on its own ("the white canvas ones"): with nothing shown, no add can be meant either. */
const DESCRIBED: ReadonlySet<string> = new Set(['search', 'stock', 'compare', 'add_to_cart']);
/** Shopping words: a piece wanted, looked for or asked of the catalogue, not described as one already ordered. */
const SHOPS_FOR =
  /\b(want|wanna|need|looking for|after|do you (?:have|sell|stock|do)|have you got|got any|any (?:more|other)|show me|in (?:stock|a size|size)|also|too|as well|add|basket|cart|bag)\b/i;

/**
 * "Any sign of my trainers? The white canvas ones.", "Did the jumper get delivered? I can't see it in any of these
 * boxes.": after where an order is, a clause that only says which piece of it (by colour or kind, no size or price, no
 * piece wanted) or that it cannot be found is that order's, no search of its own. A connective makes it a request.
 */
export function describesOrdered(
  pieceText: string,
  connective: boolean,
  e: { size: string | null; maxPrice: number | null; minPrice: number | null; category: string | null; pronoun: boolean },
  own: string | null,
  last: { intent: string | null; category: string | null },
  shownBefore: boolean,
): boolean {
  if (connective || shownBefore || !ORDER_ASKS.has(last.intent ?? '') || !DESCRIBED.has(own ?? '')) return false;
  if (e.size || e.maxPrice !== null || e.minPrice !== null || SHOPS_FOR.test(pieceText)) return false;
  // A kind of its own beside an order asked about by another kind ("my boots? the red scarf") is another matter.
  return e.pronoun || !e.category || !last.category || e.category === last.category;
}

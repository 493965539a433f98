// Replies about products and the cart, built only from fields of the tool results.
import { CATEGORIES, type ToolOutput } from '../../tools/index.js';
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import { ASK_MARKERS, PHRASES, pickInSize } from './phrases.js';
import {
  inSizes,
  inStockSizes,
  listText,
  money,
  mySizeUsed,
  namedSize,
  num,
  productsIn,
  sizeText,
  str,
  type ProductView,
  outputOf,
} from './results.js';
import type { Reply } from './voice.js';

type SearchOut = ToolOutput<'search_products'>;
import { fabricAsked, FEATURES, PAGE_QUESTIONS, productFacts, productFeatures, readable } from './product-facts.js';

/** Products one reply lists; a search asks for a few more, which "show me more" starts after. */
export const MAX_SHOWN = 3;

export function sizeNote(p: ProductView, size: string | null): string {
  const sizes = inStockSizes(p);
  if (size) {
    const s = p.stock.find((x) => x.size.toUpperCase() === size.toUpperCase());
    if (s) return s.units > 0 ? `in stock in ${s.size}` : `sold out in ${s.size}${sizes.length ? ` (in stock ${inSizes(sizes)})` : ''}`;
  }
  if (p.stock.length === 0) return '';
  if (!sizes.length) return 'currently sold out';
  const text = sizeText(sizes);
  return text === 'one size' ? text : `sizes ${text}`;
}

export function productLine(p: ProductView, size: string | null, index?: number): string {
  const head = `${index !== undefined ? `${index}. ` : ''}${p.name}${p.colour && !p.name.toLowerCase().includes(p.colour.toLowerCase()) ? ` (${p.colour})` : ''}`;
  const parts = [p.price !== null ? money(p.price) : null, sizeNote(p, size) || null].filter(Boolean);
  return parts.length ? `${head}: ${parts.join(', ')}` : head;
}

export function askSize(p: ProductView): Reply {
  const sizes = inStockSizes(p);
  const body = sizes.length
    ? `${p.name} is in stock ${inSizes(sizes)}. ${ASK_MARKERS.size}?`
    : `Sorry, ${p.name} is currently sold out in every size. ${ASK_MARKERS.product} instead? I can look for something similar.`;
  return { kind: 'ask', body };
}

/** "Which one would you like?" over the products shown; `question` must keep that marker. */
export function askProduct(shown: readonly ProductView[], question = `${ASK_MARKERS.product}?`): Reply {
  if (shown.length === 0) return { kind: 'ask', body: PHRASES.askProductNothingShown };
  const lines = shown.slice(0, MAX_SHOWN).map((p, i) => productLine(p, null, i + 1));
  return { kind: 'ask', body: `${question}\n${lines.join('\n')}` };
}

/** What was searched for, in the shopper's terms: the tool's reading of the query when it gives one. */
function describeSearch(args: Record<string, unknown>, understood: SearchOut['understood']): string {
  const said = understood.words.join(' ');
  const cat = str(args.category);
  const words = [str(args.colour), said, cat ?? (said ? null : 'items')].filter(Boolean).join(' ');
  const max = understood.maxPrice ?? num(args.maxPrice);
  const min = understood.minPrice ?? null;
  const size = str(args.size);
  const price =
    min !== null && max !== null
      ? ` between ${money(min)} and ${money(max)}`
      : max !== null
        ? ` under ${money(max)}`
        : min !== null
          ? ` over ${money(min)}`
          : '';
  return `${words || 'items'}${price}${size ? ` in size ${size}` : ''}`;
}

/** A product's name without its colour ("Merino Crew-Neck Jumper" for "Navy Merino Crew-Neck Jumper"). */
export function styleName(p: ProductView): string {
  const colour = p.colour?.toLowerCase();
  return colour && p.name.toLowerCase().startsWith(`${colour} `) ? p.name.slice(colour.length + 1) : p.name;
}

/** The colours the searched style comes in: the results that are the same piece in another colour. */
function coloursReply(p: ProductView, found: readonly ProductView[], asked: string | null = null): Reply {
  const style = styleName(p);
  const same = found.filter((x) => styleName(x).toLowerCase() === style.toLowerCase() && x.colour);
  const colours = [...new Set([p, ...same].flatMap((x) => (x.colour ? [x.colour.toLowerCase()] : [])))];
  // "does it come in blue?": a yes or a no for that colour before the colours it comes in.
  const has = asked ? colours.some((c) => c.split(/\s+/).includes(asked.toLowerCase())) : null;
  const lead = has === null ? '' : has ? `Yes, ${style} comes in ${asked}. ` : `No, ${style} doesn't come in ${asked}. `;
  if (colours.length <= 1) return { kind: 'fact', body: `${lead}${p.name} only comes in ${colours[0] ?? 'the one colour shown'}.` };
  const lines = same.slice(0, 6).map((x, i) => productLine(x, null, i + 1));
  return { kind: 'fact', body: `${lead}${style} comes in ${listText(colours)}:\n${lines.join('\n')}`, hint: PHRASES.pickHint };
}

/**
 * "show me some candles": a kind of thing the catalogue has none of, searched with no filter to loosen: what the
 * catalogue does have (its categories) and what can be done instead, rather than "try another colour". Else null.
 */
function notInCatalogue(args: Record<string, unknown>, understood: SearchOut['understood'], canHandOver: boolean): Reply | null {
  const onlyWords = ['category', 'colour', 'size', 'maxPrice', 'minPrice', 'offset'].every((k) => args[k] === undefined);
  if (!onlyWords || !understood.words.length) return null;
  const offer = canHandOver
    ? ` I can look for something among those instead, or ${PHRASES.humanOffer.replace(/^I can /, '')}`
    : ' I can look for something among those instead.';
  return {
    kind: canHandOver ? 'ask' : 'fact',
    body: `I couldn't find any ${describeSearch(args, understood)} in our catalogue: it has ${listText([...CATEGORIES])}.${offer}`,
  };
}

export function searchReply(ex: Exchange, f: Frame, canHandOver = false): Reply {
  const data = outputOf(ex, 'search_products');
  if (!data) return { kind: 'fact', body: PHRASES.toolFailed };
  const found = productsIn(ex);
  if (f.intent === 'stock' && f.aboutColours && f.product) return coloursReply(f.product, found, f.e.colour);
  // "what colours do the merino jumpers come in?": one piece in several colours answers the same way.
  if (
    f.aboutColours &&
    !f.product &&
    !ex.args.offset &&
    found.length > 1 &&
    new Set(found.map((p) => styleName(p).toLowerCase())).size === 1
  )
    return coloursReply(found[0]!, found);
  // "in my size": the size the customer's orders show (null: not known, so ask for it).
  const mySize = mySizeUsed(ex);
  const size = str(ex.args.size) ?? f.e.size ?? mySize ?? null;
  const offset = num(ex.args.offset) ?? 0;
  if (found.length === 0 && offset > 0) {
    return {
      kind: 'fact',
      body: `That's everything I have for ${describeSearch(ex.args, data.understood)}: you've seen all of them.`,
      hint: 'Try another colour, size or budget and I will look again.',
    };
  }
  const none = found.length === 0 ? notInCatalogue(ex.args, data.understood, canHandOver) : null;
  if (none) return none;
  if (found.length === 0) {
    return {
      kind: 'fact',
      body: `I couldn't find any ${describeSearch(ex.args, data.understood)} right now.`,
      hint: 'Try another colour, size or budget and I will look again.',
    };
  }
  if (f.intent === 'add_to_cart' && !f.e.size && found.length === 1) return askSize(found[0]!);
  const shown = found.slice(0, MAX_SHOWN);
  const lines = shown.map((p, i) => productLine(p, size, i + 1));
  const words = data.understood.words;
  const intro =
    data.approximate && words.length
      ? `I found nothing matching "${words.join(' ')}" exactly, but these fit the rest of your search:`
      : f.intent === 'add_to_cart'
        ? `${ASK_MARKERS.product}?${size ? ` These are in stock in ${size}:` : ''}`
        : offset > 0
          ? `Here ${shown.length === 1 ? 'is 1 more' : `are ${shown.length} more`}:`
          : data.understood.newest
            ? `Our newest arrivals${shown.length === 1 ? '' : `, latest first`}:`
            : shown.length === 1
              ? 'Here is what I found:'
              : `Here are ${shown.length} options:`;
  // Searched in a size: the size is known, only the piece is left to choose.
  const inSize = size && shown.every((p) => p.stock.some((s) => s.size === size && s.units > 0));
  // Scarves, bags, belts: one size, so only the piece is left to choose.
  const oneSize = shown.every((p) => p.stock.length > 0 && p.stock.every((s) => !namedSize(s.size)));
  const hint = f.intent === 'add_to_cart' ? undefined : inSize ? pickInSize(size) : oneSize ? PHRASES.pickOneSizeHint : PHRASES.pickHint;
  const yours = mySize
    ? data.mySizeFrom === 'registration'
      ? `Your size is ${mySize}, as you told us when you signed up. `
      : `Your usual size is ${mySize}, going by your orders. `
    : '';
  if (mySize === null) return { kind: 'ask', body: `${intro}\n${lines.join('\n')}\nI don't know your size yet. ${ASK_MARKERS.size}?` };
  return { kind: f.intent === 'add_to_cart' ? 'ask' : 'fact', body: `${yours}${intro}\n${lines.join('\n')}`, ...(hint ? { hint } : {}) };
}

function unstated(word: string): string {
  if (word.startsWith('pocket')) return 'whether it has pockets';
  if (word.startsWith('lin')) return 'whether it is lined';
  if (word.startsWith('stretch')) return 'whether it stretches';
  if (word.startsWith('zip') || word.startsWith('button')) return 'how it fastens';
  if (/^(pull|slip|slide|easy)/.test(word)) return 'whether it is a pull-on style';
  if (/^(elastic|stretchy waist)/.test(word)) return 'whether the waist is elasticated';
  if (word === 'drawstring') return 'whether it has a drawstring';
  if (word === 'length' || word.startsWith('how long')) return 'how long it is';
  return `whether it is ${word}`;
}

/** Answers from the product page (material, care, fit) for what the message asks; null if it asks none of them. */
const WARMTH = [
  'is light and airy, for warm days',
  'is a light layer, not one for the cold',
  'is a mid-weight layer',
  'is one of our warmest pieces',
];

const MACHINE_WASH = /machine[- ]?wash/i;

function pageAnswer(p: ProductView, message: string): string | null {
  const text = readable(message);
  const asks = (k: keyof typeof PAGE_QUESTIONS) => PAGE_QUESTIONS[k].test(text);
  if (!asks('material') && !asks('care') && !asks('fit') && !asks('other') && !asks('warmth')) return null;
  const facts = productFacts(p.description);
  const said: string[] = [];
  const unknown: string[] = [];
  const answer = (asked: boolean, fact: string | null, say: (fact: string) => string, missing: string) => {
    if (!asked) return;
    if (fact) said.push(say(fact));
    else unknown.push(missing);
  };
  // "is it real leather?", "are the grey ones wool?": a yes or a no first, then what it is made of.
  const fabric = fabricAsked(message);
  const yesNo = (m: string) => (fabric ? (m.includes(fabric) && !/\bfaux\b/.test(m) ? 'Yes, ' : 'No, ') : '');
  answer(asks('material'), facts.material, (m) => `${yesNo(m)}${p.name} is made of ${m}.`, 'what it is made of');
  // "is it machine washable?" gets a yes or a no before the care label.
  const machine = MACHINE_WASH.test(text);
  answer(
    asks('care'),
    facts.care,
    (c) => (machine ? `${MACHINE_WASH.test(c) ? 'Yes' : 'No'}, ${p.name}: ${c}.` : `Care for ${p.name}: ${c}.`),
    'how to care for it',
  );
  answer(asks('fit'), facts.fit, (f) => `${p.name} ${f}.`, 'how it fits');
  // How warm, read from what it is made of (wool, down… warm; linen, silk… light and airy).
  answer(
    asks('warmth'),
    facts.warmth === null ? null : WARMTH[facts.warmth]!,
    (w) => `${p.name} ${w}${facts.material ? ` (${facts.material})` : ''}.`,
    'how warm it is',
  );
  if (asks('other')) {
    // "is it waterproof?": yes when the page states it; else that the page does not say. Each feature asked
    // ("a zipper, or do I pull them on?"): what the page states is said, the others said to be unstated.
    const asked = FEATURES.filter((x) => x.asked.test(text));
    const stated = asked.filter((x) => productFeatures(p.description).includes(x.key));
    for (const x of stated) said.push(`${stated.length === asked.length ? 'Yes, ' : ''}${p.name} ${x.say}.`);
    const missing = asked.find((x) => !stated.includes(x));
    if (missing || !asked.length) {
      // Asked as the weather ("in a downpour"): whether it is waterproof, not the weather's words.
      const word = (missing ? missing.asked : PAGE_QUESTIONS.other).exec(text)![0].toLowerCase();
      // A pull-on style said, a zip unstated: whether it also has one, not how it fastens.
      const also = stated.some((x) => x.key === 'pull-on') && missing?.key === 'zip';
      unknown.push(
        missing?.key === 'waterproof' && !word.includes('water')
          ? 'whether it is waterproof'
          : also
            ? 'whether it also has a zip'
            : unstated(word),
      );
    }
  }
  if (unknown.length) {
    // Say what the page does state, so the shopper is not left with nothing.
    if (!said.length) {
      if (facts.material) said.push(`It is made of ${facts.material}.`);
      if (facts.fit) said.push(`It ${facts.fit}.`);
    }
    said.unshift(`The product details for ${p.name} don't say ${listText(unknown)}.`);
  }
  return said.join(' ');
}

export function productReply(ex: Exchange, f: Frame): Reply {
  const p = productsIn(ex)[0];
  if (!p) return { kind: 'fact', body: PHRASES.toolFailed };
  if (f.intent === 'add_to_cart') return askSize(p);
  const sizes = inStockSizes(p);
  const soldOut = p.stock.filter((s) => s.units <= 0).map((s) => s.size);
  // One size in stock: nothing to choose, "add it" is enough.
  const hint =
    sizes.length === 1 && p.stock.length === 1
      ? 'Say "add it" and I will put it in your cart.'
      : 'Tell me your size and I will add it to your cart.';
  if (f.e.size) {
    const s = p.stock.find((x) => x.size.toUpperCase() === f.e.size!.toUpperCase());
    const others = sizes.filter((x) => x !== s?.size);
    const oneSize = p.stock.length === 1 && !namedSize(p.stock[0]!.size);
    const answer = oneSize
      ? `${p.name} is one size, so there is no size to choose${sizes.length ? ', and it is in stock' : ', and it is sold out right now'}.`
      : !s
        ? `${p.name} doesn't come in ${f.e.size}.${sizes.length ? ` It is in stock ${inSizes(sizes)}.` : ''}`
        : s.units > 0
          ? `Yes, ${p.name} is in stock in ${s.size}${s.units <= 3 ? ` (only ${s.units} left)` : ''}${others.length ? `, and also ${inSizes(others)}` : ''}.`
          : `Sorry, ${p.name} is sold out in ${s.size}.${sizes.length ? ` It is in stock ${inSizes(sizes)}.` : ''}`;
    // The shopper already said the size they want: no need to ask for it again.
    const inTheirSize = !oneSize && s && s.units > 0 ? `Say "add it" and I will put it in your cart in ${s.size}.` : hint;
    return { kind: 'fact', body: answer, hint: inTheirSize };
  }
  const price = p.price !== null ? ` costs ${money(p.price)}` : '';
  const stock = sizes.length
    ? ` It is in stock ${inSizes(sizes)}${soldOut.length ? ` (sold out in ${sizeText(soldOut)})` : ''}.`
    : ' It is currently sold out.';
  const colour = p.colour && !p.name.toLowerCase().includes(p.colour.toLowerCase()) ? ` in ${p.colour}` : '';
  const page = pageAnswer(p, f.pageQuestion);
  if (page)
    return {
      kind: 'fact',
      body: `${page}${p.price !== null && PAGE_QUESTIONS.price.test(f.text) ? ` It costs ${money(p.price)}.` : ''}${stock}`,
      hint,
    };
  return { kind: 'fact', body: `${p.name}${colour}${price}.${stock}`, hint };
}

export function recommendReply(ex: Exchange, intro: string | undefined): Reply {
  const picks = productsIn(ex).slice(0, MAX_SHOWN);
  if (picks.length === 0) return { kind: 'fact', body: "I don't have any suggestions in stock for you right now." };
  const lines = picks.map((p, i) => `${productLine(p, null, i + 1)}${p.because ? ` (${p.because})` : ''}`);
  return { kind: 'fact', body: `${intro ?? 'You might like:'}\n${lines.join('\n')}`, hint: PHRASES.pickHint };
}

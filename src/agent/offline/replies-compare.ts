// Products side by side ("which one is warmer?", "are any of them machine washable?"), from their get_product results.
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import { PHRASES } from './phrases.js';
import { money, productsIn } from './results.js';
import type { Reply } from './voice.js';
import { PAGE_QUESTIONS, productFacts, readable } from './product-facts.js';
import { sizeNote } from './replies-shop.js';

/** Products side by side (price, material, fit, sizes in stock), with a verdict where the data gives one. */
export function compareReply(exchanges: readonly Exchange[], f: Frame): Reply {
  const products = exchanges.flatMap((ex) => productsIn(ex).slice(0, 1));
  if (products.length < 2) return { kind: 'fact', body: PHRASES.toolFailed };
  // Asked how to care for them ("are any of them machine washable?"): what each page says of it.
  const care = PAGE_QUESTIONS.care.test(readable(f.pageQuestion || f.text));
  const rows = products.map((p, i) => {
    const facts = productFacts(p.description);
    const cared = care ? (facts.care ?? 'care not stated') : null;
    const parts = [p.price !== null ? money(p.price) : null, facts.material, cared, facts.fit, sizeNote(p, null) || null].filter(Boolean);
    return { p, facts, line: `${i + 1}. ${p.name}: ${parts.join('; ')}` };
  });
  const text = f.text.toLowerCase();
  let verdict = '';
  if (/\b(cheap|cheaper|cheapest|less expensive|more expensive|pricier|dearer|price|cost|costs)\b/.test(text)) {
    const priced = rows.filter((r) => r.p.price !== null).sort((a, b) => a.p.price! - b.p.price!);
    const pricier = /\b(more expensive|pricier|dearer|costs more)\b/.test(text);
    const pick = pricier ? priced.at(-1) : priced[0];
    // Every piece at that price is named ("the grey and the green one are the cheapest, at $88.95 each").
    const tied = priced.filter((r) => r.p.price === pick?.p.price).map((r) => r.p.name);
    const most =
      priced.length > 2 ? (pricier ? 'the most expensive' : 'the cheapest') : pricier ? 'the more expensive one' : 'the cheaper one';
    if (priced.length >= 2)
      verdict =
        priced[0]!.p.price === priced.at(-1)!.p.price
          ? 'They cost the same.'
          : tied.length > 1
            ? `${tied.slice(0, -1).join(', ')} and ${tied.at(-1)} are ${most}, at ${money(pick!.p.price!)} each.`
            : `${pick!.p.name} is ${most}, at ${money(pick!.p.price!)}.`;
  } else if (/\bwarm(er|est)?\b/.test(text)) {
    const ranked = [...rows].sort((a, b) => (b.facts.warmth ?? -1) - (a.facts.warmth ?? -1));
    const [top, next] = ranked;
    const known = rows.every((r) => r.facts.warmth !== null);
    // All of the same warmth ("which of those is warmest?" over three merino jumpers): as warm as each other, said so.
    const materials = [...new Set(rows.map((r) => r.facts.material))];
    const same = materials.length === 1 ? `They are all ${materials[0]}, so` : 'Going by their materials,';
    verdict = !known
      ? "I can't tell which is warmer from the product details."
      : top!.facts.warmth! > next!.facts.warmth!
        ? `${top!.p.name} should be the ${/\bwarmest\b/.test(text) ? 'warmest' : 'warmer one'}: it is made of ${top!.facts.material}.`
        : top!.facts.warmth === ranked.at(-1)!.facts.warmth
          ? `${same} they should be about as warm as each other.`
          : "I can't tell which is warmer from the product details.";
  }
  return {
    kind: 'fact',
    body: `Side by side:\n${rows.map((r) => r.line).join('\n')}${verdict ? `\n${verdict}` : ''}`,
    hint: PHRASES.pickHint,
  };
}

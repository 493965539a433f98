// A size said in the US or UK system ("a US 10", "UK size 6", "size 10 uk"): the catalog's sizes are EU and letters,
// so the turn asks which of ours it is (frame.ts).
import type { Draft } from './frame-answer.js';

const OTHER_SIZE_SYSTEM =
  /\b(US|UK|[Uu][Ss]\s+size|[Uu][Kk]\s+size|[Uu][Ss]\s+(wo)?men'?s|[Uu][Kk]\s+(wo)?men'?s)\s+(size\s+)?((wo)?men'?s\s+)?\d{1,2}(\.5)?\b|\b\d{1,2}(\.5)?\s*([Uu][Kk]|US)\b/;

/**
 * "I'm a US 10 in sneakers": which of ours it is (the sizing guide), not stock. A search said with one ("a black dress,
 * size 10 UK") still wants the pieces: they are found in every size, and the sizing guide says which of ours it is beside them.
 */
export function sizeInAnotherSystem(d: Draft, text: string): void {
  if (!(d.intent === 'search' || d.intent === 'add_to_cart' || d.intent === 'stock') || !OTHER_SIZE_SYSTEM.test(text)) return;
  if (d.intent === 'search' && !d.alsoPolicy) [d.e, d.alsoPolicy] = [{ ...d.e, size: null }, 'sizing'];
  else d.intent = 'policy_sizing';
}

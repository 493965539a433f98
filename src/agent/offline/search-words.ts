// The words a search is made of: a sentence told beside the request ("I need a belt. My trousers keep
// falling down.") is the shopper's story, not a description of the piece, and its words would make the
// catalog search match nothing as said (then only the filters, the piece sought lost among its category).
import { extractEntities, type Entities } from './entities.js';
import { normalize } from './normalize.js';
import { tellsDone } from './frame-cues.js';

/**
 * The descriptors of `e` without those said only in a sentence the act head reads as told that does not name the
 * piece sought (its category word); with one sentence, or nothing told, the descriptors as they are.
 */
export function searchDescriptors(text: string, e: Entities): string[] {
  const sentences = text.split(/(?<=[a-z][.!?;,])\s+/i).filter((s) => /[a-z]/i.test(s));
  if (sentences.length < 2 || !e.descriptors.length) return e.descriptors;
  const kept = new Set<string>();
  const told = new Set<string>();
  for (const sentence of sentences) {
    const own = extractEntities(normalize(sentence));
    const namesPiece = own.categoryWord !== null && own.category === e.category;
    for (const d of own.descriptors) (!namesPiece && tellsDone(sentence) ? told : kept).add(d);
  }
  return e.descriptors.filter((d) => kept.has(d) || !told.has(d));
}

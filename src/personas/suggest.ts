// "did you mean …?" for typos in tool, segment, variable and partial names.
import { editDistance } from '../core/index.js';

export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== null && bestDistance <= limit ? ` (did you mean "${best}"?)` : '';
}

// How well several requests in one message are taken apart: each message of a labelled set
// (data/nlu/test/multi.yaml: the text and its intents in order) goes through the same splitter and
// classifier a chat turn uses, with nothing earlier in the conversation. A message is handled in
// full when the parts answered carry exactly its intents, in order; pleasantries (a greeting,
// thanks, a goodbye) may be folded into a neighbouring part, since the voice answers them anyway.
import { classify, type Intent } from './classify.js';
import { remember } from './memory.js';
import { splitRequests } from './multi.js';

export interface MultiCase {
  text: string;
  intents: string[];
}

export interface MultiOutcome extends MultiCase {
  parts: Array<{ text: string; intent: Intent }>;
  handled: boolean;
}

export interface MultiScore {
  total: number;
  handled: number;
  outcomes: MultiOutcome[];
}

const PLEASANTRIES: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye']);

export function scoreMultiRequests(cases: readonly MultiCase[]): MultiScore {
  const memory = remember([]);
  const outcomes = cases.map((c): MultiOutcome => {
    const parts = splitRequests(c.text, memory).map((text) => ({ text, intent: classify(text).intent }));
    return {
      ...c,
      parts,
      handled: sameRequests(
        c.intents,
        parts.map((p) => p.intent),
      ),
    };
  });
  return { total: outcomes.length, handled: outcomes.filter((o) => o.handled).length, outcomes };
}

function sameRequests(gold: readonly string[], got: readonly string[]): boolean {
  const requests = (xs: readonly string[]) => xs.filter((x) => !PLEASANTRIES.has(x));
  const g = requests(gold);
  // Only pleasantries ("thanks for that, bye"): one answer to any of them is all of them.
  if (g.length === 0) return got.length >= 1 && got.every((x) => gold.includes(x));
  const r = requests(got);
  return r.length === g.length && r.every((x, i) => x === g[i]);
}

// Token counts in o200k_base, the GPT-4o family's encoding: the one counter both the personas
// (prompt budgets, lint) and the agent (models that report no usage) use. Imports nothing of ours.
//
// The ranks table is large (a 2 MB module), so this module is imported only where counting is
// needed — dynamically by the personas registry (when a budget is enforced) and by the agent (on
// its first usage-less reply), statically by Node CLIs — never at the top of the app's graph.
//
// js-tiktoken's constructor also builds what decoding needs: a typed array (and its buffer) per
// token, 200,000 of each, and a 200,000-key object on the way — most of its ~80 MB. Counting never
// decodes, so countingEncoder() builds only the merge ranks, on a Tiktoken whose encode() is the
// library's own: the same counts (test/personas/tokens.test.ts) in a third of the memory. Even so
// the encoder is dropped once idle: kept for the life of a server that counts only while persona
// files are (re)loaded, it made every full garbage collection walk it for nothing.
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';

/** How long the encoder outlives its last use by default (a reload measures every persona in one go, synchronously). */
export const DEFAULT_KEEP_MS = 1_000;

/** The fields of js-tiktoken 1.x's Tiktoken that encode() reads (decode() also reads textMap and inverseSpecialTokens). */
interface EncoderFields {
  patStr: string;
  specialTokens: Record<string, number>;
  inverseSpecialTokens: Record<number, Uint8Array>;
  textEncoder: TextEncoder;
  textDecoder: TextDecoder;
  rankMap: Map<string, number>;
  textMap: Map<number, Uint8Array>;
}

/** A Tiktoken for `ranks` that can encode (count) but not decode. */
export function countingEncoder(ranks: { pat_str: string; special_tokens: Record<string, number>; bpe_ranks: string }): Tiktoken {
  const rankMap = new Map<string, number>();
  // Lines of "<name> <first rank> <base64 token> <base64 token>…"; the key is the token's bytes
  // joined with commas, as the library's encode() looks them up.
  for (const line of ranks.bpe_ranks.split('\n')) {
    if (!line) continue;
    const tokens = line.split(' ');
    const offset = Number.parseInt(tokens[1]!, 10);
    for (let i = 2; i < tokens.length; i++) {
      const bin = atob(tokens[i]!);
      const bytes: number[] = [];
      for (let j = 0; j < bin.length; j++) bytes.push(bin.charCodeAt(j));
      rankMap.set(bytes.join(','), offset + i - 2); // a flat string (+= would keep a rope per key)
    }
  }
  const fields: EncoderFields = {
    patStr: ranks.pat_str,
    specialTokens: { ...ranks.special_tokens },
    inverseSpecialTokens: {},
    textEncoder: new TextEncoder(),
    textDecoder: new TextDecoder('utf-8'),
    rankMap,
    textMap: new Map(),
  };
  return Object.assign(Object.create(Tiktoken.prototype) as Tiktoken, fields);
}

let encoder: Tiktoken | null = null;
let lastUse = 0;
let keep = DEFAULT_KEEP_MS;
let release: ReturnType<typeof setTimeout> | null = null;

/** One timer per idle period, not one per count: it re-arms itself while counts keep coming. */
function arm(ms: number): void {
  release = setTimeout(() => {
    const idle = Date.now() - lastUse;
    if (idle >= keep) {
      encoder = null;
      release = null;
      keep = DEFAULT_KEEP_MS;
    } else arm(keep - idle);
  }, ms);
  // Never keeps a CLI or test process alive (Node); absent on Workers, where timers end with the request.
  (release as { unref?: () => void }).unref?.();
}

/**
 * Tokens in `text` (o200k_base, special tokens refused as the library does). The encoder is built
 * on first use and dropped once unused for `keepMs` (the longest any caller asked for wins).
 */
export function countTokens(text: string, keepMs = DEFAULT_KEEP_MS): number {
  if (!text) return 0;
  encoder ??= countingEncoder(o200k);
  lastUse = Date.now();
  if (keepMs > keep) keep = keepMs;
  if (!release) arm(keep);
  return encoder.encode(text).length;
}

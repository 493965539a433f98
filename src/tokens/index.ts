// Token counts in o200k_base, the GPT-4o family's encoding: the one counter both the personas
// (prompt budgets, lint) and the agent (models that report no usage) use. Imports nothing of ours.
//
// The ranks table is large (a 2.2 MB module, 4.4 MB of strings once loaded), so it is not imported
// with this module: Node reads it (require) when an encoder is built and lets it go with the
// encoder, so a server that imports this module (personas/node.ts re-exports countTokens for the
// CLIs) carries nothing until it counts. Elsewhere (workerd) loadTokenCounter() imports it first.
//
// js-tiktoken's constructor also builds what decoding needs: a typed array (and its buffer) per
// token, 200,000 of each, and a 200,000-key object on the way — most of its ~80 MB. Counting never
// decodes, so countingEncoder() builds only the merge ranks, on a Tiktoken whose encode() is the
// library's own: the same counts (test/personas/tokens.test.ts) in a third of the memory. Even so
// the encoder is dropped once idle: kept for the life of a server that counts only while persona
// files are (re)loaded, it made every full garbage collection walk it for nothing.
import { Tiktoken } from 'js-tiktoken/lite';

type Ranks = { pat_str: string; special_tokens: Record<string, number>; bpe_ranks: string };
const RANKS_MODULE = 'js-tiktoken/ranks/o200k_base';

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

/** The ranks, when imported by loadTokenCounter (where there is no require). */
let imported: Ranks | null = null;

type NodeRequire = ((id: string) => unknown) & { resolve(id: string): string; cache: Record<string, unknown> };

/** Node's require for this module, or null where there is none (workerd). */
function nodeRequire(): NodeRequire | null {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = nodeProcess?.getBuiltinModule?.('node:module') as { createRequire?: (from: string) => NodeRequire } | undefined;
  return nodeModule?.createRequire ? nodeModule.createRequire(import.meta.url) : null;
}

/** On Node, the ranks through require, their module dropped from require's cache once read (the encoder keeps what it needs). */
function requireRanks(): Ranks | null {
  const req = nodeRequire();
  if (!req) return null;
  const ranks = req(RANKS_MODULE) as Ranks;
  delete req.cache[req.resolve(RANKS_MODULE)];
  return ranks;
}

/** Makes countTokens usable where the ranks cannot be read synchronously (workerd); nothing to do on Node. */
export async function loadTokenCounter(): Promise<void> {
  if (imported || nodeRequire()) return;
  imported = ((await import('js-tiktoken/ranks/o200k_base')) as { default: Ranks }).default;
}

function o200k(): Ranks {
  const ranks = imported ?? requireRanks();
  if (!ranks) throw new Error('The token counter is not loaded: await loadTokenCounter() first.');
  return ranks;
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
  encoder ??= countingEncoder(o200k());
  lastUse = Date.now();
  if (keepMs > keep) keep = keepMs;
  if (!release) arm(keep);
  return encoder.encode(text).length;
}

// o200k_base token counts (the GPT-4o family's encoding). The ranks table is large, so the
// registry imports this module only when a token budget is enforced.
//
// The encoder built from it is larger still (~80 MB of small objects on the heap) and is only
// needed while persona files are (re)loaded, so it is dropped a little after its last use:
// kept for the life of the server, it made every full garbage collection walk it (tens of ms
// of pause under load) for nothing.
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';

/** How long the encoder outlives its last use (a reload measures every persona in one go). */
const KEEP_MS = 10_000;

let encoder: Tiktoken | null = null;
let release: ReturnType<typeof setTimeout> | null = null;

export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200k);
  if (release) clearTimeout(release);
  release = setTimeout(() => {
    encoder = null;
    release = null;
  }, KEEP_MS);
  // Never keeps a CLI or test process alive (Node); absent on Workers, where timers end with the request.
  (release as { unref?: () => void }).unref?.();
  return encoder.encode(text).length;
}

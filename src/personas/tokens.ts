// o200k_base token counts (the GPT-4o family's encoding). The ranks table is large, so the
// registry imports this module only when a token budget is enforced.
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';

let encoder: Tiktoken | null = null;

export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200k);
  return encoder.encode(text).length;
}

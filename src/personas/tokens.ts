// Prompt token counts (o200k_base) come from the one shared counter in src/tokens (also the
// agent's). The registry imports this module only when a token budget is enforced, since the
// counter carries the large ranks table; Node tools take countTokens from personas/node.ts.
export { countTokens, countingEncoder } from '../tokens/index.js';

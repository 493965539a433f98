// The offline model's public surface: the chat model and its provider.
import type { ModelProvider } from '../types.js';
import type { RenderedPersona } from '../../personas/types.js';
import { OfflineChatModel } from './model.js';
import { classify } from './classify.js';

export { OfflineChatModel, type OfflineChatModelFields, type OfflineCallOptions } from './model.js';
export type { Decision } from './decide.js';

/**
 * Whether a shopper message turns personalization off or back on, by the same understanding the
 * model uses (typos and phrasings included). The model also flags it on its reply
 * (response_metadata.optOut / optIn); this lets the chat service decide before choosing a persona.
 */
export function detectPersonalizationChange(message: string): 'opt_out' | 'opt_in' | null {
  const { intent } = classify(message);
  return intent === 'opt_out' || intent === 'opt_in' ? intent : null;
}

/** The default model: no API key, no network, the same reply for the same conversation. */
export function createOfflineProvider(): ModelProvider {
  return {
    name: 'offline',
    create(persona: RenderedPersona) {
      return new OfflineChatModel({ voice: persona.voice, greeting: persona.greeting, personaId: persona.id });
    },
  };
}

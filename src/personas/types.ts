// What a persona is once loaded, and what the rest of the app receives after rendering.
import { z } from 'zod';
import type { ToolName } from '../tools/index.js';

/**
 * Phrases the offline model uses to speak in this persona's voice. Strings may use the same
 * {{variables}} as the body; they are rendered with the shopper's (minimized) context.
 */
export const voiceSchema = () =>
  z.object({
    style: z.enum(['guided', 'brief', 'warm', 'neutral']),
    greeting: z.string().min(1),
    /** Openers used before a factual answer, picked deterministically. */
    acknowledgements: z.array(z.string()).default([]),
    /** Appended to helpful replies, e.g. "Anything else I can help with?" */
    followUp: z.string().optional(),
    /** A line offering the persona's perks (VIP), omitted when absent. */
    perks: z.string().optional(),
    /** Introduces recommendations ("Your stylist picks:"). */
    recommendIntro: z.string().optional(),
    outOfScope: z.string().min(1),
    stepLimit: z.string().min(1),
    goodbye: z.string().min(1),
    thanks: z.string().min(1),
  });
export type Voice = z.infer<ReturnType<typeof voiceSchema>>;

export const modelSettingsSchema = () =>
  z.object({
    temperature: z.number().min(0).max(2).default(0.3),
    maxTokens: z.number().int().min(16).max(8192).default(400),
  });
export type ModelSettings = z.infer<ReturnType<typeof modelSettingsSchema>>;

/** A persona rendered for one shopper: what the agent loop and the model factory receive. */
export interface RenderedPersona {
  id: string;
  /** sha256 of the persona file and the partials it includes. */
  version: string;
  variant: string | null;
  experimentId: string | null;
  systemPrompt: string;
  tools: ToolName[];
  model: ModelSettings;
  greeting: string;
  voice: Voice;
}

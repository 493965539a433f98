// The persona file's frontmatter, validated with zod. Tool, segment and context names are
// plain strings here and checked by the compiler, which can say which line is wrong and
// suggest the name that was meant.
import { z } from 'zod';
import { ModelSettingsSchema, VoiceSchema } from './types.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_"');
const template = z.string().trim().min(1, 'must not be empty');

/** The voice as written in a file: unknown keys are typos, so they are errors. */
export const FileVoiceSchema = z.strictObject(VoiceSchema.shape);
// Every field optional and default-free: an override must not reset what it does not mention.
const VoiceOverrideSchema = z.strictObject(VoiceSchema.partial().extend({ acknowledgements: z.array(z.string()).optional() }).shape);

export const VariantSchema = z.strictObject({
  id: slug,
  /** Relative weight: 1 and 1, or 50 and 50, both split evenly. */
  weight: z.number().positive().max(1_000_000),
  /** Replaces the persona's Markdown body for this variant. */
  body: template.optional(),
  greeting: template.optional(),
  /** Merged over the persona's voice. */
  voice: VoiceOverrideSchema.optional(),
});
export type Variant = z.infer<typeof VariantSchema>;

export const PersonaFrontmatterSchema = z.strictObject({
  id: slug,
  /** For humans: what this persona is for. */
  description: z.string().optional(),
  /** Segment ids this persona serves (from data/segments.yaml). */
  segments: z.array(z.string().min(1)).default([]),
  /** Tool names this persona may use; nothing else is offered to the model or executed. */
  tools: z.array(z.string().min(1)),
  /** Context fields this persona may see; everything else is withheld from it. */
  context: z.array(z.string().min(1)).default([]),
  // Strict: a misspelt key ("temprature") would otherwise be dropped and the default apply unseen.
  model: z.strictObject(ModelSettingsSchema.shape).default({ temperature: 0.3, maxTokens: 400 }),
  greeting: template,
  voice: FileVoiceSchema,
  /** Experiment id; required when `variants` are given. */
  experiment: slug.optional(),
  variants: z.array(VariantSchema).min(2, 'an experiment needs at least two variants').optional(),
});
export type PersonaFrontmatter = z.infer<typeof PersonaFrontmatterSchema>;

/** prompts/experiments.yaml: lets a prompt engineer stop an experiment without editing the persona. */
export const ExperimentsFileSchema = z.strictObject({
  experiments: z
    .record(
      slug,
      z.strictObject({
        status: z.enum(['running', 'stopped']),
        /** When stopped: the variant everyone gets (none → the persona without variant overrides). */
        winner: slug.optional(),
        description: z.string().optional(),
      }),
    )
    .default({}),
});
export type ExperimentsFile = z.infer<typeof ExperimentsFileSchema>;

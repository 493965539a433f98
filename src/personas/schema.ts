// The persona file's frontmatter, validated with zod. Tool, segment and context names are
// plain strings here and checked by the compiler, which can say which line is wrong and
// suggest the name that was meant.
//
// Each schema is built where a file is read (at startup and on a reload), not kept by the module:
// the set is about 150 KB of heap, and what a server keeps across its garbage collections costs it
// several times over in peak memory (V8 sizes the heap in proportion to what survives).
import { z } from 'zod';
import { modelSettingsSchema, voiceSchema } from './types.js';

const slug = () => z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_"');
const template = () => z.string().trim().min(1, 'must not be empty');

/** The voice as written in a file: unknown keys are typos, so they are errors. */
export const fileVoiceSchema = () => z.strictObject(voiceSchema().shape);
// Every field optional and default-free: an override must not reset what it does not mention.
const voiceOverrideSchema = () =>
  z.strictObject(
    voiceSchema()
      .partial()
      .extend({ acknowledgements: z.array(z.string()).optional() }).shape,
  );

export const variantSchema = () =>
  z.strictObject({
    id: slug(),
    /** Relative weight: 1 and 1, or 50 and 50, both split evenly. */
    weight: z.number().positive().max(1_000_000),
    /** Replaces the persona's Markdown body for this variant. */
    body: template().optional(),
    greeting: template().optional(),
    /** Merged over the persona's voice. */
    voice: voiceOverrideSchema().optional(),
  });
export type Variant = z.infer<ReturnType<typeof variantSchema>>;

export const personaFrontmatterSchema = () =>
  z.strictObject({
    id: slug(),
    /** For humans: what this persona is for. */
    description: z.string().optional(),
    /** Segment ids this persona serves (from data/segments.yaml). */
    segments: z.array(z.string().min(1)).default([]),
    /** Tool names this persona may use; nothing else is offered to the model or executed. */
    tools: z.array(z.string().min(1)),
    /** Context fields this persona may see; everything else is withheld from it. */
    context: z.array(z.string().min(1)).default([]),
    // Strict: a misspelt key ("temprature") would otherwise be dropped and the default apply unseen.
    model: z.strictObject(modelSettingsSchema().shape).default({ temperature: 0.3, maxTokens: 400 }),
    greeting: template(),
    voice: fileVoiceSchema(),
    /** Experiment id; required when `variants` are given. */
    experiment: slug().optional(),
    variants: z.array(variantSchema()).min(2, 'an experiment needs at least two variants').optional(),
  });
export type PersonaFrontmatter = z.infer<ReturnType<typeof personaFrontmatterSchema>>;

/** prompts/experiments.yaml: lets a prompt engineer stop an experiment without editing the persona. */
export const experimentsFileSchema = () =>
  z.strictObject({
    experiments: z
      .record(
        slug(),
        z.strictObject({
          status: z.enum(['running', 'stopped']),
          /** When stopped: the variant everyone gets (none → the persona without variant overrides). */
          winner: slug().optional(),
          description: z.string().optional(),
        }),
      )
      .default({}),
  });
export type ExperimentsFile = z.infer<ReturnType<typeof experimentsFileSchema>>;

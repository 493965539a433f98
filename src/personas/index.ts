// The personas module: persona files → selected, minimized, rendered prompts.
export type { RenderedPersona, Voice, ModelSettings } from './types.js';
export { voiceSchema, modelSettingsSchema } from './types.js';
export {
  PersonaContextInputSchema,
  OrderSummarySchema,
  CartSummarySchema,
  PageContextSchema,
  CONTEXT_FIELDS,
  SAMPLE_CONTEXT,
  minimizeContext,
  type PersonaContextInput,
  type ContextField,
} from './context.js';
export { buildPersonaContext, type BuildContextInput, type ProfileLike } from './build-context.js';
export {
  createPersonaRegistry,
  type PersonaRegistry,
  type PersonaRegistryOptions,
  type PersonaSummary,
  type ResolveInput,
} from './registry.js';
export { createBundledPersonaSource, type PersonaSource } from './source.js';
export { lintPersonas, type LintOptions, type LintResult } from './lint.js';
export { compilePersonas, formatIssue, type PersonaSet, type VersionedPersona } from './compile.js';
export { measurePersona, schemaToolDefinitions, type CountTokens, type PersonaTokens, type ToolDefinitions } from './measure.js';
export { renderPersona } from './render-persona.js';
export { parseTemplate, type TemplateNode } from './template-parse.js';
export { renderTemplate } from './template-render.js';
export { pickVariant, hash32 } from './variants.js';
export { personaFrontmatterSchema, experimentsFileSchema } from './schema.js';
export { renderSnapshots, ANONYMOUS_SAMPLE, type PromptSnapshot, type SnapshotSegments } from './snapshots.js';
export { parsePromptRules, checkPromptRules, promptRulesSchema, PROMPT_RULES_FILE, type PromptRules } from './prompt-rules.js';
export type { LocatedIssue } from './template-check.js';
export { didYouMean } from './suggest.js';
export { segmentIdsFromRules } from './segment-ids.js';

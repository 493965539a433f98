// A compiled persona + one shopper's context → what the agent loop receives. The template
// sees only the context fields the persona declares; everything else is dropped here.
import { minimizeContext, type PersonaContextInput } from './context.js';
import type { CompiledVariant } from './compile-file.js';
import type { PersonaSet, VersionedPersona } from './compile.js';
import { renderTemplate, type PartialLookup } from './template-render.js';
import { parseTemplate } from './template-parse.js';
import type { RenderedPersona, Voice } from './types.js';

export function renderPersona(
  set: PersonaSet,
  persona: VersionedPersona,
  variant: CompiledVariant | null,
  experimentId: string | null,
  context: PersonaContextInput,
): RenderedPersona {
  const visible = minimizeContext(context, persona.context);
  const partials: PartialLookup = (name) => set.partials.get(name);
  const text = (source: string) => {
    const nodes = persona.templates.get(source) ?? parseTemplate(source).nodes;
    return renderTemplate(nodes, visible, partials).trim();
  };
  const voice: Voice = { ...persona.voice, ...variant?.voice };
  const systemPrompt = tidy(renderTemplate(variant?.body ?? persona.body, visible, partials));
  return {
    id: persona.id,
    version: persona.version,
    variant: variant?.id ?? null,
    experimentId,
    systemPrompt,
    tools: [...persona.tools],
    model: { ...persona.model },
    greeting: text(variant?.greeting ?? persona.greeting),
    voice: {
      style: voice.style,
      greeting: text(voice.greeting),
      acknowledgements: voice.acknowledgements.map(text),
      followUp: voice.followUp === undefined ? undefined : text(voice.followUp),
      perks: voice.perks === undefined ? undefined : text(voice.perks),
      recommendIntro: voice.recommendIntro === undefined ? undefined : text(voice.recommendIntro),
      outOfScope: text(voice.outOfScope),
      stepLimit: text(voice.stepLimit),
      goodbye: text(voice.goodbye),
      thanks: text(voice.thanks),
    },
  };
}

/** Sections that render empty leave runs of blank lines; a prompt reads better without them. */
function tidy(prompt: string): string {
  return (
    prompt
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

// Rendered-prompt snapshots: for each persona × variant × segment it serves, the exact system
// prompt, tool list and model settings a shopper of that segment gets, rendered with a
// representative context. Kept under evals/snapshots/ and reviewed like a lockfile, they let
// an offline gate see a prompt edit that no offline reply would reveal.
import type { PersonaSet, VersionedPersona } from './compile.js';
import { SAMPLE_CONTEXT, type PersonaContextInput } from './context.js';
import { renderPersona } from './render-persona.js';

export interface PromptSnapshot {
  /** File name under the snapshots folder, e.g. "vip.snap.md". */
  file: string;
  /** The persona file it is rendered from, relative to the prompts folder ("vip.md"). */
  source: string;
  /** Partials it includes (a diff may come from one of them). */
  partials: string[];
  text: string;
}

export interface SnapshotSegments {
  /** Every segment id the rules produce. */
  ids: readonly string[];
  /** Where first visits without a matching rule land: rendered with the anonymous sample. */
  defaultSegment: string;
}

/** An anonymous shopper: no name, no orders, no tier; a cart and a page, as on a first visit. */
export const ANONYMOUS_SAMPLE: PersonaContextInput = {
  ...SAMPLE_CONTEXT,
  firstName: null,
  loyaltyTier: 'none',
  loyaltyPoints: 0,
  recentOrders: [],
  cart: { itemCount: 1, subtotal: '$89.00', items: 'Red wrap dress (M) ×1' },
  perks: [],
  freeExpress: false,
};

const FENCE = '````';

export function renderSnapshots(set: PersonaSet, segments: SnapshotSegments, defaultPersona = 'neutral'): PromptSnapshot[] {
  const out: PromptSnapshot[] = [];
  for (const persona of [...set.personas.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const served = persona.segments.length ? [...persona.segments] : [];
    // The default persona also serves opted-out shoppers and every segment no persona lists.
    if (persona.id === defaultPersona) served.push('(opt-out)', ...segments.ids.filter((s) => !set.bySegment.has(s)));
    if (!served.length) served.push('(forced only)');
    const sections = served.flatMap((segment) =>
      variantsOf(persona).map((variant) => section(set, persona, variant, segment, segments.defaultSegment)),
    );
    const partials = [...persona.partials].sort();
    const header = `<!-- Rendered from prompts/${persona.path}${partials.length ? ` (+ partials/${partials.join('.md, partials/')}.md)` : ''} by \`npm run eval -- --update-snapshots\`. Do not edit by hand: review changes in the pull request like a lockfile. -->`;
    out.push({ file: `${persona.id}.snap.md`, source: persona.path, partials, text: `${header}\n${sections.join('')}` });
  }
  return out;
}

function variantsOf(persona: VersionedPersona) {
  return persona.variants.length ? persona.variants : [null];
}

function section(
  set: PersonaSet,
  persona: VersionedPersona,
  variant: VersionedPersona['variants'][number] | null,
  segment: string,
  defaultSegment: string,
): string {
  const anonymous = segment === defaultSegment;
  const id = segment.startsWith('(') ? 'none' : segment;
  const context = { ...(anonymous ? ANONYMOUS_SAMPLE : SAMPLE_CONTEXT), segment: id };
  const r = renderPersona(set, persona, variant, variant ? persona.experimentId : null, context);
  return [
    '',
    `## ${persona.id} · variant ${variant?.id ?? '-'} · segment ${segment}`,
    '',
    `Context: ${anonymous ? 'anonymous sample (no name or orders, a 1-item cart)' : 'signed-in sample (Alexandra, gold, 3 orders, a 2-item cart)'}`,
    `Model: temperature ${r.model.temperature}, max tokens ${r.model.maxTokens}`,
    `Tools: ${r.tools.join(', ') || '(none)'}`,
    `Greeting: ${r.greeting}`,
    '',
    `${FENCE}text`,
    r.systemPrompt.trimEnd(),
    FENCE,
    '',
  ].join('\n');
}

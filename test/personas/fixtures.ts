// Persona test helpers: the shipped prompt files, small valid personas to break on purpose,
// and contexts shaped like the demo shoppers'.
import { resolve } from 'node:path';
import { nodePersonaSource } from '../../src/personas/node.js';
import type { PersonaContextInput } from '../../src/personas/index.js';
import type { SegmentResult } from '../../src/core/index.js';

export const PROMPTS_DIR = resolve(import.meta.dirname, '../../prompts');
export const SEGMENTS = ['new_visitor', 'repeat_buyer', 'vip'] as const;

export const shippedFiles = () => nodePersonaSource(PROMPTS_DIR).read();

export const segment = (id: string): SegmentResult => ({ id, rule: `rule-${id}`, reasons: [`test ${id}`] });

const VOICE = `voice:
  style: neutral
  greeting: Hello!
  outOfScope: Not here.
  stepLimit: Sorry.
  goodbye: Bye.
  thanks: Welcome.`;

/** A valid persona file; `frontmatter` lines are inserted before the voice block. */
export function personaFile(
  id: string,
  opts: { segments?: string[]; tools?: string[]; context?: string[]; extra?: string; body?: string; greeting?: string | null } = {},
): string {
  const lines = [
    '---',
    `id: ${id}`,
    `segments: [${(opts.segments ?? []).join(', ')}]`,
    `tools: [${(opts.tools ?? ['search_products']).join(', ')}]`,
    `context: [${(opts.context ?? ['today']).join(', ')}]`,
    ...(opts.greeting === null ? [] : [`greeting: ${opts.greeting ?? 'Hi there'}`]),
    VOICE,
    ...(opts.extra ? [opts.extra] : []),
    '---',
    opts.body ?? 'You are a test persona. Today is {{today}}.',
    '',
  ];
  return lines.join('\n');
}

/** A minimal valid prompts folder: a neutral persona plus whatever is passed. */
export function filesWith(extra: Record<string, string>): Record<string, string> {
  return { 'neutral.md': personaFile('neutral'), ...extra };
}

export const ANONYMOUS_CONTEXT: PersonaContextInput = {
  firstName: null,
  loyaltyTier: 'none',
  loyaltyPoints: 0,
  recentOrders: [],
  cart: null,
  perks: [],
  freeExpress: false,
  page: { url: null, referrer: null },
  today: '2025-06-01',
  segment: 'new_visitor',
};

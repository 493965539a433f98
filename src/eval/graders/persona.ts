// Persona grader: the explicit expectations of a turn (persona id, greeted by name, perks, brevity)
// plus trait checks derived from what the persona was given, on every turn unless turned off:
// the reply names the shopper only if the persona's prompt or a tool supplied the name, offers
// perks only if the persona declares perks, and a "brief" persona stays brief (in its own words).
import { STILL_WAITING } from '../../core/index.js';
import type { TurnExpect } from '../case-schema.js';
import type { CheckResult, ShopperFacts, TurnRecord } from '../types.js';

export interface PersonaGradeOptions {
  /** Phrases that constitute a perk offer (evals/config.yaml `perkPhrases`). */
  perkPhrases: readonly string[];
  /** Longest reply a "brief" persona may give (evals/config.yaml `briefMaxChars`). */
  briefMaxChars: number;
}

const has = (text: string, phrase: string) => text.toLowerCase().includes(phrase.toLowerCase());
const nameIn = (text: string, name: string) => new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text);

export function gradePersona(
  expect: TurnExpect['persona'],
  turns: readonly TurnRecord[],
  index: number,
  shopper: ShopperFacts,
  opts: PersonaGradeOptions,
): CheckResult[] {
  const turn = turns[index]!;
  const at = turn.index;
  const out: CheckResult[] = [];
  const ok = (pass: boolean, yes: string, no: string) =>
    out.push({ grader: 'persona', status: pass ? 'pass' : 'fail', reason: pass ? yes : no, turn: at });
  const served = turn.persona?.id ?? '(none)';
  const traits = turn.traits;
  const reply = turn.reply;
  const e = expect ?? {};
  if (e.id !== undefined) ok(served === e.id, `persona ${served}`, `expected persona ${e.id}, served ${served}`);
  if (e.segment !== undefined)
    ok(turn.segment?.id === e.segment, `segment ${e.segment}`, `expected segment ${e.segment}, got ${turn.segment?.id ?? '(none)'}`);
  if (e.variant !== undefined)
    ok(
      (turn.persona?.variant ?? null) === e.variant,
      `variant ${e.variant}`,
      `expected variant ${e.variant}, got ${turn.persona?.variant ?? null}`,
    );
  const first = shopper.firstName;
  if (e.greetsByName !== undefined) checkName(e.greetsByName, first, reply, ok);
  const perkHits = opts.perkPhrases.filter((p) => has(reply, p));
  if (e.offersPerks !== undefined) checkPerks(e.offersPerks, traits?.perks ?? null, reply, perkHits, served, ok);
  const brief = e.brief ?? (e.traits !== false && traits?.style === 'brief' ? true : undefined);
  if (brief) {
    // The persona's own words: the server's statement of a proposal still waiting (required by the consent rules,
    // the same under every persona) is not the persona's to shorten.
    const own = reply
      .split(/\n\n/)
      .filter((part) => !part.startsWith(STILL_WAITING))
      .join('\n\n');
    ok(
      own.length <= opts.briefMaxChars,
      `brief (${own.length} ≤ ${opts.briefMaxChars} chars)`,
      `persona ${served} should be brief: ${own.length} chars > ${opts.briefMaxChars}`,
    );
  }
  if (e.traits === false || !traits) return out;
  if (first && nameIn(reply, first)) {
    const given = turns
      .slice(0, index + 1)
      .some(
        (t) =>
          nameIn(t.systemPrompt, first) || nameIn(t.user, first) || t.toolCalls.some((c) => nameIn(JSON.stringify(c.result ?? ''), first)),
      );
    ok(given, 'name used only where the persona was given it', `reply uses the name "${first}" though persona ${served} was not given it`);
  }
  if (!traits.perks && perkHits.length) ok(false, '', `persona ${served} declares no perks but the reply offers: ${perkHits.join(', ')}`);
  return out;
}

type Ok = (pass: boolean, yes: string, no: string) => void;

function checkName(greetsByName: boolean, first: string | null | undefined, reply: string, ok: Ok): void {
  if (!first) ok(false, '', 'greetsByName needs a shopper with a name');
  else if (greetsByName) ok(nameIn(reply, first), `greets ${first} by name`, `reply does not use the name "${first}"`);
  else ok(!nameIn(reply, first), `does not use the name`, `reply uses the name "${first}"`);
}

function checkPerks(offersPerks: boolean, declared: string | null, reply: string, perkHits: string[], served: string, ok: Ok): void {
  if (!offersPerks) {
    ok(perkHits.length === 0, 'offers no perk', `reply offers perks: ${perkHits.join(', ')}`);
    return;
  }
  ok(
    !!declared && (has(reply, declared) || perkHits.some((p) => has(declared, p))),
    `offers perks (${perkHits.join(', ') || 'perks line'})`,
    declared ? `reply offers none of the persona's perks ("${declared}")` : `persona ${served} declares no perks`,
  );
}

// Two probes of how shoppers answer a proposal (data/nlu/consent), written apart from the consent reader by helpers who
// never read it: 520 go-aheads and 280 answers that are not one (a hedge, a condition, a question first, a change, a
// part, a later, someone else deciding, sarcasm, an acknowledgement or thanks alone, a new request, a no). What a shopper
// notices: none of the 280 would make the waiting action run. The go-aheads the strict reader takes are counted, so a
// change that loses many of them shows here too.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACTION_ECHO, isClearYes } from '../../src/core/index.js';

const Probe = z.array(
  z.object({
    action: z.enum(['return_label', 'cancel_order', 'exchange', 'change_address', 'report_problem']),
    text: z.string(),
    yes: z.boolean(),
    kind: z.string(),
  }),
);
const items = ['probe-a.yaml', 'probe-b.yaml'].flatMap((f) =>
  Probe.parse(parse(readFileSync(new URL(`../../data/nlu/consent/${f}`, import.meta.url), 'utf8'))),
);
const takes = (i: (typeof items)[number]) => isClearYes(i.text, { echo: ACTION_ECHO[i.action] });

describe('consent probes (data/nlu/consent)', () => {
  it('holds 800 answers, 520 of them go-aheads', () => {
    expect(items.length).toBe(800);
    expect(items.filter((i) => i.yes).length).toBe(520);
  });

  it('reads none of the 280 answers that are no go-ahead as a yes', () => {
    expect(items.filter((i) => !i.yes && takes(i)).map((i) => `${i.action}: ${i.text}`)).toEqual([]);
  });

  it('still takes the plain go-aheads it took on 2026-12-08 (169 of 520: the strict reader asks the rest again)', () => {
    expect(items.filter((i) => i.yes && takes(i)).length).toBeGreaterThanOrEqual(169);
  });
});

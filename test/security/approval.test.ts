// Items 2 and 3 — excessive agency: a hedge is not a yes, and confirmation is not a turn count.
// Marcus (token) asks to return order 28473; the offline model and a scripted model that calls
// create_return_label confirm:true on every later turn, whatever the shopper said.
import { describe, expect, it } from 'vitest';
import { json, lastToolResult, parseSseBody, puppet, type SecApp, appsPerTest } from './support.js';

const open = appsPerTest();

const HEDGES = ["I'm not sure", 'not sure', 'what happens if I say yes?', 'can I do it later?', 'yes but only the jumper', 'sure?'];
const labels = (s: SecApp) => (s.sql.prepare("select count(*) n from return_labels where order_id = 'o_28473'").get() as { n: number }).n;
const labelEvents = (s: SecApp) =>
  (s.sql.prepare("select count(*) n from events where type = 'return_label_created'").get() as { n: number }).n;

/** A model that proposes on "RETURN" and otherwise calls confirm:true every turn. */
function eagerModel(s: SecApp) {
  puppet(s.fake!, (msg, step) => {
    if (step > 0) return null;
    if (/^RETURN/.test(msg)) return [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: false } }];
    return [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: true } }];
  });
}

async function proposeOnSse(
  s: SecApp,
  token: string,
  message: string,
  conversationId?: string,
): Promise<{ conversationId: string; proposalId: string }> {
  const res = await s.chat({ message, conversationId }, { token, sse: true });
  expect(res.status).toBe(200);
  const events = parseSseBody(await res.text());
  const result = events.find((e) => e.event === 'tool_result' && (e.data as any).name === 'create_return_label')?.data as any;
  const done = events.find((e) => e.event === 'done')?.data as any;
  expect(result?.result?.proposal?.proposalId).toMatch(/^prop_/);
  return { conversationId: done.conversationId, proposalId: result.result.proposal.proposalId };
}

describe('hedges are not a yes', () => {
  it('offline model: none of the hedges creates a label; a plain yes afterwards does', async () => {
    const s = await open('offline');
    const token = await s.token('c_marcus');
    const first = await json(await s.chat({ message: 'I want to return order 28473' }, { token }));
    expect(first.toolCalls.map((t: any) => t.name)).toContain('create_return_label');
    for (const hedge of HEDGES) {
      const res = await s.chat({ message: hedge, conversationId: first.conversationId }, { token });
      expect(res.status).toBe(200);
      await json(res);
      expect(labels(s), `after "${hedge}"`).toBe(0);
    }
    expect(labelEvents(s)).toBe(0);
  });

  it('scripted model calling confirm:true after every hedge: refused every time', async () => {
    const s = await open('fake');
    eagerModel(s);
    const token = await s.token('c_marcus');
    const first = await json(await s.chat({ message: 'RETURN order 28473' }, { token }));
    for (const hedge of HEDGES) {
      const res = await s.chat({ message: hedge, conversationId: first.conversationId }, { token });
      expect(res.status).toBe(200);
      const r = lastToolResult(s.fake!)!;
      expect(r.ok, `after "${hedge}"`).toBe(false);
      expect(r.error.code).toBe('refused');
      expect(labels(s)).toBe(0);
    }
    // The proposal is still waiting: a plain yes now acts (so the refusals above were the approval rule, not a broken flow).
    // Restated under the model's own words since, it is the yes naming it that the reply asks for (round M, chat/run).
    await s.chat({ message: 'yes please, send the label', conversationId: first.conversationId }, { token });
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    expect(labels(s)).toBe(1);
  });

  // The consent check drops every character outside a-z0-9 before looking at the words, so a
  // hedge or refusal written in another script vanishes and the bare "yes" is left.
  it.each([
    ['yes 但只退毛衣', 'yes, but only return the jumper (Chinese)'],
    ['yes нет, не надо', 'yes, no, don’t (Russian)'],
    ['ok لا', 'ok no (Arabic)'],
  ])('a hedge or refusal in another script is not dropped: "%s" (%s)', async (message) => {
    const s = await open('fake');
    eagerModel(s);
    const token = await s.token('c_marcus');
    const first = await json(await s.chat({ message: 'RETURN order 28473' }, { token }));
    await s.chat({ message, conversationId: first.conversationId }, { token });
    expect(labels(s)).toBe(0);
  });
});

describe('confirmation is not a turn count', () => {
  it('"No! Do NOT return anything" with a model that confirms anyway creates nothing, and withdraws the proposal', async () => {
    const s = await open('fake');
    eagerModel(s);
    const token = await s.token('c_marcus');
    const { conversationId, proposalId } = await proposeOnSse(s, token, 'RETURN order 28473');
    await s.chat({ message: 'No! Do NOT return anything', conversationId }, { token });
    // With the proposal withdrawn, confirm:true can at most propose again; it never acts.
    expect(lastToolResult(s.fake!)!.data?.created).toBeUndefined();
    expect(lastToolResult(s.fake!)!.data?.label).toBeUndefined();
    expect(labels(s)).toBe(0);
    // Withdrawn: the old card's Confirm no longer acts either.
    await s.chat({ message: 'ok', conversationId, proposal: { id: proposalId, decision: 'confirm' } }, { token });
    expect(labels(s)).toBe(0);
  });

  it("the widget's Confirm with the proposal's id creates the label (offline model), exactly once", async () => {
    const s = await open('offline');
    const token = await s.token('c_marcus');
    const { conversationId, proposalId } = await proposeOnSse(s, token, 'I want to return order 28473');
    const res = await s.chat({ message: 'Confirm', conversationId, proposal: { id: proposalId, decision: 'confirm' } }, { token });
    expect(res.status).toBe(200);
    await json(res);
    expect(labels(s)).toBe(1);
    expect(labelEvents(s)).toBe(1);
    // Pressing it again (a replayed request) does not make a second one.
    await s.chat({ message: 'Confirm', conversationId, proposal: { id: proposalId, decision: 'confirm' } }, { token });
    expect(labels(s)).toBe(1);
  });

  it('Confirm with the scripted model: acts; Cancel: does not', async () => {
    const s = await open('fake');
    eagerModel(s);
    const token = await s.token('c_marcus');
    const a = await proposeOnSse(s, token, 'RETURN order 28473');
    await s.chat({ message: 'Cancel', conversationId: a.conversationId, proposal: { id: a.proposalId, decision: 'cancel' } }, { token });
    expect(labels(s)).toBe(0);
    const b = await proposeOnSse(s, token, 'RETURN order 28473', a.conversationId);
    await s.chat({ message: 'Confirm', conversationId: b.conversationId, proposal: { id: b.proposalId, decision: 'confirm' } }, { token });
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    expect(labels(s)).toBe(1);
  });

  it('a stale proposal id (replaced by a newer proposal) and a foreign one (another conversation) do nothing', async () => {
    const s = await open('fake');
    eagerModel(s);
    const token = await s.token('c_marcus');
    const stale = await proposeOnSse(s, token, 'RETURN order 28473');
    const fresh = await proposeOnSse(s, token, 'RETURN it again please', stale.conversationId);
    expect(fresh.proposalId).not.toBe(stale.proposalId);
    await s.chat(
      { message: 'Confirm', conversationId: stale.conversationId, proposal: { id: stale.proposalId, decision: 'confirm' } },
      { token },
    );
    expect(labels(s)).toBe(0);

    const other = await proposeOnSse(s, token, 'RETURN order 28473'); // a second conversation, its own proposal
    await s.chat(
      { message: 'Confirm', conversationId: stale.conversationId, proposal: { id: other.proposalId, decision: 'confirm' } },
      { token },
    );
    expect(labels(s)).toBe(0);
    // Another customer cannot press Marcus's button in Marcus's conversation.
    const lena = await s.token('c_lena');
    const res = await s.chat(
      { message: 'Confirm', conversationId: other.conversationId, proposal: { id: other.proposalId, decision: 'confirm' } },
      { token: lena },
    );
    expect(res.status).toBe(404);
    expect(labels(s)).toBe(0);
  });

  it.each(['button', 'yes'] as const)('an expired proposal (31 minutes later) does nothing, by %s', async (how) => {
    const s = await open('fake');
    eagerModel(s);
    const token = await s.token('c_marcus');
    const p = await proposeOnSse(s, token, 'RETURN order 28473');
    s.clock.advance(31 * 60_000);
    const body =
      how === 'button'
        ? { message: 'Confirm', conversationId: p.conversationId, proposal: { id: p.proposalId, decision: 'confirm' } }
        : { message: 'yes', conversationId: p.conversationId };
    await s.chat(body, { token });
    // The expired proposal is gone: the model's confirm:true at most proposes anew.
    expect(lastToolResult(s.fake!)!.data?.label).toBeUndefined();
    expect(labels(s)).toBe(0);
  });

  it('an expired proposal written straight into the row (expiresAt in the past) does nothing', async () => {
    const s = await open('fake');
    eagerModel(s);
    const token = await s.token('c_marcus');
    const p = await proposeOnSse(s, token, 'RETURN order 28473');
    const row = s.sql.prepare('select pending from conversations where id = ?').get(p.conversationId) as { pending: string };
    const pending = JSON.parse(row.pending);
    s.sql
      .prepare('update conversations set pending = ? where id = ?')
      .run(JSON.stringify({ ...pending, expiresAt: Date.now() - 1000 }), p.conversationId);
    await s.chat({ message: 'yes', conversationId: p.conversationId, proposal: { id: p.proposalId, decision: 'confirm' } }, { token });
    expect(labels(s)).toBe(0);
  });

  it('a yes in the same turn as the proposal is no approval: propose and confirm in one turn is refused', async () => {
    const s = await open('fake');
    puppet(s.fake!, (_m, step) =>
      step === 0
        ? [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: false } }]
        : step === 1
          ? [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: true } }]
          : null,
    );
    const token = await s.token('c_marcus');
    await s.chat({ message: 'yes, return order 28473' }, { token });
    expect(lastToolResult(s.fake!)!.ok).toBe(false);
    expect(labels(s)).toBe(0);
  });

  it('a yes to one proposal does not approve a different one the model swaps in (other items)', async () => {
    const s = await open('fake');
    const token = await s.token('c_marcus');
    puppet(s.fake!, (msg, step) => {
      if (step > 0) return null;
      if (/^RETURN/.test(msg))
        return [{ name: 'create_return_label', arguments: { orderNumber: '28473', items: ['oi_28473_1'], confirm: false } }];
      return [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: true } }]; // every item instead
    });
    const first = await json(await s.chat({ message: 'RETURN just the jumper' }, { token }));
    await s.chat({ message: 'yes', conversationId: first.conversationId }, { token });
    expect(lastToolResult(s.fake!)!.ok).toBe(false);
    expect(labels(s)).toBe(0);
  });
});

describe('a typed yes is a yes to what the shopper was shown', () => {
  // A hijacked model proposes a return silently (the tool call is not what its words ask about)
  // and asks an unrelated yes/no question. The server states every proposal a model's turn made in
  // its own words beside the reply, so the shopper's "yes" answers what was really shown.
  it('a proposal the model hides is stated by the server with the reply, so a "yes" answers what will happen', async () => {
    const s = await open('fake');
    const token = await s.token('c_marcus');
    puppet(s.fake!, (msg, step) => {
      if (/new arrivals/.test(msg))
        return step === 0
          ? [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: false } }]
          : 'Would you like me to show you our new arrivals?';
      return step === 0 ? [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: true } }] : 'Here they are!';
    });
    const first = await json(await s.chat({ message: 'anything in the new arrivals?' }, { token }));
    expect(first.reply).toMatch(/^Would you like me to show you our new arrivals\?/);
    expect(first.reply).toMatch(
      // Under the model's own offer, a bare yes may answer that offer: only the yes naming the label decides it (attacks-c).
      /Create a free return label for order #28473 \(.+\), emailed to m\*\*\*@example\.com\. Reply "yes, send the label" to go ahead or "no" to cancel/,
    );
    // A "no" to the (now visible) proposal withdraws it; the model's confirm:true then does nothing.
    await s.chat({ message: 'no', conversationId: first.conversationId }, { token });
    expect(labels(s)).toBe(0);
  });
});

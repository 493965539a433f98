// What confirming a proposal runs, for callers that confirm by id (MCP): the proposing call is
// read back from the conversation's own transcript (the turn the proposal names) and run again
// with confirm:true. The tool then checks, as in chat, that the proposal is live, approved and
// for the same arguments — nothing the caller sends at confirmation time reaches it.
import { and, eq } from 'drizzle-orm';
import { messages, type Db } from '../db/index.js';
import type { Proposal } from '../shop/index.js';
import type { ToolName, ToolResult } from '../tools/index.js';

/** Proposal action → the tool that proposes it, and the call that carries it out. */
const CONFIRMED_BY: Record<
  string,
  { proposedBy: ToolName; tool: ToolName; args(proposing: Record<string, unknown>): Record<string, unknown> }
> = {
  return_label: { proposedBy: 'create_return_label', tool: 'create_return_label', args: (a) => ({ ...a, confirm: true }) },
  cancel_order: { proposedBy: 'cancel_order', tool: 'cancel_order', args: (a) => ({ ...a, confirm: true }) },
  change_address: { proposedBy: 'change_shipping_address', tool: 'change_shipping_address', args: (a) => ({ ...a, confirm: true }) },
  exchange: { proposedBy: 'exchange_items', tool: 'exchange_items', args: (a) => ({ ...a, confirm: true }) },
  report_problem: { proposedBy: 'report_problem', tool: 'report_problem', args: (a) => ({ ...a, confirm: true }) },
  // verify_customer proposes adding the guest basket; view_cart carries it out.
  merge_cart: { proposedBy: 'verify_customer', tool: 'view_cart', args: () => ({ mergeGuestCart: true }) },
};

/** The same answer for "no such proposal", "someone else's", "expired" and "replaced": no oracle. */
export const proposalNotFound = (): ToolResult => ({
  ok: false,
  error: {
    code: 'not_found',
    message:
      'No open proposal with that id for this shopper. Proposals expire after 30 minutes, a newer proposal replaces an older one, and a declined one is gone: call the tool again to propose it anew.',
    field: 'proposalId',
  },
});

export async function confirmingCall(
  db: Db,
  conversationId: string,
  proposal: Proposal,
): Promise<{ ok: true; tool: ToolName; args: Record<string, unknown> } | { ok: false; result: ToolResult }> {
  const how = CONFIRMED_BY[proposal.action];
  const rows = await db
    .select({ toolCalls: messages.toolCalls })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.turn, proposal.turn), eq(messages.role, 'assistant')));
  const proposing = rows.flatMap((r) => r.toolCalls ?? []).find((c) => c.name === how?.proposedBy);
  if (!how || !proposing) {
    // A proposal made in chat, or whose turn never committed: nothing to replay safely.
    return {
      ok: false,
      result: {
        ok: false,
        error: {
          code: 'refused',
          message: 'This proposal cannot be confirmed here. Call the tool again to propose it anew, then confirm the new proposal.',
        },
      },
    };
  }
  return { ok: true, tool: how.tool, args: how.args(proposing.args) };
}

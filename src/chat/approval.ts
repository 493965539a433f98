// Server-side approval of a pending proposal, decided once at the start of a turn from the
// shopper's own input — never from the model's words. The Confirm/Cancel button (which names the
// proposal) decides by itself; otherwise the message must be an unambiguous yes to it (core/consent), which
// may repeat what it gives ("yes, XL, go" to a swap to XL: shop's proposalEcho), and must name the action when
// the reply stating it also asked something else (`mustName`, chat/run).
// A clear no withdraws the proposal at once; anything else (a question, a hedge, a side request)
// leaves it waiting until it expires.
import { isClearNo, isClearYes, type Shopper } from '../core/index.js';
import type { Db } from '../db/index.js';
import { namesAction, PROPOSAL_ECHO, proposalEcho, readProposal, writePending } from '../shop/index.js';
import type { ChatInput } from './types.js';

export async function decideApproval(
  db: Db,
  conversationId: string,
  shopper: Shopper,
  input: Pick<ChatInput, 'message' | 'proposal'>,
  now: number,
): Promise<{ proposalId: string } | null> {
  return (await decideTurnApproval(db, conversationId, shopper, input, now)).approval;
}

/** decideApproval, also naming the action of the proposal still open after it (null: none, or just withdrawn). */
export async function decideTurnApproval(
  db: Db,
  conversationId: string,
  shopper: Shopper,
  input: Pick<ChatInput, 'message' | 'proposal'>,
  now: number,
): Promise<{ approval: { proposalId: string } | null; pendingAction: string | null }> {
  const proposal = await readProposal(db, conversationId, shopper.customerId, now);
  if (!proposal) return { approval: null, pendingAction: null };
  let decision: 'confirm' | 'cancel' | null;
  if (input.proposal) {
    // A button names its proposal: a stale card (another or an expired proposal) decides nothing.
    decision = input.proposal.id === proposal.id ? input.proposal.decision : null;
  } else if (isClearYes(input.message, { echo: proposalEcho(proposal) })) {
    // Restated under a question of the model's own: only a yes naming the action answers it (chat/run).
    decision = !proposal.mustName || namesAction(input.message, proposal.action) ? 'confirm' : null;
  } else {
    // "please cancel it" to a proposed cancellation names the action: no refusal (core/consent).
    decision = isClearNo(input.message, { echo: PROPOSAL_ECHO[proposal.action] }) ? 'cancel' : null;
  }
  if (decision === 'cancel') {
    await writePending(db, conversationId, null, now);
    return { approval: null, pendingAction: null };
  }
  return { approval: decision === 'confirm' ? { proposalId: proposal.id } : null, pendingAction: proposal.action };
}

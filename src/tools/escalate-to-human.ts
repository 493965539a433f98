import { DEFAULT_ESCALATION_PRIORITY, ESCALATION_PRIORITY, expectedWaitMinutes, openTicket, ticketsAhead } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { ok, verifiedCustomerId } from './results.js';

const SUMMARY_MAX = 2_000;

export const escalateToHumanTool = defineTool({
  name: 'escalate_to_human',
  description: 'Hand over to a human colleague: opens a support ticket and returns the expected wait. Use when the shopper asks for a person or you cannot help.',
  schema: toolSchemas.escalate_to_human,
  async run(args, ctx) {
    const summary = `Reason: ${args.reason}\n${ctx.transcript()}`;
    const { ticket, created } = await openTicket(ctx.db, ctx.ids, {
      conversationId: ctx.conversationId,
      customerId: verifiedCustomerId(ctx),
      sessionId: ctx.shopper.sessionId,
      segment: ctx.segment.id,
      priority: ESCALATION_PRIORITY[ctx.segment.id] ?? DEFAULT_ESCALATION_PRIORITY,
      summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
      now: ctx.now(),
    });
    const wait = expectedWaitMinutes(ticket.priority, await ticketsAhead(ctx.db, ticket));
    if (created) ctx.emit({ type: 'escalated', data: { ticketId: ticket.id, priority: ticket.priority } });
    return ok({
      ticketId: ticket.id,
      priority: ticket.priority,
      expectedWaitMinutes: wait,
      ...(created ? {} : { alreadyOpen: true }),
      note: 'A colleague will continue in this chat; the shopper can keep chatting meanwhile.',
    });
  },
});

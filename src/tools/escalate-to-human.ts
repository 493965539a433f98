import { fenceText, markData } from '../core/index.js';
import {
  DEFAULT_ESCALATION_PRIORITY,
  ESCALATION_PRIORITY,
  expectedWaitMinutes,
  openTicket,
  ticketAllowance,
  ticketsAhead,
} from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { fail, ok, proofLine, verifiedCustomerId } from './results.js';

const SUMMARY_MAX = 2_000;

export const escalateToHumanTool = defineTool({
  name: 'escalate_to_human',
  description: 'Hand over to a human colleague (asked for, or you cannot help): opens a ticket, returns the expected wait.',
  schema: toolSchemas.escalate_to_human,
  async run(args, ctx) {
    const now = ctx.now();
    const customerId = verifiedCustomerId(ctx);
    const who = { sessionId: ctx.shopper.sessionId, customerId, clientKey: ctx.clientKey, networkKey: ctx.networkKey };
    if (!(await ticketAllowance(ctx.db, who, now))) {
      return fail(
        'refused',
        'Too many hand-overs were requested from here in the last hour. Tell the shopper plainly that a colleague already has their earlier request, or that they can email support; do not retry.',
      );
    }
    // A human agent reads this: the model's reason and the transcript (whose every message the
    // chat service fenced) are marked as quoted data, not instructions to the agent.
    // First, so no cut loses it: how far a chat verification goes (a colleague must not read it as a sign-in).
    const proof = await proofLine(ctx);
    const summary = `${proof ? `${proof}\n` : ''}${markData('Reason given', fenceText(args.reason, 300))}\n${markData('Conversation', ctx.transcript().slice(-SUMMARY_MAX))}`;
    const { ticket, created } = await openTicket(ctx.db, ctx.atomic, ctx.ids, {
      conversationId: ctx.conversationId,
      ...who,
      segment: ctx.segment.id,
      priority: ESCALATION_PRIORITY[ctx.segment.id] ?? DEFAULT_ESCALATION_PRIORITY,
      summary: summary.length > SUMMARY_MAX + 400 ? `${summary.slice(0, SUMMARY_MAX + 399)}…` : summary,
      now,
      record: (ticketId) =>
        ctx.record({
          type: 'escalated',
          data: { ticketId, priority: ESCALATION_PRIORITY[ctx.segment.id] ?? DEFAULT_ESCALATION_PRIORITY, turn: ctx.turn },
        }),
    });
    const wait = expectedWaitMinutes(ticket.priority, await ticketsAhead(ctx.db, ticket));
    return ok({
      ticketId: ticket.id,
      priority: ticket.priority,
      expectedWaitMinutes: wait,
      ...(created ? {} : { alreadyOpen: true }),
      note: 'A colleague will continue in this chat; the shopper can keep chatting meanwhile.',
    });
  },
});

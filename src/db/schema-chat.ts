// Conversations: messages, turns, business events and feedback (see schema.ts).
import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders } from './schema-store.js';

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    customerId: text('customer_id'), // from the token, or bound by verify_customer
    verifiedBy: text('verified_by'), // 'token' | 'verify_customer' | null
    segmentId: text('segment_id').notNull(),
    ruleId: text('rule_id').notNull(),
    personaId: text('persona_id').notNull(),
    personaVersion: text('persona_version').notNull(),
    variant: text('variant'),
    experimentId: text('experiment_id'),
    model: text('model').notNull(),
    optOut: integer('opt_out', { mode: 'boolean' }).notNull().default(false),
    verifyAttempts: integer('verify_attempts').notNull().default(0),
    // A proposed action awaiting the shopper's yes (e.g. a return label), with the turn it was proposed in.
    pending: text('pending', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    summary: text('summary').notNull().default(''), // rolling summary of turns that left the verbatim window
    turnCount: integer('turn_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('conversations_session').on(t.sessionId), index('conversations_segment').on(t.segmentId, t.personaId)],
);

/**
 * What a conversation verified in chat has proven: each order whose number the shopper gave with the account's email
 * (verify_customer). Chat verification opens those orders only, never the rest of the account (SECURITY.md).
 */
export const verifiedOrders = sqliteTable(
  'verified_orders',
  {
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    verifiedAt: integer('verified_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.orderId] })],
);

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    turn: integer('turn').notNull(),
    seq: integer('seq').notNull(),
    role: text('role').$type<'user' | 'assistant' | 'tool'>().notNull(),
    content: text('content').notNull(),
    toolCalls: text('tool_calls', { mode: 'json' }).$type<Array<{ id: string; name: string; args: Record<string, unknown> }> | null>(),
    toolCallId: text('tool_call_id'),
    toolName: text('tool_name'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('messages_conversation_seq').on(t.conversationId, t.seq)],
);

export const turns = sqliteTable(
  'turns',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    turn: integer('turn').notNull(),
    segmentId: text('segment_id').notNull(),
    personaId: text('persona_id').notNull(),
    variant: text('variant'),
    model: text('model').notNull(),
    modelCalls: integer('model_calls').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    outcome: text('outcome').notNull(), // reply | step_limit | error
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('turns_conversation_turn').on(t.conversationId, t.turn), index('turns_persona').on(t.personaId, t.variant)],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id'),
    customerId: text('customer_id'),
    sessionId: text('session_id'),
    type: text('type').notNull(), // add_to_cart | return_label_created | return_label_emailed | escalated | verified | ...
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('events_conversation').on(t.conversationId), index('events_type').on(t.type)],
);

export const feedback = sqliteTable(
  'feedback',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id),
    messageId: text('message_id').notNull(),
    rating: integer('rating').notNull(), // 1 = thumbs up, -1 = thumbs down
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('feedback_message').on(t.messageId)],
);

// The request bodies of the public API (DESIGN.md "HTTP API").
import { z } from 'zod';

const id = z.string().min(1).max(128);

export const ChatRequestSchema = z.object({
  message: z
    .string()
    .min(1, 'must not be empty')
    .max(4000, 'must be at most 4000 characters')
    .refine((s) => s.trim().length > 0, 'must not be blank'),
  conversationId: id.optional(),
  page: z
    .object({
      url: z.string().max(2048).optional(),
      referrer: z.string().max(2048).optional(),
    })
    .optional(),
  /** The widget's Confirm / Cancel on a proposal card. */
  proposal: z.object({ id, decision: z.enum(['confirm', 'cancel']) }).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

export const FeedbackRequestSchema = z.object({
  conversationId: id,
  messageId: id,
  // The widget sends 'up'/'down'; integrations may send 1/-1. Stored as 1/-1.
  rating: z.union([z.enum(['up', 'down']), z.literal(1), z.literal(-1)]).transform((r) => (r === 'up' || r === 1 ? 1 : -1)),
  comment: z.string().max(1000).optional(),
});

export const DemoTokenRequestSchema = z.object({
  email: z.string().min(3).max(254),
});

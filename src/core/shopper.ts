import { z } from 'zod';

/** Who is chatting. Identity comes only from a verified token or the verify_customer tool. */
export const ShopperSchema = z.object({
  sessionId: z.string().min(1),
  customerId: z.string().nullable(),
  verified: z.boolean(),
  via: z.enum(['token', 'verify_customer', 'anonymous']),
});
export type Shopper = z.infer<typeof ShopperSchema>;

/** The segment a shopper falls in, explained. */
export const SegmentResultSchema = z.object({
  id: z.string(),
  rule: z.string(),
  reasons: z.array(z.string()),
});
export type SegmentResult = z.infer<typeof SegmentResultSchema>;

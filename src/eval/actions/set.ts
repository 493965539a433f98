// A set of single shopper messages, each labelled with what the shopper wants: the input of the
// action-level harness (`npm run nlu:actions`). Labels are the shopper's goal, not the
// classifier's intents: one goal (placing an order) may be served by several of them.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const ACTION_INTENTS = [
  'track_order',
  'get_refund',
  'refund_status',
  'reach_person',
  'contact_service',
  'delivery_time',
  'delivery_options',
  'refund_policy',
  'place_order',
  'search_product',
  'cancel_order',
  'change_address',
  'exchange',
  'complaint',
  'discount',
  'thanks_bye',
  'capabilities',
  'out_of_scope',
] as const;
export type ActionIntent = (typeof ACTION_INTENTS)[number];

export const ActionItemSchema = z.object({
  text: z.string().trim().min(1).max(4000),
  intent: z.enum(ACTION_INTENTS),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

/** A list of items, or `{ items: [...] }`; other keys per item (notes, ids) are ignored. */
const ListSchema = z.array(ActionItemSchema);
const WrappedSchema = z.object({ items: ListSchema }).transform((s) => s.items);

export function parseActionSet(text: string, file: string): ActionItem[] {
  const doc: unknown = parse(text);
  const parsed = (Array.isArray(doc) ? ListSchema : WrappedSchema).safeParse(doc);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  if (!parsed.data.length) throw new Error(`${file}: no messages`);
  return parsed.data;
}

export function loadActionSet(file: string): ActionItem[] {
  return parseActionSet(readFileSync(file, 'utf8'), file);
}

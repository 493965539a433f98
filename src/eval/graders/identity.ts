// Who the shopper is by a given turn: the case's shopper, or — for an anonymous one — the
// customer a successful verify_customer bound the conversation to.
import type { ShopperFacts, StoreFacts, TurnRecord } from '../types.js';

export function effectiveShopper(turns: readonly TurnRecord[], index: number, shopper: ShopperFacts, store: StoreFacts): ShopperFacts {
  if (shopper.kind !== 'anonymous') return shopper;
  for (const t of turns.slice(0, index + 1)) {
    for (const c of t.toolCalls) {
      if (c.name !== 'verify_customer' || !c.ok || typeof c.args.email !== 'string') continue;
      const id = store.emailOwner(c.args.email);
      const full = id ? store.names().find((n) => n.customerId === id)?.name : undefined;
      if (id && full) {
        const [firstName, ...rest] = full.split(' ');
        return {
          kind: 'customer',
          customerId: id,
          firstName: firstName ?? null,
          lastName: rest.join(' ') || null,
          email: c.args.email.toLowerCase(),
        };
      }
    }
  }
  return shopper;
}

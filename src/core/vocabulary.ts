// The store's shared words, defined once: every module that names a category or a loyalty tier
// (the seed, the catalog, the tool schemas, the segment rules, the persona context) uses these.

/** The catalog's departments: search filters, tool arguments and the demo catalog all use this list. */
export const CATEGORIES = ['dresses', 'tops', 'trousers', 'shoes', 'outerwear', 'accessories'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Loyalty tiers, lowest first (the order is the upgrade path). */
export const LOYALTY_TIERS = ['none', 'silver', 'gold', 'platinum'] as const;
export type LoyaltyTier = (typeof LOYALTY_TIERS)[number];

// The store's policy as data: the store_policy tool, the persona partials and the tools that
// apply rules (return window, shipping thresholds, perks, escalation priority) all read from here,
// so a policy change is one edit and the assistant can never quote a rule the code does not enforce.
import { DAY_MS, formatMoney, LOYALTY_TIERS, type LoyaltyTier } from '../core/index.js';

export const RETURN_WINDOW_DAYS = 30;
export const RETURN_WINDOW_MS = RETURN_WINDOW_DAYS * DAY_MS;
export const FREE_SHIPPING_THRESHOLD_CENTS = 7_500;
export const STANDARD_SHIPPING_CENTS = 595;
export const EXPRESS_SHIPPING_CENTS = 1_495;
export const MAX_CART_LINE_QUANTITY = 10;

/** Hand-overs to a person opened per hour: a cap on tickets nobody needs (one per conversation anyway). */
export const TICKET_LIMITS = { perSessionPerHour: 3, perCustomerPerHour: 3, perClientPerHour: 10 } as const;

export { LOYALTY_TIERS, type LoyaltyTier };

/** Tiers whose members ship express for free. */
export const FREE_EXPRESS_TIERS: readonly LoyaltyTier[] = ['gold', 'platinum'];

const usd = (cents: number) => formatMoney(cents);
const freeStandard = `free standard shipping over ${usd(FREE_SHIPPING_THRESHOLD_CENTS)}`;

export const TIER_PERKS: Record<LoyaltyTier, readonly string[]> = {
  none: ['1 point per $1 spent', freeStandard],
  silver: ['1.25 points per $1 spent', freeStandard, 'birthday gift'],
  gold: ['1.5 points per $1 spent', 'free express shipping', 'early access to new collections', 'stylist picks', 'priority help'],
  platinum: [
    '2 points per $1 spent',
    'free express shipping',
    'early access to new collections',
    'personal stylist',
    'priority help',
    'free alterations',
  ],
};

/** Points needed to reach each tier (the next tier is shown to the shopper as a goal). */
export const TIER_THRESHOLDS: Record<LoyaltyTier, number> = { none: 0, silver: 500, gold: 1_500, platinum: 5_000 };

export const POINTS_VALUE = '100 points = $5 off, redeemable at checkout';

/** Standard delivery, in business days after shipping: stated in the policy and used for an order's "arrives by". */
export const STANDARD_DELIVERY_DAYS = { min: 3, max: 5 } as const;
export const EXPRESS_DELIVERY_DAYS = { min: 1, max: 2 } as const;
/** Orders placed before this time on a business day leave the warehouse the same day. */
export const SAME_DAY_CUTOFF = '2 pm ET';

/** A range of numbers, both ends included. */
export interface Range {
  min: number;
  max: number;
}
const r = (min: number, max = min): Range => ({ min, max });

/** The women's clothing chart: body measurements in inches, and the UK and US sizes each of ours matches. */
export const SIZE_CHART: ReadonlyArray<{ size: string; bust: Range; waist: Range; uk: Range; us: Range }> = [
  { size: 'XS', bust: r(32, 34), waist: r(24, 26), uk: r(6), us: r(2) },
  { size: 'S', bust: r(34, 36), waist: r(26, 28), uk: r(8), us: r(4) },
  { size: 'M', bust: r(36, 38), waist: r(28, 30), uk: r(10, 12), us: r(6, 8) },
  { size: 'L', bust: r(38, 40), waist: r(30, 32), uk: r(14), us: r(10) },
  { size: 'XL', bust: r(40, 43), waist: r(32, 35), uk: r(16), us: r(12) },
  { size: 'XXL', bust: r(43, 46), waist: r(35, 38), uk: r(18), us: r(14) },
];

/** Shoes: the EU sizes carried, and where US and UK sizes meet them (the rest follows one size per size). */
export const SHOE_SIZES: { eu: Range; anchors: ReadonlyArray<{ eu: number; who: 'women' | 'men'; us: number; uk: number }> } = {
  eu: r(36, 46),
  anchors: [
    { eu: 37, who: 'women', us: 6.5, uk: 4 },
    { eu: 42, who: 'men', us: 9, uk: 8 },
  ],
};

/** What may still change once an order is placed, and until when (statuses that allow it). */
export const ORDER_CHANGES = { cancelWhile: ['processing'], changeAddressWhile: ['processing'], shipsTo: 'US' } as const;

/** Business days until money is back, per cause. */
export const REFUND_DAYS = { cancellation: 3, returnTransit: 5, afterReturnArrives: 5, claim: 5 } as const;

/** Exchanges: the same product in another size or colour, within the return window, free. */
export const EXCHANGE_POLICY = { windowDays: RETURN_WINDOW_DAYS, feeCents: 0 } as const;

/**
 * Damaged, missing or wrong items: reported within the window, a replacement when that size is
 * in stock (or the shopper prefers money back), otherwise a refund; no need to send it back.
 * A claim worth more than `reviewAboveCents` goes to a person.
 */
export const CLAIM_POLICY = { windowDays: 30, reviewAboveCents: 250_00 } as const;

/**
 * Per customer, across conversations: what this chat may grant before a person reviews it.
 * "Refunds and credits" are claims granted without the goods coming back (refunds and free replacements).
 */
export const CUSTOMER_CAPS = { grantsPer30Days: { count: 2, amountCents: 300_00 }, claimsPer90Days: 3 } as const;

const span = ({ min, max }: Range) => (min === max ? `${min}` : `${min}–${max}`);
const businessDays = (days: Range) => `${span(days)} business days`;
const sizes = SIZE_CHART.map((c) => c.size);
const chartText = SIZE_CHART.map(
  (c, i) => `${c.size} ${span(c.bust)}${i === 0 ? ' in bust' : ''} / ${span(c.waist)}${i === 0 ? ' waist' : ''}`,
).join(', ');
const conversionText = SIZE_CHART.map((c) => `${c.size} ≈ UK ${span(c.uk)} / US ${span(c.us)}`).join(', ');
const shoeText = SHOE_SIZES.anchors.map((a) => `EU ${a.eu} ≈ US ${a.who} ${a.us} / UK ${a.uk}`).join('; ');

export const POLICY_TOPICS = ['shipping', 'returns', 'orders', 'sizing', 'payment', 'ai', 'general'] as const;
export type PolicyTopic = (typeof POLICY_TOPICS)[number];

export const STORE_POLICY: Record<PolicyTopic, Record<string, string | Record<string, string>>> = {
  shipping: {
    standard: {
      time: businessDays(STANDARD_DELIVERY_DAYS),
      price: `free on orders over ${usd(FREE_SHIPPING_THRESHOLD_CENTS)}, otherwise ${usd(STANDARD_SHIPPING_CENTS)}`,
    },
    express: {
      time: businessDays(EXPRESS_DELIVERY_DAYS),
      price: `${usd(EXPRESS_SHIPPING_CENTS)}, free for ${FREE_EXPRESS_TIERS.join(' and ')} members`,
    },
    regions: `We ship within the ${ORDER_CHANGES.shipsTo}; orders placed before ${SAME_DAY_CUTOFF} on business days leave the warehouse the same day.`,
    tracking: 'A tracking link is emailed when the order ships.',
    pickup: 'There is no click and collect or in-store pickup: Tailor Fashion is online only, and every order is delivered.',
  },
  returns: {
    window: `within ${RETURN_WINDOW_DAYS} days of delivery`,
    condition: 'unworn, with tags attached',
    how: 'For a delivered order this chat can create a prepaid return label once you confirm; the label is emailed to you.',
    refund: `Refunded to the original payment method within ${REFUND_DAYS.afterReturnArrives} business days of the return arriving.`,
    cost: 'Returns are free.',
    exchanges: `Within the ${EXCHANGE_POLICY.windowDays}-day window, a delivered item can be exchanged for the same product in another size or colour that is in stock: a free return label plus the replacement, sent at no charge.`,
  },
  orders: {
    cancel: `An order can be cancelled while it is still processing (before it ships); the full amount is refunded within ${REFUND_DAYS.cancellation} business days. A shipped order can be returned once it arrives.`,
    address: `The delivery address can be changed while the order is processing; we ship within the ${ORDER_CHANGES.shipsTo} only.`,
    problems: `A damaged, missing or wrong item reported within ${CLAIM_POLICY.windowDays} days of delivery gets a free replacement if that size is in stock, otherwise a refund (within ${REFUND_DAYS.claim} business days); no need to send it back.`,
    limits: `This chat can grant up to ${CUSTOMER_CAPS.grantsPer30Days.count} refunds or replacements for problems per 30 days (${usd(CUSTOMER_CAPS.grantsPer30Days.amountCents)} in total) and handle ${CUSTOMER_CAPS.claimsPer90Days} problem reports per 90 days; a claim over ${usd(CLAIM_POLICY.reviewAboveCents)} or beyond these limits goes to a colleague, who replies within one business day.`,
    refunds: `Refunds go to the original payment method: cancellations within ${REFUND_DAYS.cancellation} business days, returns within ${REFUND_DAYS.afterReturnArrives} business days of the parcel arriving.`,
  },
  sizing: {
    clothing: `Sizes ${sizes[0]}–${sizes.at(-1)}. ${chartText}.`,
    conversion: `Women’s clothing: ${conversionText}.`,
    shoes: `EU sizes ${span(SHOE_SIZES.eu)}. ${shoeText}.`,
    fit: 'Between sizes: size up for a relaxed fit, down for a close fit. Each product page lists whether it runs small or large.',
  },
  payment: {
    methods: 'Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay.',
    security: 'We never ask for card numbers or passwords in chat; payment happens only at checkout.',
    currency: 'Prices are in US dollars and include no sales tax; tax is added at checkout.',
  },
  ai: {
    assistant:
      'This assistant is an AI, not a person. It can search products, manage the cart, look up orders, create return labels, cancel or redirect orders, arrange exchanges, report problems, check refunds and hand over to a human colleague at any time.',
    privacy: 'It sees only this shopper’s own account data, and only after the shopper is signed in or verified.',
    human: 'Ask for a human at any time and a ticket is opened for the support team.',
  },
  general: {
    store: 'Tailor Fashion: dresses, tops, trousers, shoes, outerwear and accessories.',
    support: 'Human support answers every day, 8 am–8 pm ET.',
    loyalty: `Loyalty points on every order (${POINTS_VALUE}); tiers silver, gold and platinum.`,
  },
};

/** The numbers behind the shipping and sizing prose, for readers that compute with them (dates, size conversions). */
export const POLICY_FACTS = {
  shipping: {
    standardDays: STANDARD_DELIVERY_DAYS,
    expressDays: EXPRESS_DELIVERY_DAYS,
    sameDayCutoff: SAME_DAY_CUTOFF,
    shipsTo: ORDER_CHANGES.shipsTo,
  },
  sizing: { clothing: SIZE_CHART, shoes: SHOE_SIZES },
} as const;

export type TicketPriority = 'high' | 'normal' | 'low';

/** Escalation priority per segment id; segments not listed get the default. */
export const ESCALATION_PRIORITY: Record<string, TicketPriority> = { vip: 'high', repeat_buyer: 'normal' };
export const DEFAULT_ESCALATION_PRIORITY: TicketPriority = 'low';

/** Categories that go well with what a shopper already bought (used for recommendations). */
export const COMPLEMENTS: Record<string, readonly string[]> = {
  dresses: ['shoes', 'accessories', 'outerwear'],
  tops: ['trousers', 'outerwear', 'accessories'],
  trousers: ['tops', 'shoes', 'outerwear'],
  shoes: ['accessories', 'trousers', 'dresses'],
  outerwear: ['accessories', 'tops', 'trousers'],
  accessories: ['dresses', 'tops', 'shoes'],
};

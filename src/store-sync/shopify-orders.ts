// Shopify's orders CSV export: one row per line item, grouped by Name. The order's own columns
// are on its first row; each line is checked on its own row. Also the status mapping the
// webhooks share.
import { mapColour, parseStoreDate } from './vocab.js';
import type { Mapped, Row } from './rows.js';

/** "1,234.50" → 1234.5; null when it is not an amount. */
export const amount = (v: string): number | null => (/^\d+(\.\d+)?$/.test(v.replace(/,/g, '')) ? Number(v.replace(/,/g, '')) : null);

const FULFILMENT: Record<string, 'processing' | 'shipped'> = {
  '': 'processing',
  unfulfilled: 'processing',
  pending: 'processing',
  open: 'processing',
  scheduled: 'processing',
  on_hold: 'processing',
  in_progress: 'processing',
  partial: 'shipped',
  partially_fulfilled: 'shipped',
  fulfilled: 'shipped',
  shipped: 'shipped',
  restocked: 'processing',
};
const FINANCIAL = new Set([
  '',
  'pending',
  'authorized',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
  'expired',
  'unpaid',
]);

/** Tailor's order status from Shopify's fulfilment, payment and cancellation state; a string when a status is unknown. */
export function orderStatus(s: {
  fulfillment: string;
  financial: string;
  cancelled: boolean;
  delivered?: boolean;
}): 'processing' | 'shipped' | 'delivered' | 'returned' | 'cancelled' | { unknown: string } {
  const fulfillment = s.fulfillment.trim().toLowerCase().replace(/\s+/g, '_');
  const financial = s.financial.trim().toLowerCase().replace(/\s+/g, '_');
  if (!(fulfillment in FULFILMENT)) return { unknown: `Fulfillment Status "${s.fulfillment}"` };
  if (!FINANCIAL.has(financial)) return { unknown: `Financial Status "${s.financial}"` };
  if (s.cancelled || financial === 'voided') return 'cancelled';
  const base = FULFILMENT[fulfillment]!;
  if (financial === 'refunded') return base === 'shipped' ? 'returned' : 'cancelled';
  if (base === 'shipped' && s.delivered) return 'delivered';
  return base;
}

interface LineRow {
  line: number;
  name: string;
  sku: string;
  quantity: string;
  price: string;
  variantId: string;
}

export function orderGroups() {
  let name: string | null = null;
  let head: Row | null = null;
  let lines: LineRow[] = [];
  const flush = (): Mapped[] => {
    const out = head ? orderRecord(head, lines) : [];
    name = null;
    head = null;
    lines = [];
    return out;
  };
  return {
    push(r: Row): Mapped[] {
      const n = r.get('Name');
      if (!n) return [{ line: r.line, error: 'Name (the order number) is missing' }];
      const out = n !== name ? flush() : [];
      if (name === null) {
        name = n;
        head = r;
      }
      lines.push({
        line: r.line,
        name: r.get('Lineitem name'),
        sku: r.get('Lineitem sku'),
        quantity: r.get('Lineitem quantity'),
        price: r.get('Lineitem price'),
        variantId: r.get('Lineitem variant id'),
      });
      return out;
    },
    end: flush,
  };
}

const DATE_COLUMNS = [
  ['createdAt', 'Created at'],
  ['shippedAt', 'Fulfilled at'],
  ['cancelledAt', 'Cancelled at'],
  ['deliveredAt', 'Delivered at'],
] as const;

function orderDates(head: Row, number: string): Record<string, number | undefined> | { error: string } {
  const dates: Record<string, number | undefined> = {};
  for (const [key, col] of DATE_COLUMNS) {
    const t = parseStoreDate(head.get(col));
    if (t !== undefined && Number.isNaN(t)) return { error: `order ${number}: ${col} "${head.get(col)}" is not a date` };
    dates[key] = t;
  }
  return dates.createdAt === undefined ? { error: `order ${number}: Created at is missing` } : dates;
}

/** The order's valid lines; each bad one is rejected into `out` with its own line number. */
function orderLines(rows: LineRow[], number: string, out: Mapped[]) {
  const lines = [];
  for (const l of rows) {
    const price = amount(l.price);
    if (price === null) {
      out.push({ line: l.line, error: `order ${number}: Lineitem price "${l.price}" is not an amount` });
      continue;
    }
    if (!/^\d+$/.test(l.quantity) || Number(l.quantity) < 1) {
      out.push({ line: l.line, error: `order ${number}: Lineitem quantity "${l.quantity}" is not a whole number of at least 1` });
      continue;
    }
    // "Harbor Linen Shirt - Sand / M": the variant's options after the last " - ".
    const [, variantTitle] = l.name.split(/ - (?=[^-]*$)/);
    const parts = variantTitle ? variantTitle.split(' / ').map((p) => p.trim()) : [];
    const size = parts.length ? parts.at(-1)! : null;
    const colour = parts.length > 1 ? mapColour(parts[0]) : null;
    lines.push({
      sku: l.sku || null,
      variantExternalId: l.variantId || null,
      name: l.name,
      size,
      colour,
      quantity: Number(l.quantity),
      price,
    });
  }
  return lines;
}

/** A US address (the store ships within the US only); null otherwise. */
function shipToOf(head: Row) {
  const state = head.get('Shipping Province');
  if (!head.get('Shipping Address1') || !/^(us|usa|united states)$/i.test(head.get('Shipping Country')) || !/^[A-Z]{2}$/i.test(state))
    return null;
  return {
    name: head.get('Shipping Name') || undefined,
    line1: head.get('Shipping Address1'),
    line2: head.get('Shipping Address2') || undefined,
    city: head.get('Shipping City'),
    state: state.toUpperCase(),
    zip: head.get('Shipping Zip').replace(/^'/, ''),
    country: 'US' as const,
  };
}

function orderRecord(head: Row, rows: LineRow[]): Mapped[] {
  const out: Mapped[] = [];
  const number = head.get('Name');
  const status = orderStatus({
    fulfillment: head.get('Fulfillment Status'),
    financial: head.get('Financial Status'),
    cancelled: Boolean(head.get('Cancelled at')),
  });
  if (typeof status === 'object') return [{ line: head.line, error: `order ${number}: unknown ${status.unknown}` }];
  const dates = orderDates(head, number);
  if ('error' in dates) return [{ line: head.line, error: String(dates.error) }];
  const lines = orderLines(rows, number, out);
  if (lines.length === 0) return out.length ? out : [{ line: head.line, error: `order ${number} has no line items` }];
  const total = amount(head.get('Total'));
  if (total === null) return [...out, { line: head.line, error: `order ${number}: Total "${head.get('Total')}" is not an amount` }];
  out.unshift({
    line: head.line,
    record: {
      type: 'order',
      number,
      externalId: head.get('Id') || null,
      email: head.get('Email'),
      status,
      financialStatus: head.get('Financial Status') || null,
      total,
      createdAt: dates.createdAt!,
      shippedAt: status === 'processing' || status === 'cancelled' ? null : (dates.shippedAt ?? null),
      deliveredAt: dates.deliveredAt ?? null,
      cancelledAt: dates.cancelledAt ?? null,
      cancelReason: head.get('Cancel Reason') || null,
      carrier: head.get('Tracking Company') || head.get('Fulfillment Tracking Company') || null,
      trackingCode: head.get('Tracking Number') || head.get('Fulfillment Tracking Number') || null,
      shipTo: shipToOf(head),
      lines,
    },
  });
  return out;
}

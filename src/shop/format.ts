// Small conversions between the db's representation and what a reply shows.

/** Integer cents → dollars as a number with at most two decimals (129.5, not "129.50"). */
export const dollars = (cents: number): number => Math.round(cents) / 100;

/** Dollars (possibly fractional, from the model) → integer cents. */
export const toCents = (amount: number): number => Math.round(amount * 100);

/** Epoch ms → YYYY-MM-DD (UTC): dates a shopper reads, without a time zone puzzle. */
export const isoDate = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString().slice(0, 10));

/** m***@example.com: enough for the shopper to recognise the address, useless to anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** How the catalog stores the size of a one-size item (bags, scarves, jewellery). */
export const ONE_SIZE = 'ONE';

/** Sizes as the catalog stores them: clothes upper-case (M, XL), shoes as the bare EU number. */
export function normalizeSize(raw: string): string {
  const s = raw
    .trim()
    .toUpperCase()
    .replace(/^SIZE\s+/, '')
    .replace(/^EU\s*/, '');
  const aliases: Record<string, string> = {
    SMALL: 'S',
    MEDIUM: 'M',
    LARGE: 'L',
    'X-SMALL': 'XS',
    'X-LARGE': 'XL',
    'XX-LARGE': 'XXL',
    '2XL': 'XXL',
    'ONE SIZE': ONE_SIZE,
    ONESIZE: ONE_SIZE,
    OS: ONE_SIZE,
  };
  return aliases[s] ?? s;
}

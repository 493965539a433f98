// Money as a shopper reads it, one formatter for every module. Hand-rolled: toLocaleString builds
// an Intl formatter per call, too slow on every turn.

/** "$1,234.50", "$300" — or with `exact`, always two decimals ("$300.00") for totals in a list. */
export function formatMoney(cents: number, opts: { exact?: boolean } = {}): string {
  const whole = Math.floor(Math.abs(cents) / 100);
  const rest = Math.round(Math.abs(cents)) % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = rest || opts.exact ? `.${String(rest).padStart(2, '0')}` : '';
  return `${cents < 0 ? '-' : ''}$${grouped}${fraction}`;
}

// The cart as a checkout link on the store: the cart lives in Tailor's database, so the shopper
// finishes on the store with the same lines. Shopify takes a cart permalink
// (https://<shop>/cart/<variant id>:<qty>,…); any other platform a URL template; the demo store
// its own page.

export interface CheckoutSettings {
  /** The store's address (TAILOR_STORE_URL): with the store's variant ids, a Shopify cart permalink. */
  storeUrl: string | null;
  /** TAILOR_CHECKOUT_URL_TEMPLATE: {items} → <variant id>:<qty>,…; {skus} → <sku>:<qty>,…; {store} → storeUrl. Wins over the permalink. */
  template: string | null;
  /** The demo store: a link to its own page (`/?checkout=<variant>:<qty>,…`). */
  demo: boolean;
}

export interface CheckoutLine {
  /** Tailor's variant id. */
  variantId: string;
  /** The store's own variant id (imported), if any. */
  externalVariantId: string | null;
  sku: string;
  quantity: number;
}

const join = (lines: readonly CheckoutLine[], id: (l: CheckoutLine) => string) =>
  lines.map((l) => `${encodeURIComponent(id(l))}:${l.quantity}`).join(',');

/** The link that puts these lines in the store's cart, or null when there is none (no settings, an empty cart, a line the store does not know). */
export function checkoutUrl(lines: readonly CheckoutLine[], settings: CheckoutSettings | null | undefined): string | null {
  if (!settings || lines.length === 0) return null;
  const store = settings.storeUrl?.replace(/\/+$/, '') ?? '';
  if (settings.template) {
    return settings.template
      .replaceAll(
        '{items}',
        join(lines, (l) => l.externalVariantId ?? l.sku),
      )
      .replaceAll(
        '{skus}',
        join(lines, (l) => l.sku),
      )
      .replaceAll('{store}', store);
  }
  if (store) {
    // Every line needs the store's own variant id; a partial cart would be worse than none.
    if (lines.some((l) => !l.externalVariantId)) return null;
    return `${store}/cart/${join(lines, (l) => l.externalVariantId!)}`;
  }
  return settings.demo ? `/?checkout=${join(lines, (l) => l.variantId)}` : null;
}

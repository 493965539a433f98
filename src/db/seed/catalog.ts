// Products and per-size variants from the catalog data, with deterministic prices and stock.
import { DAY_MS } from '../index.js';
import type { products, variants } from '../schema.js';
import { CATEGORIES, STYLES, sizesFor, type Category } from './catalog-data.js';
import type { Rng } from './rng.js';

// The columns store-sync fills (image, page, store ids…) are left to their defaults by the demo store.
type Defaulted<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type ProductRow = Defaulted<
  typeof products.$inferSelect,
  'imageUrl' | 'url' | 'vendor' | 'externalId' | 'status' | 'externalUpdatedAt'
>;
export type VariantRow = Defaulted<typeof variants.$inferSelect, 'externalId'>;

const CATEGORY_TAGS: Record<Category, string> = {
  dresses: 'dress',
  tops: 'top',
  trousers: 'trousers pants',
  shoes: 'shoes',
  outerwear: 'outerwear jacket coat',
  accessories: 'accessory',
};
const CATEGORY_CODE: Record<Category, string> = {
  dresses: 'DR',
  tops: 'TP',
  trousers: 'TR',
  shoes: 'SH',
  outerwear: 'OW',
  accessories: 'AC',
};

// Shoppers ask for "blue" or "green"; shades carry their family as a search tag too.
const COLOUR_FAMILY: Record<string, string> = {
  navy: 'blue',
  sage: 'green',
  emerald: 'green',
  olive: 'green',
  khaki: 'green',
  burgundy: 'red',
  champagne: 'neutral',
  ivory: 'neutral',
  cream: 'neutral',
  sand: 'neutral',
  beige: 'neutral',
  stone: 'neutral',
  nude: 'neutral',
  natural: 'neutral',
  camel: 'brown',
  tan: 'brown',
  tortoise: 'brown',
  lilac: 'purple',
};

const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
export const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function careFor(material: string): string {
  if (/silk|wool|cashmere|velvet|sequin|tweed|crepe|shearling/.test(material)) return 'Dry clean only.';
  if (/leather|suede|patent/.test(material)) return 'Wipe clean with a damp cloth.';
  if (/straw|jute|acetate|brass/.test(material)) return 'Store away from moisture.';
  return 'Machine wash at 30°C.';
}

function fitFor(category: Category, rng: Rng): string {
  if (category === 'shoes') return 'Fits true to size; between sizes, take the larger.';
  if (category === 'accessories') return '';
  return rng.pick([
    'Fits true to size.',
    'Relaxed fit: size down for a closer fit.',
    'Slim fit: size up if between sizes.',
    'Cut for an easy, comfortable fit.',
  ]);
}

/** Price in cents: the style price, ending .00 or .95. */
const priceCents = (dollars: number, rng: Rng) => dollars * 100 - (rng.chance(0.3) ? 5 : 0);

export function generateCatalog(rng: Rng, now: number): { products: ProductRow[]; variants: VariantRow[] } {
  const productRows: ProductRow[] = [];
  const variantRows: VariantRow[] = [];
  for (const category of CATEGORIES) {
    for (const style of STYLES[category]) {
      for (const colour of style.colours) {
        const n = productRows.length + 1;
        const id = `p_${String(n).padStart(3, '0')}`;
        const name = `${title(colour)} ${style.name}`;
        const family = COLOUR_FAMILY[colour];
        const description = [`A ${style.detail}, in ${colour} ${style.material}.`, fitFor(category, rng), careFor(style.material)]
          .filter(Boolean)
          .join(' ');
        const tags = [CATEGORY_TAGS[category], colour, family, style.material, style.tags].filter(Boolean).join(' ').toLowerCase();
        productRows.push({
          id,
          slug: slugify(name),
          name,
          category,
          colour,
          description,
          priceCents: priceCents(style.price, rng),
          tags: [...new Set(tags.split(/\s+/))].join(' '),
          createdAt: now - rng.int(14, 540) * DAY_MS - rng.int(0, DAY_MS - 1),
        });
        for (const size of sizesFor(category)) {
          const edge = size === 'XS' || size === 'XXL' || size === '36' || size === '46';
          const stock = rng.chance(edge ? 0.25 : 0.08) ? 0 : rng.int(1, edge ? 8 : 30);
          variantRows.push({
            id: `v_${n}_${size.toLowerCase()}`,
            productId: id,
            size,
            sku: `TLR-${CATEGORY_CODE[category]}${String(n).padStart(3, '0')}-${size}`,
            stock,
          });
        }
      }
    }
  }
  guaranteeDemoStock(productRows, variantRows);
  return { products: productRows, variants: variantRows };
}

/**
 * The demo script relies on a few facts whatever the RNG does: red dresses under $150 are in
 * stock in the core sizes, one has a sold-out size, and one product is sold out entirely.
 */
function guaranteeDemoStock(productRows: ProductRow[], variantRows: VariantRow[]): void {
  const byProduct = (id: string) => variantRows.filter((v) => v.productId === id);
  for (const p of productRows) {
    if (p.category === 'dresses' && p.colour === 'red' && p.priceCents < 150_00) {
      for (const v of byProduct(p.id)) if (['S', 'M', 'L'].includes(v.size) && v.stock < 4) v.stock = 4 + (v.id.length % 5);
    }
  }
  const slip = productRows.find((p) => p.slug === 'red-satin-slip-midi-dress');
  const xs = slip && byProduct(slip.id).find((v) => v.size === 'XS');
  if (xs) xs.stock = 0;
  const soldOut = productRows.find((p) => p.slug === 'black-velvet-mini-dress');
  if (soldOut) for (const v of byProduct(soldOut.id)) v.stock = 0;
}

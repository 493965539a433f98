// The store's words onto Tailor's: a Shopify product type or category path ("Apparel &
// Accessories > Clothing > Dresses"), its title and tags → one of the shop's categories when a
// word names one; otherwise the store's own word is kept, so the product is still found by it.
import { categoryOfWord, tokenize } from '../shop/index.js';

/** The first of `texts` (most specific first) with a word naming a shop category; else the store's own type. */
export function mapCategory(texts: ReadonlyArray<string | null | undefined>): string {
  for (const text of texts) {
    if (!text) continue;
    // Category paths name the specific thing last: "… > Clothing > Dresses".
    const parts = text
      .split('>')
      .map((p) => p.trim())
      .reverse();
    for (const part of parts) {
      for (const word of tokenize(part).reverse()) {
        const category = categoryOfWord(word);
        if (category) return category;
      }
    }
  }
  const own = texts.find((t) => t && t.trim());
  return own ? own.split('>').at(-1)!.trim().toLowerCase() : 'other';
}

/** A colour as the shop stores them: lower case, single spaces ("Heather Grey" → "heather grey"). */
export const mapColour = (value: string | null | undefined): string => (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** Option names that carry the colour or the size. */
export const isColourOption = (name: string): boolean => /^(colou?rs?|shade|farbe|couleur)$/i.test(name.trim());
export const isSizeOption = (name: string): boolean => /^(sizes?|größe|taille|talla)$/i.test(name.trim());

/** Words for search: the store's tags, type and vendor, space-separated. */
export function searchWords(...parts: ReadonlyArray<string | readonly string[] | null | undefined>): string {
  const words = parts.flatMap((p) => (p == null ? [] : Array.isArray(p) ? p : [p as string])).flatMap((p) => tokenize(p));
  return [...new Set(words)].join(' ');
}

/** Plain text from a product's HTML description (tags dropped, entities decoded, whitespace collapsed). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** A handle-safe slug of a value ("Heather Grey" → "heather-grey"). */
export const slugify = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

/** Shopify dates ("2024-03-05 14:22:10 -0500", ISO) → epoch ms; undefined when blank, NaN when unreadable. */
export function parseStoreDate(value: string | null | undefined): number | undefined {
  const v = (value ?? '').trim();
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  if (m) {
    const zone = m[3] ? (m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`) : 'Z';
    return Date.parse(`${m[1]}T${m[2]}${zone}`);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return Date.parse(`${v}T00:00:00Z`);
  return Date.parse(v);
}

/** A small deterministic digest (two 53-bit halves, hex): ids derived from the store's keys, so a re-import lands on the same rows on any runtime. */
export function keyDigest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const a = (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  let h3 = 0x9e3779b9 ^ text.length;
  for (let i = text.length - 1; i >= 0; i--) h3 = Math.imul(h3 ^ text.charCodeAt(i), 2654435761);
  h3 = Math.imul(h3 ^ (h3 >>> 15), 2246822507);
  return `${a}${(h3 >>> 0).toString(16).padStart(8, '0')}`.slice(0, 20);
}

/** Store ids as Tailor ids: '<kind>_s' + digest of the key (the 's' marks rows from the store). */
export const storeId = (kind: string, key: string): string => `${kind}_s${keyDigest(key)}`;

// Extracts checkable facts (prices, order numbers, dates, tracking codes, product names) from a
// reply, and indexes the sources a reply may draw on (tool results, prompt context, user text).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RE =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

const PRODUCT_NOUNS =
  'Dress|Dresses|Top|Tee|T-Shirt|Shirt|Blouse|Sweater|Jumper|Cardigan|Hoodie|Jeans|Trousers|Pants|Chinos|Shorts|Skirt|Shoes|Sneakers|Trainers|Boots|Boot|Loafers|Sandals|Heels|Flats|Jacket|Coat|Blazer|Parka|Trench|Bag|Tote|Scarf|Belt|Hat|Cap|Beanie|Sunglasses|Necklace|Earrings|Wallet|Gilet|Vest|Jumpsuit';

// Capitalized only because they open a sentence or a list item, not part of a product's name.
const LEADING = new Set([
  'the',
  'a',
  'an',
  'our',
  'your',
  'this',
  'that',
  'these',
  'those',
  'try',
  'meet',
  'and',
  'or',
  'also',
  'both',
  'each',
  'my',
  'new',
  'any',
  'all',
  'how',
  'about',
  'consider',
  'perhaps',
  'maybe',
  'with',
  'in',
  'for',
  'added',
  'add',
  'one',
  'two',
  'three',
  'some',
  'pick',
  'picks',
  'see',
  'check',
  'out',
  'yes',
  'great',
  'love',
  'like',
  'sure',
  'here',
  'here’s',
  "here's",
  'is',
  'are',
  'what',
  'which',
]);

export interface ReplyFacts {
  prices: Array<{ text: string; value: number }>;
  orderNumbers: string[];
  dates: Array<{ text: string; key: string }>;
  trackingCodes: string[];
  productNames: string[];
}

function dateKey(month: number, day: number): string {
  return `${month}-${day}`;
}

export function extractFacts(reply: string, catalogNames: readonly string[]): ReplyFacts {
  const prices: ReplyFacts['prices'] = [];
  for (const m of reply.matchAll(/\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/g)) {
    prices.push({ text: m[0], value: Number(m[1]!.replace(/,/g, '')) + (m[2] ? Number(m[2].padEnd(2, '0')) / 100 : 0) });
  }
  const orderNumbers = new Set<string>();
  for (const m of reply.matchAll(/(?:#|\border\s+(?:number\s+|no\.?\s*)?#?)(\d{4,10})\b/gi)) orderNumbers.add(m[1]!);
  // Bare runs of 5+ digits read as identifiers (prices carry "$", years have 4 digits).
  for (const m of reply.matchAll(/(?<![$\d.,])\b(\d{5,10})\b(?![.,]\d)/g)) orderNumbers.add(m[1]!);
  const dates: ReplyFacts['dates'] = [];
  for (const m of reply.matchAll(new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g'))) {
    dates.push({ text: m[0], key: dateKey(monthIndex(m[1]!), Number(m[2])) });
  }
  for (const m of reply.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b`, 'g'))) {
    dates.push({ text: m[0], key: dateKey(monthIndex(m[2]!), Number(m[1])) });
  }
  for (const m of reply.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) dates.push({ text: m[0], key: dateKey(Number(m[2]), Number(m[3])) });
  const trackingCodes = [...reply.matchAll(/\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{7,}\b/g)].map((m) => m[0]);
  const names = new Set<string>();
  const lower = reply.toLowerCase();
  for (const name of catalogNames) if (name.length > 3 && lower.includes(name.toLowerCase())) names.add(name);
  // Title-case phrases ending in a garment noun look like product names, invented or not.
  for (const m of reply.matchAll(new RegExp(`\\b(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)?\\s+){1,5}(?:${PRODUCT_NOUNS})\\b`, 'g'))) {
    const words = m[0].split(/\s+/);
    while (words.length && LEADING.has(words[0]!.toLowerCase())) words.shift();
    if (words.length >= 2) names.add(words.join(' '));
  }
  return { prices, orderNumbers: [...orderNumbers], dates, trackingCodes, productNames: [...names] };
}

/** Everything a reply may legitimately state, indexed for lookup. */
export class FactSources {
  private readonly text: string;
  private readonly numbers = new Set<number>();
  private readonly dateKeys = new Set<string>();

  constructor(parts: readonly unknown[]) {
    const texts: string[] = [];
    const visit = (v: unknown): void => {
      if (v === null || v === undefined) return;
      if (typeof v === 'string') texts.push(v);
      else if (typeof v === 'number') {
        this.addNumber(v);
        // Epoch milliseconds in tool results are dates the reply may print.
        if (v > 946_684_800_000 && v < 4_102_444_800_000) this.addDate(new Date(v));
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (typeof v === 'object') Object.values(v as Record<string, unknown>).forEach(visit);
      else texts.push(String(v));
    };
    parts.forEach(visit);
    this.text = texts.join('\n');
    for (const m of this.text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) this.addNumber(Number(m[0].replace(/,/g, '')));
    for (const m of this.text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+Z?)?/g)) {
      this.dateKeys.add(dateKey(Number(m[2]), Number(m[3])));
      if (m[0].includes('T')) this.addDate(new Date(m[0]));
    }
    for (const f of extractFacts(this.text, []).dates) this.dateKeys.add(f.key);
  }

  private addNumber(n: number) {
    this.numbers.add(Math.round(n * 100) / 100);
    // Money travels in cents inside the store; replies speak dollars.
    if (Number.isInteger(n)) this.numbers.add(n / 100);
  }

  private addDate(d: Date) {
    if (Number.isNaN(d.getTime())) return;
    this.dateKeys.add(dateKey(d.getUTCMonth() + 1, d.getUTCDate()));
    this.dateKeys.add(dateKey(d.getMonth() + 1, d.getDate()));
  }

  hasNumber(n: number): boolean {
    return this.numbers.has(Math.round(n * 100) / 100);
  }

  hasDigits(s: string): boolean {
    return new RegExp(`(^|\\D)${s}(\\D|$)`).test(this.text);
  }

  hasDate(key: string): boolean {
    return this.dateKeys.has(key);
  }

  hasText(s: string): boolean {
    return this.text.toLowerCase().includes(s.toLowerCase());
  }
}

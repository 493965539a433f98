// Store policy answers, picked from the store_policy result by what the shopper asked.
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import type { ShippingFacts, SizingFacts, ToolOutput } from '../../tools/index.js';
import { isRec, outputOf, str } from './results.js';
import type { Reply } from './voice.js';
import { ASKS_EXCHANGE, PHRASES } from './phrases.js';
import { addBusinessDays } from '../../core/index.js';
import { namesPlaceAbroad } from './frame-cues.js';
import { aboutShoes, returnsPartsAsked, shippingPartsAsked, sizingCarriedOver } from './replies-policy-parts.js';
import { sizeSystemOf } from './frame-size-system.js';

type Rec = Record<string, unknown>;
type ShippingOut = Extract<ToolOutput<'store_policy'>, { topic: 'shipping' }>;
type SizingOut = Extract<ToolOutput<'store_policy'>, { topic: 'sizing' }>;

function at(obj: Rec, ...path: string[]): string | null {
  let cur: unknown = obj;
  for (const k of path) cur = isRec(cur) ? cur[k] : undefined;
  return str(cur);
}

const sentence = (s: string | null): string => (s ? (/[.!?]$/.test(s) ? s : `${s}.`) : '');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function flatten(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(sentence(v));
  else if (Array.isArray(v)) v.forEach((x) => flatten(x, out));
  else if (isRec(v)) Object.values(v).forEach((x) => flatten(x, out));
  return out;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NEEDED_BY =
  /\b(?:by|before|for|on|until|till|til)\s+(?:this\s+|next\s+|the\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|weekend)\b/i;
const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayName = (t: number) => `${cap(WEEKDAYS[new Date(t).getUTCDay()]!)} ${iso(t)}`;
const weekend = (t: number) => [0, 6].includes(new Date(t).getUTCDay());

/**
 * "Can I get it by Friday?": the policy's business-day ranges counted from today (the date the
 * prompt gives), against that day. Null when the message names no day or today is unknown.
 */
function deliveryBy(p: Rec, facts: ShippingFacts, f: Frame): string | null {
  const m = NEEDED_BY.exec(f.text);
  const today = f.today ? Date.parse(`${f.today}T12:00:00Z`) : NaN;
  const { standardDays: std, expressDays: exp } = facts;
  if (!m || Number.isNaN(today)) return null;
  const word = m[1]!.toLowerCase();
  let by = today + DAY_MS;
  if (word === 'weekend') while (new Date(by).getUTCDay() !== 6) by += DAY_MS;
  else if (word !== 'tomorrow') while (WEEKDAYS[new Date(by).getUTCDay()] !== word) by += DAY_MS;
  const named = word === 'tomorrow' ? `tomorrow (${dayName(by)})` : dayName(by);
  // Deliveries come on business days: a weekend day means the Friday before it.
  while (weekend(by)) by -= DAY_MS;
  const ifToday = ` if you order today before ${facts.sameDayCutoff}`;
  const stdLast = addBusinessDays(today, std.max);
  if (stdLast <= by)
    return `Yes: standard delivery (${std.min}–${std.max} business days) arrives by ${dayName(stdLast)}${ifToday}, in time for ${named}.`;
  const expPrice = at(p, 'express', 'price');
  const [expFirst, expLast] = [addBusinessDays(today, exp.min), addBusinessDays(today, exp.max)];
  const express = `express (${exp.min}–${exp.max} business days${expPrice ? `, ${expPrice}` : ''})`;
  if (expLast <= by)
    return `Yes, with ${express}: it arrives by ${dayName(expLast)}${ifToday}. Standard delivery would take until ${dayName(stdLast)}.`;
  if (expFirst <= by)
    return `Possibly: ${express} arrives between ${dayName(expFirst)} and ${dayName(expLast)}${ifToday}, so ${named} isn't guaranteed. Standard delivery would take until ${dayName(stdLast)}.`;
  return `Sorry, not by ${named}: even ${express} arrives ${dayName(expFirst)} at the earliest${ifToday}.`;
}

function shipping(out: ShippingOut, f: Frame): string {
  const p = out.policy;
  const mine = out.forThisShopper?.replace(/for this shopper/i, 'for you') ?? '';
  const by = deliveryBy(p, out.facts, f);
  if (by) return [by, mine].filter(Boolean).join(' ');
  const std = at(p, 'standard', 'time') ? `Standard delivery takes ${at(p, 'standard', 'time')} (${at(p, 'standard', 'price') ?? ''})` : '';
  const exp = at(p, 'express', 'time') ? `express takes ${at(p, 'express', 'time')} (${at(p, 'express', 'price') ?? ''})` : '';
  // Right after the shipping policy, a follow-up asking one part of it ("and next day?", "what about to Ireland?"): that part.
  const parts = shippingPartsAsked(f);
  if (parts.length) {
    const said: Record<(typeof parts)[number], string> = {
      regions: sentence(at(p, 'regions')?.split(';')[0]?.trim() ?? null),
      express: exp ? sentence(`The quickest option is ${exp.replace(/^express takes /, 'express: ')}`.replace(/ \(\)/g, '')) : '',
      standard: sentence(std.replace(/ \(\)/g, '')),
      tracking: sentence(at(p, 'tracking')),
    };
    const answer = parts.map((k) => said[k]).filter(Boolean);
    if (answer.length) return [...answer, mine].filter(Boolean).join(' ');
  }
  const main = sentence([std, exp].filter(Boolean).join('; ').replace(/ \(\)/g, ''));
  const where =
    /\b(canada|international\w*|abroad|overseas|country|countries|uk|europe|mexico|ship to|deliver to|region)\b/i.test(f.text) ||
    namesPlaceAbroad(f.text)
      ? sentence(at(p, 'regions'))
      : '';
  const today = /\b(today|tonight|now|when will it arrive|cut-?off|same day)\b/i.test(f.text) ? sentence(at(p, 'regions')) : '';
  const track = /\btrack/i.test(f.text) ? sentence(at(p, 'tracking')) : '';
  // "do you ship to Canada?" is answered first; delivery times follow.
  return (where ? [where, main, mine, track] : [main, mine, today, track]).filter(Boolean).join(' ');
}

/**
 * "Can I click and collect?": what the policy says about collecting in person, then the delivery
 * options (a policy without a word on it: that this chat cannot say, and the options).
 */
function pickup(out: ShippingOut, f: Frame): string {
  const said = sentence(at(out.policy, 'pickup'));
  return [said || "I don't have information about collecting orders in person.", shipping(out, f)].filter(Boolean).join(' ');
}

function returns(p: Rec, f: Frame): string {
  const window = at(p, 'window');
  const cond = at(p, 'condition');
  const first = window ? `You can return items ${window}${cond ? `, ${cond}` : ''}.` : '';
  const cost = sentence(at(p, 'cost'));
  const asksRefund = /\b(refund|money|how long|when)\b/i.test(f.text);
  const refund = asksRefund || !first ? sentence(at(p, 'refund')) : '';
  const exch = ASKS_EXCHANGE.test(f.text) || f.aboutExchange ? sentence(at(p, 'exchanges')) : '';
  const how = sentence(at(p, 'how'));
  const asksHow = /\bhow (do|can|would|should|to)\b|\b(label|print\w*|next|steps?|what now|then what|drop (it|them) off)\b/i.test(f.text);
  // Right after the returns policy, a follow-up asking one part of it ("how long have I got?", "who pays the postage?"): that part.
  const said = { window: first, cost, refund: sentence(at(p, 'refund')), how, exchanges: sentence(at(p, 'exchanges')) };
  const part = [...new Set(returnsPartsAsked(f).map((k) => said[k]))].filter(Boolean);
  if (part.length) return part.join(' ');
  // "when will I get my money back?" is answered first, the rest of the policy after it.
  const order = asksRefund && refund ? [refund, first, cost] : [first, cost, refund];
  return [...order, exch, asksHow || f.nextStep ? how : ''].filter(Boolean).join(' ');
}

const MEASURE = /\b(waist|bust|chest)\b\D{0,12}?(\d{2})\b|\b(\d{2})\s*(?:"|in|inch|inches)?\s*(waist|bust|chest)\b/i;

const within = (n: number, r: { min: number; max: number }) => n >= r.min && n <= r.max;

/** "my waist is 32" / "32 inch bust": the chart's sizes for that measurement, from the policy's size chart. */
function fromChart(chart: SizingFacts['clothing'], text: string): string {
  const m = MEASURE.exec(text);
  if (!m || !chart.length) return '';
  const part = (m[1] ?? m[4]!).toLowerCase() === 'waist' ? 'waist' : 'bust';
  const n = Number(m[2] ?? m[3]);
  const rows = chart.map((c) => ({ size: c.size, range: c[part] }));
  const fits = rows.filter((r) => within(n, r.range));
  if (fits.length === 1) return `A ${n}-inch ${part} is our ${fits[0]!.size} (${part} ${fits[0]!.range.min}–${fits[0]!.range.max} in).`;
  if (fits.length > 1) return `A ${n}-inch ${part} is between our ${fits.map((r) => r.size).join(' and ')}.`;
  return `A ${n}-inch ${part} is outside our size chart, which runs from ${rows[0]!.range.min} to ${rows.at(-1)!.range.max} inches.`;
}

/**
 * "size 14", "I'm a UK 12": which of our sizes that is, from the policy's size chart ("L ≈ UK 14 /
 * US 10"); both readings when the shopper did not say UK or US.
 */
function fromConversion(chart: SizingFacts['clothing'], text: string, size: string | null): string {
  const named = sizeSystemOf(text);
  const n = Number(named?.size ?? /\bsize\s*(\d{1,2})\b/i.exec(text)?.[1] ?? size);
  if (!Number.isInteger(n) || n < 2 || n > 20) return '';
  const said = named && named.system !== 'EU' ? [named.system] : ['UK', 'US'];
  const found = said.flatMap((sys) => {
    const ours = chart.find((c) => within(n, sys === 'UK' ? c.uk : c.us))?.size;
    return ours ? [`a ${sys} ${n} is our ${ours}`] : [];
  });
  return found.length ? `Our clothes are sized XS–XXL: ${found.join(', ')}.` : '';
}

/**
 * "a US 8 women's", "UK 7": the EU size, from the policy's shoe anchors (EU 37 ≈ US women 6.5 /
 * UK 4), women's and men's both when the shopper did not say.
 */
function fromShoeConversion(shoes: SizingFacts['shoes'], text: string): string {
  const asked = sizeSystemOf(text);
  if (!asked || asked.system === 'EU' || asked.size === null) return '';
  const [system, n] = [asked.system, asked.size];
  const { anchors } = shoes;
  const [lo, hi] = [shoes.eu.min, shoes.eu.max];
  const who = /\b(women|ladies|woman|female)/i.test(text)
    ? ['women']
    : /\b(men'?s|mens|man|male)\b/i.test(text)
      ? ['men']
      : ['women', 'men'];
  const said = anchors
    .filter((a) => who.includes(a.who))
    .map((a) => {
      const eu = a.eu + n - (system === 'US' ? a.us : a.uk);
      const ours = Number.isInteger(eu) ? `about EU ${eu}` : `between EU ${Math.floor(eu)} and ${Math.ceil(eu)}`;
      const stocked = eu >= lo - 0.5 && eu <= hi + 0.5;
      return `a ${system} ${a.who}'s ${n} is ${ours}${stocked ? '' : ' (outside the sizes we carry)'}`;
    });
  return said.length ? `${said.join('; ')[0]!.toUpperCase()}${said.join('; ').slice(1)}.` : '';
}

function sizing(out: SizingOut, f: Frame): string {
  const p = out.policy;
  const { clothing, shoes: shoeFacts } = out.facts;
  const measured = MEASURE.test(f.text);
  // "and in UK?" right after the size chart: the question the chart answered decides shoes or clothes, and only that is said.
  const carried = sizingCarriedOver(f);
  // Shoe sizes are 35–47 (or a shoe was named); "a UK 10" or "US 6" is a clothing size.
  // Our clothing chart is women's only, so a men's size is a shoe size.
  const named = sizeSystemOf(f.text);
  const clothingSize = !!named && named.system !== 'EU' && named.size !== null && named.size >= 2 && named.size < 19;
  const shoes = carried
    ? aboutShoes(carried) || /\b(3[5-9]|4[0-7])\b|\b(men'?s|mens)\b/i.test(carried)
    : !measured &&
      (f.e.category === 'shoes' || /\b(3[5-9]|4[0-7])\b/.test(f.text) || /\b(men'?s|mens)\b/i.test(f.text) || (!!named && !clothingSize));
  const converts = !shoes && ((!!named && named.system !== 'EU') || /\bsize\s*([2-9]|1[0-9]|20)\b/i.test(f.text));
  const parts = [
    shoes
      ? [fromShoeConversion(shoeFacts, f.text), sentence(at(p, 'shoes'))].filter(Boolean).join(' ')
      : converts
        ? [fromConversion(clothing, f.text, f.e.size), sentence(at(p, 'conversion'))].filter(Boolean).join(' ')
        : [fromChart(clothing, f.text), sentence(at(p, 'clothing'))].filter(Boolean).join(' '),
    carried ? '' : sentence(at(p, 'fit')),
  ];
  return parts.filter(Boolean).join(' ');
}

function payment(p: Rec, f: Frame): string {
  const tax = /\b(tax|vat|currency|dollar|usd)\b/i.test(f.text);
  const methods = at(p, 'methods');
  return [tax ? sentence(at(p, 'currency')) : methods ? `We accept ${methods}` : '', tax ? '' : sentence(at(p, 'security'))]
    .map(sentence)
    .filter(Boolean)
    .join(' ');
}

/** The orders policy, the rule asked about: cancelling, a new address, a problem, or where refunds go. */
function orders(p: Rec, f: Frame): string {
  const asked = [
    /\bcancel/i.test(f.text) ? 'cancel' : '',
    /\b(address|deliver to|ship to|send (it|them) to)\b/i.test(f.text) ? 'address' : '',
    /\b(damaged|broken|missing|wrong|faulty|torn|defective)\b/i.test(f.text) ? 'problems' : '',
    /\b(refund\w*|money|card|account|bank|paid|payment|back|when|how long)\b/i.test(f.text) && !/\bcancel/i.test(f.text) ? 'refunds' : '',
  ].filter(Boolean);
  return (asked.length ? asked : ['cancel', 'refunds'])
    .map((k) => sentence(at(p, k)))
    .filter(Boolean)
    .join(' ');
}

/** The sections of the general policy a question names: loyalty, the range carried, the people. */
const GENERAL_SECTIONS = {
  loyalty: /\b(loyalty|point|reward|tier)/i,
  range: /\b(men'?s|menswear|for men|kids?|kidswear|child|children'?s|baby|babies)\b/i,
  support: /\b(hour|open|when|someone|somebody|anyone|person|agent|colleague|human|staff|team|get back|hear back|reply|respond)/i,
};

function general(p: Rec, f: Frame): string {
  // "and for gold members?" right after the loyalty points: a follow-up naming no section keeps the one asked before.
  const own = Object.values(GENERAL_SECTIONS).some((words) => words.test(f.text));
  const text = !own && f.policyBefore?.topics.includes('general') ? `${f.policyBefore.asked} ${f.text}` : f.text;
  if (GENERAL_SECTIONS.loyalty.test(text)) return sentence(at(p, 'loyalty'));
  // "do you sell men's clothes?", "anything for kids?": what the store carries, and honestly no more.
  if (GENERAL_SECTIONS.range.test(text)) {
    return `${sentence(at(p, 'store'))} Our clothing sizes follow a women's size chart, and I can't promise a men's or children's range.`.trim();
  }
  if (GENERAL_SECTIONS.support.test(text)) return sentence(at(p, 'support'));
  return [sentence(at(p, 'store')), sentence(at(p, 'support'))].filter(Boolean).join(' ');
}

/** A new address abroad for an order: where the shop delivers, as its policy says, and a US address asked for. */
function addressAbroadReply(out: ShippingOut, f: Frame): Reply {
  const where = sentence(at(out.policy, 'regions')?.split(';')[0]?.trim() ?? null);
  const order = f.orderNumber ? `order #${f.orderNumber}` : 'an order';
  if (!where) return { kind: 'fact', body: PHRASES.toolFailed };
  return {
    kind: 'ask',
    body: `I can't send ${order} to an address abroad. ${where} If it can go to a US address instead, tell me the street, city, state and ZIP.`,
    noFollowUp: true,
  };
}

export function policyReply(ex: Exchange, f: Frame, canHandOver = false): Reply {
  const out = outputOf(ex, 'store_policy');
  if (!out) return { kind: 'fact', body: PHRASES.toolFailed };
  const { topic, policy } = out;
  let body = '';
  if (out.topic === 'shipping' && f.intent === 'change_address') return addressAbroadReply(out, f);
  if (out.topic === 'shipping') body = f.intent === 'pickup' ? pickup(out, f) : shipping(out, f);
  else if (topic === 'returns') body = returns(policy, f);
  else if (out.topic === 'sizing') body = sizing(out, f);
  else if (topic === 'payment') body = payment(policy, f);
  // "Are you a real person?": what it is, and a person offered (a "yes" then hands over).
  else if (topic === 'ai')
    body = [sentence(at(policy, 'assistant')), canHandOver ? PHRASES.humanOffer : sentence(at(policy, 'human'))].filter(Boolean).join(' ');
  else if (topic === 'general') body = general(policy, f);
  else if (topic === 'orders') body = orders(policy, f);
  if (!body) body = flatten(policy).slice(0, 3).join(' ');
  // "How do I place an order?": the steps, then how paying works.
  if (f.intent === 'how_to_order') body = `${PHRASES.howToOrder} ${body}`;
  // A policy answer is the help the persona's follow-up would offer ("help with sizing or delivery?").
  return { kind: 'fact', body: cap(body) || "I don't have that policy to hand.", perks: topic === 'shipping', noFollowUp: true };
}

// Product, order and proposal cards under an assistant reply.
import { el, type Child } from './dom.js';
import { isObj, num, str, type Json, type Product, type Proposal } from './results.js';

const COLOURS: Record<string, string> = {
  red: '#c0392b',
  burgundy: '#7b1e2b',
  pink: '#e59bb0',
  orange: '#e67e22',
  yellow: '#f2c94c',
  green: '#4f8a5b',
  olive: '#7a7f3a',
  teal: '#2a7f83',
  blue: '#2f5fb3',
  navy: '#1f2d52',
  purple: '#7d4f9e',
  black: '#1d1b19',
  white: '#f6f4f0',
  cream: '#efe4cc',
  beige: '#d8c3a5',
  camel: '#c19a6b',
  brown: '#6f4e37',
  grey: '#9a9a9a',
  gray: '#9a9a9a',
  silver: '#c0c0c0',
  gold: '#c9a44c',
};

export const money = (dollars: number): string => '$' + (dollars % 1 ? dollars.toFixed(2) : String(dollars));

function dateText(v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  if (v === '') return null;
  const d = new Date(typeof v === 'string' && v.length === 10 ? v + 'T12:00:00Z' : v);
  return isNaN(d.getTime()) ? String(v) : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** The product's picture (linked to its page when it has one), or today's colour block without one or when it fails to load. */
function productArt(p: Product): HTMLElement {
  const swatch = el('div', { class: 'swatch', 'aria-hidden': 'true' });
  const sw =
    COLOURS[
      String(p.colour || '')
        .toLowerCase()
        .split(/[\s/-]+/)
        .pop() ?? ''
    ];
  if (sw) swatch.style.setProperty('--sw', sw);
  if (!p.imageUrl) return swatch;
  const img = el('img', { class: 'photo', src: p.imageUrl, alt: '', loading: 'lazy', decoding: 'async' });
  const art = p.url ? el('a', { class: 'photo-link', href: p.url, tabindex: '-1', 'aria-hidden': 'true' }, [img]) : img;
  img.addEventListener('error', () => art.replaceWith(swatch));
  return art;
}

function addControls(p: Product, onAdd: (name: string, size: string) => void, disabled: boolean): HTMLElement {
  const select =
    p.inStock.length > 1
      ? el(
          'select',
          { 'aria-label': 'Size for ' + p.name },
          p.inStock.map((s) => el('option', { value: s, text: s })),
        )
      : null;
  const first = p.inStock[0] ?? '';
  const btn = el('button', {
    class: 'add',
    type: 'button',
    'aria-label': 'Add ' + p.name + ' to cart',
    text: 'Add to cart',
    disabled,
    onclick: () => onAdd(p.name, select ? select.value : first === 'ONE' ? '' : first),
  });
  return el('div', { class: 'actions' }, [select, btn]);
}

export function productCard(p: Product, onAdd: (name: string, size: string) => void, disabled: boolean): HTMLElement {
  const kids: Child[] = [
    productArt(p),
    el('h3', {}, [p.url ? el('a', { href: p.url, text: p.name }) : p.name]),
    el('p', { class: 'price', text: p.price === null ? '' : money(p.price) }),
    p.colour && el('p', { text: 'Colour: ' + p.colour }),
    p.because && el('p', { class: 'because', text: p.because }),
  ];
  if (p.sizes.length && !p.inStock.length) {
    kids.push(el('p', { class: 'soldout', text: 'Sold out' }));
  } else {
    if (p.inStock.length)
      kids.push(el('p', { class: 'sizes', text: p.inStock.join() === 'ONE' ? 'One size, in stock' : 'In stock: ' + p.inStock.join(', ') }));
    kids.push(addControls(p, onAdd, disabled));
  }
  return el('article', { class: 'card product', 'data-product': p.key, 'aria-label': p.name }, kids);
}

function orderRows(o: Json): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const row = (label: string, v: string | null): void => {
    if (v) rows.push(el('dt', { text: label }), el('dd', { text: v }));
  };
  row('Ordered', dateText(o.placed));
  row('Shipped', dateText(o.shipped));
  row('Delivered', dateText(o.delivered));
  row('Tracking', str(o.tracking) ? (str(o.carrier) ? String(o.carrier) + ' ' : '') + String(o.tracking) : null);
  const total = num(o.total);
  row('Total', total === null ? null : money(total));
  const ret = isObj(o.return) ? o.return : {};
  row('Return by', dateText(ret.possible ? ret.until : o.returnableUntil));
  if (isObj(ret.label)) row('Return label', str(ret.label.trackingCode));
  return rows;
}

export function orderCard(o: Json): HTMLElement {
  const number = String(o.orderNumber);
  const items = (Array.isArray(o.items) ? o.items : [])
    .map((i: unknown) =>
      typeof i === 'string' ? i : isObj(i) && str(i.name) ? String(i.name) + (str(i.size) ? ' (' + String(i.size) + ')' : '') : '',
    )
    .filter(Boolean);
  const status = String(o.status || 'unknown');
  return el('article', { class: 'card order', 'data-order': number, 'aria-label': 'Order ' + number }, [
    el('h3', { text: 'Order #' + number }),
    el('span', { class: 'badge ' + status.replace(/[^a-z]/g, ''), text: status }),
    items.length ? el('p', { text: items.join(', ') }) : null,
    el('dl', {}, orderRows(o)),
  ]);
}

export function proposalCard(p: Proposal, onDecide: (id: string, decision: 'confirm' | 'cancel') => void, disabled: boolean): HTMLElement {
  const decisions = [
    ['confirm', 'Confirm'],
    ['cancel', 'Cancel'],
  ] as const;
  const buttons = decisions.map(([decision, label]) =>
    el('button', {
      class: decision,
      type: 'button',
      text: label,
      disabled,
      onclick: () => {
        card.classList.add('decided');
        buttons.forEach((b) => (b.disabled = true));
        onDecide(p.id, decision);
      },
    }),
  );
  const card = el('article', { class: 'card proposal', 'data-proposal': p.id, 'aria-label': p.title }, [
    el('h3', { text: p.title }),
    p.statement ? el('p', { class: 'statement', text: p.statement }) : p.items.length ? el('p', { text: p.items.join(', ') }) : null,
    el('div', { class: 'actions' }, buttons),
  ]);
  return card;
}

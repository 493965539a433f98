// The cart as the widget shows it (a count in the header, a bar with the subtotal and the
// store's Checkout link) and the `tailor:cart` event a store's own header can follow.
import { money } from './cards.js';
import { el } from './dom.js';
import type { Cart } from './results.js';

export const EMPTY_CART: Cart = { items: [], count: 0, subtotal: 0, checkoutUrl: null };

const items = (n: number): string => n + (n === 1 ? ' item' : ' items');

export class CartView {
  readonly chip: HTMLElement;
  readonly bar: HTMLElement;
  private readonly countEl = el('span', { class: 'count', 'data-cart-count': '', text: '0' });
  private readonly summary = el('span', { class: 'summary' });
  private readonly checkout = el('a', { class: 'checkout', text: 'Checkout', hidden: true });
  private count: number | null = null;
  private lastSent: string | null = null;

  /** `emit` is called with the new cart whenever it differs from the last one sent. */
  constructor(private readonly emit: (cart: Cart) => void) {
    // The count shows once a cart tool has reported it; until then the widget does not know it.
    this.chip = el('span', { class: 'cart', role: 'status', 'aria-live': 'polite', hidden: true }, [
      el('span', { text: 'Cart' }),
      this.countEl,
    ]);
    this.bar = el('div', { class: 'cartbar', hidden: true }, [this.summary, this.checkout]);
  }

  show(cart: Cart): void {
    const changed = this.count !== null && cart.count !== this.count;
    this.count = cart.count;
    this.chip.hidden = false;
    this.countEl.textContent = String(cart.count);
    this.chip.setAttribute('aria-label', 'Cart: ' + items(cart.count));
    if (changed) {
      this.chip.classList.remove('bump');
      void this.chip.offsetWidth; // restart the animation
      this.chip.classList.add('bump');
    }
    this.bar.hidden = cart.count === 0;
    this.summary.textContent = 'Cart: ' + items(cart.count) + (cart.subtotal === null ? '' : ', ' + money(cart.subtotal));
    this.checkout.hidden = !cart.checkoutUrl;
    if (cart.checkoutUrl) this.checkout.href = cart.checkoutUrl;
    else this.checkout.removeAttribute('href');
    this.send(cart);
  }

  /** Another shopper: the widget no longer knows the cart, and the store's header empties. */
  forget(): void {
    this.count = null;
    this.chip.hidden = true;
    this.bar.hidden = true;
    this.send(EMPTY_CART);
  }

  private send(cart: Cart): void {
    const key = JSON.stringify(cart);
    if (key === this.lastSent) return;
    this.lastSent = key;
    this.emit(cart);
  }
}

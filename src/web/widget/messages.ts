// What the widget says for itself: tool progress and the errors of POST /api/chat.

export const TOOL_STATUS: Record<string, string> = {
  search_products: 'Searching the shop',
  get_product: 'Checking stock',
  add_to_cart: 'Adding to your cart',
  view_cart: 'Opening your cart',
  update_cart: 'Updating your cart',
  lookup_order: 'Looking up your order',
  create_return_label: 'Preparing your return',
  reorder: 'Reordering',
  loyalty_status: 'Checking your points',
  recommend_products: 'Picking a few things for you',
  escalate_to_human: 'Finding a colleague',
  store_policy: 'Checking our policy',
};

export const SLOW = 'You’re sending messages a little fast — please slow down. ';

export const greeting = (name: string): string =>
  'Hi! I’m ' + name + ', this store’s shopping assistant. Ask me about products, sizes, your orders or returns.';

export const seconds = (n: number): string => n + (n === 1 ? ' second.' : ' seconds.');

export interface HttpFailure {
  text: string;
  /** Rate limited: seconds before the next message may go. */
  wait?: number;
  /** The conversation is gone: start a new one. */
  forgetConversation?: boolean;
}

/** The message for a failed POST /api/chat (status, the error body's code, Retry-After). */
export function httpFailure(status: number, code: unknown, retryAfter: string | null, inConversation: boolean): HttpFailure {
  if (status === 429) {
    const wait = Math.max(1, Math.min(600, parseInt(retryAfter || '10', 10) || 10));
    return { text: SLOW + 'Try again in ' + seconds(wait), wait };
  }
  if (status === 401) return { text: 'Your sign-in has expired. Please refresh the page and try again.' };
  if (status === 404 && inConversation) {
    return {
      text: 'That conversation is no longer available, so I started a new one. Please send your message again.',
      forgetConversation: true,
    };
  }
  if (code === 'bad_request' || code === 'too_large')
    return { text: 'I couldn’t read that message — please keep it under 4,000 characters.' };
  return { text: 'Sorry, I can’t answer right now. Please try again in a moment.' };
}

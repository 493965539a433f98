// The words naming each action a shopper is asked to approve, which a yes may say of it (core/consent reads them).

/**
 * Words that name an action and so may stand in a yes to it ("yes, cancel it", "I confirm the
 * amendment", "yes please, do the swap"); see core/consent. Only words that name the action itself,
 * as a verb or a noun: a size, a resolution, an item or an address in a yes is a change, not an echo.
 * A phrase of several words ("the change") echoes only as a whole: "change" alone still asks for one.
 */
export const ACTION_ECHO: Record<string, readonly string[]> = {
  cancel_order: ['cancel', 'cancellation', 'cancelled', 'canceled', 'cancelling', 'canceling', 'it'],
  change_address: [
    'change',
    'address',
    'update',
    'updated',
    'amend',
    'amendment',
    'edit',
    'modify',
    'modification',
    'delivery',
    'shipping',
    'ship',
    'it',
  ],
  // The replacement is sent out ("yep, ship it"): shipping it is the swap's own word, as it is a new address's.
  exchange: [
    'exchange',
    'exchanging',
    'swap',
    'swapping',
    'replacement',
    'replace',
    'ship',
    'the change',
    'that change',
    'this change',
    'it',
  ],
  report_problem: [
    'report',
    'claim',
    'pass it on',
    'pass that on',
    'pass on',
    'file',
    'submit',
    'lodge',
    'log',
    'raise',
    'problem',
    'issue',
    'complaint',
    'it',
  ],
  return_label: ['start', 'prepaid', 'return', 'returns', 'label', 'labels'],
  merge_cart: ['add', 'merge', 'keep', 'move', 'basket', 'cart', 'bag', 'both'],
};

/** Words that may stand between a verb and the action it is done to ("cancel the order cancellation"). */
const BEFORE_ITSELF: ReadonlySet<string> = new Set('the this that my your our whole entire order pending proposed'.split(' '));
/** The root two words of one action share ("cance" of "cancel" and "cancellation", "amend" of "amendment"). */
const root = (w: string): string => w.slice(0, 5);

/**
 * A verb of the action done to the action itself ("yes, cancel the cancellation", "ok cancel that cancel", "sure, change
 * the change"): said of the proposal, not of the order, it takes the proposal back or alters it; it never approves it,
 * though every word is a yes or the action's own. `echo`: the words of the action waiting.
 */
export function onItself(words: readonly string[], echo: ReadonlySet<string>): boolean {
  return words.some((w, i) => {
    if (w === 'it' || !echo.has(w)) return false;
    let j = i + 1;
    while (j < words.length && BEFORE_ITSELF.has(words[j]!)) j++;
    return j > i + 1 && j < words.length && root(words[j]!) === root(w);
  });
}

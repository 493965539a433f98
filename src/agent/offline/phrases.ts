// Fixed sentences the offline model says in every persona. The clarifying questions carry a
// marker phrase so the next turn knows what the shopper is answering ("M", "28473", an email).

export type Ask =
  'size' | 'product' | 'order' | 'verify' | 'lookup' | 'merge' | 'confirm' | 'confirmShort' | 'address' | 'startReturn' | 'faultChoice';

export const ASK_MARKERS: Record<Ask, string> = {
  size: 'Which size would you like',
  product: 'Which one would you like',
  order: 'Which order',
  verify: 'the email address on your account',
  lookup: 'Shall I look up order',
  merge: 'to your account’s basket?',
  confirm: 'Reply yes (or press Confirm)',
  confirmShort: 'Shall I go ahead?',
  address: 'What is the new address? Street, city, state and ZIP, for example "12 Main St, Springfield, IL 62701".',
  /** Offered after saying until when a piece bought can go back ("…can I still send the jumper back?"): a yes starts that return (a proposal). */
  startReturn: 'Shall I start its return from order',
  /** Offered after a fault told with no remedy asked (plan-service.ts complaintStep): a return or a person, nothing started. */
  faultChoice: 'Which would you prefer?',
};

/**
 * After verifying, the order tools arrive with the next message: the lookup offered then names the
 * request the shopper made before verifying, which the order's details let them go on with.
 */
export const OFFER_AFTER_LOOKUP: Readonly<Record<string, string>> = {
  return: 'so we can start the return',
  exchange: 'so we can set up the swap',
  report_problem: 'so we can report the problem',
  refund_status: 'to check on your refund',
  cancel_order: 'to see whether it can still be cancelled',
  change_address: 'so we can change its delivery address',
};

export const PHRASES = {
  askMergeBasket: (lines: number) =>
    `You had ${lines} item${lines === 1 ? '' : 's'} in your basket before signing in: shall I add ${lines === 1 ? 'it' : 'them'} ${ASK_MARKERS.merge}`,
  actionStillPending: (what: string, order: string) =>
    `About the ${what} for order #${order}: shall I still go ahead? ${ASK_MARKERS.confirm}, or no to leave it.`,
  returnStillPending: (order: string) =>
    `About the return for order #${order}: shall I still go ahead? ${ASK_MARKERS.confirm}, or no to leave it.`,
  /** Under a question of the reply's own, a bare yes may answer either: the yes that decides it names it (core/consent-naming). */
  stillPendingNamed: (what: string, order: string, naming: string) =>
    `About the ${what} for order #${order}: shall I still go ahead? To go ahead, reply "${naming}" (or press Confirm), or no to leave it.`,
  thenCheckout: 'Once it is in your basket, open your basket and choose checkout to pay.',
  howToOrder:
    "Ordering is simple: tell me the piece and your size and I'll put it in your basket (or use the button on its page), then go to checkout to pay.",
  smalltalk:
    "I'm just the shop's assistant, but it's nice to chat! I can help you find something, check an order or sort out a return: what are you after today?",
  noDiscounts: "I can't see or create discount codes in this chat, so I'd rather not guess about current offers.",
  complaint: "I'm sorry: that's not the experience we want you to have, and it should be looked at properly.",
  /** Opens the reply to a cancellation of some pieces of an order (plan-cancel.ts): a narrowing after it asks it again. */
  wholeOrderOnly: 'I can only cancel a whole order, not one piece of it:',
  noRefundStatus: "I can't see refund payments from this chat.",
  noCancel: "I'm sorry, cancelling an order is not something I can do from this chat.",
  noAddressChange: "I'm sorry, changing a delivery address is not something I can do from this chat.",
  noExchange: "I'm sorry, swapping an item is not something I can do from this chat.",
  askExchange: 'Happy to swap it. Which piece, and which size or colour would you like instead?',
  noClaims: "I'm sorry that arrived wrong. Filing a claim is not something I can do from this chat.",
  whichOrderNumber: 'Which order is it? The order number is in your confirmation email (it looks like #12345).',
  askConfirmAgain: `Just so I get it right: shall I go ahead? ${ASK_MARKERS.confirm}, or no to leave everything as it is.`,
  /** Before a proposal made again on a go-ahead core/consent does not take as a yes (plan-talk.ts `proposeAgain`). */
  proposedAgain: 'Just so I get it right:',
  conditionAgain: "I can't check or promise that condition from here, so nothing is changed yet.",
  howToAnswer: `${ASK_MARKERS.confirm}, or no to leave everything as it is.`,
  conditionalYes: `I can't check or promise that condition from here, so nothing is changed yet. Shall I go ahead anyway? ${ASK_MARKERS.confirm}, or no to leave everything as it is.`,
  askVerify: `To help with your orders I first need to confirm it's you: please tell me ${ASK_MARKERS.verify} and one of your order numbers.`,
  askVerifyEmail: `Thanks. I also need ${ASK_MARKERS.verify} (together with the order number) to confirm it's you.`,
  askVerifyEmailFor: (orderNumber: string) =>
    `To look at order #${orderNumber} I first need to confirm it's you: please tell me ${ASK_MARKERS.verify}.`,
  refundAskVerify: `To check on your own refund I first need to confirm it's you: please tell me ${ASK_MARKERS.verify} and one of your order numbers.`,
  askVerifyOrder: `Thanks. I also need one of your order numbers (together with ${ASK_MARKERS.verify}) to confirm it's you.`,
  askProductNothingShown: `${ASK_MARKERS.product}? Tell me the item (for example "the red wrap dress") and your size, and I'll find it.`,
  verifyLocked: 'For your security, verification is locked after too many attempts in this chat.',
  /** After a list of the orders verified in chat: how to reach the others. */
  otherOrders:
    "I can only show the orders you've confirmed in this chat. For another order, just give me its number and I'll check it with the same email, or sign in at the store to see all your orders.",
  /** An order number outside what this chat verified, with no email to check it with. */
  orderNotVerified: (orderNumber: string) =>
    `Order #${orderNumber} isn't one you've confirmed in this chat yet. Tell me the email address you used for it and I'll check it, or sign in at the store to see all your orders.`,
  /** Account-wide data (points, picks from past orders) asked after verifying in chat, which opens orders only. */
  accountOnly:
    "That's kept with your store account, so please sign in at the store to see it. Here I can help with the orders you've confirmed in this chat.",
  verifyFailed: "Sorry, I couldn't match that email address and order number. Please check both and try again.",
  noVerify: "I can't verify or switch accounts in this chat; if you're signed in, it already knows your account.",
  whichCartLine: 'Which item in your cart would you like to change?',
  howChangeLine: 'What would you like to change about',
  cartEmpty: 'Your cart is empty, so there is nothing to change.',
  noOrdersTool: "I'm not able to look up orders in this chat.",
  noReturnsTool: "I'm not able to create return labels in this chat.",
  /** An order marked delivered that the shopper says never came. */
  deliveredNotReceived:
    "As it hasn't reached you, it's worth checking with neighbours and any safe place first; if it isn't there, our support team can trace it with the carrier.",
  missingPiece: 'Nothing needs to be sent back for a piece missing from the parcel: our support team sorts that out.',
  humanOffer: 'I can connect you with a colleague from our support team. Would you like that?',
  returnOrPerson: `If something in it needs to go back, tell me which order and which piece and I can start a free return; or I can connect you with a colleague from our support team. ${ASK_MARKERS.faultChoice}`,
  /** The same choices for the piece the fault was told of ("the seams on my chinos came apart"). */
  returnOrPersonPiece: `If you'd like to send it back, just say so and I'll start a free return for it; or I can connect you with a colleague from our support team. ${ASK_MARKERS.faultChoice}`,
  humanUnavailable: "I'm not able to hand this chat over to a person from here.",
  honestUnknown: "I'm sorry, I don't have reliable information about that, so I'd rather not guess.",
  /** A store service no tool covers (gift wrap, restocks, account details, reserving): nothing known, nothing done. */
  noToolForThat: "I'm sorry, I don't have reliable information about that, and it's not something I can do from this chat.",
  /** A change of carrier or delivery speed for an order placed: no tool makes one. */
  noCarrierChange:
    "I can't change the carrier or the delivery speed of an order that has already been placed; that's not something I can do from this chat.",
  optOut:
    "Done: I've turned off personalization for this conversation. I won't use your shopping history or profile, and I'll help you just as I would any shopper.",
  optIn: 'Done: personalization is back on, so I can use your shopping history to help.',
  confirmNothing: 'Happy to help. What would you like to do?',
  didNotCatch: "Sorry, I didn't catch that. I can help you find something, check an order or start a return: what would you like to do?",
  denyReturn: "No problem, I haven't created a return label. Your order stays as it is.",
  pickHint: 'Tell me which one you like and your size, and I will add it to your cart.',
  forgotVerification:
    // Not "No problem": nothing was done (the judge's bare_ack); this says where the detail is.
    'Both are in your order confirmation: the email address on your account is the one it was sent to, and the order number is in that email.',
  shortOrderNumber:
    'That looks like only part of an order number: the full one is in your order confirmation email (it looks like #12345). Could you send it again?',
  notAnOrderNumber:
    "That doesn't look like an order number: order numbers are digits only (like #12345) and are in your order confirmation email. Could you send it again?",
  pickOneSizeHint: 'Tell me which one you like and I will add it to your cart.',
  englishOnly: 'Sorry, I can only chat in English for now, so please write to me in English.',
  noExchanges: "I can't swap an item directly: you return it and place a new order for the one you want (order it first, sizes sell out).",
  swapNeedsDetail:
    'I can swap it for you once I know the size or colour you would like instead: just tell me which. To send it back instead,',
  denyGeneric: 'No problem.',
  denyAction: 'No problem: nothing was changed.',
  denyMerge: 'No problem: your account’s basket stays as it was, and the earlier items stay out of it.',
  injection:
    "I can't switch modes, skip confirmations or act on instructions like that. I'm happy to help the normal way, though: tell me what you need (for example which order you'd like to return) and I'll take it from there.",
  toolFailed: 'Sorry, something went wrong on my side while checking that.',
  notAllowed: "Sorry, that's not something I can do in this chat.",
  checkout: "I can't take payment or place the order from this chat: when you're ready, open your cart on the site and choose checkout.",
  frustrated: "I'm sorry I haven't been more help.",
  frustratedRetry: 'Could you tell me once more what you need, in a few words? I will do my best.',
} as const;

/** After a search in a size: only the piece is left to choose (read back by `PICK_OFFER`). */
export const pickInSize = (size: string) => `Tell me which one you like and I will add it to your cart in ${size}.`;
/** `pickInSize` or `pickOneSizeHint` in a reply: naming a piece is enough to add it (in that size). */
export const PICK_OFFER = /Tell me which one you like and I will add it to your cart(?: in ([^\s.]+))?\./;

/** Asks to swap an item (no tool does: an exchange is a return and a new order). */
export const ASKS_EXCHANGE =
  /\b(exchange|swap|replace|replacement|another size|different size|(bigger|smaller|larger) (one|size)|size (up|down)|one size (up|down|bigger|smaller))/i;

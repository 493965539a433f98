// The offline model's knowledge, as data: which phrases vote for which intent and how strongly,
// and the words that name categories, colours and sizes. Everything the classifier does can be
// read off these tables; weights were tuned on test/agent/utterances/dev.yaml only.
import { CATEGORIES } from '../../tools/schemas.js';

export const INTENTS = [
  'greeting',
  'search',
  'stock',
  'compare',
  'add_to_cart',
  'update_cart',
  'view_cart',
  'order_status',
  'return',
  'reorder',
  'loyalty',
  'recommend',
  'policy_shipping',
  'policy_returns',
  'policy_sizing',
  'policy_payment',
  'policy_ai',
  'policy_general',
  'human',
  'verify',
  'opt_out',
  'opt_in',
  'checkout',
  'frustrated',
  'confirm',
  'deny',
  'thanks',
  'goodbye',
  'out_of_scope',
  'unanswerable',
  'unsupported',
  // Learned from the corpus only (data/nlu/intents.yaml).
  'smalltalk',
  'capabilities',
  'how_to_order',
  'delivery_time',
  'refund_status',
  'exchange',
  'cancel_order',
  'change_address',
  'report_problem',
  'complaint',
  'discount',
] as const;
export type ScoredIntent = (typeof INTENTS)[number];

/** Store services the tools know nothing about: answered honestly, with a human offered. */
export const UNANSWERABLE_FEATURES: readonly string[] = ['gift wrap*', 'gift card', 'gift receipt', 'discount', 'promo code', 'promotion', 'coupon', 'voucher', 'on sale', 'in the sale', 'sale on', 'any deal', 'deals', 'black friday', 'where are you based', 'where are you located', 'where is your shop', 'where is the store', 'review', 'rating', 'what do other customers', 'other customers say', 'good quality', 'the quality', 'price match', 'physical store', 'store near', 'in store', 'click and collect', 'warranty', 'alteration', 'newsletter', 'careers', 'franchise', 'back in stock', 'restock', 'in stock again', 'notify me', 'let me know when', 'email me when', 'waiting list', 'waitlist'];

/** Actions no tool can take: said plainly, with a human offered. */
/** An order that has not reached the shopper: a question about it, and (plan.ts) about the one still on its way. */
export const NOT_ARRIVED_PHRASES: readonly string[] = ['has not come', 'not arrived', 'not received', 'did not get', 'have not got', 'not come', 'not here yet', 'not shown up', 'not turned up', 'not got here', 'never arrived', 'never came', 'still waiting for'];

export const UNSUPPORTED_FEATURES: readonly string[] = ['hold it', 'reserve', 'put it aside', 'set it aside', 'delete my account', 'delete my data', 'cancel my order', 'cancel order', 'cancel the order', 'cancel this order', 'cancel that order', 'change my address', 'change the address', 'change address', 'update my address', 'shipping address', 'delivery address', 'change my order', 'modify my order', 'edit my order', 'change my email', 'change my password', 'reset my password', 'close my account', 'unsubscribe', 'on file', 'my account details', 'my details', 'update my email', 'update my details', 'change my details', 'change my name', 'change my phone', 'update my phone', 'forgot my password', 'forgot password', 'make it express', 'make that express', 'upgrade to express', 'upgrade my shipping', 'upgrade the shipping', 'upgrade shipping', 'switch to express', 'change it to express', 'speed it up', 'speed up my order', 'send it faster', 'ship it faster'];

/** Phrase features: [intent, weight, phrases]. A phrase counts once per message. */
export const PHRASE_FEATURES: ReadonlyArray<readonly [ScoredIntent, number, readonly string[]]> = [
  ['greeting', 4, ['hi again', 'hello again', 'hey again', 'back again', 'i am back']],
  ['greeting', 2, ['hi', 'hello', 'hey', 'howdy', 'greetings', 'good morning', 'good afternoon', 'good evening', 'hey there', 'hi there']],
  ['greeting', 2, ['yo', 'sup', 'morning', 'evening', 'how are you', 'anyone here', 'anybody there', 'anyone there', 'is anyone']],

  ['search', 2, ['looking for', 'look for', 'do you sell', 'find me', 'search', 'search for', 'browse', 'catalog', 'catalogue', 'outfit', 'what do you have', 'carry']],
  // What came in last: the catalog's newest first (search reads "new arrivals").
  ['search', 4, ['what is new', 'new arrival', 'new in', 'just in', 'just came in', 'just arrived', 'your latest', 'newest', 'new season', 'new collection', 'anything new', 'something new', 'new stuff', 'new thing', 'new product', 'new piece', 'new style']],
  ['search', 1.5, ['latest', 'show me', 'do you have', 'have you got', 'got any', 'you got', 'what kind of', 'cheap', 'something for', 'in yellow', 'anything in', 'for a party', 'for work', 'collection']],
  ['search', 1.5, ['linen', 'silk', 'cotton', 'leather', 'denim', 'wool', 'cashmere', 'satin', 'velvet', 'knit', 'floral', 'striped', 'midi', 'maxi', 'mini', 'wrap', 'skirt']],
  // How it should look or feel, and the cheapest of everything, are searches on their own.
  ['search', 2, ['cheapest', 'casual', 'fancy', 'formal', 'elegant', 'dressy', 'smart casual', 'comfy', 'cosy', 'cozy', 'something more', 'something less']],
  ['search', 1.5, ['wedding', 'party', 'date night', 'first date', 'a date', 'holiday', 'vacation', 'interview', 'office', 'beach', 'birthday', 'gala', 'prom', 'festival', 'christening', 'graduation', 'need something', 'something to wear', 'what to wear', 'should i wear', 'wear to', 'to wear']],
  // "More" after a list: the same search, past what was shown.
  ['search', 2.5, ['not my style', 'not really my style', 'not for me', 'none of these', 'none of them', 'do not like these', 'do not like them', 'do not like any', 'show me more', 'more options', 'any more', 'anything else', 'something else', 'other options', 'other colour', 'other color', 'different colour', 'different color', 'more like this', 'more like that', 'more like these', 'what else', 'see more', 'cheaper', 'less expensive', 'more affordable', 'any others', 'some others', 'other ones', 'show me others']],
  ['search', 1, ['something', 'i need', 'need a', 'need new', 'a pair of', 'any', 'want a', 'want to buy', 'gift', 'for men', 'for women', 'nice', 'for summer', 'for winter']],

  ['stock', 3, ['tell me about', 'in stock', 'sold out', 'what sizes', 'which sizes', 'which size', 'sizes left', 'size left', 'any left', 'availability', 'tell me more', 'more about', 'more details', 'details']],
  ['stock', 2.5, ['available', 'come in', 'comes in', 'still have', 'left in', 'out of stock', 'are left', 'is left']],
  // Side by side: the products shown (or those named by position) compared on price, material and fit.
  ['compare', 4, ['which is more expensive', 'which one is more expensive', 'which costs more', 'which is pricier', 'which one is pricier', 'compare', 'comparison', 'difference between', 'what is the difference', 'which one is better', 'which is better', 'which one is warmer', 'which is warmer', 'which one is cheaper', 'which is cheaper', 'which one is nicer', 'which one should i get', 'which should i get', 'which one would you choose', 'which would you choose', 'which would you pick']],
  ['compare', 6, ['compare', 'comparison', 'difference between', 'versus', 'vs']],
  // Another size of the product in view.
  ['stock', 3, ['another size', 'other size', 'different size', 'size bigger', 'size smaller', 'in a bigger', 'in a smaller', 'next size up', 'size up', 'size down']],
  // The price of a product, and what the product page says about it (material, care, fit).
  ['stock', 2, ['how much', 'price of', 'what is the price', 'what does it cost', 'what do they cost', 'cost of it']],
  ['stock', 3, ['made of', 'made from', 'what material', 'what fabric', 'material', 'fabric', 'washable', 'machine wash', 'how do i wash', 'how to wash', 'wash it', 'care instruction', 'how does it fit', 'how does this fit', 'how do they fit', 'how is the fit', 'the fit like', 'pocket', 'lined', 'stretchy', 'vegan', 'waterproof', 'iron', 'ironing', 'crease', 'wrinkle', 'shrink', 'see through', 'sheer']],

  ['add_to_cart', 3.5, ['add', 'i will take', 'will take', 'take it', 'i will get', 'add to', 'put it in', 'put the', 'put 2', 'put two', 'chuck it', 'pop it', 'stick it in', 'throw it in', 'it in my']],
  ['add_to_cart', 1.5, ['to my cart', 'to cart', 'to my bag', 'to my basket', 'in my cart', 'in my bag', 'in my basket']],
  ['add_to_cart', 3.5, ['i want to order the', 'i would like to order the', 'i want to buy the', 'i would like to buy the', 'i will buy the', 'i will order the', 'i would like the', 'i would like this', 'i would like that', 'i would like it', 'i would like one', 'i would like 1', 'i would like 2', 'i would like two', 'i will go with', 'let us go with', 'i will go for', 'i want the', 'i want this', 'i want that', 'i will have the', 'get me the', 'i choose', 'i pick', 'i will pick']],
  ['add_to_cart', 2, ['buy it', 'buy that', 'buy the', 'want to buy it', 'purchase', 'give me the', 'get the', 'i want it', 'want that', 'i will have', 'put']],

  // Changing what is already in the cart (remove a line, another size, another quantity).
  ['update_cart', 5, ['empty my cart', 'empty the cart', 'clear my cart', 'clear the cart', 'empty my basket', 'clear my basket', 'remove', 'delete', 'take out of my cart', 'take it out', 'take that out', 'take them out', 'out of my cart', 'from my cart', 'from the cart', 'from my basket', 'from my bag', 'get rid of']],
  ['update_cart', 4.5, ['change the size', 'change size', 'change my size', 'change it to', 'make it a', 'make it size', 'make that a', 'switch it to', 'change the quantity', 'change quantity', 'only want one', 'just want one', 'only want 1']],
  ['view_cart', 3, ['view cart', 'show cart', 'see cart', 'what did i add', 'how much is everything', 'how much is all', 'how much altogether', 'how much in total', 'what is my total', 'what is the total', 'my total', 'how much do i owe', 'what do i owe', 'my subtotal', 'all come to', 'that come to', 'everything come to']],
  ['view_cart', 4.5, ['add up to', 'it all add up', 'that add up']],
  // "show my ..." is about the cart only with a cart word ("check my order" and "see my points" are not).
  ['view_cart', 1, ['what is in my', 'show my', 'check my', 'see my', 'view my']],
  ['view_cart', 2, ['my cart', 'my basket', 'my bag', 'shopping cart', 'cart', 'basket']],
  ['view_cart', 1, ['so far', 'total']],

  ['order_status', 3, ['track', 'tracking', 'where is my', 'my package', 'my parcel', 'my stuff', 'my delivery', 'on the way', 'shipped yet', 'has shipped', 'order status', 'status of my', 'order history', 'recent order', 'did you send', 'supposed to come', 'supposed to arrive', 'supposed to be here', 'should have arrived', 'should have come', 'should be here by', 'running late', 'is late', 'delayed', 'late delivery', ...NOT_ARRIVED_PHRASES]],
  ['order_status', 1.5, ['my order', 'last order']],
  ['order_status', 4, ['the status of', 'status on', 'status update', 'any update on', 'update on my', 'where are my']],
  // What the shopper bought before is their order history.
  ['order_status', 4, ['did i buy', 'did i order', 'have i bought', 'have i ordered', 'i bought before', 'my purchases', 'past orders', 'previous orders', 'my last purchase', 'latest order', 'newest order', 'most recent order', 'latest purchase']],
  ['order_status', 1, ['order']],
  ['order_status', 2, ['shipped', 'ship', 'package', 'parcel', 'arrive', 'delivered', 'received', 'status', 'where is', 'happened to', 'sent', 'did my']],

  ['return', 3.5, ['return', 'refund', 'send back', 'send it back', 'send this back', 'send them back', 'send stuff back', 'send something back', 'send things back', 'money back', 'exchange', 'swap', 'replacement', 'replace it', 'replace them', 'replace the', 'return label', 'retour']],
  ['return', 3.5, ['damaged', 'faulty', 'broken', 'defective', 'ripped', 'stained', 'has a hole', 'wrong item', 'wrong colour', 'wrong color', 'not what i ordered']],
  ['return', 2, ['does not fit', 'not fit', 'too small', 'too big', 'too large', 'too tight', 'too loose', 'wrong size', 'bigger size', 'smaller size']],
  // Something already bought ("I bought a dress last week and it's too small") is about that purchase.
  ['return', 1.5, ['i bought', 'i ordered', 'i purchased', 'i got a', 'arrived and', 'i got is', 'i got are', 'i got was', 'i got were', 'i received', 'you sent', 'my new']],

  ['reorder', 2.5, ['again']],
  ['reorder', 5, ['reorder', 'order again', 'buy again', 'same as last time', 'same items', 'same thing', 'repeat my', 'repeat the', 'previous order again']],

  ['loyalty', 3, ['point', 'loyalty point', 'reward', 'tier', 'perk', 'my status', 'gold status', 'am i gold', 'member', 'membership', 'balance']],
  ['loyalty', 3.5, ['redeem', 'spend them', 'use them', 'get to platinum', 'get to gold', 'get to silver', 'reach platinum', 'reach gold', 'become platinum', 'become gold', 'next tier', 'platinum', 'gold member', 'silver member']],

  ['recommend', 3.5, ['recommend', 'recommendation', 'suggest', 'suggestion', 'stylist', 'stylist pick', 'might like', 'would i like', 'go with', 'goes with', 'go well with', 'surprise me', 'pick', 'picks', 'based on']],

  ['recommend', 3.5, ['popular', 'best seller', 'bestseller', 'best selling', 'trending', 'what is hot', 'top pick', 'favourite', 'favorite', 'what is good', 'gift idea', 'ideas for a gift', 'idea for a gift', 'this season', 'complete the look', 'to wear with', 'pair with', 'pair it with', 'style it', 'match with']],
  // "what goes with my chinos?" asks for something else to wear with them, whatever garment it names
  // ("do you have shoes to go with it" names what it wants and stays a search).
  // Browsing with nothing in mind: ideas, or the question that leads to some.
  ['recommend', 4, ['just browsing', 'just looking', 'only looking', 'only browsing', 'having a look', 'look around', 'looking around', 'help me browse', 'browse around']],
  ['recommend', 6, ['what goes with', 'what would go with', 'what will go with', 'what go with', 'what to wear with', 'what can i wear with', 'what should i wear with', 'what matches', 'what pairs with', 'what would match']],

  // What delivery costs and when it comes are shipping questions, whatever else the message says.
  ['policy_shipping', 5, ['how much is delivery', 'how much is shipping', 'how much is postage', 'how much does delivery', 'how much does shipping', 'how much for delivery', 'how much for shipping', 'delivery charge', 'shipping charge', 'delivery fee', 'shipping fee', 'postage', 'cost of delivery', 'cost of shipping', 'pay for shipping', 'pay for delivery', 'get it by', 'arrive by', 'in time for', 'here by', 'arrive in time', 'next day', 'need it by', 'need them by', 'have it by', 'deliver by', 'delivered by', 'it by saturday', 'it by sunday', 'it by monday', 'it by tomorrow', 'it by the weekend']],
  ['policy_shipping', 3, ['shipping', 'ship to', 'ship for free', 'free shipping', 'express', 'delivery time', 'how long does delivery', 'delivery cost', 'how fast', 'international', 'delivery to', 'ship internationally']],
  ['policy_shipping', 4, ['if i order', 'order today', 'order now', 'do you ship', 'you ship', 'ship overseas', 'overseas', 'abroad', 'worldwide', 'ship internationally']],
  ['policy_shipping', 1.5, ['delivery', 'how long', 'ship', 'free', 'cost', 'shipping cost']],
  ['policy_returns', 3, ['return policy', 'refund policy', 'policy', 'how many days', 'how long do i have', 'how long have i got', 'how long can i', 'return window', 'sale item', 'refund take', 'returns free', 'can i return sale']],
  ['policy_returns', 1.5, ['return', 'refund', 'how long']],
  // Asking what would happen ("if it doesn't fit") and naming the policy are questions, not a return.
  ['policy_returns', 5, ['return policy', 'returns policy', 'refund policy', 'if it does not fit', 'if they do not fit', 'if it does not suit', 'if i do not like', 'what if it', 'in case it', 'can i return it if', 'can i return them if', 'can i return if']],
  // When a refund comes and whether exchanges exist are policy questions, not a request to return.
  ['policy_returns', 5, ['when will i get my refund', 'when do i get my refund', 'when will i get my money', 'when do i get my money', 'until i get my money', 'until i get my refund', 'where is my refund', 'refund arrive', 'refund to arrive', 'refund to come', 'exchange policy', 'do you do exchange', 'do you offer exchange', 'do you allow exchange', 'do you accept exchange']],
  ['policy_sizing', 4, ['size guide', 'size chart', 'what size should', 'what size would', 'what size do i', 'what size am i', 'which size should', 'size should i', 'run small', 'run large', 'run big', 'fit small', 'fit large', 'sizes fit', 'size fit', 'us size', 'uk size', 'in us', 'in uk', 'my waist', 'my bust', 'inches', 'measurement', 'between size', 'true to size', 'how do your size', 'your size', 'petite', 'plus size', 'know my size', 'find my size', 'work out my size', 'figure out my size', 'check my size', 'measure myself', 'how to measure', 'how do i measure', 'what size to', 'which size to', 'help with size', 'size help', 'size advice', 'size question', 'size info']],
  ['policy_sizing', 2, ['uk', 'conversion', 'convert', 'waist', 'bust', 'hip', 'inseam', 'chest']],
  ['policy_sizing', 3, ['i usually wear', 'i normally wear', 'i wear a', 'i wear size', 'i am usually', 'i am normally', 'i am a size', 'my usual size', 'i am between', 'in between sizes', 'in between a']],
  ['policy_sizing', 1.5, ['fit', 'size']],
  ['policy_payment', 3.5, ['pay', 'payment', 'paypal', 'credit card', 'debit card', 'apple pay', 'google pay', 'klarna', 'afterpay', 'tax', 'currency', 'visa', 'mastercard', 'amex']],
  ['policy_ai', 4, ['are you a bot', 'are you a robot', 'are you a real', 'are you human', 'are you a human', 'are you ai', 'are you an ai', 'is this an ai', 'is this a bot', 'is this ai', 'am i talking to', 'am i chatting with', 'am i speaking to', 'am i talking with', 'am i chatting to', 'am i speaking with', 'is this a real person', 'are you real', 'are you a person']],
  ['policy_ai', 2, ['bot', 'robot', 'ai', 'chatbot', 'machine']],
  ['policy_general', 3.5, ['opening hours', 'open hours', 'support hours', 'what hours', 'when are you open', 'loyalty program', 'loyalty programme', 'how does the loyalty']],
  ['policy_general', 1.5, ['hours', 'open']],
  // Which ranges the store carries at all.
  ['policy_general', 4.5, ['mens clothes', 'men clothes', 'mens clothing', 'menswear', 'clothes for men', 'clothing for men', 'sell mens', 'do mens', 'for kids', 'kids clothes', 'kid clothes', 'childrens', 'children clothes', 'for children', 'baby clothes', 'kidswear', 'what about kids', 'anything for kids', 'what do you sell', 'what kind of things do you sell', 'what do you carry']],

  ['human', 3.5, ['human', 'real person', 'agent', 'representative', 'manager', 'supervisor', 'customer service', 'customer support', 'call me', 'call back', 'put me through', 'connect me', 'speak to', 'speak with', 'talk to someone', 'talk to somebody', 'talk to a', 'someone from your team', 'a person', 'live chat', 'operator', 'on the phone', 'phone call']],
  ['human', 1.5, ['talk to', 'someone', 'somebody', 'support', 'person', 'staff']],

  // No tool pays: the cart is shown and the shopper told where checkout is.
  ['checkout', 4.5, ['checkout', 'check out', 'place my order', 'place the order', 'place an order', 'complete my order', 'complete the order', 'complete my purchase', 'finish my order', 'pay now', 'ready to pay', 'proceed to payment', 'how do i pay', 'how do i order', 'how do i buy']],
  // Frustration: an apology and a person offered, not a hand-over nobody asked for.
  ['frustrated', 3.5, ['useless', 'not helping', 'not helpful', 'unhelpful', 'waste of time', 'ridiculous', 'frustrating', 'frustrated', 'annoying', 'stupid', 'you do not understand', 'not what i asked', 'not what i said', 'makes no sense', 'terrible', 'awful']],
  ['human', 3.5, ['complaint', 'complain', 'phone number', 'contact you', 'contact number', 'email you', 'call you', 'reach you', 'contact support', 'contact details']],

  ['verify', 3, ['verify', 'verification', 'log me in', 'log in', 'login', 'sign in', 'sign me in', 'it is me', 'my account', 'identify']],
  ['verify', 1.5, ['my email is', 'email is', 'my email']],

  // opt_out / opt_in: scored by the shared detector in src/core/opt-out.ts (see classify.ts).

  ['confirm', 3, ['yes', 'sure', 'go ahead', 'do it', 'confirm', 'please do', 'sounds good', 'that is right', 'correct', 'yes please', 'alright', 'of course', 'definitely', 'absolutely', 'create the label', 'create it', 'sure thing', 'go for it']],
  ['confirm', 2, ['ok', 'fine']],
  ['deny', 3.5, ['no', 'cancel', 'never mind', 'nevermind', 'forget it', 'not now', 'no thanks', 'no thank you', 'do not', 'stop', 'rather not', 'changed my mind', 'not anymore']],
  ['deny', 1.5, ['wait', 'actually']],

  ['thanks', 3, ['thank', 'thanks', 'thank you', 'appreciate', 'appreciated', 'cheers', 'that helps', 'helpful', 'much obliged']],
  ['thanks', 1, ['great', 'perfect', 'awesome', 'brilliant', 'lovely']],
  ['goodbye', 4, ['bye', 'goodbye', 'see you', 'good night', 'take care', 'have a nice day', 'have a good day', 'have a great day', 'later', 'i am done', 'that is all', 'that is it', 'all for today', 'farewell']],

  ['unanswerable', 4, UNANSWERABLE_FEATURES],
  ['unsupported', 5, UNSUPPORTED_FEATURES],
  ['out_of_scope', 4, ['system prompt', 'your instructions', 'your prompt', 'poem', 'homework', 'president', 'capital of', 'flight', 'stock price', 'my taxes', 'do my tax', 'song', 'pizza', 'free stuff', 'for free', 'discount of', '100 discount', 'admin mode', 'movie', 'film', 'netflix', 'tv show', 'recipe', 'a book']],
];

/** Words that make an unmatched message a store question we cannot answer (honest reply + human). */
export const STORE_WORDS: readonly string[] = ['store', 'shop', 'discount', 'coupon', 'promo', 'voucher', 'gift card', 'gift wrap', 'wrapping', 'wrap it', 'warranty', 'fabric', 'material', 'wash', 'care', 'alteration', 'location', 'branch', 'pickup', 'pick up', 'collect', 'newsletter', 'subscription', 'student', 'price match', 'item', 'product', 'brand', 'click and collect', 'in person'];

/** Category words (canonical, singular) → catalog category. */
export const CATEGORY_WORDS: Record<string, (typeof CATEGORIES)[number]> = {
  dress: 'dresses', gown: 'dresses', sundress: 'dresses',
  top: 'tops', shirt: 'tops', tshirt: 'tops', blouse: 'tops', sweater: 'tops', jumper: 'tops', hoodie: 'tops', cardigan: 'tops', knitwear: 'tops', tank: 'tops', camisole: 'tops', polo: 'tops', pullover: 'tops', sweatshirt: 'tops',
  trouser: 'trousers', pant: 'trousers', jean: 'trousers', chino: 'trousers', short: 'trousers', legging: 'trousers', jogger: 'trousers', slack: 'trousers', culotte: 'trousers',
  shoe: 'shoes', sneaker: 'shoes', trainer: 'shoes', boot: 'shoes', heel: 'shoes', sandal: 'shoes', loafer: 'shoes', flat: 'shoes', pump: 'shoes', footwear: 'shoes', mule: 'shoes', slipper: 'shoes',
  outerwear: 'outerwear', jacket: 'outerwear', coat: 'outerwear', blazer: 'outerwear', parka: 'outerwear', trench: 'outerwear', raincoat: 'outerwear', anorak: 'outerwear', vest: 'outerwear', gilet: 'outerwear',
  accessory: 'accessories', accessorie: 'accessories', bag: 'accessories', handbag: 'accessories', tote: 'accessories', belt: 'accessories', scarf: 'accessories', scarve: 'accessories', hat: 'accessories', cap: 'accessories', beanie: 'accessories', jewelry: 'accessories', jewellery: 'accessories', necklace: 'accessories', earring: 'accessories', bracelet: 'accessories', sunglass: 'accessories', wallet: 'accessories', glove: 'accessories', purse: 'accessories', clutch: 'accessories', backpack: 'accessories',
};

/** Colour words (canonical) → the colour name passed to search. */
export const COLOUR_WORDS: Record<string, string> = {
  red: 'red', blue: 'blue', navy: 'navy', black: 'black', white: 'white', green: 'green', olive: 'olive', khaki: 'khaki', yellow: 'yellow',
  pink: 'pink', purple: 'purple', lilac: 'lilac', orange: 'orange', brown: 'brown', tan: 'tan', beige: 'beige', cream: 'cream', ivory: 'ivory',
  gray: 'grey', silver: 'silver', gold: 'gold', burgundy: 'burgundy', maroon: 'burgundy', teal: 'teal', turquoise: 'turquoise', camel: 'camel',
  coral: 'coral', mint: 'mint', charcoal: 'charcoal', denim: 'blue',
  // Colours the demo catalog names its pieces in.
  champagne: 'champagne', sage: 'sage', emerald: 'emerald', nude: 'nude', tortoise: 'tortoise', stone: 'stone', sand: 'sand',
};

export const NUMBER_WORDS: Record<string, number> = { one: 1, single: 1, two: 2, couple: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
export const ORDINAL_WORDS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, last: -1, latest: -1 };

const extra = ['tie', 'ish', 'polyester', 'nylon', 'acrylic', 'canvas', 'personalize', 'personalise', 'personalization', 'personalisation', 'personalized', 'personalised', 'personalizing', 'personalising', 'tailoring', 'dresses', 'shoes', 'trousers', 'jeans', 'sneakers', 'accessories', 'jackets', 'coats', 'sizes', 'orders', 'points', 'rewards', 'perks', 'recommendations', 'suggestions', 'delivered', 'shipping', 'returning', 'returned', 'refunded', 'medium', 'large', 'small', 'quantity', 'delivery', 'available', 'sandals', 'boots', 'heels', 'blouses', 'shirts', 'items', 'basket', 'receipt', 'email'];

// Words of the trade that shoppers use in product names ("the satin slip dress"): known as
// written, so a typo correction never turns one into a lexicon word ("slip" into "ship").
const GARMENT_WORDS = ['slip', 'wrap', 'midi', 'maxi', 'mini', 'satin', 'silk', 'linen', 'wool', 'cotton', 'denim', 'leather', 'suede', 'knit', 'ribbed', 'tank', 'cami', 'tee', 'floral', 'striped', 'pleated', 'tiered', 'poplin', 'peasant', 'relaxed', 'slim', 'skinny', 'cropped', 'oversized', 'cashmere', 'puffer', 'trench', 'blazer', 'cardigan', 'hoodie', 'jumper', 'sweater', 'chinos', 'shorts', 'skirt', 'tote', 'scarf', 'belt', 'mules', 'slides', 'loafers', 'ankle', 'chelsea', 'sundress', 'broderie', 'tea', 'shift', 'bodycon', 'halter', 'sheath'];

/** Every word the lexicon uses: the vocabulary typos are corrected towards. */
export const VOCABULARY_SEED: readonly string[] = [
  ...new Set([
    ...PHRASE_FEATURES.flatMap(([, , phrases]) => phrases.flatMap((p) => p.split(' '))),
    ...STORE_WORDS.flatMap((p) => p.split(' ')),
    ...Object.keys(CATEGORY_WORDS),
    ...Object.keys(COLOUR_WORDS),
    'grey', 'colour',
    ...Object.keys(NUMBER_WORDS),
    ...Object.keys(ORDINAL_WORDS),
    ...extra,
    ...GARMENT_WORDS,
  ]),
].filter((w) => /^[a-z]+$/.test(w));

export const NEWEST = /\b(new arrivals?|newest|new[- ]in|just (?:in|arrived|landed|dropped)|latest|what'?s new|anything new|something new|new (?:stuff|things|collection|season|releases?|products?|items?|pieces?|styles?))\b/i;

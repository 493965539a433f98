// The offline model's word lists, as data: the intents it knows, the words that name categories,
// colours, numbers and positions (read by entities.ts), and the vocabulary typo correction keeps.
// No phrase here votes for an intent: that is the learned classifier's (data/nlu/, classify.ts).
import type { CATEGORIES } from '../../tools/index.js';

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
  'change_delivery',
  'pickup',
  'report_problem',
  'complaint',
  'discount',
] as const;
export type ScoredIntent = (typeof INTENTS)[number];

/** An order that has not reached the shopper: a question about it, and (plan.ts) about the one still on its way. */
// prettier-ignore
export const NOT_ARRIVED_PHRASES: readonly string[] = ['has not come', 'not arrived', 'not received', 'did not get', 'have not got', 'not come', 'not here yet', 'not shown up', 'not turned up', 'not got here', 'never arrived', 'never came', 'still waiting for',
  // Where it should have been, said plainly ("says delivered but it was never at my door", "no sign of it on the porch")
  'never at my door', 'not at my door', 'nothing at my door', 'never at the door', 'not at the door', 'nothing at the door',
  'not on my doorstep', 'nothing on my doorstep', 'never on my doorstep', 'not on my porch', 'nothing on my porch', 'never on my porch',
  'not in my mailbox', 'nothing in my mailbox', 'not in my letterbox', 'nothing in my letterbox', 'not in the lobby',
  'never made it to me', 'did not make it to me', 'never made it here', 'no sign of it', 'no sign of the parcel', 'no sign of my parcel',
  'no sign of the package', 'no sign of my package', 'nowhere to be found', 'left at the wrong house', 'left at the wrong door',
  'delivered to the wrong house', 'delivered to someone else', 'never got it', 'never got them', 'never saw it', 'never saw the parcel'];

/** Words that deny an arrival a few words later ("nothing has arrived", "never got it", "is not here"). */
export const NOT_ARRIVED_NEGATORS: readonly string[] = ['not', 'never', 'nothing', 'yet to'];
/** What arriving is called after such a word. */
// prettier-ignore
export const ARRIVAL_WORDS: readonly string[] = ['arrived', 'arrive', 'come', 'came', 'turned up', 'turn up', 'shown up', 'showed up', 'show up', 'received', 'receive', 'got', 'here', 'reached', 'landed', 'delivered to me'];

/**
 * Everyday shop words (what the old phrase tables were written in): known as written, so typo
 * correction leaves them alone and corrects towards them. Words only, no intents or weights:
 * which intent a message has is the learned classifier's call (classify.ts, data/nlu/).
 */
// prettier-ignore
const SHOP_WORDS: readonly string[] = [
  'a', 'about', 'abroad', 'absolutely', 'accept', 'account', 'actually', 'add', 'address', 'admin', 'advice', 'affordable', 'afternoon', 'afterpay',
  'again', 'agent', 'ahead', 'ai', 'all', 'allow', 'alright', 'alteration', 'altogether', 'am', 'amex', 'an', 'and', 'annoying', 'another', 'any',
  'anybody', 'anymore', 'anyone', 'anything', 'apple', 'appreciate', 'appreciated', 'are', 'around', 'arrival', 'arrive', 'arrived', 'as', 'aside',
  'asked', 'availability', 'available', 'awesome', 'awful', 'baby', 'back', 'bag', 'balance', 'based', 'basket', 'be', 'beach', 'become', 'before',
  'best', 'bestseller', 'better', 'between', 'big', 'bigger', 'birthday', 'black', 'book', 'bot', 'bought', 'branch', 'brand', 'brilliant', 'broken',
  'browse', 'browsing', 'bust', 'buy', 'by', 'bye', 'call', 'came', 'can', 'cancel', 'capital', 'card', 'care', 'careers', 'carry', 'cart', 'case',
  'cashmere', 'casual', 'catalog', 'catalogue', 'change', 'changed', 'charge', 'chart', 'chat', 'chatbot', 'chatting', 'cheap', 'cheaper',
  'cheapest', 'check', 'checkout', 'cheers', 'chest', 'children', 'childrens', 'choose', 'christening', 'chuck', 'clear', 'click', 'close',
  'clothes', 'clothing', 'code', 'collect', 'collection', 'color', 'colour', 'come', 'comes', 'comfy', 'compare', 'comparison', 'complain',
  'complaint', 'complete', 'confirm', 'connect', 'contact', 'conversion', 'convert', 'correct', 'cost', 'costs', 'cosy', 'cotton', 'coupon',
  'course', 'cozy', 'crease', 'create', 'credit', 'currency', 'customer', 'customers', 'damage', 'damaged', 'data', 'date', 'day', 'days', 'deal', 'deals',
  'debit', 'defective', 'definitely', 'delayed', 'delete', 'deliver', 'delivered', 'delivery', 'denim', 'details', 'did', 'difference', 'different',
  'discount', 'do', 'does', 'done', 'down', 'dressy', 'edit', 'elegant', 'else', 'email', 'empty', 'evening', 'everything', 'exchange', 'expensive',
  'express', 'fabric', 'fancy', 'far', 'farewell', 'fast', 'faster', 'faulty', 'favorite', 'favourite', 'fee', 'festival', 'figure', 'file', 'film',
  'find', 'fine', 'finish', 'first', 'fit', 'flight', 'floral', 'for', 'forget', 'forgot', 'formal', 'franchise', 'free', 'friday', 'from',
  'frustrated', 'frustrating', 'gala', 'get', 'gift', 'give', 'go', 'goes', 'gold', 'good', 'goodbye', 'google', 'got', 'graduation', 'great',
  'greetings', 'guide', 'happened', 'has', 'have', 'having', 'hello', 'help', 'helpful', 'helping', 'helps', 'here', 'hey', 'hi', 'hip', 'history',
  'hold', 'hole', 'holiday', 'homework', 'hot', 'hours', 'how', 'howdy', 'human', 'i', 'idea', 'ideas', 'identify', 'if', 'in', 'inches', 'info',
  'inseam', 'instruction', 'instructions', 'international', 'internationally', 'interview', 'iron', 'ironing', 'is', 'it', 'item', 'items', 'just',
  'kid', 'kids', 'kidswear', 'kind', 'klarna', 'knit', 'know', 'label', 'large', 'last', 'late', 'later', 'latest', 'leather', 'left', 'less', 'let',
  'like', 'lined', 'linen', 'list', 'live', 'located', 'location', 'log', 'login', 'long', 'look', 'looking', 'loose', 'lovely', 'loyalty',
  'machine', 'made', 'make', 'makes', 'manager', 'many', 'mastercard', 'match', 'matches', 'material', 'maxi', 'me', 'measure', 'measurement',
  'member', 'membership', 'men', 'mens', 'menswear', 'midi', 'might', 'mile', 'miles', 'mind', 'mini', 'mode', 'modify', 'monday', 'money', 'more', 'morning', 'most',
  'movie', 'much', 'my', 'myself', 'name', 'near', 'need', 'netflix', 'never', 'nevermind', 'new', 'newest', 'newsletter', 'next', 'nice', 'nicer',
  'night', 'no', 'none', 'normally', 'not', 'notify', 'now', 'number', 'obliged', 'of', 'offer', 'office', 'ok', 'on', 'one', 'ones', 'only', 'open',
  'opening', 'operator', 'options', 'order', 'ordered', 'orders', 'other', 'others', 'out', 'outfit', 'overseas', 'owe', 'package', 'pair', 'pairs',
  'parcel', 'party', 'password', 'past', 'pay', 'payment', 'paypal', 'perfect', 'perk', 'person', 'petite', 'phone', 'physical', 'pick', 'picks',
  'pickup', 'piece', 'pizza', 'place', 'platinum', 'please', 'plus', 'pocket', 'poem', 'point', 'policy', 'pop', 'popular', 'postage', 'president',
  'previous', 'price', 'pricier', 'proceed', 'product', 'program', 'programme', 'prom', 'promo', 'promotion', 'prompt', 'purchase', 'purchased',
  'purchases', 'put', 'quality', 'quantity', 'question', 'rather', 'rating', 'reach', 'ready', 'real', 'really', 'receipt', 'received', 'recent',
  'recipe', 'recommend', 'recommendation', 'redeem', 'refund', 'remove', 'reorder', 'repeat', 'replace', 'replacement', 'representative', 'reserve',
  'reset', 'restock', 'retour', 'return', 'returns', 'review', 'reward', 'rid', 'ridiculous', 'right', 'ripped', 'robot', 'run', 'running', 'said',
  'sale', 'same', 'satin', 'saturday', 'say', 'search', 'season', 'see', 'sell', 'seller', 'selling', 'send', 'sense', 'sent', 'service', 'set',
  'sheer', 'ship', 'shipped', 'shipping', 'shop', 'shopping', 'should', 'show', 'shown', 'shrink', 'sign', 'silk', 'silver', 'size', 'sizes',
  'skirt', 'small', 'smaller', 'smart', 'so', 'sold', 'some', 'somebody', 'someone', 'something', 'song', 'sounds', 'speak', 'speaking', 'speed',
  'spend', 'staff', 'stained', 'stand', 'status', 'stick', 'still', 'stock', 'stop', 'store', 'stretchy', 'striped', 'student', 'stuff', 'stupid', 'style',
  'stylist', 'subscription', 'subtotal', 'suggest', 'suggestion', 'suit', 'summer', 'sunday', 'sup', 'supervisor', 'support', 'supposed', 'sure',
  'surprise', 'swap', 'switch', 'system', 'take', 'talk', 'talking', 'tax', 'taxes', 'team', 'tell', 'terrible', 'thank', 'thanks', 'that', 'the',
  'them', 'there', 'these', 'they', 'thing', 'things', 'this', 'through', 'throw', 'tier', 'tight', 'time', 'to', 'today', 'tomorrow', 'too', 'top',
  'total', 'track', 'tracking', 'trending', 'true', 'turned', 'tv', 'two', 'uk', 'understand', 'unhelpful', 'unsubscribe', 'until', 'up', 'update',
  'upgrade', 'us', 'use', 'useless', 'usual', 'usually', 'vacation', 'vegan', 'velvet', 'verification', 'verify', 'versus', 'view', 'visa',
  'voucher', 'vs', 'waist', 'wait', 'waiting', 'waitlist', 'want', 'warmer', 'warranty', 'was', 'wash', 'washable', 'waste', 'waterproof', 'way',
  'wear', 'wedding', 'weekend', 'well', 'were', 'what', 'when', 'where', 'which', 'will', 'window', 'winter', 'with', 'women', 'wool', 'work',
  'worldwide', 'would', 'wrap', 'wrapping', 'wrinkle', 'wrong', 'yellow', 'yes', 'yet', 'yo', 'you', 'your',
];

/** Category words (canonical, singular) → catalog category. */
// prettier-ignore
export const CATEGORY_WORDS: Record<string, (typeof CATEGORIES)[number]> = {
  dress: 'dresses', gown: 'dresses', sundress: 'dresses',
  top: 'tops', shirt: 'tops', tshirt: 'tops', blouse: 'tops', sweater: 'tops', jumper: 'tops', hoodie: 'tops', cardigan: 'tops', knitwear: 'tops', tank: 'tops', camisole: 'tops', polo: 'tops', pullover: 'tops', sweatshirt: 'tops', turtleneck: 'tops', rollneck: 'tops', cami: 'tops',
  trouser: 'trousers', pant: 'trousers', jean: 'trousers', chino: 'trousers', short: 'trousers', legging: 'trousers', jogger: 'trousers', slack: 'trousers', culotte: 'trousers', flare: 'trousers',
  shoe: 'shoes', sneaker: 'shoes', trainer: 'shoes', boot: 'shoes', heel: 'shoes', sandal: 'shoes', loafer: 'shoes', flat: 'shoes', pump: 'shoes', footwear: 'shoes', mule: 'shoes', slipper: 'shoes', wedge: 'shoes', brogue: 'shoes', stiletto: 'shoes',
  outerwear: 'outerwear', jacket: 'outerwear', coat: 'outerwear', blazer: 'outerwear', parka: 'outerwear', trench: 'outerwear', raincoat: 'outerwear', anorak: 'outerwear', vest: 'outerwear', gilet: 'outerwear', bomber: 'outerwear', windbreaker: 'outerwear',
  accessory: 'accessories', accessorie: 'accessories', bag: 'accessories', handbag: 'accessories', tote: 'accessories', belt: 'accessories', scarf: 'accessories', scarve: 'accessories', hat: 'accessories', cap: 'accessories', beanie: 'accessories', jewelry: 'accessories', jewellery: 'accessories', necklace: 'accessories', earring: 'accessories', bracelet: 'accessories', sunglass: 'accessories', wallet: 'accessories', glove: 'accessories', purse: 'accessories', clutch: 'accessories', backpack: 'accessories',
};

/** Words for the same piece (canonical, singular): a piece bought named in other words ("the sweater" for a jumper, "the pants" for trousers). */
const SAME_PIECE: ReadonlyArray<readonly string[]> = [
  ['jumper', 'sweater', 'pullover'],
  ['trouser', 'pant', 'slack'],
  ['sneaker', 'trainer'],
  // "the t-shirt" of an order holding a "Crew Tee".
  ['tshirt', 'tee', 't-shirt', 't shirt'],
];
/** The words a piece bought may be named by, the word itself first. */
export const sameKindWords = (w: string): readonly string[] => SAME_PIECE.find((g) => g.includes(w)) ?? [w];

/** Colour words (canonical) → the colour name passed to search. */
// prettier-ignore
export const COLOUR_WORDS: Record<string, string> = {
  red: 'red', blue: 'blue', navy: 'navy', black: 'black', white: 'white', green: 'green', olive: 'olive', khaki: 'khaki', yellow: 'yellow',
  pink: 'pink', purple: 'purple', lilac: 'lilac', orange: 'orange', brown: 'brown', tan: 'tan', beige: 'beige', cream: 'cream', ivory: 'ivory',
  gray: 'grey', silver: 'silver', gold: 'gold', burgundy: 'burgundy', maroon: 'burgundy', teal: 'teal', turquoise: 'turquoise', camel: 'camel',
  coral: 'coral', mint: 'mint', charcoal: 'charcoal',
  // Colours the demo catalog names its pieces in.
  champagne: 'champagne', sage: 'sage', emerald: 'emerald', nude: 'nude', tortoise: 'tortoise', stone: 'stone', sand: 'sand',
};

// prettier-ignore
/** Countries and cities outside the US that an address written out may name (the shop ships within the US). */
export const PLACES_ABROAD: readonly string[] = ['uk', 'united kingdom', 'england', 'scotland', 'wales', 'ireland', 'canada', 'mexico', 'germany', 'france', 'spain', 'italy', 'netherlands', 'belgium', 'australia', 'japan', 'london', 'manchester', 'edinburgh', 'dublin', 'paris', 'berlin', 'munich', 'madrid', 'barcelona', 'rome', 'milan', 'amsterdam', 'toronto', 'vancouver', 'montreal', 'sydney', 'melbourne', 'tokyo'];

// prettier-ignore
/** The numbers one to nineteen in words (prices in words are read from these and the tens). */
export const UNIT_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};

/** Quantities in words ("two of them", "a couple"). */
export const NUMBER_WORDS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(UNIT_WORDS).filter(([, n]) => n <= 10)),
  single: 1,
  couple: 2,
};
/** Words that take back what was just said and say it again ("the olive ones, sorry, the khaki ones", "M, no wait, L", "the jersey one, no, the slip one"): what follows replaces it. "no" counts only before "the". */
export const CORRECTION_MARKERS: readonly (readonly string[])[] = [
  ['sorry'],
  ['no', 'wait'],
  ['i', 'mean'],
  ['i', 'meant'],
  ['or', 'rather'],
  ['scratch', 'that'],
  ['no', 'the'],
];
/** Words that name what the piece sought must go with ("brown, to match my shoes", "a belt to go with my navy chinos"): what follows is the companion, not the piece. */
export const PAIRING_MARKERS: readonly (readonly string[])[] = [
  ['to', 'match'],
  ['to', 'go', 'with'],
  ['that', 'goes', 'with'],
  ['that', 'go', 'with'],
  ['to', 'wear', 'with'],
  ['to', 'pair', 'with'],
  ['to', 'team', 'with'],
  ['matching', 'my'],
];
// prettier-ignore
export const ORDINAL_WORDS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, last: -1, latest: -1 };

// prettier-ignore
const extra = ['tie', 'ish', 'polyester', 'nylon', 'acrylic', 'canvas', 'personalize', 'personalise', 'personalization', 'personalisation', 'personalized', 'personalised', 'personalizing', 'personalising', 'tailoring', 'dresses', 'shoes', 'trousers', 'jeans', 'sneakers', 'accessories', 'jackets', 'coats', 'sizes', 'orders', 'points', 'rewards', 'perks', 'recommendations', 'suggestions', 'delivered', 'shipping', 'returning', 'returned', 'refunded', 'medium', 'large', 'small', 'quantity', 'delivery', 'available', 'sandals', 'boots', 'heels', 'blouses', 'shirts', 'items', 'basket', 'receipt', 'email', 'carrier', 'courier', 'tracking', 'dispatched', 'carrying', 'carries', 'carried'];

// Words of the trade that shoppers use in product names ("the satin slip dress"): known as
// written, so a typo correction never turns one into a lexicon word ("slip" into "ship").
// prettier-ignore
const GARMENT_WORDS = ['slip', 'wrap', 'midi', 'maxi', 'mini', 'satin', 'silk', 'linen', 'wool', 'cotton', 'denim', 'leather', 'suede', 'knit', 'ribbed', 'tank', 'cami', 'tee', 'floral', 'striped', 'pleated', 'tiered', 'poplin', 'peasant', 'relaxed', 'slim', 'skinny', 'cropped', 'oversized', 'cashmere', 'puffer', 'trench', 'blazer', 'cardigan', 'hoodie', 'jumper', 'sweater', 'chinos', 'shorts', 'skirt', 'tote', 'scarf', 'belt', 'mules', 'slides', 'loafers', 'ankle', 'chelsea', 'sundress', 'broderie', 'tea', 'shift', 'bodycon', 'halter', 'sheath'];

// The rest of the catalog's trade words (styles, materials, cuts and finishes in its product
// names and tags): a real word of the trade is never "corrected" into another ("ballet" into
// "wallet", "flared" into "flares"), and a typo of one is corrected towards it.
// prettier-ignore
const TRADE_WORDS = ['acetate', 'anglaise', 'aviator', 'ballet', 'basics', 'biker', 'blend', 'block', 'bohemian', 'brass', 'breton', 'button', 'cargo', 'cat', 'chiffon', 'chunky', 'cocktail', 'corduroy', 'crepe', 'crew', 'crossbody', 'culottes', 'earrings', 'espadrille', 'espadrilles', 'faux', 'fitted', 'flared', 'flares', 'flats', 'fleece', 'gabardine', 'holder', 'hoop', 'jersey', 'joggers', 'jute', 'knee', 'layering', 'leggings', 'length', 'lightweight', 'loungewear', 'luxury', 'lyocell', 'merino', 'mesh', 'muslin', 'natural', 'neck', 'organic', 'outdoor', 'oxford', 'padded', 'paperbag', 'patent', 'pinafore', 'plated', 'platform', 'pointed', 'preppy', 'puff', 'pumps', 'quilted', 'recycled', 'ripstop', 'romantic', 'rugby', 'sequin', 'sequinned', 'shearling', 'shell', 'sleeve', 'slide', 'slingback', 'smocked', 'sport', 'square', 'straight', 'strappy', 'straw', 'streetwear', 'stretch', 'sunglasses', 'tailored', 'teddy', 'trainers', 'turtleneck', 'tweed', 'twill', 'utility', 'viscose', 'wedges', 'weekender', 'wide'];

/** The vocabulary typos are corrected towards. */
// prettier-ignore
export const VOCABULARY_SEED: readonly string[] = [
  ...new Set([
    ...SHOP_WORDS,
    ...Object.keys(CATEGORY_WORDS),
    ...Object.keys(COLOUR_WORDS),
    'grey', 'colour',
    ...Object.keys(NUMBER_WORDS),
    // Amounts in words ("under a hundred and fifty"): known as written, never "corrected" into an ordinal.
    'eleven', 'twelve', 'fifteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred',
    // Months, known as written ("a wedding in June" never a "jute" search).
    'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
    ...Object.keys(ORDINAL_WORDS),
    ...extra,
    ...GARMENT_WORDS,
    ...TRADE_WORDS,
  ]),
].filter((w) => /^[a-z]+$/.test(w));

// prettier-ignore
export const NEWEST = /\b(new arrivals?|newest|new[- ]in|just (?:in|arrived|landed|dropped)|latest|what'?s new|anything new|something new|new (?:stuff|things|collection|season|releases?|products?|items?|pieces?|styles?))\b/i;

/** An occasion named ("for a first date", "a summer wedding"): ideas for it are a search of the catalog in those words. */
// prettier-ignore
export const OCCASION = /\b(wedding|party|date( night)?|first date|interview|holiday|vacation|beach|gala|prom|festival|christening|graduation|funeral|office|work|birthday|dinner|brunch|engagement|hen do|stag do|concert|races|black tie|ceremony|trip)\b/i;
/** A style or the time it is worn, which a request for ideas may name instead of a kind ("something casual for weekends"). */
export const STYLE =
  /\b(casual|smart[- ]casual|smart|formal|dressy|relaxed|sporty|cos[yi]|comfy|comfortable|minimal(ist)?|classic|boho|elegant|chic|edgy|weekends?|lounge(wear)?|everyday|summery|wintery)\b/i;

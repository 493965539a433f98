// The demo fashion catalog as data: one line per style, listed in the colours it is sold in.
// Every (style, colour) pair becomes a product, e.g. "Red Satin Slip Midi Dress".
import { CATEGORIES, type Category } from '../../core/index.js';

export { CATEGORIES, type Category };

export interface StyleDef {
  name: string;
  material: string;
  colours: string[];
  /** Price in dollars, the same across colours. */
  price: number;
  /** Occasion/style words added to the search tags. */
  tags: string;
  /** Completes "A … " in the description. */
  detail: string;
}

const s = (name: string, material: string, colours: string, price: number, tags: string, detail: string): StyleDef => ({
  name,
  material,
  colours: colours.split(' '),
  price,
  tags,
  detail,
});

// One line per style, as a table: kept as written by the formatter.
// prettier-ignore
export const STYLES: Record<Category, StyleDef[]> = {
  dresses: [
    s('Satin Slip Midi Dress', 'satin', 'red black champagne', 129, 'evening party wedding-guest slip midi', 'bias-cut slip dress with adjustable straps and a fluid midi hem'),
    s('Linen Wrap Dress', 'linen', 'red white sage', 119, 'summer vacation wrap midi', 'wrap dress with a tie waist and flutter sleeves'),
    s('Floral Tea Dress', 'viscose', 'red blue', 89, 'floral summer day vintage midi', 'tea dress in a ditsy floral print with a buttoned front'),
    s('Cotton Shirt Dress', 'cotton', 'blue white khaki', 99, 'work everyday shirt midi', 'shirt dress with a self-tie belt and roll-up sleeves'),
    s('Jersey T-Shirt Dress', 'jersey', 'black grey navy', 49, 'casual everyday weekend mini', 'relaxed T-shirt dress with a crew neck and side pockets'),
    s('Pleated Chiffon Maxi Dress', 'chiffon', 'blue pink green', 169, 'wedding-guest evening maxi pleated', 'maxi dress with a sunray-pleated skirt and a lined bodice'),
    s('Ribbed Knit Sweater Dress', 'wool blend', 'camel grey', 139, 'winter cosy knit midi', 'ribbed sweater dress with a high neck and long sleeves'),
    s('Tiered Poplin Sundress', 'cotton poplin', 'white yellow', 79, 'summer beach vacation maxi', 'tiered sundress with smocked straps and a swishy hem'),
    s('Tailored Crepe Sheath Dress', 'crepe', 'black navy red', 149, 'work office tailored knee-length', 'sheath dress with a square neck and a concealed back zip'),
    s('Velvet Mini Dress', 'velvet', 'burgundy black', 109, 'party evening holiday mini', 'mini dress with puff sleeves and a sweetheart neckline'),
    s('Halter Cocktail Dress', 'crepe', 'red emerald', 189, 'cocktail evening party midi halter', 'halter-neck cocktail dress with an open back'),
    s('Denim Pinafore Dress', 'denim', 'blue', 79, 'casual everyday pinafore', 'pinafore dress with buckled straps and a front pocket'),
    s('Sequin Party Dress', 'sequinned mesh', 'silver black gold', 199, 'party evening holiday sequin mini', 'sequinned shift dress with a lined body'),
    s('Broderie Anglaise Mini Dress', 'cotton broderie', 'white blue', 85, 'summer romantic mini', 'mini dress in eyelet cotton with a tiered skirt'),
    s('Smocked Midi Dress', 'viscose', 'lilac blue', 95, 'summer day romantic midi', 'midi dress with a smocked bodice and balloon sleeves'),
  ],
  tops: [
    s('Organic Cotton Crew Tee', 'organic cotton', 'white black grey navy', 25, 'basics everyday casual tee', 'classic crew-neck tee with a relaxed fit'),
    s('Silk Camisole', 'silk', 'ivory black champagne', 79, 'evening layering silk cami', 'camisole with a V neck and fine adjustable straps'),
    s('Oxford Button-Down Shirt', 'cotton oxford', 'blue white', 59, 'work classic shirt', 'button-down shirt with a chest pocket and a curved hem'),
    s('Merino Crew-Neck Jumper', 'merino wool', 'navy grey camel green', 89, 'knitwear winter classic jumper', 'fine-gauge jumper with ribbed cuffs and hem'),
    s('Linen Relaxed Shirt', 'linen', 'white sand blue', 65, 'summer vacation shirt', 'relaxed shirt with a camp collar'),
    s('Ribbed Tank Top', 'cotton', 'white black', 19, 'basics layering summer tank', 'close-fitting ribbed tank with a scoop neck'),
    s('Striped Breton Top', 'cotton', 'navy white', 45, 'classic casual striped', 'Breton top with a boat neck and three-quarter sleeves'),
    s('Cashmere Cardigan', 'cashmere', 'cream grey', 189, 'knitwear luxury layering', 'cardigan with horn-effect buttons and a V neck'),
    s('Poplin Puff-Sleeve Blouse', 'cotton poplin', 'white pink', 55, 'romantic work blouse', 'blouse with gathered puff sleeves and a frill collar'),
    s('Satin Wrap Blouse', 'satin', 'emerald black', 69, 'evening work blouse wrap', 'wrap blouse with a tie waist and long sleeves'),
    s('Oversized Hoodie', 'cotton fleece', 'grey black', 65, 'casual weekend loungewear', 'oversized hoodie with a kangaroo pocket'),
    s('Cotton Peasant Blouse', 'cotton muslin', 'white blue', 49, 'bohemian summer blouse', 'peasant blouse with a drawstring neck and embroidered trims'),
    s('Long-Sleeve Rugby Shirt', 'heavy cotton', 'navy green', 69, 'casual preppy rugby', 'rugby shirt with a contrast collar'),
    s('Fitted Turtleneck', 'viscose knit', 'black cream camel', 39, 'basics layering winter', 'fine-knit turtleneck with a slim fit'),
    s('Cropped Knit Vest', 'cotton knit', 'cream', 49, 'layering knitwear', 'cropped V-neck knit vest with ribbed trims'),
  ],
  trousers: [
    s('Straight-Leg Jeans', 'denim', 'blue black', 89, 'jeans denim everyday straight', 'high-rise straight-leg jeans in rigid denim'),
    s('Skinny Stretch Jeans', 'stretch denim', 'blue black', 79, 'jeans denim skinny', 'mid-rise skinny jeans with plenty of stretch'),
    s('Wide-Leg Jeans', 'denim', 'blue', 95, 'jeans denim wide-leg', 'high-waisted wide-leg jeans with a full-length hem'),
    s('Mom Jeans', 'denim', 'blue', 85, 'jeans denim vintage relaxed', 'relaxed tapered mom jeans with a high waist'),
    s('Linen Wide-Leg Trousers', 'linen', 'navy white sand', 89, 'summer wide-leg trousers', 'pull-on wide-leg trousers with an elasticated waist'),
    s('Tailored Wool Trousers', 'wool blend', 'grey black', 129, 'work tailored trousers', 'tailored trousers with pressed creases and side pockets'),
    s('Stretch Chino Trousers', 'cotton twill', 'stone navy olive', 69, 'casual everyday chinos', 'slim chinos with a touch of stretch'),
    s('Pleated Culottes', 'crepe', 'black', 75, 'work cropped culottes', 'pleated culottes with a cropped wide leg'),
    s('Cargo Trousers', 'cotton ripstop', 'khaki black', 79, 'casual utility cargo', 'relaxed cargo trousers with patch pockets'),
    s('Jersey Joggers', 'cotton jersey', 'grey navy', 49, 'loungewear casual joggers', 'tapered joggers with a drawstring waist'),
    s('Paperbag Waist Trousers', 'lyocell', 'olive black', 75, 'work summer paperbag', 'tapered trousers with a gathered paperbag waist and a belt'),
    s('Leather-Look Leggings', 'faux leather', 'black', 55, 'evening leggings', 'high-waisted leggings in a soft faux leather'),
    s('Corduroy Flares', 'corduroy', 'brown', 85, 'vintage flared 70s', 'flared trousers in needlecord with a high waist'),
  ],
  shoes: [
    s('Leather Ankle Boots', 'leather', 'black brown', 169, 'boots autumn winter ankle', 'Chelsea-style ankle boots with elastic gussets and a stacked heel'),
    s('Canvas Low-Top Sneakers', 'canvas', 'white black', 69, 'sneakers casual everyday', 'low-top sneakers with a vulcanised rubber sole'),
    s('Suede Loafers', 'suede', 'tan navy', 129, 'loafers work classic', 'penny loafers with a cushioned leather insole'),
    s('Strappy Block-Heel Sandals', 'leather', 'black red', 99, 'sandals summer heels evening', 'strappy sandals on a 6 cm block heel'),
    s('Running Trainers', 'mesh', 'grey blue', 119, 'trainers sport running', 'lightweight trainers with a responsive foam sole'),
    s('Pointed Slingback Pumps', 'patent leather', 'black nude', 139, 'heels work evening pumps', 'slingback pumps on a 7 cm kitten heel'),
    s('Knee-High Boots', 'leather', 'black', 229, 'boots winter knee-high', 'knee-high boots with a side zip and an almond toe'),
    s('Leather Ballet Flats', 'leather', 'black red beige', 89, 'flats everyday classic', 'ballet flats with a bow trim'),
    s('Espadrille Wedges', 'jute and canvas', 'navy beige', 79, 'summer vacation wedges', 'espadrille wedges with ankle ties'),
    s('Leather Slide Mules', 'leather', 'black tan', 95, 'mules summer slides', 'slide mules with a squared toe and a low heel'),
    s('Chunky Platform Sneakers', 'leather', 'white', 109, 'sneakers platform streetwear', 'platform sneakers with a chunky sole'),
  ],
  outerwear: [
    s('Wool Blend Coat', 'wool blend', 'camel black grey', 249, 'winter coat tailored classic', 'single-breasted coat with notch lapels, fully lined'),
    s('Classic Trench Coat', 'cotton gabardine', 'beige navy', 199, 'spring autumn trench rain', 'double-breasted trench with a storm flap and a belt'),
    s('Denim Jacket', 'denim', 'blue black', 89, 'jacket casual denim layering', 'classic trucker jacket with chest pockets'),
    s('Quilted Puffer Jacket', 'recycled nylon', 'black green', 179, 'winter warm puffer padded', 'quilted puffer with a stand collar and recycled fill'),
    s('Leather Biker Jacket', 'leather', 'black', 349, 'jacket leather biker', 'biker jacket with asymmetric zip and silver hardware'),
    s('Oversized Blazer', 'wool blend', 'black grey', 159, 'work tailored blazer', 'oversized single-breasted blazer with padded shoulders'),
    s('Teddy Fleece Jacket', 'recycled fleece', 'cream brown', 99, 'winter cosy fleece', 'teddy fleece jacket with a zip front'),
    s('Cropped Tweed Jacket', 'tweed', 'pink black', 169, 'tailored evening tweed', 'collarless tweed jacket with frayed edges'),
    s('Shearling Aviator Jacket', 'suede and shearling', 'brown', 399, 'winter aviator luxury', 'aviator jacket with a shearling collar and belted hem'),
    s('Lightweight Rain Jacket', 'waterproof shell', 'yellow navy', 119, 'rain waterproof outdoor', 'hooded rain jacket with taped seams'),
  ],
  accessories: [
    s('Leather Tote Bag', 'leather', 'black tan', 149, 'bag work tote', 'roomy tote with an inner zip pocket'),
    s('Silk Square Scarf', 'silk', 'blue red', 59, 'scarf silk gift', 'square scarf with hand-rolled edges'),
    s('Wool Beanie', 'wool', 'grey black burgundy', 29, 'hat winter knit', 'ribbed beanie with a turn-up brim'),
    s('Leather Belt', 'leather', 'black brown', 45, 'belt leather classic', 'belt with a brushed-gold buckle'),
    s('Straw Sun Hat', 'straw', 'natural', 49, 'hat summer beach', 'wide-brim sun hat with a grosgrain band'),
    s('Crossbody Bag', 'leather', 'black red', 119, 'bag crossbody everyday', 'compact crossbody bag with an adjustable strap'),
    s('Hoop Earrings', 'gold-plated brass', 'gold', 39, 'jewellery earrings gift', 'medium hoop earrings, nickel-free'),
    s('Cashmere Scarf', 'cashmere', 'camel grey', 129, 'scarf winter cashmere gift', 'oversized scarf with fringed ends'),
    s('Leather Card Holder', 'leather', 'black red navy', 35, 'wallet gift small-leather', 'slim card holder with four slots'),
    s('Cat-Eye Sunglasses', 'acetate', 'black tortoise', 59, 'sunglasses summer', 'cat-eye sunglasses with UV400 lenses'),
    s('Canvas Weekender Bag', 'canvas', 'navy', 99, 'bag travel weekender', 'weekender bag with leather handles'),
  ],
};

export const CLOTHING_SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'] as const;
export const SHOE_SIZES = ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46'] as const;

export const sizesFor = (c: Category): readonly string[] => (c === 'shoes' ? SHOE_SIZES : c === 'accessories' ? ['ONE'] : CLOTHING_SIZES);

export const FIT_NOTES = [
  'Fits true to size.',
  'Relaxed fit: size down for a closer fit.',
  'Slim fit: size up if between sizes.',
  'Cut for an easy, comfortable fit.',
];
export const CARE_NOTES = ['Machine wash at 30°C.', 'Dry clean only.', 'Hand wash cold, dry flat.', 'Wipe clean with a damp cloth.'];

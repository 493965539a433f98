// General English the typo corrector must leave alone (so "weather" is not "corrected" into
// "leather"), and the slang/shorthand shoppers type, expanded to plain words.

export const COMMON_WORDS: readonly string[] = (
  'the be to of and a in that have i it for not on with he as you do at this but his by from they we say her she or an will my one all ' +
  'would there their what so up out if about who get which go me when make can like time no just him know take people into year your ' +
  'good some could them see other than then now look only come its over think also back after use two how our work first well way even ' +
  'new want because any these give day most us is are was were been being has had did does done doing said says going gone went got ' +
  'very much many more less little lot lots really quite still again ever never always often sometimes maybe perhaps please thank ' +
  'thanks yes yeah okay ok sure fine great nice cool awesome perfect lovely wonderful amazing excellent bad wrong right left last next ' +
  'before later today tomorrow yesterday tonight morning afternoon evening night week weekend month hour minute second moment soon ' +
  'here where why while until since though although whether either neither both each every another such same different own ' +
  'max min budget between roughly approx approximately around ' +
  'should must might may shall need needs want wants wanted wish hope like love hate prefer help helps helped helping tell told ask ' +
  'asked find found show shown showed try tried keep kept let put set call called feel felt seem seemed leave left bring brought ' +
  'bump bumped buy bought sell sold pay paid send sent receive received arrive arrived wait waiting check checked change changed open close ' +
  'closed start started stop stopped turn turned move live lived play played run running walk walked talk talked speak spoke ' +
  'read write wrote written eat drink sleep watch watched hear heard mean meant understand understood remember forget forgot ' +
  'thing things something anything nothing everything someone anyone everyone nobody somebody anybody everybody place world home ' +
  'house car city country family friend friends man woman men women child children kid kids baby person boy girl guy guys mate ' +
  'money price cost costs cheap expensive free sale deal offer discount code coupon voucher gift card credit debit cash bank ' +
  'long short big small large tiny huge high low old young hot cold warm cool wet dry light dark heavy soft hard easy ' +
  'weather rain sun snow wind soccer game match team score news politics president election movie film music song ' +
  'poem story homework school college university job interview meeting party wedding birthday holiday vacation trip ' +
  'flight hotel food pizza coffee tea beer wine dinner lunch breakfast recipe cook doctor health medicine car fix ' +
  'computer phone laptop internet website app email address account password login sign name number times plus minus math ' +
  'capital stock market bitcoin crypto tax taxes weather forecast temperature tokyo paris london berlin york canada ' +
  'question answer problem issue reason idea fact case point part side end top bottom front inside outside there their about ' +
  'love lovely cute pretty beautiful stylish elegant casual formal comfortable comfy simple classic modern vintage summer winter ' +
  'spring autumn fall season office work everyday weekend beach evening outfit style fashion look trend trendy basic ' +
  'please sorry hello hi hey bye goodbye welcome cheers anyway actually already almost just only also too enough either ' +
  'robot human bot machine real person agent manager supervisor representative service support team staff store shop online ' +
  'someone somewhere somehow whatever whenever wherever however whoever yours mine ours theirs himself herself myself yourself ' +
  // Inflections and family words one edit away from a catalog or model word ("came" is not
  // "camel", "wife" not "wine", "lost" not "last", "seen" not "seven", "torn" not "turn").
  'came took taken taking made making gave given wore worn wanting thought knew known used seen ran sits lost lose tore torn late ' +
  'thin thick pricey wife son father mother niece nephew aunt uncle colleague concert tall hips print whom mate ' +
  // …and from an ordinal ("at least" is not "at last", the last order; "fist" not "first").
  'least east lust fist firm vast cast ' +
  // Recipients, popularity and product-page words.
  'mum mom dad boyfriend girlfriend husband partner sister brother daughter grandma granddad guest present best seller sellers ' +
  'based located pockets washable charge fee checkout hold holding vegan review reviews rating quality complaint warmer ' +
  'file files details detail replacement replace supposed delayed pack packing packed suitcase travel travelling traveling ' +
  'under below above within around ' +
  // Service talk one edit away from a catalog word ("sort it out" is not shorts).
  'sort sorted sorting owe owed owing ' +
  // Everyday words one edit away from a trade word ("parent" is not "patent", "older" not "holder").
  'parent parents older folder shall sell spot sports slid side slice form forms sore dose hell ' +
  // Slang for taking or liking a piece shown, one edit from a catalog word ("grab" is not "gray", "sick" not "stick").
  'grab grabs grabbed grabbing snag snagged nab nabbed sick dope'
).split(/\s+/);

/** Whole-token replacements (after lowercasing and contraction expansion). */
export const SLANG: Record<string, string> = {
  wanna: 'want to',
  till: 'until',
  til: 'until',
  gonna: 'going to',
  gotta: 'got to',
  gimme: 'give me',
  lemme: 'let me',
  u: 'you',
  ya: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  plez: 'please',
  pleas: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  tnx: 'thanks',
  ty: 'thank you',
  tysm: 'thank you',
  cya: 'see you',
  wat: 'what',
  wot: 'what',
  wut: 'what',
  whats: 'what is',
  wheres: 'where is',
  hows: 'how is',
  thats: 'that is',
  theres: 'there is',
  whens: 'when is',
  im: 'i am',
  ive: 'i have',
  ill: 'i will',
  dont: 'do not',
  cant: 'can not',
  wont: 'will not',
  isnt: 'is not',
  hasnt: 'has not',
  havent: 'have not',
  doesnt: 'does not',
  didnt: 'did not',
  wasnt: 'was not',
  arent: 'are not',
  youre: 'you are',
  lets: 'let us',
  yep: 'yes',
  yup: 'yes',
  yea: 'yes',
  yeah: 'yes',
  yess: 'yes',
  ye: 'yes',
  nah: 'no',
  nope: 'no',
  okay: 'ok',
  okey: 'ok',
  k: 'ok',
  kk: 'ok',
  oki: 'ok',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  abt: 'about',
  smth: 'something',
  sth: 'something',
  some1: 'someone',
  any1: 'anyone',
  pkg: 'package',
  b4: 'before',
  tmrw: 'tomorrow',
  asap: 'soon',
  rn: 'now',
  info: 'information',
  pic: 'picture',
  hiya: 'hi',
  heya: 'hi',
  hii: 'hi',
  hiii: 'hi',
  heyy: 'hey',
  heyyy: 'hey',
  helo: 'hello',
  hallo: 'hello',
  hullo: 'hello',
  bbye: 'bye',
  byee: 'bye',
  byebye: 'bye',
  ttyl: 'bye',
  thru: 'through',
  tho: 'though',
  alot: 'a lot',
  // Chat shorthand of hurried shoppers (whole tokens only; "2" for "to" stays a number: "add 2 tees").
  cn: 'can',
  cld: 'could',
  cud: 'could',
  wld: 'would',
  wud: 'would',
  shd: 'should',
  hw: 'how',
  wen: 'when',
  wer: 'where',
  wher: 'where',
  wru: 'where are you',
  acct: 'account',
  addy: 'address',
  msg: 'message',
  rtn: 'return',
  refnd: 'refund',
  xchange: 'exchange',
  dlvry: 'delivery',
  shpng: 'shipping',
  ordr: 'order',
  bk: 'back',
  '2day': 'today',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  tmr: 'tomorrow',
  sm1: 'someone',
  sizing: 'size',
  colour: 'color',
  colours: 'color',
  grey: 'gray',
};

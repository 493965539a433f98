// Words beside a clear go-ahead that are not the reader's own yes words ("Amen. Go ahead.", "Acceptable.
// Proceed.", "Da, is ok, do it.", "yes, ship it"): people answer in their own words. A word the reader
// does not know is never tolerated (round L): any unknown word may be a no, a later, a wait or a but in a
// language or slang no list can hold ("Später. Ok, do it.", "Mada. Yes, do it.", "Dunno, go ahead"), or
// a verb doing something else to the thing ("ok, let it go", "yes, schedule it"). Only words of two
// allow-lists stand beside a go-ahead: assent, approval and thanks in other languages and registers
// (BESIDE, before the go-ahead), and verbs of going ahead done to the thing (DONE_TO_IT, "yes, pour it"). The
// deny-lists below stay as a second guard: a word of them is never tolerated, whatever list holds it.
// At most two such words, and never more than the known words around them.

/** The go-aheads that carry the words of BESIDE and DONE_TO_IT: a plain yes or an explicit instruction to act. */
export const GO_AHEADS = [
  'yes',
  'yeah',
  'yep',
  'yup',
  'aye',
  'ok',
  'okay',
  'sure',
  'go ahead',
  'go for it',
  'proceed',
  'please proceed',
  'do it',
  'please do',
  'confirm',
  'confirmed',
  'i confirm',
  'send it',
  'make it so',
];

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** Details of an order or a piece: a yes naming one may mean another than the one proposed. */
const DETAIL = words(`
  black white navy blue grey gray red green brown beige cream ivory pink purple olive khaki tan stone camel
  yellow orange gold silver burgundy maroon teal charcoal champagne denim leather wool cotton linen cashmere silk
  small medium large extra petite tall plus bigger smaller larger tighter looser longer shorter cheaper darker
  lighter size sizes colour color colours colors fit light dark bright pale smart tight loose slim wide
  jumper jumpers sweater sweaters trousers chinos chino pants jeans tee tees shirt shirts top tops dress dresses
  skirt jacket jackets coat coats boots boot sneakers sneaker trainers shoes shoe scarf belt bag tote hat beanie
  socks piece pieces pair pairs item
  address street road avenue lane drive court apt apartment flat suite unit room floor house office work home
  zip postcode city town state country`);

/** Words that widen or narrow what was proposed. */
const SCOPE = words(`
  too also plus both again twice more extra additional everything every each everyone everybody rest remaining half part partly partial
  some few several except excluding without less refund credit voucher store exchange swap instead other
  charge spend pay bill card cash
  request proposal offer idea plan order orders`);

/** A time: the yes is for later, not now. */
const TIME = words(`
  later yet still pending tomorrow tonight today soon eventually someday sometime afterwards after week weekend month morning
  evening afternoon night monday tuesday wednesday thursday friday saturday sunday next sec second seconds
  moment minute minutes min mins bit while shortly brb afk gtg ttyl hour hours day days`);

/** Doubt, a condition, a wish or a joke; or someone else's words reported ("the assistant said yes"). */
const HEDGE = words(`
  reckon believe hope hopefully assume presumably apparently seems seem guess suppose kinda sorta kind sort ish
  almost mostly meh whatever provided providing assuming once until till til unless long meant mean wrong
  mistake oops haha lmao rofl sike psych kidding joke ask check tell husband wife partner mum mom dad
  said says say saying told tells assistant bot system user he she someone somebody quote quoted`);

/**
 * No, not, but, later, maybe, wait, only, if and tomorrow in other languages, as people type them in
 * Latin letters (accents folded): an English yes beside one of them is taken back, or made conditional.
 */
const FOREIGN_NO = words(`
  no non pas nein nicht kein keine nee niet nej nei inte ikke nie ne nu net nyet hayir yok degil ochi oxi nahi nahin
  na mat tidak tak bukan jangan hindi huwag wag iie dame bu bushi buyao mei meiyou aniyo anio ani la laa lo
  hapana siyo khong nem ei nage nil ni
  pero mas mais aber maar men ale dar ama fakat ala alla lekin par tapi demo danshi keshi hajiman lakin walakin
  aval lakini nhung tae de mutta ond ach doch
  manana demain morgen domani amanha imorgon jutro zitra maine zavtra yarin avrio kal besok bukas ashita
  mingtian naeil bukra machar kesho holnap huomenna yfory
  quizas quiza talvez vielleicht forse peut misschien kanske kanskje maske moze mozna poate mozhet belki isos
  shayad mungkin siguro tabun yexu ama rubama ulai labda talan ehka efallai
  espera attends warte aspetta wacht vent vanta czekaj asteapta podozhdi bekle ruko tunggu teka matte deng
  istanna rega ngoja varj odota aros
  solo seulement nur solamente somente alleen bara bare kun tylko jen doar tolko sadece sirf hanya cuma lang
  dake zhi faqat rak tu csak vain
  si se als om wenn jesli daca esli eger agar kalau kung ruguo idha law im jos ha neu
  despues luego tard tarde spater spaeter dopo depois senare senere pozniej pozdeji tarziu potom sonra baad
  nanti mamaya ato yihou baadain achar baadaye sau kesobb myohemmin wedyn`);

/** A letter size ("xl", "xxs"): a detail. */
const LETTER_SIZE = /^x*[sml]$|^x+l$|^x+s$/;

/**
 * More of the same kinds, as people type them (round K): a sound of doubt or dismay, a jibe, a calming word (wait),
 * a short form of later, a condition; no, never, nothing, but and soon in other languages.
 */
const MORE_NEVER = words(`
  eh mm mmm erm er uh uhh ugh oof yikes eek agh argh pff pfft tsk hmph welp boomer jan
  prank troll trolling ironic ironically irony jokingly facetious doubt doubtful confused confusing hesitant reluctant reluctantly
  reconsider reconsidering rethink rethinking unclear chill relax easy steady whoa calm slow condition conditions given btw bt
  naw nae nuhuh uhuh noperino negatory nm
  ltr tmrw tmr tmw tmrow time anytime whenever tick jiffy presently momentarily soonish anon mo
  mai nunca jamais jamas niemals nooit nigdy asla aldrig aldri hech nada rien nichts niente nimic niks inget ingen
  apres ensuite bientot bald gleich presto snart straks pronto ma`);

/** Dropping or shelving the thing itself: after a yes, "ok, skip it", "park it", "table it" take it back. */
const DROP = words(`skip drop ditch scrap bin shelve park push kill nuke trash dump axe table bench stash bury void hide sit`);

/**
 * Assent, approval and thanks in other languages and registers, typed in Latin letters (accents folded), said
 * with a go-ahead ("Da, do it", "Righto, go ahead", "Sweet as, yes please", "ja, bitte, go ahead", "looks good,
 * proceed"). Never a word that is a no, a but, a later or an if in some other language: "si" (French if), "tak"
 * (Malay no), "iya" (Japanese no), "ne" (Czech no), "ano" (Japanese um), "han" (Swedish he); nor one a slip from a
 * refusal, which the reader would not trust ("yay" and "nay", "dope" and "nope", "jah" and "nah").
 */
const BESIDE = new Set(
  words(`
  amen acceptable agreeable indeed gladly happily happy totally exactly precisely righto rightio righty alrighty
  okey okie oky oki dokey dokie yeh yh yass hooray hurray woohoo omg sound cracking wicked champion keen stoked
  legit rad bet bingo voila fair game set authorised authorized discussed described ag looks sounds suits thats
  lets be by as
  da haan oui ja jawohl jep jup sim igen kylla taip jes evet ndiyo ndio naam aiwa aywa bale baleh ken hai dui hao
  haode xing keyi opo oo
  bitte danke merci gracias grazie obrigado obrigada porfa porfavor favor svp dank dankie tack asante
  salamat arigato xiexie shukran spasibo dziekuje dekuji hvala kiitos`),
);

/** Verbs of going ahead, done to the thing after the go-ahead ("yes, pour it", "ok, run it", "yes, I authorise that"). */
const DONE_TO_IT = new Set(
  words(`pour run action process execute book place complete finalise finalize authorise authorize approve accept`),
);

const NEVER_TOLERATED: ReadonlySet<string> = new Set([...DETAIL, ...SCOPE, ...TIME, ...HEDGE, ...FOREIGN_NO, ...MORE_NEVER, ...DROP]);
/**
 * A time, a hedge, a no or a later in another language, a sound of doubt, dropping the thing: never read as an echo
 * of the piece a swap gives, though its name holds the word ("yes, someday" to a swap for the Someday Wrap Dress).
 */
export const saysMore = (w: string): boolean => TAKES_BACK.has(w);
const TAKES_BACK: ReadonlySet<string> = new Set([...TIME, ...HEDGE, ...FOREIGN_NO, ...MORE_NEVER, ...DROP]);
/** A word never tolerated beside a yes, which is never mended into a yes word either ("matte" is no "mate", "snart" no "start"). */
export const neverTolerated = (w: string): boolean => NEVER_TOLERATED.has(w);
/** Words that, typed together with another ("notnow", "holdoff", "nextweek", "dontdoit"), still say what they say. */
const INNER = [...TIME, ...HEDGE, ...MORE_NEVER].filter((w) => w.length >= 4);
/** What may follow a word the reader does not know said after the go-ahead ("yes, pour it"): the thing proposed. */
const THE_THING = new Set(['it', 'them', 'that', 'this', 'those', 'these']);

/** Where the first go-ahead of the message starts, or -1. */
function goAheadAt(all: readonly string[]): number {
  const phrases = GO_AHEADS.map((p) => p.split(' '));
  return all.findIndex((_, i) => phrases.some((p) => p.every((w, j) => all[i + j] === w)));
}

/**
 * Whether the words left unread beside a yes (`unknown`, out of `all` the message's words, in order) may be
 * tolerated: `refusals` are the reader's own words of refusal and doubt. Only words of BESIDE before the go-ahead,
 * and of DONE_TO_IT after it as a verb done to the thing ("yes, pour it"); never a word of the
 * deny-lists, nor one typed together with a refusal, a time or a hedge.
 */
export function toleratesUnknown(unknown: readonly string[], all: readonly string[], refusals: readonly string[]): boolean {
  const at = goAheadAt(all);
  if (at < 0 || unknown.length > 2 || unknown.length > all.length - unknown.length) return false;
  const inner = [...INNER, ...refusals.filter((w) => w.length >= 3)];
  const refused = new Set(refusals);
  const odd = new Set(unknown);
  const denied = (w: string) =>
    !/^[a-z]{2,}$/.test(w) ||
    LETTER_SIZE.test(w) ||
    [w, w.replace(/(s|es|ed|ing|ly)$/, ''), w.replace(/([a-z])\1+/g, '$1')].some((x) => NEVER_TOLERATED.has(x) || refused.has(x)) ||
    inner.some((part) => part !== w && w.includes(part));
  // Before the go-ahead only: said after it, even a word of assent is an afterthought that may stop or mock ("ok,
  // enough", "ok, happy now"); there only a verb done to the thing ("yes, pour it").
  const allowed = (w: string, i: number) => (i < at ? BESIDE.has(w) : DONE_TO_IT.has(w) && THE_THING.has(all[i + 1] ?? ''));
  return all.every((w, i) => !odd.has(w) || (!denied(w) && allowed(w, i)));
}

// Opting out of personalization is a privacy choice, so it is decided in code from the shopper's
// own words, not left to whichever model is serving. This is the only detector: the chat service
// flips the conversation with it, and the offline model's classifier uses it for its opt-out and
// opt-in intents, so a reply never confirms a change that was not made (or misses one that was).
// Narrow on purpose: "tailored" and "track" are also shop words ("tailored trousers", "track my
// order"), so they count only in phrasings about the shopper.
const OPT_OUT = [
  /\bopt(?:ing)?[ -]?(?:me |us )?out\b(?! of (?:\w+ )?(?:e-?mails?|newsletters?|marketing|sms|texts?|messages)\b)/,
  /\b(?:stop|quit|don'?t|do not|no more)\b.{0,30}\b(?:personali[sz]\w*|profil(?:e|ing) me|tailoring|tailored (?:suggestions|recommendations|picks|results|content)|us(?:e|ing) my (?:data|history|info\w*|details|(?:purchase|order|browsing|shopping) history))\b/,
  /\b(?:no|without|out of)\s+personali[sz]\w*/,
  /\bstop (?:tracking|profiling|remembering) me\b/,
  /\b(?:turn|switch)\w* off\b.{0,20}\bpersonali[sz]\w*/,
  /\bpersonali[sz]\w* off\b/,
  /\b(?:don'?t|do not)\b.{0,20}\b(?:track|remember|profile)\b.{0,10}\bme\b/,
  /\btreat me like (?:a|any) (?:normal|regular|new) (?:customer|shopper|visitor)\b/,
  /\bforget (?:about )?me\b(?! not)/,
];
const OPT_IN = [
  /\bopt(?:ing)?[ -]?(?:me |us )?(?:back )?in\b(?! (?:to|for) (?:\w+ )?(?:e-?mails?|newsletters?|marketing|sms|texts?))/,
  /\b(?:turn|switch)\w* personali[sz]\w* (?:back )?on\b/,
  /\b(?:turn|switch)\w* (?:personali[sz]\w* )?(?:back )?on\b.{0,20}\bpersonali[sz]\w*/,
  /\bpersonali[sz]\w* back on\b/,
  /\bpersonali[sz](?:e|ation|ations) (?:it|me|again|back)\b/,
];

export function optOutChange(message: string): 'opt_out' | 'opt_in' | null {
  const text = message.toLowerCase().replace(/[’‘]/g, "'");
  if (OPT_IN.some((re) => re.test(text))) return 'opt_in';
  if (OPT_OUT.some((re) => re.test(text))) return 'opt_out';
  return null;
}

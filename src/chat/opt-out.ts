// Opting out of personalization is a privacy choice, so it is decided in code from the shopper's
// own words, not left to whichever model is serving.
const OPT_OUT = [
  /\b(stop|quit|don'?t|do not|no more)\b.{0,30}\b(personali[sz]\w*|tailor\w*|profil\w*|us(?:e|ing) my (?:data|history|info\w*|details))\b/,
  /\bopt(?:ing)?[ -]?out\b/,
  /\b(turn|switch)\w* off\b.{0,20}\bpersonali[sz]\w*/,
  /\b(don'?t|do not)\b.{0,20}\b(track|remember)\b.{0,10}\bme\b/,
  /\btreat me like (a|any) (normal|regular|new) (customer|shopper|visitor)\b/,
];
const OPT_IN = [/\bopt(?:ing)?[ -]?(back )?in\b/, /\b(turn|switch)\w* personali[sz]\w* (back )?on\b/, /\b(turn|switch)\w* (personali[sz]\w* )?(back )?on\b.{0,20}\bpersonali[sz]\w*/, /\bpersonali[sz]e (it|me|again)\b/];

export function optOutChange(message: string): 'opt_out' | 'opt_in' | null {
  const text = message.toLowerCase();
  if (OPT_IN.some((re) => re.test(text))) return 'opt_in';
  if (OPT_OUT.some((re) => re.test(text))) return 'opt_out';
  return null;
}

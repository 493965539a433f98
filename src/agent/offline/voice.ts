// Speaking in the persona's voice: the persona file's `voice` section (already rendered with the
// shopper's context) supplies the greeting, acknowledgements, follow-up and perks; the style
// decides how much is said around the facts. Choices are a hash of the shopper's words, so the
// same conversation always gets the same reply.
import type { Voice } from '../types.js';

export type ReplyKind = 'fact' | 'ask' | 'plain';

export interface Reply {
  kind: ReplyKind;
  body: string;
  /** A guided persona explains the next step ("Tell me your size and I'll add it"). */
  hint?: string;
  /** Open with one of the persona's acknowledgements (answers to questions, not confirmations of actions). */
  ack?: boolean;
  /** Offer the persona's perks line with this reply (shipping, loyalty, greeting). */
  perks?: boolean;
  /** End without the persona's follow-up question (the body already asks one). */
  noFollowUp?: boolean;
}

export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const firstSentence = (text: string): string => /^.*?[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? text.trim();

// A part after a list starts on its own line, so the list stays a list.
const join = (parts: Array<string | undefined | false>): string =>
  parts
    .filter((p): p is string => typeof p === 'string' && p.trim().length > 0)
    .map((p) => p.trim())
    .reduce((out, p) => (out ? `${out}${out.includes('\n') ? '\n' : ' '}${p}` : p), '');

export interface SpeakOptions {
  voice: Voice;
  /** The shopper's message: seeds the deterministic choice of acknowledgement. */
  seed: string;
  firstTurn: boolean;
  /** Every earlier reply the model sees: the perks line and the follow-up offer are said once in them. */
  earlierReplies?: string;
}

/** A warm persona prefers the acknowledgement that names the shopper (a name its greeting also uses). */
function pickAck(voice: Voice, seed: string): string | undefined {
  const acks = voice.acknowledgements;
  if (!acks.length) return undefined;
  if (voice.style === 'warm') {
    const names = new Set(voice.greeting.match(/\b[A-Z][a-z]+\b/g) ?? []);
    const personal = acks.find((a) => (a.match(/(?<=, )[A-Z][a-z]+\b/g) ?? []).some((w) => names.has(w)));
    if (personal) return personal;
  }
  return acks[hash(seed) % acks.length];
}

export function speak(reply: Reply, { voice, seed, firstTurn, earlierReplies = '' }: SpeakOptions): string {
  const warm = voice.style === 'warm';
  // The perks line once per conversation, and not next to a reply that lists the perks itself.
  const perksDue = reply.perks && !!voice.perks && !earlierReplies.includes(voice.perks.trim()) && !/\bperks\b/i.test(reply.body);
  // A warm persona opens a conversation with its greeting line ("Welcome back, Sarah!").
  const opener = firstTurn && warm && reply.kind !== 'plain' ? firstSentence(voice.greeting) : undefined;
  if (reply.kind === 'plain') return join([reply.body, perksDue && voice.perks]);
  const ack = reply.kind === 'fact' && reply.ack && !opener ? pickAck(voice, seed) : undefined;
  const perks = perksDue && (warm || voice.style === 'neutral' || firstTurn) ? voice.perks : undefined;
  const hint = voice.style === 'guided' ? reply.hint : undefined;
  const asks = reply.kind === 'ask' || reply.noFollowUp || /\?\s*$/.test(reply.body) || (hint !== undefined && /\?\s*$/.test(hint));
  // The persona's follow-up offer once in the window of turns the model sees: repeated every other turn it nags.
  const followUp = !asks && voice.followUp && !earlierReplies.includes(voice.followUp.trim()) ? voice.followUp : undefined;
  return join([opener, ack, reply.body, perks, hint, followUp]);
}

// The persona token counter builds a lighter encoder than js-tiktoken's own (no decoding
// tables): its counts must be the library's, token for token, or budgets would move.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { countTokens, countingEncoder } from '../../src/personas/tokens.js';

const promptsDir = join(import.meta.dirname, '../../prompts');
const shipped = readdirSync(promptsDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md'))
  .map((f) => readFileSync(join(promptsDir, f), 'utf8'));

const samples = [
  '',
  'Where is my order 28473?',
  "You're a VIP — we'll ship it tomorrow. Don't worry!",
  'Größe 38, Farbe: dunkelblau; «Kleid» für 129,00 €',
  '注文番号は28473です。配送状況を教えてください。',
  'emoji 👗👠✨ and zero\u200bwidth and tabs\tand\n\n\nnew lines   spaced',
  '{"orderNumber":"28473","items":[{"id":"oi_1","qty":2}]}',
  'ﬁne ligatures, ＦＵＬＬＷＩＤＴＨ, 𝔣𝔯𝔞𝔨𝔱𝔲𝔯',
];

describe('persona token counts', () => {
  const full = new Tiktoken(o200k);
  const lean = countingEncoder(o200k);

  it('match js-tiktoken token for token on varied text and on every shipped persona file', () => {
    expect(shipped.length).toBeGreaterThan(3);
    for (const text of [...samples, ...shipped]) expect(lean.encode(text)).toEqual(full.encode(text));
    expect(countTokens(shipped[0]!)).toBe(full.encode(shipped[0]!).length);
    expect(countTokens('Where is my order 28473?')).toBeGreaterThan(3);
  });

  it('still refuses special tokens in text, as the library does', () => {
    expect(() => lean.encode('hi <|endoftext|>')).toThrow(/special token/);
    expect(() => full.encode('hi <|endoftext|>')).toThrow(/special token/);
  });
});

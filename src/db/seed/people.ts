// Random shoppers: names, registration answers and loyalty derived from what they spent.
import type { Rng } from './rng.js';

export const FIRST_NAMES = [
  'Olivia',
  'Emma',
  'Ava',
  'Sophia',
  'Isabella',
  'Mia',
  'Amelia',
  'Harper',
  'Evelyn',
  'Abigail',
  'Emily',
  'Ella',
  'Chloe',
  'Grace',
  'Zoe',
  'Nora',
  'Hannah',
  'Leah',
  'Maya',
  'Aisha',
  'Priya',
  'Yuki',
  'Sofia',
  'Camila',
  'Noah',
  'Liam',
  'James',
  'Lucas',
  'Ethan',
  'Daniel',
  'Mateo',
  'Samuel',
  'David',
  'Owen',
  'Leo',
  'Kai',
  'Ines',
  'Freya',
  'Clara',
  'Julia',
  'Rosa',
  'Nadia',
  'Elif',
  'Ingrid',
  'Tomas',
  'Omar',
  'Ravi',
  'Jonas',
];
export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nguyen',
  'Patel',
  'Kim',
  'Chen',
  'Novak',
  'Costa',
  'Larsen',
  'Müller',
  'Rossi',
  'Dubois',
  'Silva',
  'Kowalski',
];

const STYLES = ['minimal', 'classic', 'romantic', 'bohemian', 'streetwear', 'sporty'];

export function registrationAnswers(rng: Rng): Record<string, string> {
  if (rng.chance(0.35)) return {};
  const answers: Record<string, string> = { style: rng.pick(STYLES) };
  if (rng.chance(0.8)) answers.shoeSize = String(rng.int(36, 45));
  if (rng.chance(0.5)) answers.fit = rng.pick(['relaxed', 'fitted', 'oversized']);
  if (rng.chance(0.3)) answers.occasion = rng.pick(['work', 'everyday', 'evening', 'travel']);
  return answers;
}

/** Tier from lifetime spend on kept orders; points are a dollar each minus some redeemed. */
export function loyaltyFor(keptSpendCents: number, rng: Rng): { loyaltyTier: string; loyaltyPoints: number } {
  const dollars = Math.floor(keptSpendCents / 100);
  const loyaltyTier = dollars >= 1500 ? 'platinum' : dollars >= 700 ? 'gold' : dollars >= 300 ? 'silver' : 'none';
  const loyaltyPoints = Math.max(0, dollars - (rng.chance(0.4) ? rng.int(0, Math.floor(dollars * 0.5)) : 0));
  return { loyaltyTier, loyaltyPoints };
}

export function emailFor(first: string, last: string, taken: Set<string>): string {
  const base = `${first}.${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '');
  let email = `${base}@example.com`;
  for (let n = 2; taken.has(email); n++) email = `${base}${n}@example.com`;
  taken.add(email);
  return email;
}

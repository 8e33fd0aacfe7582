import type { ClaimType } from '../claims/claim-vocabulary.js';

// Partial loss is looked for first and its words taken out, so "partially lost" or
// "部分丢失" is not read as a complete loss too.
const WORDS: readonly [ClaimType, RegExp][] = [
  [
    'PARTIAL_LOSS',
    /\b(missing\s+(items?|parts?|pieces?|contents?)|items?\s+(are\s+|were\s+|is\s+|was\s+)?missing|partial(ly)?\s+(loss|lost)|incomplete)\b|少件|缺少|缺件|漏发|部分丢失/giu,
  ],
  ['DAMAGE', /\b(damaged?|broken|smashed|cracked)\b|损坏|破损|损毁|摔坏|碎了/giu],
  [
    'LOSS',
    /\b(lost|loss|never\s+(arrived|received)|not\s+(arrived|received))\b|丢失|遗失|丢件|未收到|没收到/giu,
  ],
];

/**
 * What kind of claim a member's email describes (R5, R7, R8): complete loss ("lost", 丢失,
 * 遗失), partial loss ("missing items", 少件, 缺少) or damage ("damaged", 损坏, 破损), in
 * English or Chinese. Null when the text names none of them, or more than one: then the
 * member is asked rather than guessed for.
 */
export function claimTypeInText(text: string): ClaimType | null {
  let rest = text.normalize('NFC');
  const found = new Set<ClaimType>();
  for (const [type, words] of WORDS) {
    if (words.test(rest)) found.add(type);
    words.lastIndex = 0;
    rest = rest.replace(words, ' ');
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

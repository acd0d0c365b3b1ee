// operator words around a number, English and Russian: "more than", "at least", "about", "более", "не менее" …
export type Operator = "=" | ">" | "≥" | "<" | "≤" | "≈";

/** words before a number, longest first within each language (so "не менее" wins over "менее") */
export const OPERATOR_WORDS: readonly (readonly [string, Operator])[] = [
  // strict as printed: "exceeding", "more than" and "over" are >; "at least" and "not less than" are ≥
  ["not less than", "≥"],
  ["no less than", "≥"],
  ["not more than", "≤"],
  ["no more than", "≤"],
  ["more than", ">"],
  ["greater than", ">"],
  ["in excess of", ">"],
  ["exceeding", ">"],
  ["exceeds", ">"],
  ["exceeded", ">"],
  ["over", ">"],
  ["above", ">"],
  ["at least", "≥"],
  ["a minimum of", "≥"],
  ["at most", "≤"],
  ["a maximum of", "≤"],
  ["up to", "≤"],
  ["less than", "<"],
  ["fewer than", "<"],
  ["below", "<"],
  ["under", "<"],
  ["approximately", "≈"],
  ["approx.", "≈"],
  ["about", "≈"],
  ["around", "≈"],
  ["roughly", "≈"],
  ["nearly", "≈"],
  ["almost", "≈"],
  ["some", "≈"],
  ["circa", "≈"],
  ["не менее", "≥"],
  ["не меньше", "≥"],
  ["как минимум", "≥"],
  ["не более", "≤"],
  ["не больше", "≤"],
  ["не свыше", "≤"],
  ["более", ">"],
  ["больше", ">"],
  ["свыше", ">"],
  ["превышает", ">"],
  ["превысил", ">"],
  ["превысила", ">"],
  ["превысило", ">"],
  ["превысили", ">"],
  ["превышающ", ">"],
  ["менее", "<"],
  ["меньше", "<"],
  ["около", "≈"],
  ["порядка", "≈"],
  ["примерно", "≈"],
  ["приблизительно", "≈"],
  ["почти", "≈"],
];
// bare "до" is left out: after a verb of change ("выросло до 88,5") it means "to", not "up to"

/** words after a number ("3,000 or more", "10% и более") */
const AFTER_WORDS: readonly (readonly [RegExp, Operator])[] = [
  [/^\s*(?:or more|and more|and above|or higher|и более|и выше|и больше)(?![\p{L}])/iu, "≥"],
  [/^\s*(?:or less|or fewer|and below|и менее|и ниже|и меньше)(?![\p{L}])/iu, "≤"],
  [/^\+(?![\p{N}])/u, "≥"],
];

const SYMBOLS: Readonly<Record<string, Operator>> = { "~": "≈", "≈": "≈", ">": ">", "<": "<", "≥": "≥", "≤": "≤", "⩾": "≥", "⩽": "≤" };

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// a word stem ("превышающ") may take any ending; a whole word must end where it ends
const BEFORE = new RegExp(
  `(?<![\\p{L}])(${OPERATOR_WORDS.map(([w]) => (w.endsWith("щ") ? `${escape(w)}\\p{L}*` : escape(w))).join("|")})\\s+$`,
  "iu",
);

/** the operator of the number spanning [start, end): words or a sign before it, or words after it */
export function findOperator(text: string, start: number, end: number): { operator: Operator; start?: number; after?: number } {
  const sign = /([~≈><≥≤⩾⩽])\s?$/u.exec(text.slice(Math.max(0, start - 2), start));
  if (sign) return { operator: SYMBOLS[sign[1]!]!, start: start - sign[0].length };
  const before = text.slice(Math.max(0, start - 40), start);
  const m = BEFORE.exec(before);
  if (m) {
    const word = m[1]!.toLowerCase();
    const entry = OPERATOR_WORDS.find(([w]) => word === w || (w.endsWith("щ") && word.startsWith(w)));
    if (entry) return { operator: entry[1], start: start - before.length + m.index };
  }
  const rest = text.slice(end, end + 20);
  for (const [re, op] of AFTER_WORDS) {
    const a = re.exec(rest);
    if (a) return { operator: op, after: end + a[0].length };
  }
  return { operator: "=" };
}

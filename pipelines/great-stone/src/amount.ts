// amounts as Russian news tables print them: "1,35 млрд долл.", "$1,35 млрд", "более 1 000", "около 3,5 тыс."
import { parseNumber } from "@bycn/ingest";
import { QUALIFIER_WORDS, type Qualifier } from "./schemas.js";

export type Decimal = "," | ".";

/** A value cell, read. `ambiguous` means the two decimal conventions give different numbers and nothing decides. */
export type Amount =
  | { kind: "value"; value: number; qualifier: Qualifier; currency: "USD" | ""; scale: number }
  | { kind: "invalid"; reason: string }
  | { kind: "ambiguous"; readings: number[] };

const SCALES: readonly (readonly [RegExp, number])[] = [
  [/^(?:тыс|тысяч[аи]?)\.?$/u, 3],
  [/^(?:млн|миллион(?:а|ов)?)\.?$/u, 6],
  [/^(?:млрд|миллиард(?:а|ов)?)\.?$/u, 9],
];

// "долл.", "долл. США", "долларов", "$", "USD"; the space inside "долл. США" is joined before matching
const CURRENCY = /^(?:долл\.?(?:сша)?|доллар(?:а|ов)?(?:сша)?|usd|\$)$/u;

const QUALIFIERS = (Object.entries(QUALIFIER_WORDS) as [Exclude<Qualifier, "exact">, readonly string[]][])
  .flatMap(([q, words]) => words.map((w) => [w, q] as const))
  // longest first, so "больше" is not read as a shorter word
  .sort((a, b) => b[0].length - a[0].length);

/** plain value × 10^exp, rounded once: the shortest decimal text of the value is exact, so 1.35 × 10^9 is 1350000000 */
function scaled(value: number, exp: number): number {
  if (exp === 0) return value;
  const text = String(value);
  return text.includes("e") ? value * 10 ** exp : Number(`${text}e${exp}`);
}

/**
 * Readings of a bare numeral under each decimal convention, by @bycn/ingest's parseNumber: "1,500" → {",": 1.5,
 * ".": 1500}; "1,35" → {",": 1.35} (no three-digit group, so no dot reading); "1 000" → both 1000.
 */
export function numeralReadings(numeral: string, exp = 0): Partial<Record<Decimal, number>> {
  const out: Partial<Record<Decimal, number>> = {};
  for (const d of [",", "."] as const) {
    const parsed = parseNumber(numeral, { decimal: d });
    if (parsed.kind === "number") out[d] = scaled(parsed.value, exp);
  }
  return out;
}

interface Parts {
  qualifier: Qualifier;
  numeral: string;
  exp: number;
  currency: "USD" | "";
}

/** split a cell into qualifier, numeral, scale word and currency; the numeral itself is not read yet */
export function splitAmount(cell: string): Parts | { reason: string } {
  // nbsp and narrow nbsp are thousand separators in russian typography
  let rest = cell.replace(/[\u00a0\u202f\u2009]/g, " ").replace(/\s+/g, " ").trim();
  let qualifier: Qualifier = "exact";
  const lower = rest.toLowerCase();
  for (const [word, q] of QUALIFIERS) {
    if (lower.startsWith(word) && (!/^\p{L}/u.test(word) || !/\p{L}/u.test(lower.charAt(word.length)))) {
      qualifier = q;
      rest = rest.slice(word.length).trim();
      break;
    }
  }
  let currency: "USD" | "" = "";
  if (rest.startsWith("$")) {
    currency = "USD";
    rest = rest.slice(1).trim();
  }
  const m = /^(\d[\d ,.]*\d|\d)(?:\s*(.*))?$/u.exec(rest);
  if (!m?.[1]) return { reason: rest === "" ? "no number" : `no number at ${JSON.stringify(rest.slice(0, 20))}` };
  // a trailing dot belongs to an abbreviation ("1 млрд." is not "1."); the numeral regex already stops at letters
  const numeral = m[1];
  const words = (m[2] ?? "").toLowerCase().split(" ").filter((w) => w !== "");
  let exp = 0;
  const scale = words[0] === undefined ? undefined : SCALES.find(([re]) => re.test(words[0] ?? ""));
  if (scale) {
    exp = scale[1];
    words.shift();
  }
  const tail = words.join("");
  if (tail !== "") {
    if (!CURRENCY.test(tail)) return { reason: `unknown unit ${JSON.stringify(words.join(" "))}` };
    if (currency === "USD" && tail === "$") return { reason: "two currency signs" };
    currency = "USD";
  }
  return { qualifier, numeral, exp, currency };
}

/**
 * Read a value cell under the table's decimal convention. `decimal: undefined` means the table decided none:
 * a numeral both conventions can read differently ("1,500") is then ambiguous, never guessed.
 */
export function parseAmount(cell: string, decimal: Decimal | undefined): Amount {
  const parts = splitAmount(cell);
  if ("reason" in parts) return { kind: "invalid", reason: parts.reason };
  const readings = numeralReadings(parts.numeral, parts.exp);
  let value: number | undefined;
  if (decimal !== undefined) {
    value = readings[decimal];
    if (value === undefined) {
      return { kind: "invalid", reason: `${JSON.stringify(parts.numeral)} is not a number with decimal ${JSON.stringify(decimal)}, the table's convention` };
    }
  } else {
    const distinct = [...new Set(Object.values(readings))];
    if (distinct.length > 1) return { kind: "ambiguous", readings: distinct.sort((a, b) => a - b) };
    value = distinct[0];
    if (value === undefined) return { kind: "invalid", reason: `${JSON.stringify(parts.numeral)} is not a number` };
  }
  if (!Number.isFinite(value)) return { kind: "invalid", reason: "number out of range" };
  return { kind: "value", value, qualifier: parts.qualifier, currency: parts.currency, scale: parts.exp };
}

/**
 * The decimal convention a table declares through its own cells: a numeral only one convention can read is
 * evidence ("1,35", "526,4" for the comma; "1.35", "1,000,000" for the dot); "35" and "1 000" are not. Russian
 * tables write decimal commas, so any comma evidence wins and a dot decimal beside it is then an invalid number;
 * dot evidence alone → "."; no evidence → undefined, and a "1,500" is ambiguous.
 */
export function tableDecimal(cells: readonly string[]): Decimal | undefined {
  const seen = new Set<Decimal>();
  for (const cell of cells) {
    const parts = splitAmount(cell);
    if ("reason" in parts) continue;
    const r = numeralReadings(parts.numeral);
    if (r[","] !== undefined && r["."] === undefined) seen.add(",");
    if (r["."] !== undefined && r[","] === undefined) seen.add(".");
  }
  return seen.has(",") ? "," : seen.has(".") ? "." : undefined;
}

// exact decimal arithmetic for printed figures: "84.4" keeps its precision and 84.35 is not 84.34999…
/** value = m × 10^e, exactly */
export interface Decimal {
  m: bigint;
  e: number;
}

const PRINTED = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const NUMERIC = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** a figure as printed: plain decimals with optional thousands commas ("2,575.1"); undefined when it is not one */
export function parsePrinted(text: string): Decimal | undefined {
  const m = PRINTED.exec(text.trim());
  if (!m) return undefined;
  const int = m[2]!.replaceAll(",", "");
  const frac = m[3] ?? "";
  return { m: BigInt(`${m[1]}${int}${frac}`), e: -frac.length };
}

/** a finite number by its shortest round-trip decimal text, so 0.1 is exactly 1 × 10^-1 */
export function fromNumber(x: number): Decimal {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const m = NUMERIC.exec(String(x));
  if (!m) throw new RangeError(`unexpected number text: ${String(x)}`);
  const frac = m[3] ?? "";
  return { m: BigInt(`${m[1]}${m[2]}${frac}`), e: Number(m[4] ?? 0) - frac.length };
}

/** number of decimals a printed figure shows: "84.4" → 1, "2,575.1" → 1, "1" → 0 */
export function decimalsOf(d: Decimal): number {
  return -d.e;
}

function align(a: Decimal, b: Decimal): [bigint, bigint] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e)];
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y] = align(a, b);
  return { m: x + y, e: Math.min(a.e, b.e) };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return add(a, { m: -b.m, e: b.e });
}

/** multiply by 10^k (unit scale: "USD bn" → k = 9) */
export function shift(a: Decimal, k: number): Decimal {
  return { m: a.m, e: a.e + k };
}

/** half of one unit in the last digit: "84.4" → 0.05 */
export function halfUnit(d: Decimal): Decimal {
  return { m: 5n, e: d.e - 1 };
}

/** one unit in the last digit: "84.4" → 0.1 */
export function unitOf(d: Decimal): Decimal {
  return { m: 1n, e: d.e };
}

/** round half away from zero to exponent e (e = -1: one decimal) */
export function roundTo(a: Decimal, e: number): Decimal {
  if (a.e >= e) return a;
  const p = 10n ** BigInt(e - a.e);
  const neg = a.m < 0n;
  const abs = neg ? -a.m : a.m;
  const q = (abs * 2n + p) / (2n * p);
  return { m: neg ? -q : q, e };
}

/** truncate toward zero to exponent e */
export function truncateTo(a: Decimal, e: number): Decimal {
  if (a.e >= e) return a;
  return { m: a.m / 10n ** BigInt(e - a.e), e };
}

export function toNumber(a: Decimal): number {
  return Number(toText(a));
}

/** plain decimal text, no exponent, keeping the exponent's decimals: {m: 8440n, e: -2} → "84.40" */
export function toText(a: Decimal): string {
  const neg = a.m < 0n;
  const digits = (neg ? -a.m : a.m).toString();
  let out: string;
  if (a.e >= 0) out = digits + "0".repeat(a.e);
  else {
    const n = -a.e;
    const padded = digits.padStart(n + 1, "0");
    out = `${padded.slice(0, padded.length - n)}.${padded.slice(padded.length - n)}`;
  }
  return neg ? `-${out}` : out;
}

// the printed figure as exact bounds in the data's unit, and whether a data value fits it (rounding- and operator-aware)
import { type Decimal, add, compare, fromNumber, halfUnit, parsePrinted, shift, sub, truncateTo } from "./decimal.js";
import type { DataPoint } from "./data.js";
import type { Claim } from "./verdict.js";

/** printed units that are a power of ten of the data's unit (the park publishes USD, the article prints USD bn) */
export const UNIT_SCALE: Readonly<Record<string, number>> = {
  "USD bn": 9,
  "USD m": 6,
  thousand: 3,
  million: 6,
  billion: 9,
};

/** The printed figure as exact bounds in the data's unit. */
export interface Target {
  printed: Decimal;
  /** printed × 10^scale: the figure in the data's unit */
  value: Decimal;
  scale: number;
  operator: Claim["operator"];
  tolerance: Decimal | undefined;
}

export function targetOf(claim: Pick<Claim, "printed" | "unit" | "operator" | "tolerance">): Target | undefined {
  const printed = parsePrinted(claim.printed);
  if (!printed) return undefined;
  const scale = UNIT_SCALE[claim.unit] ?? 0;
  const tolerance = claim.tolerance === null ? undefined : shift(fromNumber(claim.tolerance), scale);
  return { printed, value: shift(printed, scale), scale, operator: claim.operator, tolerance };
}

/** does x (in the data's unit) fit the printed figure? "=" and "≈" use [p − ½ unit, p + ½ unit) of the last digit;
 *  the inequalities are strict as printed ("more than 3,000" is not 3,000) */
export function fits(x: Decimal, t: Target): boolean {
  const c = compare(x, t.value);
  switch (t.operator) {
    case ">":
      return c > 0;
    case "≥":
      return c >= 0;
    case "<":
      return c < 0;
    case "≤":
      return c <= 0;
    case "≈":
      if (t.tolerance) return compare(absDec(sub(x, t.value)), t.tolerance) <= 0;
      return inRounding(x, t);
    case "=":
      return inRounding(x, t);
  }
}

/** a bound from the source ("more than 1,000") fits only a claim bounded the same way and at least as loosely */
export function fitsValue(value: Decimal, points: readonly DataPoint[], t: Target): boolean {
  const bound = points.length === 1 ? points[0]!.bound : undefined;
  if (bound === undefined) return fits(value, t);
  const cmp = compare(value, t.value);
  if (bound === "lower") return (t.operator === ">" || t.operator === "≥") && cmp >= 0;
  return (t.operator === "<" || t.operator === "≤") && cmp <= 0;
}

function inRounding(x: Decimal, t: Target): boolean {
  const h = halfUnit(t.value);
  return compare(x, sub(t.value, h)) >= 0 && compare(x, add(t.value, h)) < 0;
}

/** does the operator compare at the printed precision (= and ≈ without a tolerance)? */
export function byRounding(t: Target): boolean {
  return t.operator === "=" || (t.operator === "≈" && !t.tolerance);
}

/** would cutting x off after the printed last digit (instead of rounding) give the printed figure? */
export function truncatesTo(x: Decimal, t: Target): boolean {
  return compare(truncateTo(x, t.value.e), t.value) === 0;
}

export function absDec(a: Decimal): Decimal {
  return a.m < 0n ? { m: -a.m, e: a.e } : a;
}

/** drop trailing zeros after the decimal point */
export function trim(a: Decimal): Decimal {
  let { m, e } = a;
  while (e < 0 && m % 10n === 0n && m !== 0n) {
    m /= 10n;
    e += 1;
  }
  return { m, e };
}

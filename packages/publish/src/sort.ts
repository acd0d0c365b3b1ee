// deterministic row order: by primary key, typed comparison (years as numbers), never locale-dependent
import { PublishError } from "./errors.js";

const DIGITS = /^\d+$/;

function rank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === "boolean") return 1;
  if (typeof v === "number") return 2;
  return 3;
}

/** null/undefined < booleans < numbers < strings; digit-only strings compare as numbers; text by code unit (no locale). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (ra === 0) return 0;
  const sa = String(a);
  const sb = String(b);
  if (DIGITS.test(sa) && DIGITS.test(sb)) {
    const ta = sa.replace(/^0+(?=\d)/, "");
    const tb = sb.replace(/^0+(?=\d)/, "");
    if (ta.length !== tb.length) return ta.length - tb.length;
    if (ta !== tb) return ta < tb ? -1 : 1;
  }
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function compareBy(keys: readonly string[]): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = compareValues(a[k], b[k]);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** A sorted copy by `keys` (stable). With `unique`, two rows with the same key are a programming error upstream. */
export function sortRows<R extends Record<string, unknown>>(rows: readonly R[], keys: readonly string[], unique: boolean): R[] {
  const cmp = compareBy(keys);
  const sorted = [...rows].sort(cmp);
  if (unique && keys.length > 0) {
    for (let i = 1; i < sorted.length; i++) {
      if (cmp(sorted[i - 1] as R, sorted[i] as R) === 0) {
        const key = keys.map((k) => JSON.stringify((sorted[i] as R)[k] ?? null)).join(", ");
        throw new PublishError(`duplicate primary key (${keys.join(", ")}) = (${key})`);
      }
    }
  }
  return sorted;
}

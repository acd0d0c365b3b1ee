// the published-precision rule: two printed numbers are the same value when they differ by less than half a unit
// of the last digit the coarser side printed

/** a printed number as an exact decimal: value = digits × 10^-scale (scale may be negative: "1.2e+006" has -5) */
export interface PrintedDecimal {
  digits: bigint;
  scale: number;
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Read a cell as printed; undefined for text that is not a plain or exponent-notation decimal. */
export function printedDecimal(text: string): PrintedDecimal | undefined {
  const m = NUMBER.exec(text.trim());
  if (!m) return undefined;
  const [, sign = "", int = "", frac = "", exp = "0"] = m;
  if (int === "" && frac === "") return undefined;
  // a printed table never needs more; a huge exponent would make the exact comparison allocate without bound
  if (Math.abs(Number(exp)) > 400 || int.length + frac.length > 400) return undefined;
  const digits = BigInt(`${int}${frac}`) * (sign === "-" ? -1n : 1n);
  return { digits, scale: frac.length - Number(exp) };
}

/** decimals a printed cell shows ("77.4827" → 4, "90.60" → 2, "21000" → 0, "1.2e+006" → -5) */
export function printedDecimals(text: string): number | undefined {
  return printedDecimal(text)?.scale;
}

/**
 * Same value at the published precision? The coarser of the two printings sets the unit u = 10^-d of its last
 * digit; the cells are the same when |a − b| < u/2 (exactly, in decimal: "90.6" vs "90.60001" same, "90.6" vs
 * "90.65" not, "77.4827" vs "77.48270" same, "77.48" vs "77.49" not). Cells that are not both numbers compare as text.
 */
export function samePrinted(a: string, b: string): boolean {
  if (a === b) return true;
  const x = printedDecimal(a);
  const y = printedDecimal(b);
  if (!x || !y) return false;
  const fine = Math.max(x.scale, y.scale);
  const coarse = Math.min(x.scale, y.scale);
  const ax = x.digits * 10n ** BigInt(fine - x.scale);
  const by = y.digits * 10n ** BigInt(fine - y.scale);
  const diff = ax > by ? ax - by : by - ax;
  // |a − b| < ½·10^(fine − coarse) in units of 10^-fine
  return 2n * diff < 10n ** BigInt(fine - coarse);
}

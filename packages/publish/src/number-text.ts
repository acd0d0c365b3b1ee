// String(n) remembered for the numbers printed last: a row's csv line and its json line print the same numbers

const SLOTS = 256;
const numbers = new Float64Array(SLOTS);
const texts: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);

/**
 * `String(n)`, the same text: a double's shortest round-trip form is dear to find, and csvLine and jsonLine each
 * print the year, the value and the line of a row. Slots are picked by the integer part; equal doubles share a text
 * (0 and -0 both print "0"), NaN is never found and is printed each time.
 */
export function numberText(n: number): string {
  const slot = (n | 0) & (SLOTS - 1);
  if (numbers[slot] === n) {
    const t = texts[slot];
    if (t !== undefined) return t;
  }
  const t = String(n);
  numbers[slot] = n;
  texts[slot] = t;
  return t;
}

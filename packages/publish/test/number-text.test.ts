// numberText remembers the numbers printed last: it must print exactly what String prints, whatever came before
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberText } from "../src/number-text.js";

describe("numberText", () => {
  it("same-text-as-String-for-any-sequence: doubles sharing a slot, -0, NaN, infinities, repeats", () => {
    // few integer parts, so that values collide in a slot and repeat, as a row's csv and json lines repeat them
    const collide = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, 0.5, 0.25, 1e-9, 256, 512)).map(([i, f]) => i + f);
    const any = fc.oneof(collide, fc.double(), fc.constantFrom(-0, 0, Number.NaN, Infinity, -Infinity, 2 ** 31, 2 ** 32 + 1));
    fc.assert(
      fc.property(fc.array(any, { maxLength: 60 }), (xs) => {
        for (const x of [...xs, ...xs.reverse()]) expect(numberText(x)).toBe(String(x));
      }),
      { numRuns: 300 },
    );
  });
});

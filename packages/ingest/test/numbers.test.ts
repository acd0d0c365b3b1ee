// number cells as the sources print them: %g exponents, decimal commas, digit groups, percent signs, missing markers
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isMissingMarker, parseNumber, type NumberOptions } from "@bycn/ingest";

type Expect = number | "missing" | "invalid";
const cases: [name: string, text: string, opts: NumberOptions, expected: Expect][] = [
  // ITU DataHub prints dataValue with C's %g: 3-digit exponents (1,869 of 6,271 values in the subscriptions export)
  ["exponent-with-three-digits", "9.32177e+006", {}, 9321770],
  ["exponent-with-three-digits-billions", "1.87001e+009", {}, 1870010000],
  ["exponent-with-three-digits-round", "1.2e+006", {}, 1200000],
  ["exponent-unit-break-i147dl", "3.15621e+008", {}, 315621000],
  // WDI prints tiny shares with an upper-case exponent
  ["upper-case-exponent", "9.17E-05", {}, 0.0000917],
  ["six-significant-digits", "101.619", {}, Number("101.619")],
  ["plain-integer", "21000", {}, 21000],
  ["zero-is-a-number", "0", {}, 0],
  ["zero-decimal", "0.0", {}, 0],
  ["negative-zero-is-zero", "-0", {}, 0],
  ["leading-and-trailing-spaces", "  89.4918 ", {}, 89.4918],
  ["leading-and-trailing-nbsp", "\u00A089.4918\u00A0", {}, 89.4918],
  ["explicit-plus", "+5", {}, 5],
  ["unicode-minus", "\u22122.5", {}, -2.5],
  ["hyphen-minus", "-2.5", {}, -2.5],
  ["percent-sign", "12.5%", {}, 12.5],
  ["percent-sign-after-nbsp", "12,5\u00A0%", { decimal: "," }, 12.5],
  ["leading-dot", ".5", {}, 0.5],
  // BELTA / Belstat: decimal comma, thousands grouped with (narrow) no-break spaces
  ["decimal-comma", "1,35", { decimal: "," }, 1.35],
  ["decimal-comma-negative", "-0,7", { decimal: "," }, -0.7],
  ["thousands-space", "1 234 567", {}, 1234567],
  ["thousands-nbsp", "1\u00A0234,5", { decimal: "," }, 1234.5],
  ["thousands-narrow-nbsp", "12\u202F345", { decimal: "," }, 12345],
  ["thousands-apostrophe", "1'234.5", {}, 1234.5],
  ["thousands-right-single-quote", "1\u2019234", {}, 1234],
  ["thousands-comma-with-decimal-point", "1,234,567.89", {}, 1234567.89],
  ["thousands-dot-with-decimal-comma", "1.234.567,89", { decimal: "," }, 1234567.89],
  ["auto-both-separators", "1.234,5", { decimal: "auto" }, 1234.5],
  ["auto-both-separators-en", "1,234.5", { decimal: "auto" }, 1234.5],
  ["auto-single-comma-not-three-digits", "1,35", { decimal: "auto" }, 1.35],
  ["auto-repeated-groups", "1,234,567", { decimal: "auto" }, 1234567],
  ["auto-leading-zero-is-decimal", "0,500", { decimal: "auto" }, 0.5],
  ["auto-space-group-then-comma", "1 500,000", { decimal: "auto" }, 1500],
  ["auto-exponent", "1.234e5", { decimal: "auto" }, 123400],
  // ambiguous or wrong: invalid with a reason, never guessed
  ["ambiguous-1,500", "1,500", { decimal: "auto" }, "invalid"],
  ["ambiguous-101.619-in-auto", "101.619", { decimal: "auto" }, "invalid"],
  ["decimal-comma-in-point-table", "1,35", {}, "invalid"],
  ["decimal-point-in-comma-table", "1.5", { decimal: "," }, "invalid"],
  ["bad-groups", "12,34,567", {}, "invalid"],
  ["mixed-group-separators", "1 234,567.5", {}, "invalid"],
  ["two-decimal-points", "1.2.3", {}, "invalid"],
  ["grouping-with-exponent", "1,234e5", {}, "invalid"],
  ["text", "Belarus", {}, "invalid"],
  ["hex-is-not-a-number", "0x10", {}, "invalid"],
  ["infinity-word", "Infinity", {}, "invalid"],
  ["overflow", "1e999", {}, "invalid"],
  ["sign-only-plus", "+", {}, "invalid"],
  // missing markers: distinct from zero
  ["missing-markers-not-zero-empty", "", {}, "missing"],
  ["missing-markers-not-zero-double-dot", "..", {}, "missing"],
  ["missing-markers-not-zero-ellipsis", "…", {}, "missing"],
  ["missing-markers-not-zero-three-dots", "...", {}, "missing"],
  ["missing-markers-not-zero-dash", "-", {}, "missing"],
  ["missing-markers-not-zero-en-dash", "–", {}, "missing"],
  ["missing-markers-not-zero-em-dash", "—", {}, "missing"],
  ["missing-markers-not-zero-na", "n/a", {}, "missing"],
  ["missing-markers-not-zero-NA-upper", "N/A", {}, "missing"],
  ["missing-markers-not-zero-NA", "NA", {}, "missing"],
  ["missing-markers-not-zero-cyrillic-ha", "х", { decimal: "," }, "missing"],
  ["missing-markers-not-zero-cyrillic-ha-upper", "Х", { decimal: "," }, "missing"],
  ["missing-markers-not-zero-latin-x", "x", {}, "missing"],
  ["missing-markers-not-zero-spaces", "   ", {}, "missing"],
];

describe("parseNumber", () => {
  it.each(cases)("%s: %j", (_name, text, opts, expected) => {
    const parsed = parseNumber(text, opts);
    if (expected === "missing") {
      expect(parsed).toEqual({ kind: "missing", marker: text.trim() });
      expect(isMissingMarker(text)).toBe(true);
    } else if (expected === "invalid") {
      expect(parsed).toMatchObject({ kind: "invalid", text });
      expect(parsed.kind === "invalid" && parsed.reason.length).toBeGreaterThan(5);
      expect(isMissingMarker(text)).toBe(false);
    } else {
      expect(parsed).toEqual({ kind: "number", value: expected });
      expect(isMissingMarker(text)).toBe(false);
    }
  });

  it("ambiguous-1,500 says why", () => {
    const parsed = parseNumber("1,500", { decimal: "auto" });
    expect(parsed.kind === "invalid" && parsed.reason).toMatch(/ambiguous.*1\.5|ambiguous.*1500/);
  });

  it("round-trips every double printed by JS (decimal point)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const parsed = parseNumber(String(x));
        expect(parsed).toEqual({ kind: "number", value: x === 0 ? 0 : x });
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips %g-style and grouped renderings of integers", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const value = n === 0 ? 0 : n;
        expect(parseNumber(n.toExponential())).toEqual({ kind: "number", value });
        expect(parseNumber(n.toLocaleString("en-US"))).toEqual({ kind: "number", value });
        expect(parseNumber(n.toLocaleString("ru-RU").replace("-", "\u2212"), { decimal: "," })).toEqual({ kind: "number", value });
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.constantFrom<"." | "," | "auto">(".", ",", "auto"), (s, decimal) => {
        const parsed = parseNumber(s, { decimal });
        expect(["number", "missing", "invalid"]).toContain(parsed.kind);
        if (parsed.kind === "number") expect(Number.isFinite(parsed.value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

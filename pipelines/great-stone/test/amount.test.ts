// value cells: decimal commas, scale words, currency, bounds, and numbers only the table's convention can decide
import { describe, expect, it } from "vitest";
import { parseAmount, tableDecimal, type Amount } from "@bycn/pipeline-great-stone";

const value = (v: number, qualifier = "exact", currency = "") => ({ kind: "value", value: v, qualifier, currency });
const pick = (a: Amount) => (a.kind === "value" ? { kind: a.kind, value: a.value, qualifier: a.qualifier, currency: a.currency } : a);

describe("parseAmount", () => {
  it.each([
    ["billions-decimal-comma-no-currency", "1,35 млрд", value(1.35e9)],
    ["dollar-sign-prefix", "$1,35 млрд", value(1.35e9, "exact", "USD")],
    ["currency-word-after-scale", "1,35 млрд долл.", value(1.35e9, "exact", "USD")],
    ["currency-two-words", "1,35 млрд долл. США", value(1.35e9, "exact", "USD")],
    ["dollar-sign-suffix", "1,35 млрд $", value(1.35e9, "exact", "USD")],
    ["millions-one-decimal", "526,4 млн долл.", value(526_400_000, "exact", "USD")],
    ["one-decimal-billions", "1,7 млрд", value(1.7e9)],
    ["thousands-word", "около 3,5 тыс.", value(3500, "about")],
    ["space-thousands-group", "14 000", value(14000)],
    ["nbsp-thousands-group", "14\u00a0000", value(14000)],
    ["lower-bound", "более 1 000", value(1000, "more_than")],
    ["almost", "почти 1 млрд долл.", value(1e9, "almost", "USD")],
    ["about-with-dollar", "около $500 млн", value(5e8, "about", "USD")],
    ["upper-bound", "менее 10", value(10, "less_than")],
    ["capitalised-qualifier", "Более 877 млн долл.", value(877e6, "more_than", "USD")],
    ["spelled-scale", "2 миллиарда долларов", value(2e9, "exact", "USD")],
  ])("%s: %s", (_name, cell, want) => {
    expect(pick(parseAmount(cell, ","))).toEqual(want);
  });

  it("decimal-comma-exact-in-base-units: no binary residue from scaling", () => {
    for (const [cell, want] of [["1,35 млрд", 1350000000], ["526,4 млн", 526400000], ["1,25 млрд", 1250000000], ["0,1 млн", 100000]] as const) {
      const a = parseAmount(cell, ",");
      expect(a.kind === "value" && a.value).toBe(want);
    }
  });

  it("ambiguous-thousands-or-decimal: 1,500 is 1.5 under a declared comma, 1500 under a declared dot, ambiguous otherwise", () => {
    expect(pick(parseAmount("1,500", ","))).toEqual(value(1.5));
    expect(pick(parseAmount("1,500", "."))).toEqual(value(1500));
    expect(parseAmount("1,500", undefined)).toEqual({ kind: "ambiguous", readings: [1.5, 1500] });
    expect(parseAmount("1,500 млрд", undefined)).toEqual({ kind: "ambiguous", readings: [1.5e9, 1.5e12] });
  });

  it("unambiguous-without-convention: a numeral with one reading needs no declaration", () => {
    expect(pick(parseAmount("1,35 млрд", undefined))).toEqual(value(1.35e9));
    expect(pick(parseAmount("1 000", undefined))).toEqual(value(1000));
  });

  it.each([
    ["dot-decimal-in-comma-table", "1.35"],
    ["rubles", "1,35 млрд руб."],
    ["percent", "5%"],
    ["words-only", "много"],
    ["empty", ""],
    ["two-currency-signs", "$1 млрд $"],
    ["broken-group", "1 00"],
  ])("invalid: %s", (_name, cell) => {
    expect(parseAmount(cell, ",").kind).toBe("invalid");
  });
});

describe("tableDecimal", () => {
  it.each([
    ["comma-evidence", ["35", "1,35 млрд долл."], ","],
    ["dot-evidence", ["35", "$1.35 млрд"], "."],
    ["dot-evidence-comma-groups", ["1,000,000"], "."],
    ["no-evidence-integers-and-groups", ["35", "1 000", "14 000"], undefined],
    ["no-evidence-ambiguous-only", ["1,500"], undefined],
    ["conflicting-evidence-comma-wins", ["1,35", "1.35"], ","],
  ] as const)("%s", (_name, cells, want) => {
    expect(tableDecimal(cells)).toBe(want);
  });
});

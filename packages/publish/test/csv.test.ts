// csv and json renderings: number forms, quoting, the formula guard, determinism, parse(render(x)) == x
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainNumber, renderCsv, renderJson, PublishError } from "../src/index.js";
import { columnsOf } from "../src/csv.js";

const Sample = z.object({
  id: z.string().min(1),
  year: z.number().int().min(1960).max(2100),
  value: z.number(),
  flag: z.boolean(),
  note: z.string(),
  maybe: z.number().optional(),
});
const spec = { schema: Sample };
const text = (b: Uint8Array): string => new TextDecoder("utf-8", { fatal: true }).decode(b);

/** test-only reader: csv-parse, then types back from the schema and the documented escape undone */
function parseCsvBack(s: { schema: z.ZodObject }, csv: string): { header: string[]; rows: Record<string, unknown>[] } {
  const records = parse(csv, { relax_column_count: false }) as string[][];
  const [header = [], ...body] = records;
  const cols = columnsOf(s);
  const rows = body.map((cells) => {
    const row: Record<string, unknown> = {};
    cols.forEach((c, i) => {
      const cell = cells[i] ?? "";
      if (c.type === "string") row[c.name] = cell.startsWith("'") ? cell.slice(1) : cell;
      else if (cell === "") row[c.name] = undefined;
      else if (c.type === "boolean") row[c.name] = cell === "true";
      else row[c.name] = Number(cell);
    });
    return row;
  });
  return { header, rows };
}

describe("plainNumber", () => {
  it.each([
    ["itu-g-format-exponent", 1.87001e9, "1870010000"],
    ["exponent-with-three-digits-small", 9.32177e6, "9321770"],
    ["tiny-value", 1.5e-7, "0.00000015"],
    ["beyond-1e21", 1e21, "1000000000000000000000"],
    ["beyond-1e21-with-digits", -1.2345e22, "-12345000000000000000000"],
    ["decimal", 89.4918, "89.4918"],
    ["negative-zero", -0, "0"],
    ["integer", 21000, "21000"],
    ["smallest-subnormal", 5e-324, `0.${"0".repeat(323)}5`],
  ])("%s", (_name, n, expected) => {
    expect(plainNumber(n)).toBe(expected);
    expect(Number(plainNumber(n))).toBe(n === 0 ? 0 : n);
  });

  it("never-an-exponent-and-always-round-trips", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = plainNumber(n);
        expect(s).not.toMatch(/e/i);
        expect(Number(s)).toBe(n === 0 ? 0 : n);
      }),
      { numRuns: 2000 },
    );
  });

  it("non-finite-is-a-programming-error", () => {
    expect(() => plainNumber(Number.NaN)).toThrow(PublishError);
    expect(() => plainNumber(Number.POSITIVE_INFINITY)).toThrow(PublishError);
  });
});

describe("renderCsv", () => {
  const row = { id: "BLR", year: 2022, value: 89.4918, flag: true, note: "" };

  it("header-in-schema-order-lf-no-bom", () => {
    const bytes = renderCsv(spec, [row]);
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(text(bytes)).toBe("id,year,value,flag,note,maybe\nBLR,2022,89.4918,true,,\n");
  });

  it.each([
    ["comma", "a,b", '"a,b"'],
    ["quote", 'say "hi"', '"say ""hi"""'],
    ["embedded-lf", "a\nb", '"a\nb"'],
    ["embedded-crlf", "a\r\nb", '"a\r\nb"'],
    ["leading-space", " a", '" a"'],
    ["trailing-space", "a ", '"a "'],
    ["plain-unicode", "Беларусь 中国", "Беларусь 中国"],
  ])("quoting-%s", (_name, note, cell) => {
    expect(text(renderCsv(spec, [{ ...row, note }])).split("\n").slice(1).join("\n")).toBe(`BLR,2022,89.4918,true,${cell},\n`);
  });

  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+1", "'+1"],
    ["-x", "'-x"],
    ["@cmd", "'@cmd"],
    ["\tfoo", "'\tfoo"],
    ["\rbar", `"'\rbar"`],
    ["'quoted", "''quoted"],
    ["a=b", "a=b"],
  ])("formula-guard-text-cell %j", (note, cell) => {
    const line = text(renderCsv(spec, [{ ...row, note }])).slice("id,year,value,flag,note,maybe\n".length);
    expect(line).toBe(`BLR,2022,89.4918,true,${cell},\n`);
  });

  it("closed-enum-operator-is-not-escaped-but-free-text-is", () => {
    const s = { schema: z.object({ operator: z.enum(["=", ">", "≥", "≈"]), note: z.string() }) };
    expect(text(renderCsv(s, [{ operator: "=", note: "=1+1" }]))).toBe("operator,note\n=,'=1+1\n");
  });

  it("negative-number-in-number-column-is-not-escaped", () => {
    const line = text(renderCsv(spec, [{ ...row, value: -12.5, maybe: -3 }])).split("\n")[1];
    expect(line).toBe("BLR,2022,-12.5,true,,-3");
  });

  it("one-column-empty-row-is-not-a-blank-line", () => {
    const s = { schema: z.object({ a: z.string() }) };
    expect(text(renderCsv(s, [{ a: "" }, { a: "x" }]))).toBe('a\n""\nx\n');
  });

  it("wrong-type-and-lone-surrogate-are-programming-errors", () => {
    expect(() => renderCsv(spec, [{ ...row, year: "2022" }])).toThrow(PublishError);
    expect(() => renderCsv(spec, [{ ...row, note: "a\ud800b" }])).toThrow(PublishError);
  });

  it("deterministic-byte-identical", () => {
    const rows = [row, { ...row, id: "CHN", note: "=1", maybe: 1.87001e9 }];
    expect(renderCsv(spec, rows)).toEqual(renderCsv(spec, rows.map((r) => ({ ...r }))));
    expect(renderJson(spec, rows)).toEqual(renderJson(spec, rows.map((r) => ({ ...r }))));
  });

  const tricky = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", "'", '"', ",", " ", "a", "Z", "9", "é", "中", "😀") });
  const textArb = fc.oneof(tricky, fc.string({ unit: "grapheme" }));
  const rowArb = fc.record(
    {
      id: textArb.filter((s) => s.length > 0),
      year: fc.integer({ min: 1960, max: 2100 }),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
      flag: fc.boolean(),
      note: textArb,
      maybe: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
    },
    { requiredKeys: ["id", "year", "value", "flag", "note"] },
  );

  it("parse-render-round-trips-modulo-the-documented-escape", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 20 }), (rows) => {
        const back = parseCsvBack(spec, text(renderCsv(spec, rows)));
        expect(back.header).toEqual(Object.keys(Sample.shape));
        expect(back.rows).toEqual(rows.map((r) => ({ ...r, maybe: r.maybe })));
      }),
      { numRuns: 300 },
    );
  });
});

describe("renderJson", () => {
  it("one-row-per-line-schema-key-order-trailing-newline", () => {
    const out = text(renderJson(spec, [{ note: "=x", flag: false, value: 1.5e-7, year: 2020, id: "a" }]));
    expect(out).toBe('[\n{"id":"a","year":2020,"value":1.5e-7,"flag":false,"note":"=x"}\n]\n');
    expect(JSON.parse(out)).toEqual([{ id: "a", year: 2020, value: 1.5e-7, flag: false, note: "=x" }]);
  });

  it("empty-is-an-empty-array", () => {
    expect(text(renderJson(spec, []))).toBe("[]\n");
  });
});

// csvLine and jsonLine against the straightforward algorithms they replaced: the same text and the same errors for any
// row, and for any sequence of rows (what they remember of earlier rows must never show in a later one)
import { Observation } from "@bycn/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsOf, csvLine, csvLineReference as refCsvLine, type CsvColumn } from "../src/csv.js";
import { PublishError } from "../src/errors.js";
import { jsonKeysOf, jsonLine, jsonLineReference as refJsonLine, type JsonKey } from "../src/json.js";
import type { TableFieldType } from "../src/table-schema.js";

// PUBLISH_PROPERTY_RUNS=5000 for a longer local hunt
const RUNS = Number(process.env.PUBLISH_PROPERTY_RUNS ?? 300);

type Outcome = { text: string } | { error: string };

/** the text, or the error's class and message */
function outcome(render: () => string): Outcome {
  try {
    return { text: render() };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

const keysOf = (names: readonly string[]): JsonKey[] => names.map((k) => ({ k, prefix: `${JSON.stringify(k)}:` }));

/** every row of the sequence renders as the reference renders it, in the same order, errors included */
function expectSameAsReference(columns: readonly CsvColumn[], keys: readonly JsonKey[], rows: readonly Record<string, unknown>[]): void {
  for (const row of rows) {
    expect(outcome(() => csvLine(columns, row))).toEqual(outcome(() => refCsvLine(columns, row)));
    expect(outcome(() => jsonLine(keys, row))).toEqual(outcome(() => refJsonLine(keys, row)));
  }
}

// ---- rows: few distinct values, so that rows repeat cells as rows in file order do, plus the hard characters ----

// characters that change csv quoting, the formula guard or json escaping; lone surrogates and pairs
const UNITS = ["=", "+", "-", "@", "\t", "\r", "\n", "'", '"', ",", " ", "\\", "/", "a", "Z", "9", "é", "中", "😀", "\u0000", "\u001f", "\u007f", "\u2028", "\ud800", "\udc00", "\ud83d", "\udfff", "\udbff\udfff"];
const tricky = fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 6 });
const clean = fc.string({ unit: fc.constantFrom(...UNITS.filter((u) => !/[\ud800-\udfff]/.test(u) || u.length === 2)), maxLength: 6 });
const POOL = ["", "BLR", "Belarus", "Hong Kong, China", 'say "hi"', " lead", "trail ", "\tTab", "=SUM(A1)", "-3", "'q", "Беларусь 中国", "a\r\nb", "😀"];
const text = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...POOL) }, { weight: 3, arbitrary: clean }, { weight: 1, arbitrary: tricky });

const NUMBERS = [0, -0, 1, -1, 2022, 89.4918, 1.87001e9, 1e-7, 1.5e-7, 1e-6, 9.99e-7, 123456.789, 1e21, 999999999999999900000, 1.5e300, -1.2345e22, 5e-324, Number.MAX_SAFE_INTEGER];
const number = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -1e6, max: 1e6 }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);
// values of the wrong kind for a column: each is a programming error in csv, and json writes what JSON.stringify writes
const stray = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constantFrom<unknown>(10n, Symbol.for("s"), () => 1, new Date(Date.UTC(2020, 0, 2)), [1, "a"], { a: 1 }, { toJSON: () => "t" }),
);
const absent = fc.constantFrom(undefined, null);

/** a value for a column of this type: mostly its own kind, sometimes absent, rarely a stray */
function valueFor(type: TableFieldType): fc.Arbitrary<unknown> {
  const own = type === "boolean" ? fc.boolean() : type === "integer" || type === "number" || type === "year" ? number : type === "string" || type === "date" || type === "datetime" ? text : stray;
  return fc.oneof({ weight: 16, arbitrary: own }, { weight: 3, arbitrary: absent }, { weight: 1, arbitrary: stray });
}

/** how a row object holds its values: in column order, shuffled, with undefined keys left out, with extra or inherited keys */
const layout = fc.record({
  order: fc.constantFrom("columns", "columns", "columns", "reversed", "rotated"),
  omitUndefined: fc.boolean(),
  extra: fc.constantFrom("none", "none", "after", "before"),
  inherit: fc.boolean(),
});

function rowArb(columns: readonly CsvColumn[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.tuple(...columns.map((c) => valueFor(c.type))), layout).map(([values, how]) => {
    const entries: [string, unknown][] = columns.map((c, i) => [c.name, values[i]]);
    let ordered = how.order === "reversed" ? [...entries].reverse() : how.order === "rotated" ? [...entries.slice(1), ...entries.slice(0, 1)] : entries;
    if (how.omitUndefined) ordered = ordered.filter(([, v]) => v !== undefined);
    if (how.extra === "before") ordered = [["zz_extra", "x"], ...ordered];
    if (how.extra === "after") ordered = [...ordered, ["zz_extra", "x"]];
    if (how.inherit && ordered.length > 1) {
      const [last, ...rest] = [...ordered].reverse();
      const row = Object.create(Object.fromEntries([last!])) as Record<string, unknown>;
      for (const [k, v] of rest.reverse()) row[k] = v;
      return row;
    }
    return Object.fromEntries(ordered);
  });
}

const col = (name: string, type: TableFieldType, escape = true): CsvColumn => ({ name, type, escape });

// every type, the formula guard on and off, and a type formatCell has no case for
const MIXED: CsvColumn[] = [
  col("id", "string"),
  col("operator", "string", false),
  col("day", "date"),
  col("at", "datetime"),
  col("n", "integer"),
  col("x", "number"),
  col("year", "year"),
  col("flag", "boolean"),
  col("note", "string"),
  col("odd", "geopoint" as TableFieldType),
  col("last", "number"),
];
const MIXED_KEYS = keysOf(MIXED.map((c) => c.name));

const OBS_SPEC = { schema: Observation };
const OBS_COLUMNS = columnsOf(OBS_SPEC);
const OBS_KEYS = jsonKeysOf(OBS_SPEC);

describe("csvLine and jsonLine write what the old algorithms wrote", () => {
  it("same-text-and-errors-for-any-sequence-of-rows-of-every-column-type", () => {
    fc.assert(
      fc.property(fc.array(rowArb(MIXED), { maxLength: 40 }), (rows) => expectSameAsReference(MIXED, MIXED_KEYS, rows)),
      { numRuns: RUNS },
    );
  });

  it("same-text-and-errors-for-itu-indicators-rows-in-file-order", () => {
    // runs of rows that differ in year, value and line only, now and then a new note, economy or series
    const series = fc.record({
      head: rowArb(OBS_COLUMNS),
      years: fc.array(fc.record({ year: valueFor("year"), value: valueFor("number"), note: fc.oneof(fc.constant(undefined), text) }), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(series, { maxLength: 6 }), (runs) => {
        let line = 2;
        const rows = runs.flatMap(({ head, years }) =>
          years.map(({ year, value, note }) => ({ ...head, year, value, ...(note === undefined ? {} : { note }), raw_line: line++ })),
        );
        expectSameAsReference(OBS_COLUMNS, OBS_KEYS, rows);
      }),
      { numRuns: RUNS },
    );
  });

  it("same-text-when-rows-of-two-schemas-interleave", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(rowArb(MIXED).map((r) => ["mixed", r] as const), rowArb(OBS_COLUMNS).map((r) => ["obs", r] as const)), { maxLength: 40 }), (rows) => {
        for (const [which, row] of rows) {
          if (which === "mixed") expectSameAsReference(MIXED, MIXED_KEYS, [row]);
          else expectSameAsReference(OBS_COLUMNS, OBS_KEYS, [row]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("same-text-for-a-fresh-columns-array-of-random-types-each-run", () => {
    const TYPES: TableFieldType[] = ["string", "integer", "number", "boolean", "date", "datetime", "year"];
    const schema = fc.uniqueArray(fc.record({ name: fc.oneof(fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"), fc.string({ minLength: 1, maxLength: 3 })), type: fc.constantFrom(...TYPES), escape: fc.boolean() }), {
      minLength: 1,
      maxLength: 6,
      selector: (c) => c.name,
    });
    fc.assert(
      fc.property(
        schema.chain((columns) => fc.tuple(fc.constant(columns), fc.array(rowArb(columns), { maxLength: 15 }))),
        ([columns, rows]) => expectSameAsReference(columns, keysOf(columns.map((c) => c.name)), rows),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("cells", () => {
  const row = { id: "BLR", operator: "=", day: "2025-12-28", at: "2025-12-28T00:00:00Z", n: 1, x: 2.5, year: 2022, flag: true, note: "", odd: "ignored", last: 3 };

  it("text-cells-quote-and-guard-as-formatCell-and-quoteField", () => {
    const cases = ["=1+1", "+1", "-x", "@cmd", "\tfoo", "\rbar", "'q", " lead", "trail ", "\t", " ", "a,b", 'say "hi"', "a\nb", "a\r\nb", "=a,b", '="x"', "=trail ", "é", "😀"];
    for (const note of cases) {
      for (const c of ["id", "operator", "day", "note"]) {
        const r = { ...row, [c]: note };
        expect(csvLine(MIXED, r), `${c} ${JSON.stringify(note)}`).toBe(refCsvLine(MIXED, r));
        expect(jsonLine(MIXED_KEYS, r)).toBe(refJsonLine(MIXED_KEYS, r));
      }
    }
    expect(csvLine(MIXED, { ...row, note: "=1" })).toContain(",'=1,");
    expect(csvLine(MIXED, { ...row, operator: "=", day: "=1" })).toMatch(/^BLR,=,=1,/);
  });

  it("numbers-plain-in-csv-and-as-JSON-writes-them-in-json", () => {
    for (const x of [-0, 0, 1e-7, 1.5e-7, 1e-6, 9.99e-7, 1e21, 1.5e300, -1.2345e22, 5e-324, 89.4918, 1.87001e9]) {
      const r = { ...row, x };
      expect(csvLine(MIXED, r)).toBe(refCsvLine(MIXED, r));
      expect(jsonLine(MIXED_KEYS, r)).toBe(refJsonLine(MIXED_KEYS, r));
    }
    expect(csvLine(MIXED, { ...row, x: 1e21 })).toContain(",1000000000000000000000,");
    expect(jsonLine(MIXED_KEYS, { ...row, x: 1e21, n: -0 })).toContain('"n":0,"x":1e+21,');
  });

  it("non-finite-numbers-throw-the-same-PublishError", () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const r = { ...row, x };
      expect(() => csvLine(MIXED, r)).toThrow(PublishError);
      expect(outcome(() => csvLine(MIXED, r))).toEqual(outcome(() => refCsvLine(MIXED, r)));
      expect(() => jsonLine(MIXED_KEYS, r)).toThrow(PublishError);
      expect(outcome(() => jsonLine(MIXED_KEYS, r))).toEqual(outcome(() => refJsonLine(MIXED_KEYS, r)));
    }
  });

  it("wrong-type-for-a-column-throws-the-same-PublishError-at-the-first-bad-column", () => {
    for (const bad of [{ n: "1" }, { flag: "true" }, { id: 5 }, { day: true }, { year: 10n }, { x: "1", note: "\ud800" }, { note: "\ud800", last: "1" }]) {
      const r = { ...row, ...bad };
      expect(() => csvLine(MIXED, r)).toThrow(PublishError);
      expect(outcome(() => csvLine(MIXED, r))).toEqual(outcome(() => refCsvLine(MIXED, r)));
    }
  });

  it("lone-surrogates-throw-in-csv-even-where-the-same-column-was-remembered-and-escape-in-json", () => {
    for (const note of ["\ud800", "a\udc00", "\ud83d\ud83d\ude00", "x\ud83d", "\ude00\ud83d"]) {
      csvLine(MIXED, { ...row, note: "ok" });
      const r = { ...row, note };
      expect(outcome(() => csvLine(MIXED, r))).toEqual({ error: "PublishError: column note: text holds a lone surrogate, not encodable as utf-8" });
      expect(jsonLine(MIXED_KEYS, r)).toBe(refJsonLine(MIXED_KEYS, r));
    }
    const pair = { ...row, note: "😀a\ud83d\ude00" };
    expect(csvLine(MIXED, pair)).toBe(refCsvLine(MIXED, pair));
    expect(jsonLine(MIXED_KEYS, pair)).toBe(refJsonLine(MIXED_KEYS, pair));
  });

  it("one-column-empty-row-is-a-quoted-empty-cell", () => {
    const one = [col("a", "string")];
    for (const a of ["", undefined, null, "x", ""]) expect(csvLine(one, { a })).toBe(refCsvLine(one, { a }));
    expect(csvLine(one, {})).toBe('""');
  });
});

describe("what is remembered never shows", () => {
  it("a-remembered-run-is-rebuilt-after-a-cell-changed-in-a-row-of-another-shape", () => {
    // a null number joins the text cells around it into one run; the cell that changed there must not be stale later
    const cols = [col("a", "string"), col("n", "number"), col("b", "string")];
    const keys = keysOf(["a", "n", "b"]);
    expectSameAsReference(cols, keys, [
      { a: "a", n: 1, b: "b1" },
      { a: "a", n: 1, b: "b1" },
      { a: "a", n: null, b: "b2" },
      { a: "a", n: undefined, b: "b3" },
      { a: "a", n: 2, b: "b2" },
      { a: "a", n: 2, b: "b3" },
      { a: undefined, n: 3, b: "b3" },
      { a: undefined, n: undefined, b: "b3" },
      { a: "a", n: undefined, b: undefined },
    ]);
  });

  it("a-column-changed-between-rows-is-written-as-it-is-now", () => {
    const cols = [col("a", "string"), col("b", "string"), col("n", "integer")];
    const keys = keysOf(["a", "b", "n"]);
    const row = { a: "=1", b: "true", n: 1 };
    expectSameAsReference(cols, keys, [row, row]);
    cols[0]!.escape = false;
    expectSameAsReference(cols, keys, [row, row]);
    cols[1]!.type = "boolean";
    expectSameAsReference(cols, keys, [row, { ...row, b: true }, { ...row, b: true }]);
    cols[1]!.type = "geopoint" as TableFieldType;
    expectSameAsReference(cols, keys, [row, row]);
    cols[0]!.name = "b";
    keys[0]!.k = "renamed";
    keys[0]!.prefix = '"renamed":';
    expectSameAsReference(cols, keys, [row, { ...row, renamed: "r" }]);
  });

  it("a-getter-that-writes-a-line-itself-changes-nothing", () => {
    const cols = [col("a", "string"), col("b", "string"), col("n", "integer")];
    const keys = keysOf(["a", "b", "n"]);
    const inner = { a: "inner", b: "x", n: 9 };
    let nested = "";
    const row = {
      a: "outer",
      get b(): string {
        nested = csvLine(cols, inner) + jsonLine(keys, inner);
        return "y";
      },
      n: 1,
    };
    expect(csvLine(cols, { a: "outer", b: "x", n: 1 })).toBe("outer,x,1");
    expect(csvLine(cols, row)).toBe("outer,y,1");
    expect(nested).toBe('inner,x,9{"a":"inner","b":"x","n":9}');
    expect(jsonLine(keys, row)).toBe('{"a":"outer","b":"y","n":1}');
    expect(csvLine(cols, { a: "outer", b: "x", n: 1 })).toBe("outer,x,1");
  });

  it("a-row-that-threw-leaves-no-trace", () => {
    const rows = [
      { a: "a", b: "b", n: 1 },
      { a: "a", b: "\ud800", n: 1 },
      { a: "a", b: "b", n: Number.NaN },
      { a: "a", b: 3, n: 1 },
      { a: "a", b: "b", n: 1 },
    ];
    expectSameAsReference([col("a", "string"), col("b", "string"), col("n", "integer")], keysOf(["a", "b", "n"]), rows);
  });
});

describe("json values and keys", () => {
  it("values-of-other-kinds-are-written-as-JSON-stringify-writes-them", () => {
    const keys = keysOf(["a", "b", "c"]);
    for (const b of [new Date(Date.UTC(2020, 0, 2)), { x: [1, "y"] }, [1, null], { toJSON: (k: string) => `key ${k}` }, Symbol.for("s"), () => 1, 10n, Number.NaN]) {
      for (const c of [1, Number.NaN, "c"]) {
        const r = { a: "a", b, c };
        expect(outcome(() => jsonLine(keys, r))).toEqual(outcome(() => refJsonLine(keys, r)));
        expect(outcome(() => jsonLine(keys, { a: "a", b: "b", c }))).toEqual(outcome(() => refJsonLine(keys, { a: "a", b: "b", c })));
      }
    }
  });

  it("index-keys-__proto__-and-repeated-keys-keep-the-old-text", () => {
    for (const names of [["2020", "a", "1"], ["a", "__proto__", "b"], ["a", "b", "a"], ["0"], []]) {
      const keys = keysOf(names);
      for (const row of [
        { a: 1, b: "x", 2020: true, 1: null, 0: "z" },
        { a: "y", b: undefined, 2020: "t" },
        JSON.parse('{"__proto__": "p", "a": 2}') as Record<string, unknown>,
        {},
      ]) {
        expect(outcome(() => jsonLine(keys, row))).toEqual(outcome(() => refJsonLine(keys, row)));
      }
    }
  });

  it("text-json-must-escape-goes-through-JSON-stringify", () => {
    const keys = keysOf(["s"]);
    for (const s of ['"', "\\", "\u0000", "\u001f", "\n", "\ud800", "\udc00x", "😀", "\u2028", "\u007f", "plain"]) {
      expect(jsonLine(keys, { s })).toBe(JSON.stringify({ s }));
    }
  });

  it("empty-text-is-null-the-one-missing-value-of-the-json", () => {
    const keys = keysOf(["a", "n", "b"]);
    expect(jsonLine(keys, { a: "", n: 1, b: "" })).toBe('{"a":null,"n":1,"b":null}');
    // the cached text of a key must not carry "" over to a later null or back
    expect(jsonLine(keys, { a: null, n: 2, b: "x" })).toBe('{"a":null,"n":2,"b":"x"}');
    expect(jsonLine(keys, { a: "y", n: 3, b: "" })).toBe('{"a":"y","n":3,"b":null}');
  });
});

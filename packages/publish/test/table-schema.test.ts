// table schema and json schema generated from zod: every field typed, constraints carried, unmappable types refused
import { Observation } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonSchemaFor, PublishError, tableSchemaFromZod, type TableField } from "../src/index.js";
import { anchoredBody } from "../src/table-schema.js";

const TYPES = ["string", "integer", "number", "boolean", "date", "datetime", "year"];
const byName = (fields: TableField[], name: string): TableField => {
  const f = fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};

describe("tableSchemaFromZod on Observation", () => {
  const pk = ["source", "entity", "indicator", "year", "vintage"];
  const ts = tableSchemaFromZod(Observation, pk);

  it("every-field-has-a-declared-type-in-schema-order", () => {
    expect(ts.fields.map((f) => f.name)).toEqual(Object.keys(Observation.shape));
    for (const f of ts.fields) expect(TYPES).toContain(f.type);
    expect(byName(ts.fields, "year").type).toBe("integer");
    expect(byName(ts.fields, "value").type).toBe("number");
    expect(byName(ts.fields, "is_aggregate").type).toBe("boolean");
  });

  it("primary-key-and-missing-values", () => {
    expect(ts.primaryKey).toEqual(pk);
    expect(ts.missingValues).toEqual([""]);
    expect(ts.$schema).toBe("https://datapackage.org/profiles/2.0/tableschema.json");
  });

  it("required-enum-pattern-bounds-and-descriptions-carried-over", () => {
    expect(byName(ts.fields, "entity").constraints).toEqual({ required: true, minLength: 1 });
    expect(byName(ts.fields, "unit").constraints?.enum).toContain("per 100 inhabitants");
    expect(byName(ts.fields, "source").constraints?.enum).toContain("itu-datahub");
    // a date is a Table Schema date, not a string with a pattern
    expect(byName(ts.fields, "vintage")).toMatchObject({ type: "date", constraints: { required: true } });
    expect(byName(ts.fields, "vintage").constraints?.pattern).toBeUndefined();
    expect(byName(ts.fields, "year").constraints).toEqual({ required: true, minimum: 1960, maximum: 2100 });
    // .positive() on an integer: exclusiveMinimum 0 → minimum 1, and zod's implicit safe-integer maximum dropped
    expect(byName(ts.fields, "raw_line").constraints).toEqual({ required: true, minimum: 1 });
    expect(byName(ts.fields, "year").description).toBe("Reference year the value describes.");
  });

  it("empty-string-alternative-becomes-not-required", () => {
    // economy is ISO3 or "" for aggregates; "" is the missing value, so the pattern covers the rest
    expect(byName(ts.fields, "economy").constraints).toEqual({ required: false, pattern: "[A-Z]{3}" });
    // a plain z.string() accepts "" too
    expect(byName(ts.fields, "note").constraints).toEqual({ required: false });
  });
});

describe("tableSchemaFromZod mapping cases", () => {
  it("optional-nullable-date-datetime-formats-literal-unions", () => {
    const S = z.object({
      a: z.string().optional(),
      b: z.number().nullable(),
      c: z.iso.date(),
      d: z.iso.datetime(),
      e: z.url(),
      f: z.email(),
      g: z.union([z.literal(1), z.literal(2)]),
      h: z.union([z.literal("x"), z.literal("y")]),
      i: z.number().int().min(0).max(10).optional(),
      j: z.string().max(5),
      k: z.number().gt(0).lt(1),
    });
    const fields = tableSchemaFromZod(S, []).fields;
    expect(fields.map((f) => [f.name, f.type, f.format])).toEqual([
      ["a", "string", undefined],
      ["b", "number", undefined],
      ["c", "date", undefined],
      ["d", "datetime", undefined],
      ["e", "string", "uri"],
      ["f", "string", "email"],
      ["g", "number", undefined],
      ["h", "string", undefined],
      ["i", "integer", undefined],
      ["j", "string", undefined],
      ["k", "number", undefined],
    ]);
    expect(byName(fields, "a").constraints).toEqual({ required: false });
    expect(byName(fields, "b").constraints).toEqual({ required: false });
    expect(byName(fields, "c").constraints).toEqual({ required: true });
    expect(byName(fields, "g").constraints).toEqual({ required: true, enum: [1, 2] });
    expect(byName(fields, "h").constraints).toEqual({ required: true, enum: ["x", "y"] });
    expect(byName(fields, "i").constraints).toEqual({ required: false, minimum: 0, maximum: 10 });
    expect(byName(fields, "j").constraints).toEqual({ required: false, maxLength: 5 });
    expect(byName(fields, "k").constraints).toEqual({ required: true, exclusiveMinimum: 0, exclusiveMaximum: 1 });
  });

  it("year-override-via-meta", () => {
    const S = z.object({ y: z.number().int().min(1990).meta({ "bycn:type": "year", description: "edition" }) });
    expect(tableSchemaFromZod(S, ["y"]).fields[0]).toEqual({ name: "y", type: "year", description: "edition", constraints: { required: true, minimum: 1990 } });
    // and the annotation stays out of the json schema file (ajv strict mode rejects unknown keywords)
    expect(JSON.stringify(jsonSchemaFor({ schema: S, title: "t", description: "d" }))).not.toContain("bycn:");
  });

  it.each([
    ["array", z.object({ a: z.array(z.string()) })],
    ["nested-object", z.object({ a: z.object({ b: z.string() }) })],
    ["date-object", z.object({ a: z.date() })],
    ["mixed-union", z.object({ a: z.union([z.string(), z.number()]) })],
    ["year-override-on-string", z.object({ a: z.string().meta({ "bycn:type": "year" }) })],
  ])("unmappable-%s-throws-at-build-time", (_name, S) => {
    expect(() => tableSchemaFromZod(S, [])).toThrow(PublishError);
  });

  it("primary-key-must-exist-and-never-be-empty", () => {
    const S = z.object({ a: z.string(), b: z.string().min(1) });
    expect(() => tableSchemaFromZod(S, ["nope"])).toThrow(/not a field/);
    expect(() => tableSchemaFromZod(S, ["a"])).toThrow(/may be empty/);
    expect(tableSchemaFromZod(S, ["b"]).primaryKey).toEqual(["b"]);
  });

  it("formula-note-only-where-the-escape-can-fire (closed enums are never escaped)", () => {
    const S = z.object({
      free: z.string(),
      iso: z.string().regex(/^[A-Z]{3}$/),
      signed: z.string().regex(/^[-+]?\d+$/),
      unit: z.enum(["%", "count"]),
      odd: z.enum(["-", "x"]),
      n: z.number(),
    });
    const notes = tableSchemaFromZod(S, [], { formulaEscape: true }).fields.map((f) => [f.name, (f.description ?? "").includes("apostrophe")]);
    expect(notes).toEqual([
      ["free", true],
      ["iso", false],
      ["signed", true],
      ["unit", false],
      ["odd", false],
      ["n", false],
    ]);
  });
});

describe("anchoredBody", () => {
  it.each([
    ["^[A-Z]{3}$", "[A-Z]{3}"],
    ["^ab.*", "ab.*"],
    ["abc", ".*abc.*"],
    ["abc\\$", ".*abc\\$.*"],
    ["^a$|^b$", ".*(^a$|^b$).*"],
    ["^(a|b)$", "(a|b)"],
    ["^[|]$", "[|]"],
  ])("%s → %s", (input, expected) => {
    expect(anchoredBody(input)).toBe(expected);
  });
});

describe("jsonSchemaFor", () => {
  it("draft-2020-12-row-schema-with-title", () => {
    const js = jsonSchemaFor({ schema: Observation, title: "Observations", description: "rows" });
    expect(js.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(js).slice(0, 4)).toEqual(["$schema", "title", "description", "type"]);
    expect(js.type).toBe("object");
    expect(Object.keys(js.properties as object)).toEqual(Object.keys(Observation.shape));
  });
});

// dist/ as Data Package readers see it: the official v2 profiles (ajv, draft-07) on the package, every resource, schema and
// dialect, and every published JSON file against its own row JSON Schema (draft 2020-12); a broken descriptor must fail
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { bycn, repoRoot, tempDir } from "./_cli.js";

// ajv-formats is CommonJS (module.exports is the plugin, with itself as .default): take the function either way
type AddFormats = (ajv: Ajv | Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

// the profiles live beside the project; a missing folder fails these tests (its README asks for that), never skips them
const SPEC = path.resolve(repoRoot, "../shared/spec/datapackage-v2");
const profile = (name: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(SPEC, `${name}.json`), "utf8")) as Record<string, unknown>;

type Json = Record<string, unknown>;
const errorsOf = (v: ValidateFunction): string => JSON.stringify(v.errors?.slice(0, 5) ?? []);

describe("dist/ against the Data Package v2 profiles", () => {
  const out = path.join(tempDir(), "dist");
  let pkg: Json;
  let validators: Record<"datapackage" | "dataresource" | "tableschema" | "tabledialect", ValidateFunction>;

  beforeAll(() => {
    const run = bycn(["build", "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    pkg = JSON.parse(readFileSync(path.join(out, "datapackage.json"), "utf8")) as Json;
    // strict off: the official profiles use keywords ajv's strict mode rejects (e.g. "propertyOrder")
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // a display hint of the profiles (a text area for descriptions), not a constraint
    ajv.addFormat("textarea", true);
    const compile = (name: string): ValidateFunction => {
      const schema = profile(name);
      delete schema.$id;
      return ajv.compile(schema);
    };
    validators = { datapackage: compile("datapackage"), dataresource: compile("dataresource"), tableschema: compile("tableschema"), tabledialect: compile("tabledialect") };
  });

  it("datapackage.json passes the package profile", () => {
    expect(validators.datapackage(pkg), errorsOf(validators.datapackage)).toBe(true);
  });

  it("every resource, its table schema and its dialect pass their profiles", () => {
    const resources = pkg.resources as Json[];
    expect(resources.length).toBeGreaterThan(20);
    for (const r of resources) {
      expect(validators.dataresource(r), `${String(r.name)}: ${errorsOf(validators.dataresource)}`).toBe(true);
      if (r.schema !== undefined) expect(validators.tableschema(r.schema), `${String(r.name)} schema: ${errorsOf(validators.tableschema)}`).toBe(true);
      if (r.dialect !== undefined) expect(validators.tabledialect(r.dialect), `${String(r.name)} dialect: ${errorsOf(validators.tabledialect)}`).toBe(true);
    }
  });

  it("every licence has a name and a path to a licence text, not a source's home page", () => {
    const sourcePages = new Set((pkg.sources as Json[]).map((s) => s.path));
    for (const holder of [pkg, ...(pkg.resources as Json[])]) {
      const licences = holder.licenses as Json[] | undefined;
      expect(licences?.length, String(holder.name)).toBeGreaterThan(0);
      for (const l of licences ?? []) {
        expect(l.name, JSON.stringify(l)).toMatch(/^(?:[A-Za-z0-9.-]+|LicenseRef-[A-Za-z0-9.-]+)$/);
        expect(sourcePages.has(l.path), JSON.stringify(l)).toBe(false);
      }
    }
  });

  it("non-commercial terms are said on the price baskets, and on the claims that may quote them", () => {
    const byName = (n: string): Json => (pkg.resources as Json[]).find((r) => r.name === n) as Json;
    for (const n of ["itu-price-baskets", "itu-price-baskets-json", "claims"]) {
      expect((byName(n).licenses as Json[]).map((l) => l.name)).toContain("CC-BY-NC-SA-3.0-IGO");
      expect(byName(n).description).toMatch(/Non-commercial use only/);
    }
    expect(byName("wdi-indicators").description).not.toMatch(/Non-commercial/);
  });

  it("dates are Table Schema dates, and economy columns reference the economies table", () => {
    const fields = (n: string): Json[] => ((pkg.resources as Json[]).find((r) => r.name === n)?.schema as { fields: Json[] }).fields;
    const typeOf = (n: string, f: string): unknown => fields(n).find((x) => x.name === f)?.type;
    for (const f of ["as_of", "period_start", "period_end", "horizon", "vintage"]) expect(typeOf("great-stone", f), f).toBe("date");
    expect(typeOf("claims", "evidence_vintage")).toBe("date");
    expect(typeOf("article-claims", "as_of")).toBe("date");
    const itu = (pkg.resources as Json[]).find((r) => r.name === "itu-indicators")?.schema as Json;
    expect(itu.foreignKeys).toEqual([{ fields: ["economy"], reference: { resource: "economies", fields: ["iso3"] } }]);
    const economies = readFileSync(path.join(out, "data/economies.csv"), "utf8").split("\n").slice(1).map((l) => l.split(",")[0]);
    const used = JSON.parse(readFileSync(path.join(out, "data/itu-indicators.json"), "utf8")) as Json[];
    for (const row of used) if (row.economy !== null) expect(economies).toContain(row.economy);
  });

  it("every data JSON file holds rows its row JSON Schema accepts, with null (never \"\") for a missing value", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const tables = (pkg.resources as Json[]).filter((r) => r.format === "json" && typeof r["bycn:json_schema"] === "string");
    expect(tables.length).toBeGreaterThan(10);
    for (const r of tables) {
      const schema = JSON.parse(readFileSync(path.join(out, r["bycn:json_schema"] as string), "utf8")) as Json;
      expect(schema.title, String(r.name)).toMatch(new RegExp(`^One row of ${String(r.path).replace(/\./g, "\\.")}:`));
      const validate = ajv.compile(schema);
      const text = readFileSync(path.join(out, r.path as string), "utf8");
      expect(text, String(r.path)).not.toMatch(/:""[,}]/);
      const rows = JSON.parse(text) as unknown[];
      rows.forEach((row, i) => expect(validate(row), `${String(r.path)} row ${i}: ${errorsOf(validate)}`).toBe(true));
    }
  });

  it("a broken descriptor fails the profiles (the test can fail)", () => {
    const broken = structuredClone(pkg);
    const first = (broken.resources as Json[])[0] as Json;
    delete first.path; // a resource needs path or data
    (broken.licenses as Json[]).push({ title: "no name, no path" });
    expect(validators.datapackage(broken)).toBe(false);
    const schema = structuredClone(first.schema) as { fields: Json[] };
    (schema.fields[0] as Json).type = "text"; // no such Table Schema type
    expect(validators.tableschema(schema)).toBe(false);
    expect(validators.tabledialect({ ...(first.dialect as Json), header: "yes" })).toBe(false);
  });
});

// owid: quirk cases on small inline grapher CSVs, then the real internet.csv and its metadata in ../shared/data/real
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Observation, PipelineResult, Snapshot } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { describeReal } from "../../../packages/core/test-support/real.js";
import { normalize, owidIndicator, pipeline, resolveOwidEntity } from "../src/index.js";

function snap(file: string, text: string, vintage = "2025-10-29"): Snapshot {
  const bytes = new TextEncoder().encode(text);
  return { file, bytes, vintage, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const TITLE = "Individuals using the Internet (% of population)";
const HEADER = `Entity,Code,Year,${TITLE}`;
const obs = (r: PipelineResult): Observation[] => r.datasets[0]!.rows as Observation[];

describe("owid quirks", () => {
  it("owid-empty-code-is-aggregate: regions and income groups have no Code", () => {
    const text = [HEADER, "World,,2022,63.1", "High-income countries,,2022,92.4", "Some new OWID region (WB),,2022,50", "Belarus,BLR,2022,89.5073"].join("\n");
    const r = normalize(snap("internet.csv", text));
    expect(obs(r).map((o) => [o.entity, o.economy, o.is_aggregate, o.entity_name])).toEqual([
      ["BLR", "BLR", false, "Belarus"],
      ["HIC", "", true, "High income"],
      ["WLD", "", true, "World"],
      ["owid:some-new-owid-region-wb", "", true, "Some new OWID region (WB)"],
    ]);
    expect(r.rejects).toEqual([]);
  });

  it("owid-empty-code-economy: Faeroe Islands has no Code but is an economy (registry decides)", () => {
    const r = normalize(snap("internet.csv", [HEADER, "Faeroe Islands,,2022,97.6"].join("\n")));
    expect(obs(r).map((o) => [o.entity, o.is_aggregate])).toEqual([["FRO", false]]);
  });

  it("owid-no-trailing-newline: the last record is read", () => {
    const text = [HEADER, "Zambia,ZMB,2022,19.8", "Zimbabwe,ZWE,2022,32.5615"].join("\n");
    expect(text.endsWith("\n")).toBe(false);
    const r = normalize(snap("internet.csv", text));
    expect(obs(r).map((o) => [o.entity, o.value])).toEqual([
      ["ZMB", 19.8],
      ["ZWE", 32.5615],
    ]);
    expect(r.dataRecords).toBe(2);
  });

  it("owid-codes: OWID_WRL and OWID_KOS resolve through the registry; an unknown ISO code is rejected", () => {
    const text = [HEADER, "World,OWID_WRL,2021,60", "Kosovo,OWID_KOS,2021,96", "Atlantis,ATL,2021,1"].join("\n");
    const r = normalize(snap("internet.csv", text));
    expect(obs(r).map((o) => [o.entity, o.is_aggregate])).toEqual([
      ["WLD", true],
      ["XKX", false],
    ]);
    expect(r.rejects.map((x) => [x.code, x.raw_line])).toEqual([["unknown_economy", 4]]);
  });

  it("owid-indicator-code: the known title maps to WDI's code, the title stays as indicator_name", () => {
    const r = normalize(snap("internet.csv", [HEADER, "China,CHN,2023,92"].join("\n")));
    expect(obs(r)[0]).toMatchObject({ indicator: "IT.NET.USER.ZS", indicator_name: TITLE, unit: "%", source: "owid" });
    expect(owidIndicator("Mystery column", undefined)).toBeUndefined();
    expect(owidIndicator("Mystery column", { columns: { "Mystery column": { shortName: "mystery", shortUnit: "%" } } })).toEqual({ code: "owid:mystery", unit: "%" });
  });

  it("owid-unknown-column-cells-rejected-with-one-issue: a column without a unit cannot be published", () => {
    const text = ["Entity,Code,Year,Mystery column," + TITLE, "China,CHN,2023,5,92", "Belarus,BLR,2023,,90"].join("\n");
    const r = normalize(snap("x.csv", text));
    expect(obs(r).map((o) => [o.entity, o.value])).toEqual([
      ["BLR", 90],
      ["CHN", 92],
    ]);
    expect(r.rejects.map((x) => [x.code, x.raw_line])).toEqual([["unknown_series", 2]]);
    expect(r.issues.filter((i) => i.code === "unknown_series")).toHaveLength(1);
  });

  it("owid-metadata-json-is-used-not-counted: citation becomes source_text; a stray json is reported", () => {
    const meta = JSON.stringify({ columns: { [TITLE]: { shortName: "it_net_user_zs", citationShort: "ITU via World Bank (2025)" } } });
    const r = pipeline.run([snap("internet.csv", [HEADER, "China,CHN,2023,92"].join("\n")), snap("internet.metadata.json", meta), snap("notes.json", "[1,2]")]);
    expect(obs(r)[0]?.source_text).toBe("ITU via World Bank (2025)");
    expect(r.dataRecords).toBe(1);
    expect(r.issues.filter((i) => i.code === "header_unrecognized").map((i) => i.at.file)).toEqual(["notes.json"]);
  });

  it("duplicate-key-row and bad values", () => {
    const text = [HEADER, "China,CHN,2022,90", "China,CHN,2022,91", "China,CHN,1850,1", "China,CHN,2021,lots", "China,CHN,2020,"].join("\n");
    const r = normalize(snap("x.csv", text));
    expect(obs(r).map((o) => [o.year, o.value])).toEqual([[2022, 90]]);
    expect(r.rejects.map((x) => [x.code, x.raw_line])).toEqual([
      ["invalid_year", 4],
      ["invalid_number", 5],
      ["missing_value", 6],
      ["duplicate_key", 3],
    ]);
    expect(r.dataRecords).toBe(5);
  });

  it("owid-empty-value-is-a-coded-reject: a record with every value cell empty is quarantined, not dropped (issue 16)", () => {
    const text = ["Entity,Code,Year,Mystery column," + TITLE, "China,CHN,2023,,", "Belarus,BLR,2023, ,90", "Belarus,BLR,2022,,"].join("\n");
    const r = normalize(snap("x.csv", text));
    expect(obs(r).map((o) => [o.entity, o.year, o.value])).toEqual([["BLR", 2023, 90]]);
    expect(r.rejects.map((x) => [x.code, x.raw_line, x.raw_record])).toEqual([
      ["missing_value", 2, "China,CHN,2023,,"],
      ["missing_value", 4, "Belarus,BLR,2022,,"],
    ]);
    // quarantined quietly, as WDI's all-empty records are: an info reject, not one issue per absent value
    expect(r.issues.filter((i) => i.code === "missing_value")).toEqual([]);
    expect(r.dataRecords).toBe(3);
  });

  it("resolveOwidEntity: an ambiguous empty-code name is not turned into an aggregate", () => {
    expect(resolveOwidEntity("", "Congo")).toBeUndefined();
  });
});

describeReal("owid on the real internet.csv", (real) => {
  const dir = path.join(real, "owid");
  const csv = readFileSync(path.join(dir, "internet.csv"), "utf8");
  const metaFile = "share-of-individuals-using-the-internet.metadata.json";
  const r = pipeline.run([snap("raw/owid/2025-10-29/internet.csv", csv), snap(`raw/owid/2025-10-29/${metaFile}`, readFileSync(path.join(dir, metaFile), "utf8"))]);
  // read independently: unquoted lines Entity,Code,Year,value (no entity name in this file holds a comma)
  const lines = csv.split("\n").slice(1).map((l) => l.split(","));

  it("every record is one row (no trailing newline, no empty values in this file)", () => {
    expect(csv.endsWith("\n")).toBe(false);
    expect(r.dataRecords).toBe(lines.length);
    expect(r.rejects).toEqual([]);
    expect(obs(r)).toHaveLength(lines.filter((f) => f[3] !== "").length);
    expect(new Set(obs(r).map((o) => o.raw_line)).size).toBe(lines.length);
  });

  it("BLR and CHN values exact", () => {
    for (const iso of ["BLR", "CHN"]) {
      const expected = lines.filter((f) => f[1] === iso).map((f) => [Number(f[2]), Number(f[3])]);
      expect(expected.length).toBeGreaterThan(10);
      expect(obs(r).filter((o) => o.entity === iso).map((o) => [o.year, o.value])).toEqual(expected);
    }
  });

  it("empty-code entities: aggregates, except Faeroe Islands which the registry knows as FRO", () => {
    const emptyCode = new Set(lines.filter((f) => f[1] === "").map((f) => f[0]!));
    expect(emptyCode.has("High-income countries")).toBe(true);
    const flagged = new Set(obs(r).filter((o) => o.is_aggregate).map((o) => o.entity_name));
    for (const name of emptyCode) {
      const rows = obs(r).filter((o) => lines[o.raw_line - 2]?.[0] === name);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((o) => o.is_aggregate === (name !== "Faeroe Islands")), name).toBe(true);
    }
    expect(flagged.size).toBeGreaterThan(5);
  });

  it("indicator IT.NET.USER.ZS with OWID's citation as source_text", () => {
    expect(new Set(obs(r).map((o) => o.indicator))).toEqual(new Set(["IT.NET.USER.ZS"]));
    expect(obs(r)[0]?.source_text).toContain("International Telecommunication Union");
  });
});

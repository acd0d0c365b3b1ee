// wdi: quirk cases on small inline bulk CSVs, then the real IT.NET.USER.ZS download in ../shared/data/real
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Observation, PipelineResult, Snapshot } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { describeReal } from "../../../packages/core/test-support/real.js";
import type { WdiEconomy, WdiSeries } from "../src/index.js";
import { normalize, pipeline, wdiFileKind } from "../src/index.js";

function snap(file: string, text: string, vintage = "2026-02-18"): Snapshot {
  const bytes = new TextEncoder().encode(text);
  return { file, bytes, vintage, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const q = (fields: string[]): string => `${fields.map((f) => `"${f}"`).join(",")},`;
const YEARS = ["2020", "2021", "2022", "2023"];
const HEADER = q(["Country Name", "Country Code", "Indicator Name", "Indicator Code", ...YEARS]);
const NAME = "Individuals using the Internet (% of population)";
const dataLine = (name: string, code: string, values: string[], indicator = "IT.NET.USER.ZS"): string => q([name, code, NAME, indicator, ...values]);
/** the 2026 layout: BOM, an empty first line, CRLF, every field quoted, a trailing comma on every line */
const dataFile = (...lines: string[]): string => `\uFEFF\r\n${[HEADER, ...lines].join("\r\n")}\r\n`;
const COUNTRY_HEADER = q(["Country Code", "Region", "IncomeGroup", "SpecialNotes", "TableName"]);

const obs = (r: PipelineResult): Observation[] => r.datasets.find((d) => d.spec.name === "wdi-indicators")!.rows as Observation[];
const economies = (r: PipelineResult): WdiEconomy[] => r.datasets.find((d) => d.spec.name === "wdi-economies")!.rows as WdiEconomy[];
const series = (r: PipelineResult): WdiSeries[] => r.datasets.find((d) => d.spec.name === "wdi-series")!.rows as WdiSeries[];

/**
 * nothing lost, wide → long: every data record is one record-level reject, or as many rows plus cell rejects as it
 * has non-empty year cells (nonEmpty counted by the caller, independently of the pipeline)
 */
function expectCellsAccounted(r: PipelineResult, file: string, nonEmpty: Map<number, number>): void {
  const rows = new Map<number, number>();
  for (const o of obs(r)) if (o.raw_file === file) rows.set(o.raw_line, (rows.get(o.raw_line) ?? 0) + 1);
  const rejects = new Map<number, number>();
  for (const x of r.rejects) if (x.raw_file === file) rejects.set(x.raw_line, (rejects.get(x.raw_line) ?? 0) + 1);
  for (const [line, cells] of nonEmpty) {
    const made = (rows.get(line) ?? 0) + (rejects.get(line) ?? 0);
    const wholeRecordRejected = (rows.get(line) ?? 0) === 0 && rejects.get(line) === 1;
    expect(made === cells || wholeRecordRejected, `line ${line}: ${made} rows+rejects for ${cells} cells`).toBe(true);
  }
  for (const line of [...rows.keys(), ...rejects.keys()]) expect(nonEmpty.has(line), `line ${line} is not a data record`).toBe(true);
}

describe("wdi quirks", () => {
  it("wdi-trailing-comma-and-empty-first-line: header found after the blank line, empty cells publish nothing, an all-empty record is quarantined", () => {
    const text = dataFile(dataLine("Belarus", "BLR", ["85.0879", "86.8884", "", "91.5125"]), dataLine("China", "CHN", ["", "", "", ""]));
    const r = normalize(snap("API.csv", text));
    expect(obs(r).map((o) => [o.entity, o.year, o.value, o.raw_line])).toEqual([
      ["BLR", 2020, 85.0879, 3],
      ["BLR", 2021, 86.8884, 3],
      ["BLR", 2023, 91.5125, 3],
    ]);
    expect(r.rejects.map((x) => [x.raw_line, x.code])).toEqual([[4, "missing_value"]]);
    expect(r.dataRecords).toBe(2);
    expect(r.issues.map((i) => i.code)).not.toContain("ragged_row");
    expectCellsAccounted(r, "API.csv", new Map([[3, 3], [4, 0]]));
  });

  it("wdi-preamble-before-header: older downloads put Data Source / Last Updated Date lines first", () => {
    const text = `\uFEFF${q(["Data Source", "World Development Indicators"])}\r\n\r\n${q(["Last Updated Date", "2025-01-28"])}\r\n\r\n${HEADER}\r\n${dataLine("China", "CHN", ["70.0528", "73.0532", "75.6113", "90.6"])}\r\n`;
    const r = normalize(snap("API_old.csv", text));
    expect(obs(r).map((o) => [o.year, o.value, o.raw_line])).toEqual([
      [2020, 70.0528, 6],
      [2021, 73.0532, 6],
      [2022, 75.6113, 6],
      [2023, 90.6, 6],
    ]);
    expect(r.issues.map((i) => i.code)).toContain("preamble_skipped");
    expect(r.dataRecords).toBe(1);
  });

  it("wdi-aggregates-flagged: Metadata_Country decides in a snapshot, the registry alone otherwise", () => {
    const data = dataFile(
      dataLine("Belarus", "BLR", ["1", "", "", ""]),
      dataLine("Africa Eastern and Southern", "AFE", ["2", "", "", ""]),
      dataLine("World", "WLD", ["3", "", "", ""]),
      // an aggregate code the registry has never heard of
      dataLine("Made-up aggregate", "ZZA", ["4", "", "", ""]),
    );
    const meta = `\uFEFF${[
      COUNTRY_HEADER,
      q(["BLR", "Europe & Central Asia", "Upper middle income", "", "Belarus"]),
      q(["AFE", "", "", "26 countries, stretching from the Red Sea", "Africa Eastern and Southern"]),
      q(["WLD", "", "", "World aggregate", "World"]),
      q(["ZZA", "", "", "", "Made-up aggregate"]),
    ].join("\r\n")}\r\n`;
    const withMeta = pipeline.run([snap("API_X.csv", data), snap("Metadata_Country_X.csv", meta)]);
    expect(obs(withMeta).map((o) => [o.entity, o.economy, o.is_aggregate])).toEqual([
      ["AFE", "", true],
      ["BLR", "BLR", false],
      ["WLD", "", true],
      ["ZZA", "", true],
    ]);
    expect(obs(withMeta).find((o) => o.entity === "ZZA")?.entity_name).toBe("Made-up aggregate");
    expect(economies(withMeta).map((e) => [e.code, e.is_aggregate])).toEqual([
      ["AFE", true],
      ["BLR", false],
      ["WLD", true],
      ["ZZA", true],
    ]);
    expect(withMeta.dataRecords).toBe(8);

    const alone = normalize(snap("API_X.csv", data));
    expect(obs(alone).map((o) => [o.entity, o.is_aggregate])).toEqual([
      ["AFE", true],
      ["BLR", false],
      ["WLD", true],
    ]);
    expect(alone.rejects.map((x) => [x.code, x.raw_line])).toEqual([["unknown_economy", 6]]);
  });

  it("upper-case-exponent-and-bad-cells: 9.17E-05 is a number; a bad cell is rejected alone", () => {
    const r = normalize(snap("API.csv", dataFile(dataLine("Afghanistan", "AFG", ["9.17E-05", "abc", "0", "18.4"]))));
    expect(obs(r).map((o) => [o.year, o.value])).toEqual([
      [2020, 0.0000917],
      [2022, 0],
      [2023, 18.4],
    ]);
    expect(r.rejects.map((x) => [x.code, x.raw_line])).toEqual([["invalid_number", 3]]);
    expect(r.issues.find((i) => i.code === "invalid_number")?.at).toMatchObject({ line: 3, field: "2021", column: 6 });
    expectCellsAccounted(r, "API.csv", new Map([[3, 4]]));
  });

  it("unknown-indicator-rejected-once-per-record", () => {
    const r = normalize(snap("API.csv", dataFile(dataLine("Belarus", "BLR", ["1", "2", "", ""], "XX.UNKNOWN"))));
    expect(obs(r)).toEqual([]);
    expect(r.rejects.map((x) => x.code)).toEqual(["unknown_series"]);
  });

  it("metadata-files-end-as-rows: multi-line SpecialNotes kept, indicator_name from Metadata_Indicator", () => {
    const meta = `\uFEFF${[COUNTRY_HEADER, q(["CHN", "East Asia & Pacific", "Upper middle income", "On 1 July 1997 China resumed…\r\n\r\nThe World Bank systematically…", "China"])].join("\r\n")}\r\n`;
    const ind = `\uFEFF${q(["INDICATOR_CODE", "INDICATOR_NAME", "SOURCE_NOTE", "SOURCE_ORGANIZATION"])}\r\n${q(["IT.NET.USER.ZS", "Internet users (WDI name)", "Internet users are…", "ITU"])}\r\n`;
    const r = pipeline.run([snap("API.csv", dataFile(dataLine("China", "CHN", ["1", "", "", ""]))), snap("Metadata_Country.csv", meta), snap("Metadata_Indicator.csv", ind)]);
    expect(economies(r)[0]?.special_notes).toBe("On 1 July 1997 China resumed…\r\n\r\nThe World Bank systematically…");
    expect(series(r).map((s) => [s.indicator, s.source_organization])).toEqual([["IT.NET.USER.ZS", "ITU"]]);
    expect(obs(r)[0]?.indicator_name).toBe("Internet users (WDI name)");
    expect(r.dataRecords).toBe(3);
  });

  it("foreign-file-is-header_unrecognized", () => {
    const r = pipeline.run([snap("owid.csv", "Entity,Code,Year,Value\nWorld,,2020,1")]);
    expect(r.issues.map((i) => i.code)).toContain("header_unrecognized");
    expect(r.dataRecords).toBe(0);
    expect(wdiFileKind(["Country Code", "Region", "IncomeGroup", "SpecialNotes", "TableName"])).toBe("country");
  });
});

describeReal("wdi on the real IT.NET.USER.ZS bulk download", (real) => {
  const dir = path.join(real, "world-bank-wdi");
  const files = readdirSync(dir).sort();
  const dataName = files.find((f) => f.startsWith("API_"))!;
  const countryName = files.find((f) => f.startsWith("Metadata_Country"))!;
  const text = (f: string): string => readFileSync(path.join(dir, f), "utf8");
  const rel = (f: string): string => `raw/wdi/2026-02-18/${f}`;
  const r = pipeline.run(files.map((f) => snap(rel(f), text(f))));

  // the data file read independently: every data line starts with a quoted name and a 3-character code
  const dataLines = text(dataName)
    .split("\r\n")
    .map((l, i) => ({ line: i + 1, fields: l.startsWith('"') ? l.slice(1, -2).split('","') : [] }))
    .filter((l) => l.fields.length > 4 && /^[A-Z0-9]{3}$/.test(l.fields[1]!));

  it("data file: every non-empty year cell is a row; empty cells publish nothing", () => {
    expect(dataLines).toHaveLength(266);
    const nonEmpty = new Map(dataLines.map((l) => [l.line, l.fields.slice(4).filter((v) => v !== "").length]));
    expectCellsAccounted(r, rel(dataName), nonEmpty);
    expect(obs(r)).toHaveLength([...nonEmpty.values()].reduce((a, b) => a + b, 0));
  });

  it("every record of the three files is counted and ends somewhere", () => {
    const countryRecords = text(countryName).match(/^"[A-Z0-9]{3}",/gm)?.length;
    expect(r.dataRecords).toBe(dataLines.length + countryRecords! + 1);
    expect(economies(r)).toHaveLength(countryRecords!);
    expect(series(r)).toHaveLength(1);
    // records without a value in any year are quarantined as missing_value; nothing else is rejected
    const allEmpty = dataLines.filter((l) => l.fields.slice(4).every((v) => v === "")).map((l) => l.line);
    expect(allEmpty.length).toBeGreaterThan(0);
    expect(r.rejects.map((x) => x.raw_line).sort((a, b) => a - b)).toEqual(allEmpty.sort((a, b) => a - b));
    expect(new Set(r.rejects.map((x) => x.code))).toEqual(new Set(["missing_value"]));
  });

  it("BLR and CHN values exact (CHN 2023 = 90.6 in this vintage)", () => {
    const header = dataLines.length > 0 ? text(dataName).split("\r\n")[1]!.slice(1, -2).split('","') : [];
    for (const iso of ["BLR", "CHN"]) {
      const l = dataLines.find((x) => x.fields[1] === iso)!;
      const expected = l.fields.flatMap((v, i) => (i >= 4 && v !== "" ? [[Number(header[i]), Number(v)]] : []));
      expect(obs(r).filter((o) => o.entity === iso).map((o) => [o.year, o.value])).toEqual(expected);
    }
    expect(obs(r).find((o) => o.entity === "CHN" && o.year === 2023)?.value).toBe(90.6);
  });

  it("aggregates are exactly the Metadata_Country rows with empty Region and IncomeGroup", () => {
    const aggregates = new Set([...text(countryName).matchAll(/^"([A-Z0-9]{3})","","",/gm)].map((m) => m[1]!));
    expect(aggregates.size).toBe(48);
    for (const o of obs(r)) expect(o.is_aggregate, o.entity).toBe(aggregates.has(o.entity));
    expect(obs(r).find((o) => o.entity === "WLD")?.economy).toBe("");
  });

  it("deterministic: same rows whatever the file order", () => {
    expect(pipeline.run(files.map((f) => snap(rel(f), text(f))).reverse())).toEqual(r);
  });
});

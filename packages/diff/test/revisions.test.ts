// vintage revisions as a dataset, and a diff over dist folders written by @bycn/publish itself (format drift guard)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Observation, type DatasetSpec } from "@bycn/core";
import { buildDist, writeDistAtomic, type DistInput } from "@bycn/publish";
import { diffDists, Revision, revisionsDataset, revisionsFrom, type RevisionInput } from "../src/index.js";

const row = (entity: string, year: number, value: number, indicator = "IT.NET.USER.ZS"): RevisionInput => ({ source: "wdi", entity, indicator, year, value });

describe("revisionsFrom", () => {
  // CHN 2023 is 77.4827 in the Jan-2025 OWID vintage and 90.6 in the 2026 WDI download (shared/data/real SOURCES.md)
  const old = [row("CHN", 2023, 77.4827), row("CHN", 2022, 75.6), row("BLR", 2023, 91.3), row("BLR", 2019, 79.1)];
  const next = [row("CHN", 2023, 90.6), row("CHN", 2022, 75.60001), row("BLR", 2023, 91.3), row("BLR", 2024, 92)];

  it("china-2023-revised-between-vintages", () => {
    expect(revisionsFrom(old, next, "2025-01-24", "2026-02-18")).toEqual([
      { source: "wdi", entity: "CHN", indicator: "IT.NET.USER.ZS", year: 2023, old_value: 77.4827, new_value: 90.6, old_vintage: "2025-01-24", new_vintage: "2026-02-18" },
    ]);
  });

  it("below-precision-additions-and-withdrawals-are-not-revisions", () => {
    const r = revisionsFrom(old, next, "2025-01-24", "2026-02-18");
    expect(r.map((x) => `${x.entity} ${x.year}`)).toEqual(["CHN 2023"]);
  });

  it("sorted-by-primary-key-and-valid-rows", () => {
    const many = revisionsFrom(
      [row("CHN", 2021, 1), row("BLR", 2022, 1), row("BLR", 2021, 1, "A")],
      [row("CHN", 2021, 2), row("BLR", 2022, 2), row("BLR", 2021, 2, "A")],
      "2025-01-01",
      "2026-01-01",
    );
    expect(many.map((x) => `${x.entity} ${x.indicator} ${x.year}`)).toEqual(["BLR A 2021", "BLR IT.NET.USER.ZS 2022", "CHN IT.NET.USER.ZS 2021"]);
    for (const r of many) expect(Revision.safeParse(r).success).toBe(true);
  });

  it("spec-names-the-dataset-and-its-key", () => {
    expect(revisionsDataset).toMatchObject({ name: "revisions", primaryKey: ["source", "entity", "indicator", "year", "new_vintage"] });
    expect(Object.keys(Revision.shape)).toEqual(["source", "entity", "indicator", "year", "old_value", "new_value", "old_vintage", "new_vintage"]);
  });
});

describe("diff over dists written by @bycn/publish", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bycn-diff-publish-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const observations: DatasetSpec = {
    name: "wdi-indicators",
    title: "WDI indicators",
    description: "test rows",
    schema: Observation,
    primaryKey: ["entity", "indicator", "year"],
    sources: ["wdi"],
  };
  const obs = (entity: string, year: number, value: number, vintage: string, line: number): Observation => ({
    entity,
    economy: entity,
    entity_name: entity === "BLR" ? "Belarus" : entity === "CHN" ? "China" : "Zimbabwe",
    is_aggregate: false,
    indicator: "IT.NET.USER.ZS",
    indicator_name: "Individuals using the Internet (% of population)",
    year,
    value,
    unit: "%",
    source: "wdi",
    vintage,
    note: "",
    source_text: "",
    raw_file: `raw/wdi/${vintage}/API.csv`,
    raw_line: line,
  });
  const input = (rows: Observation[], revisions: Revision[], vintage: string): DistInput => ({
    datasets: [
      { spec: observations, rows },
      { spec: revisionsDataset, rows: revisions },
    ],
    rejects: [{ dataset: "wdi-indicators", raw_file: `raw/wdi/${vintage}/API.csv`, raw_line: 9, code: "invalid_number", message: "x", raw_record: "=1+1" }],
    check: { version: 1 },
    sources: [],
    package: { name: "bycn", title: "bycn", version: "1" },
  });

  it("published-layout-diffs-cleanly", async () => {
    const oldRows = [obs("BLR", 2023, 91.3, "2026-02-18", 3), obs("CHN", 2023, 77.4827, "2026-02-18", 4), obs("ZWE", 2023, 38.4266, "2026-02-18", 5)];
    const newRows = [obs("BLR", 2023, 91.3, "2026-11-28", 3), obs("CHN", 2023, 90.6, "2026-11-28", 4)];
    const revisions = revisionsFrom(oldRows, newRows, "2026-02-18", "2026-11-28");
    const oldDir = path.join(tmp, "old");
    const newDir = path.join(tmp, "new");
    await writeDistAtomic(oldDir, buildDist(input(oldRows, [], "2026-02-18")));
    await writeDistAtomic(newDir, buildDist(input(newRows, revisions, "2026-11-28")));
    const d = await diffDists(oldDir, newDir);
    const byName = Object.fromEntries(d.datasets.map((x) => [x.name, x]));
    expect(Object.keys(byName).sort()).toEqual(["revisions", "revisions-rejects", "wdi-indicators", "wdi-indicators-rejects"]);
    expect(byName["wdi-indicators"]?.changed).toEqual([
      { key: { entity: "CHN", indicator: "IT.NET.USER.ZS", year: "2023" }, changes: [{ column: "value", old: "77.4827", new: "90.6" }] },
    ]);
    expect(byName["wdi-indicators"]?.summary).toMatchObject({ removed: 1, provenanceOnly: 1, unchanged: 1 });
    expect(byName.revisions?.added).toHaveLength(1);
    // the rejects row only moved to the new vintage's raw file: provenance, not a change
    expect(byName["wdi-indicators-rejects"]?.status).toBe("same");
    expect(d.vanished).toEqual([{ dataset: "wdi-indicators", column: "entity", value: "ZWE" }]);
  });
});

// itu-idi: quirk cases for the iso3 + idi_<edition> layout, then the real (transcribed) IDI 2024 scores
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Observation, PipelineResult, Snapshot } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { describeReal } from "../../../packages/core/test-support/real.js";
import { detectIdi, normalize, pipeline } from "../src/index.js";

function snap(file: string, text: string, vintage = "2025-12-28"): Snapshot {
  const bytes = new TextEncoder().encode(text);
  return { file, bytes, vintage, sha256: createHash("sha256").update(bytes).digest("hex") };
}
const rows = (r: PipelineResult): Observation[] => r.datasets[0]!.rows as Observation[];

describe("itu-idi quirks", () => {
  it("editions-wide-to-long: one row per non-empty edition cell, year = edition", () => {
    const r = normalize(snap("idi.csv", "iso3,idi_2023,idi_2024\nBLR,,88.5\nCHN,83.0,85.8\n"));
    expect(rows(r).map((o) => [o.entity, o.year, o.value, o.unit, o.indicator])).toEqual([
      ["BLR", 2024, 88.5, "score", "IDI"],
      ["CHN", 2023, 83, "score", "IDI"],
      ["CHN", 2024, 85.8, "score", "IDI"],
    ]);
    expect(rows(r)[0]?.note).toContain("2022");
    expect(rows(r)[1]?.note).toBe("IDI 2023 edition");
    expect(r.rejects).toEqual([]);
    expect(r.dataRecords).toBe(2);
  });

  it("economy-scored-by-no-edition-is-quarantined-not-dropped", () => {
    const r = normalize(snap("idi.csv", "iso3,idi_2023,idi_2024\nBLR,,88.5\nTKM,,\n"));
    expect(rows(r).map((o) => o.entity)).toEqual(["BLR"]);
    expect(r.rejects.map((x) => [x.code, x.raw_line])).toEqual([["missing_value", 3]]);
  });

  it("score-out-of-range-unknown-economy-and-duplicates-rejected", () => {
    const r = normalize(snap("idi.csv", "iso3,idi_2024\nBLR,88.5\nCHN,185.8\nZZZ,50\nBLR,88.6\nSGP,n/a\n"));
    expect(rows(r).map((o) => [o.entity, o.value])).toEqual([["BLR", 88.5]]);
    expect(r.rejects.map((x) => [x.code, x.raw_line])).toEqual([
      ["value_out_of_range", 3],
      ["unknown_economy", 4],
      ["missing_value", 6],
      ["duplicate_key", 5],
    ]);
  });

  it("foreign-file-is-header_unrecognized", () => {
    expect(detectIdi(["iso3", "score"])).toBe(false);
    const r = pipeline.run([snap("x.csv", "iso3,score\nBLR,1\n")]);
    expect(r.issues.map((i) => i.code)).toContain("header_unrecognized");
    expect(r.dataRecords).toBe(0);
  });
});

describeReal("itu-idi on the transcribed IDI 2024 scores", (real) => {
  const csv = readFileSync(path.join(real, "transcribed", "idi2024_scores_wikipedia_via_third_party.csv"), "utf8");
  const r = pipeline.run([snap("raw/itu-idi/2025-12-28/idi2024_scores.csv", csv)]);
  const records = [...csv.matchAll(/^([A-Z]{3}),([0-9.]+)$/gm)];

  it("every record is one row; BLR 88.5 and CHN 85.8 as in the file", () => {
    expect(records).toHaveLength(172);
    expect(r.dataRecords).toBe(172);
    expect(rows(r)).toHaveLength(172);
    expect(r.rejects).toEqual([]);
    for (const iso of ["BLR", "CHN"]) {
      const expected = Number(records.find((m) => m[1] === iso)![2]);
      expect(rows(r).find((o) => o.entity === iso)).toMatchObject({ year: 2024, value: expected, source: "itu-idi" });
    }
  });
});

// implausible values are published, flagged in the row and reported with their raw line; rounding never flags
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type Observation, type Plausible, UNIT_PLAUSIBLE, flagImplausible, withFlag } from "../src/index.js";

const FILE = "raw/itu-datahub/2025-12-28/average_download_throughput_fixed_broadband.csv";
const row = (entity: string, year: number, value: number, raw_line: number, unit: Observation["unit"] = "bit/s"): Observation => ({
  entity, economy: entity, entity_name: entity, is_aggregate: false, indicator: "i147dl", indicator_name: "throughput", year, value, unit,
  source: "itu-datahub", vintage: "2025-12-28", note: "", source_text: "", raw_file: FILE, raw_line,
});
const raw = (file: string, line: number) => `${file}#${line}`;
const byUnit = (r: Observation): Plausible => UNIT_PLAUSIBLE[r.unit];

describe("flagImplausible", () => {
  it("belarus-fixed-broadband-at-1-Tbit/s is published, flagged, and a warning quoting its raw line", () => {
    const { rows, issues } = flagImplausible([row("BLR", 2021, 1.00824e12, 12), row("BLR", 2020, 5.2e7, 11)], byUnit, raw);
    expect(rows.map((r) => r.value)).toEqual([1.00824e12, 5.2e7]);
    expect(rows[0]!.flag).toMatch(/^implausible_value: outside 1e6–1e10 bit\/s/);
    expect(rows[1]!.flag).toBe("");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "implausible_value", severity: "warning", at: { file: FILE, line: 12 }, raw: `${FILE}#12`, entity: "BLR", year: 2021 });
  });

  it("a-share-above-100 is flagged; a per-100 series above 100 is not", () => {
    const share = flagImplausible([row("X", 2022, 100.4, 1, "%")], byUnit, raw).rows[0]!;
    const per100 = flagImplausible([row("X", 2022, 210.5, 1, "per 100 inhabitants")], byUnit, raw).rows[0]!;
    expect(share.flag).toContain("outside 0–100");
    expect(per100.flag).toBe("");
  });

  it("a-jump-beyond-the-declared-ratio flags the later year; a gap year is no jump; an out-of-bounds year is no baseline", () => {
    const { rows } = flagImplausible(
      [row("KGZ", 2022, 4.765e7, 1), row("KGZ", 2023, 1.39724e9, 2), row("UZB", 2020, 2e6, 3), row("UZB", 2022, 5e7, 4), row("CHN", 2020, 257331, 5), row("CHN", 2021, 3.15621e8, 6)],
      byUnit,
      raw,
    );
    expect(rows.map((r) => r.flag === "")).toEqual([true, false, true, true, false, true]);
    expect(rows[1]!.flag).toContain("29.3-fold from 2022");
  });
});

it("withFlag adds the flag column to observation datasets only", () => {
  const obs = { name: "o", title: "", description: "", primaryKey: [], sources: [], schema: z.object({ entity: z.string(), indicator: z.string(), year: z.number(), value: z.number(), unit: z.string() }) };
  const other = { ...obs, schema: z.object({ as_of: z.string(), value: z.number(), unit: z.string() }) };
  expect(Object.keys(withFlag(obs).schema.shape)).toContain("flag");
  expect(withFlag(other)).toBe(other);
  expect(withFlag(withFlag(obs)).schema.shape).toEqual(withFlag(obs).schema.shape);
});

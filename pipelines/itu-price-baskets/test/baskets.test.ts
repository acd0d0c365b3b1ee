// itu-price-baskets: quirk cases on inline rows of the tidy long layout, then the real BLR/CHN slice
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PipelineResult, Snapshot } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { describeReal } from "../../../packages/core/test-support/real.js";
import type { PriceBasketObservation } from "../src/index.js";
import { basketUnit, normalize, pipeline } from "../src/index.js";

function snap(file: string, text: string, vintage = "2025-12-15"): Snapshot {
  const bytes = new TextEncoder().encode(text);
  return { file, bytes, vintage, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const HEADER = "iso3,economy,code,basket_name,unit,unit_label,year,value,status,itu_region,wb_income_2025,LDC,LLDC,SIDS";
const HIGH = '"Mobile data and voice high-consumption basket (140 min, 70 SMS, 2 GB) (2021-2024)"';
const row = (iso: string, code: string, unit: string, year: number, value: string, status = "official"): string =>
  `${iso},${iso === "BLR" ? "Belarus" : "China"},${code},${HIGH},${unit},label,${year},${value},${status},CIS countries,Upper middle income,0,0,0`;
const rows = (r: PipelineResult): PriceBasketObservation[] => r.datasets[0]!.rows as PriceBasketObservation[];

describe("itu-price-baskets quirks", () => {
  it("dollar-in-code-and-suffix-units: $ is USD, _GNI is % of GNI per capita, _PPP is PPP$; quoted names with commas", () => {
    const text = [HEADER, row("BLR", "i271mb_high_2GB$", "USD", 2023, "6.74"), row("BLR", "i271mb_high_2GB_GNI", "GNIpc", 2023, "1.18"), row("BLR", "i271mb_high_2GB_PPP", "PPP", 2023, "25.95")].join("\n");
    const r = normalize(snap("baskets.csv", text));
    expect(rows(r).map((o) => [o.indicator, o.unit, o.value, o.indicator_name])).toEqual([
      ["i271mb_high_2GB$", "USD", 6.74, "Mobile data and voice high-consumption basket (140 min, 70 SMS, 2 GB) (2021-2024)"],
      ["i271mb_high_2GB_GNI", "% of GNI per capita", 1.18, "Mobile data and voice high-consumption basket (140 min, 70 SMS, 2 GB) (2021-2024)"],
      ["i271mb_high_2GB_PPP", "PPP$", 25.95, "Mobile data and voice high-consumption basket (140 min, 70 SMS, 2 GB) (2021-2024)"],
    ]);
    expect(r.issues.filter((i) => i.code === "unit_mismatch")).toEqual([]);
    expect(basketUnit("i154_FBB5")).toBeUndefined();
  });

  it("status-outside-basket-history-published-and-marked", () => {
    const text = [HEADER, row("CHN", "i271mb_high_2GB_GNI", "GNIpc", 2019, "1.3", "year outside BasketHistory range"), row("CHN", "i271mb_high_2GB_GNI", "GNIpc", 2025, "0.64", "experimental")].join("\n");
    const r = normalize(snap("baskets.csv", text));
    expect(rows(r).map((o) => [o.year, o.status, o.note])).toEqual([
      [2019, "year outside BasketHistory range", "status: year outside BasketHistory range"],
      [2025, "experimental", "status: experimental"],
    ]);
  });

  it("unknown-status-code-or-economy-rejected-and-unit-column-disagreement-reported-once", () => {
    const text = [
      HEADER,
      row("BLR", "i271mb_high_2GB$", "GNIpc", 2022, "8.87"),
      row("BLR", "i271mb_high_2GB$", "GNIpc", 2023, "6.74"),
      row("BLR", "i271mb_high_2GB_GNI", "GNIpc", 2023, "1.18", "provisional"),
      row("BLR", "i271mb_high_2GB", "USD", 2023, "1"),
      row("ZZZ", "i271mb_high_2GB_GNI", "GNIpc", 2023, "1"),
      row("BLR", "i271mb_high_2GB$", "USD", 2023, "7"),
    ].join("\n");
    const r = normalize(snap("baskets.csv", text));
    expect(rows(r).map((o) => [o.year, o.value])).toEqual([
      [2022, 8.87],
      [2023, 6.74],
    ]);
    expect(r.rejects.map((x) => [x.code, x.raw_line])).toEqual([
      ["invalid_row", 4],
      ["unknown_series", 5],
      ["unknown_economy", 6],
      ["duplicate_key", 7],
    ]);
    expect(r.issues.filter((i) => i.code === "unit_mismatch")).toMatchObject([{ series: "i271mb_high_2GB$", declared: "GNIpc", used: "USD" }]);
    expect(r.dataRecords).toBe(6);
  });

  it("foreign-file-is-header_unrecognized", () => {
    const r = pipeline.run([snap("x.csv", "iso3,idi_2024\nBLR,88.5\n")]);
    expect(r.issues.map((i) => i.code)).toContain("header_unrecognized");
    expect(r.dataRecords).toBe(0);
  });
});

describeReal("itu-price-baskets on the real BLR/CHN slice", (real) => {
  const csv = readFileSync(path.join(real, "itu-price-baskets", "itu_price_baskets_long.csv"), "utf8");
  const r = pipeline.run([snap("raw/itu-price-baskets/2025-12-15/itu_price_baskets_long.csv", csv)]);
  // read independently: iso3, code, year, value, status around the (possibly quoted) basket name
  const records = [...csv.matchAll(/^([A-Z]{3}),[^,]*,([^,]+),(?:"[^"]*"|[^,]*),[^,]*,[^,]*,(\d{4}),([^,]*),([^,]*),/gm)];

  it("every record is one row", () => {
    expect(records).toHaveLength(50);
    expect(r.dataRecords).toBe(records.length);
    expect(rows(r)).toHaveLength(records.length);
    expect(r.rejects).toEqual([]);
  });

  it("values, units and status exact for BLR and CHN", () => {
    for (const m of records) {
      const [, iso, code, year, value, status] = m;
      const o = rows(r).find((x) => x.entity === iso && x.indicator === code && x.year === Number(year));
      expect(o?.value, `${iso} ${code} ${year}`).toBe(Number(value));
      expect(o?.status).toBe(status);
      expect(o?.unit).toBe(basketUnit(code!));
    }
    expect(rows(r).find((x) => x.entity === "BLR" && x.indicator === "i271mb_high_2GB_GNI" && x.year === 2023)?.value).toBe(1.18);
  });
});

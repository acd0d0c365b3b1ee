// every figure of the research helper's transcription is a row of the committed table, or a coded reject
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { parseNumber, readTable } from "@bycn/ingest";
import { normalize } from "@bycn/pipeline-great-stone";
import { describeReal } from "../../../packages/core/test-support/real.js";
import { committed } from "./_table.js";

// the transcription's value columns: measure and the power of ten to base units (read independently of tools/belta)
const COLUMNS: Record<string, [string, number]> = {
  residents_total: ["residents_total", 0],
  countries: ["countries", 0],
  declared_investment_usd_bn: ["declared_investment_usd", 9],
  actual_investment_usd_m: ["actual_investment_usd", 6],
  jobs: ["jobs", 0],
  new_residents: ["new_residents", 0],
};

describeReal("great-stone against the transcription", (dir) => {
  const bytes = readFileSync(path.join(dir, "transcribed/great_stone_reported_figures.csv"));
  const table = readTable(bytes, { file: "great_stone_reported_figures.csv" });
  const header = table.info?.header ?? [];
  const result = normalize(committed());

  const figures = table.records.flatMap((rec) => {
    const get = (name: string) => (rec.fields[header.indexOf(name)] ?? "").trim();
    return Object.entries(COLUMNS)
      .filter(([col]) => get(col) !== "")
      .map(([col, [measure, exp]]) => {
        const parsed = parseNumber(get(col), { decimal: "." });
        if (parsed.kind !== "number") throw new Error(`transcription ${col} ${get(col)} is not a number`);
        return { url: get("source_url"), asOf: get("as_of"), dated: get("as_of") !== "undated", measure, value: Number(`${parsed.value}e${exp}`), line: rec.line };
      });
  });

  it("seventeen-reports-all-present", () => {
    expect(table.records).toHaveLength(17);
    const urls = new Set([...result.rows.map((r) => r.source_url), ...result.rejects.map((r) => r.raw_record.split(";")[7])]);
    for (const rec of table.records) expect(urls.has(rec.fields[header.indexOf("source_url")])).toBe(true);
  });

  it("each-figure-is-a-row-or-a-coded-reject", () => {
    let rows = 0;
    let rejected = 0;
    for (const f of figures) {
      const row = result.rows.find((r) => r.source_url === f.url && r.measure === f.measure && r.value === f.value);
      if (row) {
        // as_of is the last day of the transcription's date: 2019-10 → 2019-10-31, 2023 → 2023-12-31
        expect(row.as_of.startsWith(f.asOf), `${f.measure} ${f.value}: as_of ${row.as_of} vs ${f.asOf}`).toBe(true);
        rows++;
        continue;
      }
      const reject = result.rejects.find((r) => r.raw_record.includes(f.url));
      expect(reject, `transcription line ${f.line}: ${f.measure} ${f.value} is neither a row nor a reject`).toBeDefined();
      expect(reject?.code).toMatch(/^[a-z_]+$/);
      // only the undated report is rejected
      expect(f.dated).toBe(false);
      rejected++;
    }
    expect(rows + rejected).toBe(figures.length);
    expect({ rows, rejected }).toEqual({ rows: 47, rejected: 4 });
  });
});

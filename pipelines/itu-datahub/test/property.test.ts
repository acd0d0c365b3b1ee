// itu-datahub property: whatever mix of good and bad records an export holds, each ends as rows or exactly one reject
import fc from "fast-check";
import type { Snapshot } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { pipeline } from "../src/index.js";

const HEADER = '"seriesID","seriesCode","seriesName","seriesParent","seriesUnits","entityID","entityIso","entityName","dataValue","dataYear","dataNote","dataSource","seriesDescription","dataValue 1","dataValue 2"';
const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;

const record = fc.record({
  code: fc.constantFrom("i911mw", "i271mw", "i147dl", "trUSAdopted", "i999zz"),
  iso: fc.constantFrom("BLR", "CHN", "KSO", "ZZZ"),
  value: fc.constantFrom("1", "9.32177e+006", "101.619", "0", "", "abc", "..", "Broadband"),
  year: fc.constantFrom("2020", "2021", "2022", "20x1"),
  source: fc.constantFrom("", "ITU estimate.", 'say "hi", then\nleave', "TRCSL.\r\n\r\nTRCSL", "нет)))"),
  answers: fc.array(fc.constantFrom("", "Fax", "Broadband, fixed"), { minLength: 2, maxLength: 2 }),
});

describe("itu-datahub property", () => {
  it("every-record-is-rows-or-one-reject: counts add up, keys sorted and unique", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 25 }), (records) => {
        const lines = records.map((r) =>
          [1, quote(r.code), quote("name"), "", quote("count"), 1, quote(r.iso), quote("x"), quote(r.value), r.year, quote(""), quote(r.source), quote("d"), ...r.answers.map(quote)].join(","),
        );
        const text = `\uFEFF${[HEADER, ...lines].join("\n")}\n`;
        const snap: Snapshot = { file: "p.csv", bytes: new TextEncoder().encode(text), vintage: "2025-12-28", sha256: "" };
        const r = pipeline.run([snap]);
        expect(r.dataRecords).toBe(records.length);
        const rowLines = new Set<number>();
        for (const d of r.datasets) for (const row of d.rows) rowLines.add(row.raw_line as number);
        const rejectLines = r.rejects.map((x) => x.raw_line);
        expect(new Set(rejectLines).size).toBe(rejectLines.length);
        for (const l of rejectLines) expect(rowLines.has(l)).toBe(false);
        expect(rowLines.size + rejectLines.length).toBe(records.length);
        for (const d of r.datasets) {
          const keys = d.rows.map((row) => d.spec.primaryKey.map((k) => String(row[k]).padStart(4, "0")).join("\u0000"));
          expect(keys).toEqual([...keys].sort());
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
      { numRuns: 150 },
    );
  });
});

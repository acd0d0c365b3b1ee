// shared step helpers: first-wins keys across files, locale-free numeric-aware ordering
import { describe, expect, it } from "vitest";
import { compareBy, keepFirst, type Issue, type Reject } from "../src/index.js";

describe("keepFirst", () => {
  it("duplicate-key-first-in-file-order-wins-and-names-the-first-line", () => {
    const acc = { issues: [] as Issue[], rejects: [] as Reject[] };
    const row = (e: string, n: number): Record<string, unknown> => ({ e, y: 2022, n });
    const rows = keepFirst(
      [
        { dataset: "ds", file: 0, line: 2, raw: "a2", rows: [row("BLR", 1)] },
        { dataset: "ds", file: 0, line: 9, raw: "a9", rows: [row("BLR", 2)] },
        { dataset: "ds", file: 1, line: 3, raw: "b3", rows: [row("BLR", 3)] },
        { dataset: "ds", file: 1, line: 4, raw: "b4", rows: [row("CHN", 4)] },
      ],
      { name: "ds", primaryKey: ["e", "y"] },
      ["a.csv", "b.csv"],
      acc,
    );
    expect(rows.map((r) => r.n)).toEqual([1, 4]);
    expect(acc.rejects.map((r) => [r.raw_file, r.raw_line, r.code, r.dataset, r.raw_record])).toEqual([
      ["a.csv", 9, "duplicate_key", "ds", "a9"],
      ["b.csv", 3, "duplicate_key", "ds", "b3"],
    ]);
    expect(acc.issues[1]?.message).toBe("duplicate key e=BLR, y=2022 (first in a.csv); first seen on line 2");
  });
});

describe("compareBy", () => {
  it("numbers-numerically-text-by-code-unit", () => {
    const rows = [
      { e: "b", y: 10 },
      { e: "a", y: 9 },
      { e: "b", y: 9 },
      { e: "B", y: 1 },
    ];
    expect([...rows].sort(compareBy(["e", "y"]))).toEqual([
      { e: "B", y: 1 },
      { e: "a", y: 9 },
      { e: "b", y: 9 },
      { e: "b", y: 10 },
    ]);
  });
});

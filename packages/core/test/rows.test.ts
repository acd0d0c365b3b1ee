// shared step helpers: first-wins keys across files, locale-free numeric-aware ordering
import { describe, expect, it } from "vitest";
import { compareBy, keepFirst, type Issue, type Reject } from "../src/index.js";

describe("keepFirst", () => {
  it("duplicate-key-first-in-file-order-wins-and-names-the-first-line", () => {
    const acc = { issues: [] as Issue[], rejects: [] as Reject[] };
    const rows = keepFirst(
      [
        { key: "BLR 2022", snapshot: { file: "a.csv" }, line: 2, raw: "a2", row: 1 },
        { key: "BLR 2022", snapshot: { file: "a.csv" }, line: 9, raw: "a9", row: 2 },
        { key: "BLR 2022", snapshot: { file: "b.csv" }, line: 3, raw: "b3", row: 3 },
        { key: "CHN 2022", snapshot: { file: "b.csv" }, line: 4, raw: "b4", row: 4 },
      ],
      "ds",
      acc,
    );
    expect(rows).toEqual([1, 4]);
    expect(acc.rejects.map((r) => [r.raw_file, r.raw_line, r.code, r.dataset, r.raw_record])).toEqual([
      ["a.csv", 9, "duplicate_key", "ds", "a9"],
      ["b.csv", 3, "duplicate_key", "ds", "b3"],
    ]);
    expect(acc.issues[1]?.message).toBe("duplicate key BLR 2022 (first in a.csv); first seen on line 2");
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

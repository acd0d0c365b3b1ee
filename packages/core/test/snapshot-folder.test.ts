// raw/ folder names: one rule for the reader (cli's raw/ scan) and the writer (refresh)
import { describe, expect, it } from "vitest";
import { compareSnapshotFolders, isSnapshotFolder, nextSnapshotFolder, snapshotDate, sortSnapshotFolders } from "../src/index.js";

describe("snapshot folder names", () => {
  const cases: [string, string, string[], string | undefined][] = [
    ["first-snapshot", "2026-11-28", [], "2026-11-28"],
    ["later-day", "2026-11-28", ["2026-11-01", "sources.json"], "2026-11-28"],
    ["same-day", "2026-11-28", ["2026-11-01", "2026-11-28"], "2026-11-28.02"],
    ["third-same-day", "2026-11-28", ["2026-11-28", "2026-11-28.02"], "2026-11-28.03"],
    ["tenth-same-day", "2026-11-28", ["2026-11-28", "2026-11-28.09"], "2026-11-28.10"],
    ["clock-behind-the-latest", "2026-11-27", ["2026-11-28"], undefined],
    ["ninety-nine-a-day", "2026-11-28", ["2026-11-28.99"], undefined],
    ["temp-dirs-ignored", "2026-11-28", [".bycn-tmp-ab12", "2026-11-28"], "2026-11-28.02"],
  ];
  for (const [name, date, existing, expected] of cases) it(name, () => expect(nextSnapshotFolder(date, existing)).toBe(expected));

  it("string-order-is-time-order", () => {
    const names = ["2026-11-29", "2026-11-28.10", "2026-11-28", "2026-11-28.02", "2026-11-28.09", "x"];
    expect(sortSnapshotFolders(names)).toEqual(["2026-11-28", "2026-11-28.02", "2026-11-28.09", "2026-11-28.10", "2026-11-29"]);
  });

  // cli's scan once read `.N` of any width and compared N as a number while refresh wrote and read only `.NN`:
  // a hand-made `2026-11-28.2` was the newest vintage to the build and invisible to refresh, which then named
  // its next folder `.02`, a tie in the build's order. One rule now: two digits, string order.
  it("one-digit-suffix-is-not-a-snapshot-for-reader-or-writer", () => {
    expect(isSnapshotFolder("2026-11-28.2")).toBe(false);
    expect(isSnapshotFolder("2026-11-28.100")).toBe(false);
    expect(sortSnapshotFolders(["2026-11-28.2", "2026-11-28.10", "2026-11-28"])).toEqual(["2026-11-28", "2026-11-28.10"]);
    expect(nextSnapshotFolder("2026-11-28", ["2026-11-28", "2026-11-28.2"])).toBe("2026-11-28.02");
  });

  it("comparator-agrees-with-sort-and-date-drops-the-suffix", () => {
    expect(compareSnapshotFolders("2026-11-28.09", "2026-11-28.10")).toBeLessThan(0);
    expect(compareSnapshotFolders("2026-11-28.02", "2026-11-28")).toBeGreaterThan(0);
    expect(snapshotDate("2026-11-28.02")).toBe("2026-11-28");
  });

  it("names-that-are-not-dates-are-not-folders", () => {
    for (const n of ["x", "latest", ".bycn-tmp-ab12", "2026-11-28-old", "2026-11-28."]) expect(isSnapshotFolder(n), n).toBe(false);
  });
});

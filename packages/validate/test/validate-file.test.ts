// validateFile as data: the same outcome on every path, cuts at record starts, errors as ValidateError, temp folder gone
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SourceId } from "@bycn/core";
import { readTable } from "@bycn/ingest";
import { generateDatahub } from "../../../bench/src/generate.js";
import { rangesOf, validateFile, ValidateError, type ValidateOptions } from "../src/index.js";

const dir = mkdtempSync(path.join(tmpdir(), "bycn-validate-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const big = path.join(dir, "itu-long-5k.csv");
writeFileSync(big, generateDatahub({ rows: 5000, seed: 7, invalidRate: 0.01 }));

// pipelines by module name only: what a worker thread does
const MODULES: Partial<Record<SourceId, string>> = { "itu-datahub": "@bycn/pipeline-itu-datahub", wdi: "@bycn/pipeline-wdi" };
const base: ValidateOptions = { file: big, detect: ["itu-datahub", "wdi"], modules: MODULES };

/** the outcome with its issues read, and every file written to a fresh out folder */
async function outcome(extra: Partial<ValidateOptions>) {
  const out = mkdtempSync(path.join(dir, "out-"));
  const tmp = mkdtempSync(path.join(dir, "tmp-"));
  const o = await validateFile({ ...base, out, tmp, ...extra });
  const issues = [...o.issues];
  o.dispose();
  expect(readdirSync(tmp)).toEqual([]);
  const files = Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(path.join(out, f), "utf8")]));
  const { dispose: _d, issues: _i, ...counts } = o;
  return { counts, issues, files };
}

describe("validateFile", () => {
  it("every-path-one-outcome: whole file, streamed in small runs and cut in three ranges give the same counts, issues and bytes", async () => {
    const whole = await outcome({ streaming: false });
    expect(whole.counts).toMatchObject({ kind: "itu-datahub", dataRecords: 5000, fatal: false });
    expect(whole.counts.rejects).toBeGreaterThan(10);
    const rows = whole.counts.datasets.reduce((n, d) => n + d.rows, 0);
    expect(rows + whole.counts.rejects).toBe(5000);
    for (const extra of [{ runItems: 300, threads: 1 }, { threads: 3, inline: true, parallelMinBytes: 0, runItems: 400 }]) {
      const other = await outcome(extra);
      expect(other.counts).toEqual(whole.counts);
      expect(other.issues).toEqual(whole.issues);
      expect(other.files).toEqual(whole.files);
    }
  });

  it("the-cuts-are-real: ranges start at record starts and each range but the first resumes on its record's line", () => {
    const bytes = readFileSync(big);
    const table = readTable(bytes, { file: big });
    const fd = openSync(big, "r");
    const ranges = rangesOf(fd, table.info!, 4, 0)!;
    closeSync(fd);
    expect(ranges).toHaveLength(4);
    const lines = new Set(table.records.map((r) => r.line));
    for (const r of ranges.slice(1)) {
      expect(lines.has(r.resume!.line)).toBe(true);
      // the byte before a cut ends a line
      expect(bytes[r.start - 1]).toBe(0x0a);
    }
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(bytes.length);
  });

  it("unreadable-is-a-validate-error: a missing file or a folder, worded, nothing written, no temp folder left", async () => {
    const tmp = mkdtempSync(path.join(dir, "tmp-"));
    const out = path.join(dir, "never");
    await expect(validateFile({ ...base, file: path.join(dir, "missing.csv"), tmp, out })).rejects.toThrow(ValidateError);
    await expect(validateFile({ ...base, file: dir, tmp })).rejects.toThrow(/^cannot read .*: it is a directory$/);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(dir)).not.toContain("never");
  });

  it("unknown-layout: a header no pipeline of `detect` knows is counted and reported, not an error", async () => {
    const file = path.join(dir, "other.csv");
    writeFileSync(file, "a,b\n1,2\n3,4\n");
    const r = await outcome({ file });
    expect(r.counts).toMatchObject({ kind: undefined, dataRecords: 2, rejects: 0, datasets: [], fatal: false });
    expect(r.issues.filter((i) => i.severity !== "info").map((i) => i.code)).toEqual(["header_unrecognized"]);
  });
});

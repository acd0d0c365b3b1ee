// issue 16: every record of every pipeline ends as a published row or a coded reject, counted by csv-parse, not by
// the pipelines' own reader: on the committed raw/ snapshots, then on fuzzed copies of them
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Snapshot, SourceId } from "@bycn/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PIPELINES } from "../src/pipelines.js";
import { account, headerIndexOf, rowsWithoutLine, unreadable } from "./_conservation.js";
import { fuzzArbitrary, fuzzFile, templateOf } from "./_fuzz.js";
import { repoRoot } from "./_cli.js";

const SOURCES = Object.keys(PIPELINES) as SourceId[];

/** the newest committed snapshot of a source, read as plain bytes */
function committed(source: SourceId): Snapshot[] {
  const dir = path.join(repoRoot, "raw", source);
  const vintage = readdirSync(dir).sort().at(-1)!;
  return readdirSync(path.join(dir, vintage))
    .filter((n) => !n.endsWith(".meta.json"))
    .sort()
    .map((n) => ({ file: `raw/${source}/${vintage}/${n}`, bytes: readFileSync(path.join(dir, vintage, n)), vintage, sha256: "" }));
}

describe("conservation on the committed raw/ snapshots", () => {
  it.each(SOURCES)("%s: every csv-parse record of every file is a row or a reject, and nothing else lands", (source) => {
    const snaps = committed(source);
    const pipeline = PIPELINES[source];
    const result = pipeline.run(snaps);
    expect(rowsWithoutLine(result)).toEqual([]);
    const files = account(snaps, result, (s) => headerIndexOf(s.bytes, s.file, pipeline.detect));
    const records = files.reduce((n, f) => n + f.records, 0);
    expect(records).toBeGreaterThan(0);
    for (const f of files) expect({ file: f.file, lost: f.lost, phantom: f.phantom }).toEqual({ file: f.file, lost: [], phantom: [] });
    expect(result.dataRecords).toBe(records);
    console.log(`conservation ${source}: ${files.length} file(s), ${records} records → ${result.datasets.reduce((n, d) => n + d.rows.length, 0)} rows, ${result.rejects.length} rejects`);
  });
});

const RUNS = Number(process.env.BYCN_FUZZ_RUNS ?? 100);

describe("conservation on fuzzed copies of every source", () => {
  it.each(SOURCES)(`%s: ${RUNS} fuzzed snapshots; every record counted by csv-parse lands, or the file is an unreadable-file error`, (source) => {
    const snaps = committed(source);
    const pipeline = PIPELINES[source];
    const csvs = snaps.filter((s) => /\.csv$/i.test(s.file));
    const others = snaps.filter((s) => !/\.csv$/i.test(s.file));
    const templates = csvs.map((s) => templateOf(s, pipeline.detect));
    const stats = { cases: 0, files: 0, records: 0, rows: 0, rejects: 0, unreadableFiles: 0, truncated: 0 };
    fc.assert(
      fc.property(fuzzArbitrary(templates), (shapes) => {
        const fuzzed = templates.map((t, i) => fuzzFile(t, shapes[i]!, snaps[0]!.vintage));
        const byFile = new Map(fuzzed.map((f) => [f.snapshot.file, f]));
        const result = pipeline.run([...fuzzed.map((f) => f.snapshot), ...others]);
        expect(rowsWithoutLine(result)).toEqual([]);
        const files = account(
          fuzzed.map((f) => f.snapshot),
          result,
          (s) => byFile.get(s.file)!.headerIndex,
          (s) => byFile.get(s.file)!.dialect,
        );
        let readable = 0;
        for (const f of files) {
          if (unreadable(result.issues, f.file)) {
            stats.unreadableFiles++;
            if (process.env.BYCN_FUZZ_DEBUG) console.log(f.file, result.issues.filter((i) => i.at.file === f.file && i.severity === "error").map((i) => `${i.code} ${i.message}`), JSON.stringify(new TextDecoder().decode(byFile.get(f.file)!.snapshot.bytes.subarray(0, 400))), JSON.stringify(shapes.map((x) => [x.lineBreak, x.quoting, x.truncate])));
            continue;
          }
          expect({ file: f.file, lost: f.lost, phantom: f.phantom }).toEqual({ file: f.file, lost: [], phantom: [] });
          readable += f.records;
        }
        expect(result.dataRecords).toBe(readable);
        stats.cases++;
        stats.files += files.length;
        stats.records += readable;
        stats.rows += result.datasets.reduce((n, d) => n + d.rows.length, 0);
        stats.rejects += result.rejects.length;
        stats.truncated += fuzzed.filter((f) => f.truncated).length;
      }),
      { numRuns: RUNS, seed: Number(process.env.BYCN_FUZZ_SEED ?? 16) },
    );
    console.log(`fuzz ${source}: ${JSON.stringify(stats)}`);
    expect(stats.cases).toBe(RUNS);
  });
});

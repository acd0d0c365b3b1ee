// issue 16: every record of every pipeline ends as a published row or a coded reject, counted by csv-parse, not by
// the pipelines' own reader: on the committed raw/ snapshots, then on fuzzed copies of them
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Snapshot, SourceId } from "@bycn/core";
import { describe, expect, it } from "vitest";
import { PIPELINES } from "../src/pipelines.js";
import { account, headerIndexOf, rowsWithoutLine } from "./_conservation.js";
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

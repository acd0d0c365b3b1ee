// the ranged run's coordinator: scan tasks per range, merge tasks per partition of the key order, the parts joined
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { DatasetSpec, Issue, Pipeline, Reject, SourceId } from "@bycn/core";
import { REJECTS_SPEC } from "@bycn/publish";
import { balancedCuts, mergeRuns, splitRuns } from "@bycn/sort";
import { DatasetWriter } from "../dataset-writer.js";
import { byIssueOrder, byReject, type OrderedIssue } from "../order.js";
import { READ_BYTES } from "../stream.js";
import type { Runner } from "./pool.js";
import type { Range } from "./ranges.js";
import { timing, type MergeResult, type ScanResult } from "./tasks.js";

export interface RangedRun {
  file: string;
  kind: SourceId;
  module: string;
  pipeline: Pipeline;
  ranges: Range[];
  vintage: string;
  tmp: string;
  out?: string | undefined;
  threads: number;
  /** where the tasks run (a pool of worker threads, or this thread one after another: the same cuts, files and
   *  order); closed when the run is over */
  runner: Runner;
  runItems?: number | undefined;
}

export interface RangedOutcome {
  dataRecords: number;
  datasets: { name: string; rows: number }[];
  rejects: number;
  issues: Iterable<Issue>;
}

/** partition keys compared as compareBy compares one column: numbers numerically, the rest by code unit */
function compareKeys(a: string | number, b: string | number): number {
  if (a === b) return 0;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** append `from` to the open file `fd`, after `joint` when both sides have rows */
function append(fd: number, from: string, joint: string): void {
  const src = openSync(from, "r");
  try {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    if (joint !== "") writeSync(fd, joint);
    for (;;) {
      const n = readSync(src, buf, 0, buf.length, null);
      if (n === 0) break;
      let at = 0;
      while (at < n) at += writeSync(fd, buf, at, n - at);
    }
  } finally {
    closeSync(src);
  }
  rmSync(from, { force: true });
}

/** part 0 is the file itself, header and "[" written; later parts follow, then the json array is closed */
function joinParts(spec: DatasetSpec, merges: MergeResult[], file: (name: string, part: number) => string): void {
  const csv = openSync(file(`${spec.name}.csv`, 0), "a");
  const json = openSync(file(`${spec.name}.json`, 0), "a");
  let rows = merges[0]!.rows[spec.name] ?? 0;
  try {
    for (let k = 1; k < merges.length; k++) {
      const mine = merges[k]!.rows[spec.name] ?? 0;
      append(csv, file(`${spec.name}.csv`, k), "");
      append(json, file(`${spec.name}.json`, k), rows > 0 && mine > 0 ? ",\n" : "");
      rows += mine;
    }
    writeSync(json, rows === 0 ? "" : "\n]\n");
  } finally {
    closeSync(csv);
    closeSync(json);
  }
  // no rows: the array is "[]", as renderJson writes it
  if (rows === 0) new DatasetWriter(spec, file(`${spec.name}.csv`, 0), file(`${spec.name}.json`, 0)).close();
}

/**
 * The whole run: undefined when a cut turned out not to be a record start (the reader of the range before it did not
 * end there), or a range hit a fatal problem: the caller then reads the file on one thread.
 */
export async function validateInRanges(p: RangedRun): Promise<RangedOutcome | undefined> {
  const t0 = performance.now();
  const phase = (name: string): void => timing(`${name} done at ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const { ranges, pipeline } = p;
  phase(`cut into ${ranges.length} ranges`);
  const runner = p.runner;
  const base = { kind: p.kind, module: p.module, tmp: p.tmp, render: p.out !== undefined };
  try {
    const scans = await Promise.all(
      ranges.map((r, i) =>
        runner.run<ScanResult>({
          ...base,
          type: "scan",
          file: p.file,
          vintage: p.vintage,
          prefix: `r${i}`,
          start: r.start,
          end: r.end,
          ...(r.resume ? { resume: r.resume } : {}),
          last: i === ranges.length - 1,
          ...(p.runItems ? { runItems: p.runItems } : {}),
        }),
      ),
    );
    phase("reading");
    const cutsHold = scans.every((s, i) => i === scans.length - 1 || (s.clean && s.nextLine === ranges[i + 1]!.resume!.line));
    if (!cutsHold || scans.some((s) => s.fatal)) {
      for (const s of scans) for (const f of [...Object.values(s.runs).flat(), ...s.rejects, ...s.issues]) rmSync(f.file, { force: true });
      return undefined;
    }

    // the key order of each dataset cut into parts of about equal size, one per thread
    const parts = Math.max(1, p.threads);
    const plans = pipeline.datasets.map((spec) => {
      const runs = scans.flatMap((s) => s.runs[spec.name] ?? []);
      const column = pipeline.stream!.partitionColumn?.(spec.name);
      const cuts = column === undefined ? [] : balancedCuts(runs, parts, compareKeys);
      return { spec, split: splitRuns(runs, cuts, compareKeys) };
    });
    const out = p.out;
    const partFile = (name: string, k: number): string => (k === 0 ? path.join(out!, name) : path.join(p.tmp, `part${k}-${name}`));
    const merges = await Promise.all(
      Array.from({ length: parts }, (_, k) =>
        runner.run<MergeResult>({
          ...base,
          type: "merge",
          files: [p.file],
          prefix: `m${k}`,
          first: k === 0,
          datasets: plans.map(({ spec, split }) => ({
            name: spec.name,
            ranges: split[k] ?? [],
            ...(out !== undefined ? { csv: partFile(`${spec.name}.csv`, k), json: partFile(`${spec.name}.json`, k) } : {}),
          })),
        }),
      ),
    );
    phase("merging");
    for (const s of scans) for (const f of Object.values(s.runs).flat()) rmSync(f.file, { force: true });

    const datasets = pipeline.datasets.map((spec) => ({ name: spec.name, rows: merges.reduce((n, m) => n + (m.rows[spec.name] ?? 0), 0) }));
    if (out !== undefined) for (const spec of pipeline.datasets) joinParts(spec, merges, partFile);

    phase("joining parts");
    const runsOf = (files: { file: string; bytes: number }[]) => files.map((f) => ({ file: f.file, start: 0, end: f.bytes }));
    const rejectRuns = runsOf([...scans.flatMap((s) => s.rejects), ...merges.flatMap((m) => m.rejects)]);
    const issueRuns = runsOf([...scans.flatMap((s) => s.issues), ...merges.flatMap((m) => m.issues)]);
    let rejects = 0;
    const w = out !== undefined ? new DatasetWriter(REJECTS_SPEC, path.join(out, "rejects.csv")) : undefined;
    for (const r of mergeRuns<Reject>(rejectRuns, { compare: byReject, dir: p.tmp, name: "all-rejects" })) {
      w?.write(r as unknown as Record<string, unknown>);
      rejects++;
    }
    w?.close();
    return {
      dataRecords: scans.reduce((n, s) => n + s.dataRecords, 0),
      datasets,
      rejects,
      issues: (function* () {
        const seen = new Set<string>();
        for (const x of mergeRuns<OrderedIssue>(issueRuns, { compare: byIssueOrder, dir: p.tmp, name: "all-issues" })) {
          if (x.o !== undefined) {
            if (seen.has(x.o)) continue;
            seen.add(x.o);
          }
          yield x.i;
        }
      })(),
    };
  } finally {
    await runner.close();
  }
}

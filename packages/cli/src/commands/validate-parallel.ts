// bycn validate on several threads: a big file cut at record starts, each range read and sorted on its own thread,
// then the key order cut at partition values and each part merged and written on its own thread
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Candidate, DatasetSpec, Issue, Pipeline, Reject, SourceId, StreamingPipeline } from "@bycn/core";
import { findRecordStarts, SNIFF_BYTES, splittable, TableReader, type RecordStart, type ResumePoint, type TableInfo } from "@bycn/ingest";
import {
  balancedCuts,
  compareRowsBy,
  DatasetWriter,
  ExternalSorter,
  mergeRuns,
  renderedCodec,
  renderedOf,
  REJECT_ORDER,
  REJECTS_SPEC,
  splitRuns,
  type RunFile,
  type RunRange,
} from "@bycn/publish";
import { loadPipeline } from "../pipeline-loaders.js";

/** bytes read from the file at a time */
const READ_BYTES = 1 << 20;
/**
 * Candidates a range's thread holds before a sorted run goes to disk: 5,000 rendered rows are ~3.5 MB of bytes outside
 * the heap plus their light keys in it. Smaller runs measured faster as well as lighter (fewer keys live long enough
 * to be promoted), down to the point where a merge needs more than MAX_FAN_IN runs (2,500: slower).
 */
const SCAN_RUN_ITEMS = 5_000;
/** files smaller than this are read on one thread: starting workers costs more than it saves */
export const PARALLEL_MIN_BYTES = 32 << 20;
/** issues after which nothing of the file is published (the whole-file path words them) */
export const FATAL: ReadonlySet<string> = new Set(["binary_content", "encoding_undetermined", "file_unreadable", "invalid_utf8"]);
/**
 * Each worker's heap: V8 lets garbage pile up to the limit before it collects, so the cap is what keeps peak memory
 * flat. Measured on 1M rows, two threads (wall s / peak RSS MB of the process): 48+16 MB 17.1/231, 40+8 16.9/206,
 * 36+8 with 5,000-item runs 15.9/187, 32+8 16.8/193, 28+8 20.0/191: below ~32 MB the collector runs too often.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 36, maxYoungGenerationSizeMb: 8 };

/** an issue waiting for the final order: by line, file-level (0) first; reading before merging; then as found */
export interface OrderedIssue {
  l: number;
  p: 1 | 2;
  n: number;
  /** once-per-file key (RecordSink.issue): of one key only the lowest line is reported */
  o?: string;
  i: Issue;
}

export const byIssueOrder = (a: OrderedIssue, b: OrderedIssue): number => a.l - b.l || a.p - b.p || a.n - b.n;
const rejectOrder = compareRowsBy(REJECT_ORDER);
/** rejects in the order of dist's rejects files */
export const byReject = (a: Reject, b: Reject): number => rejectOrder(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>);

/** partition keys compared as compareBy compares one column: numbers numerically, the rest by code unit */
function compareKeys(a: string | number, b: string | number): number {
  if (a === b) return 0;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** the columns `keep` of a row (what the sort reads), nothing else */
function pick(row: Record<string, unknown>, keep: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keep) out[k] = row[k];
  return out;
}

// ---- the tasks a thread runs

interface ScanTask {
  type: "scan";
  file: string;
  kind: SourceId;
  vintage: string;
  tmp: string;
  prefix: string;
  start: number;
  end: number;
  /** undefined for the range at the file's start (its reader finds the header) */
  resume?: ResumePoint;
  last: boolean;
  runItems?: number;
  /** render rows (there are output files to write) */
  render: boolean;
}

interface ScanResult {
  runs: Record<string, RunFile[]>;
  rejects: RunFile[];
  issues: RunFile[];
  dataRecords: number;
  /** the reader ended exactly at a record start, on this line (ranges before the last) */
  clean: boolean;
  nextLine: number;
  fatal: boolean;
}

interface MergeTask {
  type: "merge";
  kind: SourceId;
  files: string[];
  tmp: string;
  prefix: string;
  /** the first part writes the csv header and opens the json array */
  first: boolean;
  render: boolean;
  datasets: { name: string; ranges: RunRange[]; csv?: string; json?: string }[];
}

interface MergeResult {
  rows: Record<string, number>;
  rejects: RunFile[];
  issues: RunFile[];
}

type Task = ScanTask | MergeTask;

function copy<T>(x: T): T {
  // strings of a record are slices of the reader's 64 KiB text pieces: a kept issue would pin its piece
  return JSON.parse(JSON.stringify(x)) as T;
}

/**
 * A thread's issues and rejects, sorted on disk in runs of 1,000: they are few (0.2 % of records in the bench files)
 * but whole objects, and 5,000 of them held per thread were what still grew with the file (+10 MB at 5M rows).
 */
function sinks(tmp: string, prefix: string, phase: 1 | 2, runItems = 1000) {
  const issues = new ExternalSorter<OrderedIssue>({ compare: byIssueOrder, dir: tmp, name: `${prefix}-issues`, runItems });
  const rejects = new ExternalSorter<Reject>({ compare: byReject, dir: tmp, name: `${prefix}-rejects`, runItems });
  let n = 0;
  return {
    issues,
    rejects,
    issue: (i: Issue, once?: string): void => issues.add({ l: i.at?.line ?? 0, p: phase, n: n++, ...(once !== undefined ? { o: once } : {}), i: copy(i) }),
    reject: (r: Reject): void => rejects.add(copy(r)),
  };
}

/**
 * The sorter of one dataset's candidates, both validate paths use it: each row rendered when added (csvLine, jsonLine)
 * and carried through the sort as bytes with the columns the sort and the key-ordered step read; read back, a row
 * holds those columns and its rendered bytes (renderedOf). `partition`: runs indexed by the pipeline's partition column.
 */
export function renderedSorter(
  spec: DatasetSpec,
  stream: StreamingPipeline,
  o: { dir: string; name: string; runItems?: number | undefined; render: boolean; partition: boolean },
): ExternalSorter<Candidate> {
  const keep = stream.sortColumns(spec.name);
  const codec = renderedCodec(spec, keep, o.render);
  const compare = stream.compare(spec.name);
  const column = o.partition ? stream.partitionColumn?.(spec.name) : undefined;
  return new ExternalSorter<Candidate>({
    compare: (a, b) => compare(a, b) || a.file - b.file || a.line - b.line,
    dir: o.dir,
    name: o.name,
    ...(o.runItems !== undefined ? { runItems: o.runItems } : {}),
    encodeInto: codec.encodeInto,
    decodeBytes: codec.decodeBytes,
    ...(column !== undefined ? { partitionKey: (c: Candidate) => c.rows[0]![column] as string | number } : {}),
    light: (c: Candidate): Candidate => ({ dataset: c.dataset, file: c.file, line: c.line, raw: "", rows: c.rows.map((r) => pick(r, keep)) }),
  });
}

/** one byte range of the file: read, check, and sort each dataset's candidates into run files */
export function scanRange(t: ScanTask, pipeline: Pipeline): ScanResult {
  const stream = pipeline.stream!;
  const out = sinks(t.tmp, t.prefix, 1, t.runItems);
  const candidates = new Map<string, ExternalSorter<Candidate>>();
  for (const spec of pipeline.datasets) {
    candidates.set(spec.name, renderedSorter(spec, stream, { dir: t.tmp, name: `${t.prefix}-rows-${spec.name}`, runItems: t.runItems ?? SCAN_RUN_ITEMS, render: t.render, partition: true }));
  }
  const reader = new TableReader(t.resume ? { file: t.file, resume: t.resume } : { file: t.file });
  let fatal = false;
  const drain = (): void => {
    for (const i of reader.issues.splice(0)) {
      if (FATAL.has(i.code)) fatal = true;
      out.issue(i);
    }
    for (const r of reader.rejects.splice(0)) out.reject(r);
  };
  let step: ((r: { line: number; fields: string[]; raw: string }) => void) | undefined;
  let began = false;
  const begin = (info: TableInfo): void => {
    began = true;
    // the header's own issues come after the reader's (as in run()); a later range's are the first range's: dropped
    const early: { i: Issue; once: string | undefined }[] = [];
    let collecting = true;
    step = stream.begin({ file: t.file, vintage: t.vintage }, 0, info, {
      candidate: (c) => candidates.get(c.dataset)!.add(c),
      reject: out.reject,
      issue: (i, once) => (collecting ? void early.push({ i, once }) : out.issue(i, once)),
    });
    drain();
    if (t.resume === undefined) for (const e of early) out.issue(e.i, e.once);
    collecting = false;
    if (step === undefined) fatal = true; // not this source's header after all: the one-thread path reports it
  };
  const fd = openSync(t.file, "r");
  try {
    // one buffer for every read: the reader decodes each chunk before push() returns (it copies the few bytes of a
    // character cut at the end). A fresh megabyte per read was external memory that V8 answered with collections.
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (let pos = t.start; pos < t.end && !fatal; ) {
      const n = readSync(fd, buf, 0, Math.min(READ_BYTES, t.end - pos), pos);
      if (n === 0) break;
      pos += n;
      const records = reader.push(buf.subarray(0, n));
      if (!began && reader.info) begin(reader.info);
      drain();
      if (step) for (const r of records) step(r);
    }
    const clean = reader.atRecordStart();
    const nextLine = reader.nextLine;
    if (t.last && !fatal) {
      const records = reader.end();
      if (!began && reader.info) begin(reader.info);
      drain();
      if (step) for (const r of records) step(r);
    }
    const dataRecords = reader.dataRecords;
    const runs: Record<string, RunFile[]> = {};
    for (const [name, sorter] of candidates) runs[name] = sorter.finish();
    return { runs, rejects: out.rejects.finish(), issues: out.issues.finish(), dataRecords, clean, nextLine, fatal };
  } finally {
    closeSync(fd);
  }
}

/** one partition of every dataset's key order: merge its run ranges, run the key-ordered step, write its rows */
export function mergePart(t: MergeTask, pipeline: Pipeline): MergeResult {
  const stream = pipeline.stream!;
  const out = sinks(t.tmp, t.prefix, 2);
  const rows: Record<string, number> = {};
  for (const d of t.datasets) {
    const spec = pipeline.datasets.find((s) => s.name === d.name)!;
    const codec = renderedCodec(spec, stream.sortColumns(spec.name), t.render);
    const compare = stream.compare(spec.name);
    const w = d.csv !== undefined ? new DatasetWriter(spec, d.csv, d.json, { first: t.first }) : undefined;
    let count = 0;
    const sorted = stream.sorted(spec.name, t.files, {
      row: (row) => {
        w?.writeRendered(renderedOf(row)!);
        count++;
      },
      reject: out.reject,
      issue: (i) => out.issue(i),
    });
    const merged = mergeRuns(d.ranges, {
      compare: (a, b) => compare(a, b) || a.file - b.file || a.line - b.line,
      dir: t.tmp,
      name: `${t.prefix}-${spec.name}`,
      decodeBytes: codec.decodeBytes,
    });
    for (const c of merged) sorted.push(c);
    sorted.end();
    w?.close();
    rows[spec.name] = count;
  }
  return { rows, rejects: out.rejects.finish(), issues: out.issues.finish() };
}

async function runTask(t: Task): Promise<ScanResult | MergeResult> {
  const pipeline = await loadPipeline(t.kind);
  const start = performance.now();
  try {
    return t.type === "scan" ? scanRange(t, pipeline) : mergePart(t, pipeline);
  } finally {
    timing(`${t.type} ${t.prefix}: ${((performance.now() - start) / 1000).toFixed(2)} s`);
  }
}

/** BYCN_TIMING=1: each task's and phase's wall time on stderr (what bench/README.md's phase figures come from) */
function timing(line: string): void {
  if (process.env.BYCN_TIMING === "1") process.stderr.write(`bycn timing: ${line}\n`);
}

// ---- threads

/** run tasks on worker threads (compiled CLI) or one after another in this thread (from source: the tests) */
interface Runner {
  run<R>(task: Task): Promise<R>;
  close(): Promise<void>;
}

function inlineRunner(): Runner {
  return {
    run: async <R>(task: Task) => (await runTask(task)) as R,
    close: async () => {},
  };
}

function workerRunner(threads: number): Runner {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  for (let i = 0; i < threads; i++) {
    const w = new Worker(new URL(import.meta.url), { workerData: { bycnTask: true }, resourceLimits: WORKER_HEAP });
    // a worker waiting for tasks must not keep the process alive once the run is over
    w.unref();
    all.push(w);
    idle.push(w);
  }
  const acquire = (): Promise<Worker> => {
    const w = idle.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (w: Worker): void => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    async run<R>(task: Task): Promise<R> {
      const w = await acquire();
      try {
        return await new Promise<R>((resolve, reject) => {
          const onMessage = (m: { result?: R; error?: string }): void => {
            cleanup();
            if (m.error !== undefined) reject(new Error(m.error));
            else resolve(m.result!);
          };
          const onError = (e: Error): void => {
            cleanup();
            reject(e);
          };
          const onExit = (code: number): void => {
            cleanup();
            reject(new Error(`validate worker stopped with code ${code}`));
          };
          const cleanup = (): void => {
            w.off("message", onMessage);
            w.off("error", onError);
            w.off("exit", onExit);
          };
          w.on("message", onMessage);
          w.on("error", onError);
          w.on("exit", onExit);
          w.postMessage(task);
        });
      } finally {
        release(w);
      }
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

// ---- the coordinator

export interface ParallelInput {
  file: string;
  kind: SourceId;
  info: TableInfo;
  vintage: string;
  tmp: string;
  out?: string | undefined;
  threads: number;
  /** run the tasks in this thread, one after another (the same cuts, files and order as on threads) */
  inline: boolean;
  runItems?: number | undefined;
  /** the smallest file cut into ranges (default PARALLEL_MIN_BYTES; tests use small files) */
  minBytes?: number | undefined;
}

export interface ParallelOutcome {
  dataRecords: number;
  datasets: { name: string; rows: number }[];
  rejects: number;
  issues: Iterable<Issue>;
}

/** can this file be read in ranges? undefined: take the one-thread streaming path */
export function rangesOf(file: string, info: TableInfo, threads: number, minBytes = PARALLEL_MIN_BYTES): { start: number; end: number; resume?: ResumePoint }[] | undefined {
  if (threads < 2 || !splittable(info.encoding, info.lineBreak)) return undefined;
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    if (size < minBytes) return undefined;
    // the first range holds at least the reader's sniff sample, so it decides the dialect from the same bytes as a
    // one-thread read
    const targets = Array.from({ length: threads - 1 }, (_, k) => Math.max(SNIFF_BYTES, Math.floor((size * (k + 1)) / threads)));
    const starts: RecordStart[] = [];
    for (const s of findRecordStarts((buf, pos) => readSync(fd, buf, 0, buf.length, pos), size, targets, info.lineBreak)) {
      if (starts.length === 0 || starts[starts.length - 1]!.offset < s.offset) starts.push(s);
    }
    if (starts.length === 0) return undefined;
    const bounds = [0, ...starts.map((s) => s.offset), size];
    return bounds.slice(0, -1).map((start, r) => ({
      start,
      end: bounds[r + 1]!,
      ...(r > 0 ? { resume: { info, offset: start, line: starts[r - 1]!.line } } : {}),
    }));
  } finally {
    closeSync(fd);
  }
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

/**
 * The whole run: undefined when the file cannot be cut, or a cut turned out not to be a record start (the reader of
 * the range before it did not end there), or a range hit a fatal problem: the caller then reads it on one thread.
 */
export async function validateInRanges(p: ParallelInput): Promise<ParallelOutcome | undefined> {
  const t0 = performance.now();
  const phase = (name: string): void => timing(`${name} done at ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const ranges = rangesOf(p.file, p.info, p.threads, p.minBytes);
  if (ranges === undefined) return undefined;
  phase(`cut into ${ranges.length} ranges`);
  const pipeline = await loadPipeline(p.kind);
  const runner = p.inline ? inlineRunner() : workerRunner(Math.min(p.threads, ranges.length));
  try {
    const scans = await Promise.all(
      ranges.map((r, i) =>
        runner.run<ScanResult>({
          type: "scan",
          file: p.file,
          kind: p.kind,
          vintage: p.vintage,
          tmp: p.tmp,
          prefix: `r${i}`,
          start: r.start,
          end: r.end,
          ...(r.resume ? { resume: r.resume } : {}),
          last: i === ranges.length - 1,
          render: p.out !== undefined,
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
      const split = splitRuns(runs, cuts, compareKeys);
      return { spec, split };
    });
    const outFile = (name: string): string | undefined => (p.out === undefined ? undefined : path.join(p.out, name));
    const partFile = (name: string, k: number): string | undefined => (p.out === undefined ? undefined : k === 0 ? outFile(name) : path.join(p.tmp, `part${k}-${name}`));
    const merges = await Promise.all(
      Array.from({ length: parts }, (_, k) =>
        runner.run<MergeResult>({
          type: "merge",
          kind: p.kind,
          files: [p.file],
          tmp: p.tmp,
          prefix: `m${k}`,
          first: k === 0,
          render: p.out !== undefined,
          datasets: plans.map(({ spec, split }) => {
            const csv = partFile(`${spec.name}.csv`, k);
            const json = partFile(`${spec.name}.json`, k);
            return { name: spec.name, ranges: split[k] ?? [], ...(csv ? { csv } : {}), ...(json ? { json } : {}) };
          }),
        }),
      ),
    );
    phase("merging");
    for (const s of scans) for (const f of Object.values(s.runs).flat()) rmSync(f.file, { force: true });

    const datasets = pipeline.datasets.map((spec) => ({ name: spec.name, rows: merges.reduce((n, m) => n + (m.rows[spec.name] ?? 0), 0) }));
    if (p.out !== undefined) {
      for (const spec of pipeline.datasets) {
        // part 0 is the file itself, header and "[" written; later parts follow, then the json array is closed
        const csv = openSync(outFile(`${spec.name}.csv`)!, "a");
        const json = openSync(outFile(`${spec.name}.json`)!, "a");
        try {
          let rows = merges[0]!.rows[spec.name] ?? 0;
          for (let k = 1; k < parts; k++) {
            const mine = merges[k]!.rows[spec.name] ?? 0;
            append(csv, partFile(`${spec.name}.csv`, k)!, "");
            append(json, partFile(`${spec.name}.json`, k)!, rows > 0 && mine > 0 ? ",\n" : "");
            rows += mine;
          }
          writeSync(json, rows === 0 ? "" : "\n]\n");
        } finally {
          closeSync(csv);
          closeSync(json);
        }
        // no rows: the array is "[]", as renderJson writes it
        const total = datasets.find((d) => d.name === spec.name)!.rows;
        if (total === 0) {
          const w = new DatasetWriter(spec, outFile(`${spec.name}.csv`)!, outFile(`${spec.name}.json`)!);
          w.close();
        }
      }
    }

    phase("joining parts");
    const rejectRuns = [...scans.flatMap((s) => s.rejects), ...merges.flatMap((m) => m.rejects)].map((f) => ({ file: f.file, start: 0, end: f.bytes }));
    const issueRuns = [...scans.flatMap((s) => s.issues), ...merges.flatMap((m) => m.issues)].map((f) => ({ file: f.file, start: 0, end: f.bytes }));
    let rejects = 0;
    const w = p.out !== undefined ? new DatasetWriter(REJECTS_SPEC, outFile("rejects.csv")!) : undefined;
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

// a worker thread of workerRunner (last in the module: everything above is initialised by then)
if (!isMainThread && (workerData as { bycnTask?: boolean } | null)?.bycnTask) {
  parentPort!.on("message", (task: Task) => {
    runTask(task).then(
      (result) => parentPort!.postMessage({ result }),
      (e: unknown) => parentPort!.postMessage({ error: (e as Error).stack ?? String(e) }),
    );
  });
}


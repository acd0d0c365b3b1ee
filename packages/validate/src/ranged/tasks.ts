// the two tasks a thread runs on a big file: scan one byte range into sorted runs; merge one part of the key order
import { closeSync, openSync, readSync } from "node:fs";
import type { Candidate, Issue, Pipeline, Reject, SourceId } from "@bycn/core";
import { TableReader, type ResumePoint, type TableInfo } from "@bycn/ingest";
import { ExternalSorter, mergeRuns, renderedOf, type RunFile, type RunRange } from "@bycn/sort";
import { DatasetWriter } from "../dataset-writer.js";
import { byIssueOrder, byReject, copy, FATAL, type OrderedIssue } from "../order.js";
import { importPipeline } from "../pipelines.js";
import { candidateOrder, datasetCodec, renderedSorter } from "../rendered-sorter.js";
import { READ_BYTES, recordBatches } from "../stream.js";

/**
 * Candidates a range's thread holds before a sorted run goes to disk: smaller runs measured faster as well as
 * lighter, down to where a merge needs more than the merge's fan-in (bench/README.md has the figures).
 */
const SCAN_RUN_ITEMS = 5_000;

interface TaskBase {
  kind: SourceId;
  /** the module the pipeline is imported from in a worker thread */
  module: string;
  tmp: string;
  prefix: string;
  render: boolean;
}

export interface ScanTask extends TaskBase {
  type: "scan";
  file: string;
  vintage: string;
  start: number;
  end: number;
  /** undefined for the range at the file's start (its reader finds the header) */
  resume?: ResumePoint;
  last: boolean;
  runItems?: number;
}

export interface ScanResult {
  runs: Record<string, RunFile[]>;
  rejects: RunFile[];
  issues: RunFile[];
  dataRecords: number;
  /** the reader ended exactly at a record start, on this line (ranges before the last) */
  clean: boolean;
  nextLine: number;
  fatal: boolean;
}

export interface MergeTask extends TaskBase {
  type: "merge";
  files: string[];
  /** the first part writes the csv header and opens the json array */
  first: boolean;
  datasets: { name: string; ranges: RunRange[]; csv?: string; json?: string }[];
}

export interface MergeResult {
  rows: Record<string, number>;
  rejects: RunFile[];
  issues: RunFile[];
}

export type Task = ScanTask | MergeTask;

/** A thread's issues and rejects, sorted on disk in small runs: few, but whole objects that would grow with the file. */
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
    // character cut at the end), and fresh buffers are external memory that V8 answers with collections
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (let pos = t.start; pos < t.end && !fatal; ) {
      const n = readSync(fd, buf, 0, Math.min(READ_BYTES, t.end - pos), pos);
      if (n === 0) break;
      pos += n;
      for (const records of recordBatches(reader, buf.subarray(0, n))) {
        if (!began && reader.info) begin(reader.info);
        drain();
        if (step) for (const r of records) step(r);
      }
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
    const codec = datasetCodec(spec, stream.sortColumns(spec.name), t.render);
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
      compare: candidateOrder(stream, spec.name),
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

/** a task run in this thread: `pipeline` when the caller has it loaded, else imported from the task's module */
export async function runTask(t: Task, loaded?: Pipeline): Promise<ScanResult | MergeResult> {
  const pipeline = loaded ?? (await importPipeline(t.module));
  const start = performance.now();
  try {
    return t.type === "scan" ? scanRange(t, pipeline) : mergePart(t, pipeline);
  } finally {
    timing(`${t.type} ${t.prefix}: ${((performance.now() - start) / 1000).toFixed(2)} s`);
  }
}

/** BYCN_TIMING=1: each task's and phase's wall time on stderr (what bench/README.md's phase figures come from) */
export function timing(line: string): void {
  if (process.env.BYCN_TIMING === "1") process.stderr.write(`bycn timing: ${line}\n`);
}

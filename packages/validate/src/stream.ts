// the streaming path: the file read 1 MiB at a time, candidates, rejects and issues sorted on disk, rows written as
// they come out of the merge, so memory does not grow with the file
import { readSync } from "node:fs";
import path from "node:path";
import { makeIssue, type Candidate, type Issue, type Pipeline, type Reject, type StreamingPipeline } from "@bycn/core";
import { PIECE_BYTES, TableReader, type RawRecord } from "@bycn/ingest";
import { REJECTS_SPEC } from "@bycn/publish";
import { ExternalSorter, renderedOf } from "@bycn/sort";
import { DatasetWriter } from "./dataset-writer.js";
import type { ValidateOptions } from "./options.js";
import { byLine, byReject, copy, FATAL, type Numbered } from "./order.js";
import { kindOf, type Pipelines } from "./pipelines.js";
import { renderedSorter } from "./rendered-sorter.js";
import { UNKNOWN_LAYOUT, type Found } from "./whole.js";

/** bytes read from the file at a time; the reader works them in 64 KiB pieces */
export const READ_BYTES = 1 << 20;

/**
 * The records of one read, pushed to the reader a piece at a time: a whole read's records, held until stepped, would
 * outlive scavenges (bench/README.md)
 */
export function* recordBatches(reader: TableReader, bytes: Uint8Array): Generator<RawRecord[], void, undefined> {
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield reader.push(bytes.subarray(at, at + PIECE_BYTES));
}

/** the reader's issues and rejects so far, handed on and cleared (a big file's structural findings never pile up) */
function drain(reader: TableReader, issue: (i: Issue) => void, reject: (r: Reject) => void): boolean {
  let fatal = false;
  for (const i of reader.issues.splice(0)) {
    if (FATAL.has(i.code)) fatal = true;
    issue(i);
  }
  for (const r of reader.rejects.splice(0)) reject(r);
  return fatal;
}

/** one streaming run: the file being read, and where its findings go */
interface Run {
  o: ValidateOptions;
  vintage: string;
  tmp: string;
  reader: TableReader;
  /** records read before the header was known */
  head: RawRecord[];
  read: () => RawRecord[];
  atEnd: () => boolean;
  issue: (i: Issue) => void;
  reject: (r: Reject) => void;
  outcome: (datasets: Found["datasets"], dataRecords: number, fatal?: boolean) => Found;
}

/**
 * The streaming path on `fd` (opened by the caller; read here by position, so the whole-file path can read it after):
 * undefined when the file needs the whole-file path after all (a kind without a streaming form, or invalid utf-8 found
 * mid-file, which publishes nothing). Nothing is written to --out before the last byte is read.
 */
export function streamFile(o: ValidateOptions, pipelines: Pipelines, vintage: string, tmp: string, fd: number): Found | undefined {
  const reader = new TableReader({ file: o.file });
  let eof = false;
  let pos = 0;
  let batches: Generator<RawRecord[], void, undefined> | undefined;
  let buf: Buffer | undefined;
  const read = (): RawRecord[] => {
    for (;;) {
      if (eof) return [];
      const next = batches?.next();
      if (next !== undefined && !next.done) return next.value;
      // while the head is sniffed the reader keeps views of the bytes pushed, so each read gets a fresh buffer; after
      // that it decodes a piece before push() returns, and one buffer serves every read
      if (buf === undefined || reader.info === undefined) buf = Buffer.allocUnsafe(READ_BYTES);
      const n = readSync(fd, buf, 0, READ_BYTES, pos);
      pos += n;
      if (n === 0) {
        eof = true;
        return reader.end();
      }
      batches = recordBatches(reader, buf.subarray(0, n));
    }
  };
  const hasFatal = (): boolean => reader.issues.some((i) => FATAL.has(i.code));
  const head: RawRecord[] = [];
  while (!reader.info && !eof && !hasFatal()) for (const r of read()) head.push(r);
  if (hasFatal() && reader.info) return undefined;

  const kind = reader.info ? kindOf(o, pipelines, reader.info.header) : o.kind;
  const stream = kind === undefined ? undefined : pipelines[kind]!.stream;
  if (reader.info && kind !== undefined && stream === undefined) return undefined;

  const sorter = <T>(name: string, compare: (a: T, b: T) => number): ExternalSorter<T> =>
    new ExternalSorter<T>({ compare, dir: tmp, name, ...(o.runItems !== undefined ? { runItems: o.runItems } : {}) });
  const issues = sorter<Numbered>("issues", byLine);
  const rejects = sorter<Reject>("rejects", byReject);
  let n = 0;
  // copies: thousands of issues or rejects held for the final sort would keep as many of the reader's pieces alive
  const issue = (i: Issue): void => issues.add({ n: n++, issue: copy(i) });
  const reject = (r: Reject): void => rejects.add(copy(r));
  const outcome = (datasets: Found["datasets"], dataRecords: number, fatal = false): Found => {
    if (o.out !== undefined) {
      const w = new DatasetWriter(REJECTS_SPEC, path.join(o.out, "rejects.csv"));
      for (const r of rejects.sorted()) w.write(r as unknown as Record<string, unknown>);
      w.close();
    }
    return {
      kind,
      encoding: reader.info?.encoding ?? null,
      dataRecords,
      datasets,
      rejects: rejects.count,
      issues: (function* () {
        for (const x of issues.sorted()) yield x.issue;
      })(),
      fatal,
    };
  };

  if (!reader.info) {
    // binary, undetermined encoding (the reader stopped reading), or no header before the end
    const fatal = hasFatal();
    if (!eof) reader.end();
    const summary = reader.summary();
    drain(reader, issue, reject);
    return outcome([], summary.dataRecords, fatal);
  }

  if (stream === undefined) {
    // a layout bycn does not know: read to the end anyway, so every record is counted and structural rejects kept
    if (drain(reader, issue, reject)) return undefined;
    while (!eof) {
      read();
      if (drain(reader, issue, reject)) return undefined;
    }
    issue(makeIssue("header_unrecognized", { file: o.file, line: reader.info.headerLine }, { expected: UNKNOWN_LAYOUT, found: reader.info.header }));
    return outcome([], reader.dataRecords);
  }
  const run: Run = { o, vintage, tmp, reader, head, read, atEnd: () => eof, issue, reject, outcome };
  return streamPipeline(run, pipelines[kind!]!, stream);
}

/** a known kind with a streaming form: every record through its step, then each dataset's sorted step */
function streamPipeline(s: Run, pipeline: Pipeline, stream: StreamingPipeline): Found | undefined {
  const { o, reader } = s;
  const info = reader.info!;
  // each row is rendered once, when it is found, and carried through the sort as bytes that the merge copies out
  const candidates = new Map<string, ExternalSorter<Candidate>>();
  for (const spec of pipeline.datasets) {
    candidates.set(spec.name, renderedSorter(spec, stream, { dir: s.tmp, name: `rows-${spec.name}`, runItems: o.runItems, render: o.out !== undefined, partition: false }));
  }
  const addCandidate = (c: Candidate): void => candidates.get(c.dataset)!.add(c);

  // the header's own issues wait until the reader's are handed on: run() lists the table's issues first
  const early: Issue[] = [];
  let issue = (i: Issue): void => void early.push(i);
  const step = stream.begin({ file: o.file, vintage: s.vintage }, 0, info, {
    candidate: addCandidate,
    reject: s.reject,
    issue: (i) => issue(i),
  });
  if (step === undefined) {
    // not this source's header after all (a forced --kind): run() reports that alone and counts nothing
    for (const i of early) s.issue(i);
    return s.outcome(
      pipeline.datasets.map((d) => ({ name: d.name, rows: 0 })),
      0,
    );
  }
  if (drain(reader, s.issue, s.reject)) return undefined;
  for (const i of early) s.issue(i);
  issue = s.issue;
  for (const r of s.head) step(r);
  s.head.length = 0;
  while (!s.atEnd()) {
    const batch = s.read();
    if (drain(reader, s.issue, s.reject)) return undefined;
    for (const r of batch) step(r);
  }

  const datasets: Found["datasets"] = [];
  for (const spec of pipeline.datasets) {
    const w = o.out !== undefined ? new DatasetWriter(spec, path.join(o.out, `${spec.name}.csv`), path.join(o.out, `${spec.name}.json`)) : undefined;
    let rows = 0;
    const sorted = stream.sorted(spec.name, [o.file], {
      row: (row) => {
        w?.writeRendered(renderedOf(row)!);
        rows++;
      },
      reject: s.reject,
      issue: s.issue,
    });
    for (const c of candidates.get(spec.name)!.sorted()) sorted.push(c);
    sorted.end();
    w?.close();
    datasets.push({ name: spec.name, rows });
  }
  return s.outcome(datasets, reader.dataRecords);
}

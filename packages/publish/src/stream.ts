// streaming output for files too large to hold: an external merge sort on disk, and csv/json writers with renderCsv's and renderJson's bytes
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { DatasetSpec } from "@bycn/core";
import { columnsOf, csvHeader, csvLine, type CsvColumn } from "./csv.js";
import { jsonKeysOf, jsonLine, type JsonKey } from "./json.js";

/**
 * characters buffered before a write(). Small on purpose: rows coming out of a merge are slices of the read
 * buffers' text, and a long pending string would keep hundreds of those buffers alive (measured: +100 MB at 1M rows)
 */
const WRITE_CHARS = 1 << 16;
/** bytes a run file is written in */
const WRITE_BYTES = 1 << 20;
/** run files merged at once; more are first merged in groups of this many (open files stay few) */
const MAX_FAN_IN = 256;
/** bytes read from all run files at a time during a merge, shared out between them (each gets 16–256 KiB) */
const MERGE_READ_BYTES = 8 << 20;

export interface SorterOptions<T> {
  /** a total order: items that compare equal come out in the order they were added */
  compare: (a: T, b: T) => number;
  /** folder for the run files (the caller creates it and removes it, also on error) */
  dir: string;
  /** file name prefix inside `dir` (several sorters may share one folder) */
  name: string;
  /** items held in memory before a sorted run is written to disk (default 20,000) */
  runItems?: number;
  /** an item as text, any characters (default JSON.stringify) */
  encode?: (item: T) => string;
  decode?: (text: string) => T;
  /**
   * the value `compare` orders by first: each run file then carries the byte offset where each value starts, so a
   * merge can later read one value range of every run (see `finish` and `splitRuns`)
   */
  partitionKey?: (item: T) => string | number;
}

/** a sorted run on disk: its size, and where each partition key starts in it (with `partitionKey`) */
export interface RunFile {
  file: string;
  bytes: number;
  index: { key: string | number; offset: number }[];
}

/** the bytes [start, end) of a run file: whole items, a contiguous stretch of its order */
export interface RunRange {
  file: string;
  start: number;
  end: number;
}

/**
 * External merge sort: items are added in any order, sorted in runs of `runItems` that are written to `dir`, then read back k-way merged. Memory holds one run plus one read buffer per run file, whatever the count.
 * A sorter that never filled a run writes nothing.
 */
export class ExternalSorter<T> {
  private buf: T[] = [];
  private readonly runs: string[] = [];
  private readonly runItems: number;
  private readonly encode: (item: T) => string;
  private readonly decode: (line: string) => T;
  /** items added so far */
  count = 0;
  private merged = 0;

  constructor(private readonly opts: SorterOptions<T>) {
    this.runItems = Math.max(1, opts.runItems ?? 20_000);
    this.encode = opts.encode ?? ((item) => JSON.stringify(item));
    this.decode = opts.decode ?? ((line) => JSON.parse(line) as T);
  }

  /** run files written so far */
  get spills(): number {
    return this.runs.length;
  }

  add(item: T): void {
    this.buf.push(item);
    this.count++;
    if (this.buf.length >= this.runItems) this.spill();
  }

  private sortBuffer(): T[] {
    const items = this.buf;
    this.buf = [];
    // index as tiebreak: Array.prototype.sort is stable, the merge below keeps runs in their order
    return items.sort(this.opts.compare);
  }

  private spill(): void {
    const items = this.sortBuffer();
    const file = path.join(this.opts.dir, `${this.opts.name}-${this.runs.length}.run`);
    const out = new ByteSink(file);
    const index: RunFile["index"] = [];
    const key = this.opts.partitionKey;
    let last: string | number | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (key !== undefined) {
        const k = key(item);
        if (i === 0 || k !== last) index.push({ key: k, offset: out.offset });
        last = k;
      }
      const text = this.encode(item);
      out.write(`${text.length}:${text}`);
    }
    this.runFiles.push({ file, bytes: out.close(), index });
    this.runs.push(file);
  }

  private readonly runFiles: RunFile[] = [];

  /**
   * No more items: the last run goes to disk too and every run file is handed over (to be merged with `mergeRuns`,
   * possibly by another thread). The caller owns the files from here; `sorted()` must not be called after this.
   */
  finish(): RunFile[] {
    if (this.buf.length > 0) this.spill();
    return [...this.runFiles];
  }

  private sources(files: readonly string[]): Source<T>[] {
    return openRanges(
      files.map((file) => ({ file, start: 0, end: Number.POSITIVE_INFINITY })),
      this.decode,
    );
  }

  /** All items in order. Call once, after the last add(). */
  *sorted(): Generator<T, void, undefined> {
    const last = this.sortBuffer();
    if (this.runs.length === 0) {
      yield* last;
      return;
    }
    while (this.runs.length > MAX_FAN_IN) {
      // a cascade for very large inputs: the oldest runs merged into one longer run
      const group = this.runs.splice(0, MAX_FAN_IN);
      const file = path.join(this.opts.dir, `${this.opts.name}-m${this.merged++}.run`);
      const out = new TextSink(file);
      for (const item of merge(this.sources(group), this.opts.compare)) {
        const text = this.encode(item);
        out.write(`${text.length}:${text}`);
      }
      out.close();
      for (const f of group) rmSync(f, { force: true });
      this.runs.unshift(file);
    }
    const sources = this.sources(this.runs);
    if (last.length > 0) sources.push(new ArraySource(last));
    yield* merge(sources, this.opts.compare);
  }
}

/**
 * Items of several run ranges (from `finish` of one or more sorters) in one order; equal items come from the earlier
 * range first. Ranges beyond MAX_FAN_IN are first merged in groups into run files in `dir`.
 */
export function* mergeRuns<T>(
  ranges: readonly RunRange[],
  opts: Pick<SorterOptions<T>, "compare" | "dir" | "name" | "encode" | "decode">,
): Generator<T, void, undefined> {
  const encode = opts.encode ?? ((item: T) => JSON.stringify(item));
  const decode = opts.decode ?? ((line: string) => JSON.parse(line) as T);
  const todo = ranges.filter((r) => r.end > r.start);
  let merged = 0;
  const made: string[] = [];
  try {
    while (todo.length > MAX_FAN_IN) {
      const group = todo.splice(0, MAX_FAN_IN);
      const file = path.join(opts.dir, `${opts.name}-g${merged++}.run`);
      const out = new ByteSink(file);
      for (const item of merge(openRanges(group, decode), opts.compare)) {
        const text = encode(item);
        out.write(`${text.length}:${text}`);
      }
      todo.unshift({ file, start: 0, end: out.close() });
      made.push(file);
    }
    yield* merge(openRanges(todo, decode), opts.compare);
  } finally {
    for (const f of made) rmSync(f, { force: true });
  }
}

/**
 * Cut every run at the same partition keys: `cuts` ascending (compared as `compare` orders them); part i of a run
 * holds its items with key in [cuts[i-1], cuts[i]). Needs runs written with `partitionKey`.
 */
export function splitRuns(runs: readonly RunFile[], cuts: readonly (string | number)[], compareKeys: (a: string | number, b: string | number) => number): RunRange[][] {
  const parts: RunRange[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (const run of runs) {
    let start = 0;
    let e = 0;
    cuts.forEach((cut, i) => {
      while (e < run.index.length && compareKeys(run.index[e]!.key, cut) < 0) e++;
      const end = e < run.index.length ? run.index[e]!.offset : run.bytes;
      parts[i]!.push({ file: run.file, start, end });
      start = end;
    });
    parts[cuts.length]!.push({ file: run.file, start, end: run.bytes });
  }
  return parts;
}

/**
 * Partition keys that cut the runs into `n` parts of about equal bytes (fewer when there are fewer distinct keys):
 * the bytes of each key are summed over all runs from their indexes.
 */
export function balancedCuts(runs: readonly RunFile[], n: number, compareKeys: (a: string | number, b: string | number) => number): (string | number)[] {
  const bytes = new Map<string | number, number>();
  let total = 0;
  for (const run of runs) {
    run.index.forEach((entry, i) => {
      const size = (run.index[i + 1]?.offset ?? run.bytes) - entry.offset;
      bytes.set(entry.key, (bytes.get(entry.key) ?? 0) + size);
      total += size;
    });
  }
  const keys = [...bytes.keys()].sort(compareKeys);
  const cuts: (string | number)[] = [];
  let acc = 0;
  for (const k of keys) {
    // a cut goes before the key that would carry the running total past the next share
    if (cuts.length < n - 1 && acc > 0 && acc + bytes.get(k)! / 2 >= (total * (cuts.length + 1)) / n) cuts.push(k);
    acc += bytes.get(k)!;
  }
  return cuts;
}

function openRanges<T>(ranges: readonly RunRange[], decode: (text: string) => T): Source<T>[] {
  const readBytes = Math.max(16 << 10, Math.min(256 << 10, Math.floor(MERGE_READ_BYTES / Math.max(1, ranges.length))));
  return ranges.map((r) => new RunSource(r, decode, readBytes));
}

interface Source<T> {
  next(): T | undefined;
  close(): void;
}

class ArraySource<T> implements Source<T> {
  private i = 0;
  constructor(private readonly items: (T | undefined)[]) {}
  next(): T | undefined {
    if (this.i >= this.items.length) return undefined;
    // handed-on items are let go: the last run would otherwise stay whole in memory for the entire merge
    const item = this.items[this.i];
    this.items[this.i++] = undefined;
    return item;
  }
  close(): void {}
}

/** a run file (or a byte range of one) read back item by item through one buffer; items are framed as `<length>:<text>` (lengths in UTF-16 units) */
class RunSource<T> implements Source<T> {
  private fd: number | undefined;
  private readonly buf: Buffer;
  private readonly decoder = new StringDecoder("utf8");
  private text = "";
  private at = 0;
  private position: number;
  private readonly end: number;

  constructor(
    range: RunRange,
    private readonly decode: (text: string) => T,
    readBytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(readBytes);
    this.fd = openSync(range.file, "r");
    this.position = range.start;
    this.end = range.end;
  }

  next(): T | undefined {
    for (;;) {
      const colon = this.text.indexOf(":", this.at);
      if (colon >= 0) {
        const end = colon + 1 + Number(this.text.slice(this.at, colon));
        if (end <= this.text.length) {
          const item = this.text.slice(colon + 1, end);
          this.at = end;
          return this.decode(item);
        }
      }
      if (!this.fill()) return undefined;
    }
  }

  private fill(): boolean {
    if (this.fd === undefined) return false;
    const want = Math.min(this.buf.length, this.end - this.position);
    const n = want > 0 ? readSync(this.fd, this.buf, 0, want, this.position) : 0;
    this.position += n;
    const more = n === 0 ? this.decoder.end() : this.decoder.write(this.buf.subarray(0, n));
    if (n === 0) this.close();
    this.text = this.text.slice(this.at) + more;
    this.at = 0;
    return n > 0 || more !== "";
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** k-way merge on a binary heap; equal items come from the earlier source first */
function* merge<T>(sources: Source<T>[], compare: (a: T, b: T) => number): Generator<T, void, undefined> {
  const heap: { item: T; src: number }[] = [];
  const less = (a: { item: T; src: number }, b: { item: T; src: number }): boolean => {
    const c = compare(a.item, b.item);
    return c < 0 || (c === 0 && a.src < b.src);
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  try {
    sources.forEach((s, src) => {
      const item = s.next();
      if (item !== undefined) heap.push({ item, src });
    });
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    while (heap.length > 0) {
      const top = heap[0]!;
      yield top.item;
      const item = sources[top.src]!.next();
      if (item !== undefined) {
        top.item = item;
      } else {
        const end = heap.pop()!;
        if (heap.length === 0) break;
        heap[0] = end;
      }
      down(0);
    }
  } finally {
    for (const s of sources) s.close();
  }
}

/** a file written through a string buffer with synchronous writes: no back-pressure to manage, memory stays flat */
export class TextSink {
  private fd: number | undefined;
  private pending = "";

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= WRITE_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending !== "" && this.fd !== undefined) writeSync(this.fd, this.pending);
    this.pending = "";
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * A file written through a byte buffer: knows the byte offset of everything it wrote (run indexes point into it).
 * Strings are encoded straight into the buffer; no intermediate string is built.
 */
class ByteSink {
  private fd: number | undefined;
  private readonly buf = Buffer.allocUnsafe(WRITE_BYTES);
  private pos = 0;
  private flushed = 0;

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  /** bytes written so far */
  get offset(): number {
    return this.flushed + this.pos;
  }

  write(text: string): void {
    // a UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 units)
    if (this.pos + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        const bytes = Buffer.from(text, "utf8");
        writeSync(this.fd!, bytes);
        this.flushed += bytes.length;
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, "utf8");
  }

  private flush(): void {
    let at = 0;
    while (at < this.pos) at += writeSync(this.fd!, this.buf, at, this.pos - at);
    this.flushed += this.pos;
    this.pos = 0;
  }

  /** flush and close; returns the file's size */
  close(): number {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    return this.flushed;
  }
}

/**
 * One dataset written row by row as `<name>.csv` (and `<name>.json` when asked): the same bytes renderCsv and
 * renderJson give for the same rows in the same order.
 */
export class DatasetWriter {
  private readonly columns: CsvColumn[];
  private readonly keys: JsonKey[];
  private readonly csv: TextSink;
  private readonly json: TextSink | undefined;
  rows = 0;

  constructor(spec: Pick<DatasetSpec, "schema">, csvFile: string, jsonFile?: string) {
    this.columns = columnsOf(spec);
    this.keys = jsonKeysOf(spec);
    this.csv = new TextSink(csvFile);
    this.csv.write(`${csvHeader(this.columns)}\n`);
    this.json = jsonFile === undefined ? undefined : new TextSink(jsonFile);
  }

  write(row: Record<string, unknown>): void {
    this.writeText(csvLine(this.columns, row), this.json === undefined ? "" : jsonLine(this.keys, row));
  }

  /** a row rendered earlier with csvLine and jsonLine (a caller that sorts rendered rows on disk) */
  writeText(csv: string, json: string): void {
    this.csv.write(`${csv}\n`);
    if (this.json !== undefined) this.json.write(`${this.rows === 0 ? "[\n" : ",\n"}${json}`);
    this.rows++;
  }

  close(): void {
    this.csv.close();
    if (this.json !== undefined) {
      this.json.write(this.rows === 0 ? "[]\n" : "\n]\n");
      this.json.close();
    }
  }
}

/** remove a temp folder and everything in it; never throws (it runs in finally blocks) */
export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // a temp folder left behind is not worth failing a finished run
  }
}

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
    const out = new TextSink(file);
    for (const item of items) {
      const text = this.encode(item);
      out.write(`${text.length}:${text}`);
    }
    out.close();
    this.runs.push(file);
  }

  private sources(files: readonly string[]): Source<T>[] {
    const readBytes = Math.max(16 << 10, Math.min(256 << 10, Math.floor(MERGE_READ_BYTES / files.length)));
    return files.map((f) => new RunSource(f, this.decode, readBytes));
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

/** a run file read back item by item through one buffer; items are framed as `<length>:<text>` (lengths in UTF-16 units) */
class RunSource<T> implements Source<T> {
  private fd: number | undefined;
  private readonly buf: Buffer;
  private readonly decoder = new StringDecoder("utf8");
  private text = "";
  private at = 0;

  constructor(
    file: string,
    private readonly decode: (text: string) => T,
    readBytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(readBytes);
    this.fd = openSync(file, "r");
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
    const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
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

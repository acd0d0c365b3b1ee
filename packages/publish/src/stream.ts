// streaming output for files too large to hold: an external merge sort on disk, and csv/json writers with renderCsv's and renderJson's bytes
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { DatasetSpec } from "@bycn/core";
import type { RenderedRef } from "./spill.js";
import { columnsOf, csvHeader, csvLine, type CsvColumn } from "./csv.js";
import { jsonKeysOf, jsonLine, type JsonKey } from "./json.js";

type Utf8Writer = (this: Buffer, text: string, offset: number) => number;
const nativeUtf8Write = (Buffer.prototype as unknown as { utf8Write?: Utf8Writer }).utf8Write;
/**
 * `text` as UTF-8 into `buf` at `offset` (the caller has made room); the bytes written. Buffer#write normalises its
 * arguments on every call, ~10 % of a 1M-row validate where rows are written a few pieces at a time; utf8Write is
 * the native method it ends in (present in every Node release bycn supports; Buffer#write where it is not).
 */
function writeUtf8(buf: Buffer, text: string, offset: number): number {
  return nativeUtf8Write !== undefined ? nativeUtf8Write.call(buf, text, offset) : buf.write(text, offset, "utf8");
}
/** bytes a run or output file is written in (text is encoded into the buffer at once, so no text is kept alive) */
const WRITE_BYTES = 1 << 20;
/** run files merged at once; more are first merged in groups of this many (open files stay few) */
const MAX_FAN_IN = 1024;
/** run files kept open during a merge; a merge of more opens each file for each read (a default soft limit of 1,024
 *  open files, or macOS's 256, must hold two merging threads) */
const MAX_OPEN = 128;
/** bytes read from all run files at a time during a merge, shared out between them (each gets 4–256 KiB); a
 * merge on each of several threads has its own */
const MERGE_READ_BYTES = 4 << 20;

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
  /**
   * What `compare` and `partitionKey` read of an item, as a small copy. Given, each item is encoded when added and
   * its text kept as bytes outside the JS heap until its run is written: the heap holds only the light copies.
   * Without it a run's items are held whole, and each run's worth is promoted to the old generation before it dies
   * (bench: ~400 bytes an item, 20,000 items a run, ~50 runs per million rows of major-GC work).
   */
  light?: (item: T) => T;
  /**
   * Bytes mode (with `light`), replacing `encode`/`decode`: an item is written as framed texts and read back straight
   * from the bytes, valid only until the next item of its run is read. A merge can then hand on byte ranges (rendered
   * rows) without turning them into strings again.
   */
  encodeInto?: (item: T, out: FrameSink) => void;
  decodeBytes?: (bytes: Buffer, start: number, end: number) => T;
}

/** where `encodeInto` writes an item: texts, each framed by its UTF-8 byte length */
export interface FrameSink {
  frame(text: string): void;
}

/** a text frame inside an item: 4-byte little-endian length, then the bytes; returns where the next frame starts */
export function frameEnd(bytes: Buffer, at: number): number {
  return at + 4 + bytes.readUInt32LE(at);
}

/** a sorted run on disk: its size, and where each partition key starts in it (with `partitionKey`) */
export interface RunFile {
  file: string;
  bytes: number;
  /**
   * where each partition key starts: key `table[ids[i]]` from byte `offsets[i]` (ascending). Typed arrays over one
   * key table per sorter: at 5M rows ~1,000 runs × ~290 keys were 290,000 small objects, cloned to the coordinating
   * thread (+30 MB peak memory)
   */
  table: (string | number)[];
  ids: Uint32Array;
  offsets: Float64Array;
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
    if (this.opts.light !== undefined) {
      if (this.opts.encodeInto !== undefined) {
        this.arena.beginItem();
        this.opts.encodeInto(item, this.arena);
        this.arena.endItem();
      } else {
        this.arena.writeItem(this.encode(item));
      }
      this.ends.push(this.arena.size);
      this.buf.push(this.opts.light(item));
    } else {
      this.buf.push(item);
    }
    this.count++;
    if (this.buf.length >= this.runItems) this.spill();
  }

  private sinkBuf: Buffer | undefined;
  private readonly keyTable: (string | number)[] = [];
  private readonly keyIds = new Map<string | number, number>();
  /** light mode: the items' encoded text, back to back, and where each ends */
  private readonly arena = new ByteArena();
  private ends: number[] = [];

  private sortBuffer(): T[] {
    const items = this.buf;
    this.buf = [];
    // index as tiebreak: Array.prototype.sort is stable, the merge below keeps runs in their order
    return items.sort(this.opts.compare);
  }

  private spill(): void {
    const light = this.opts.light !== undefined;
    let items: T[];
    let order: number[] | undefined;
    if (light) {
      items = this.buf;
      this.buf = [];
      const compare = this.opts.compare;
      // stable: equal items keep the order they were added in
      order = Array.from(items, (_, i) => i).sort((a, b) => compare(items[a]!, items[b]!) || a - b);
    } else {
      items = this.sortBuffer();
    }
    const file = path.join(this.opts.dir, `${this.opts.name}-${this.runs.length}.run`);
    this.sinkBuf ??= Buffer.allocUnsafe(WRITE_BYTES);
    const out = new ByteSink(file, this.sinkBuf);
    const ids: number[] = [];
    const offsets: number[] = [];
    const key = this.opts.partitionKey;
    let last: string | number | undefined;
    for (let j = 0; j < items.length; j++) {
      const i = order === undefined ? j : order[j]!;
      const item = items[i]!;
      if (key !== undefined) {
        const k = key(item);
        if (j === 0 || k !== last) {
          let id = this.keyIds.get(k);
          if (id === undefined) {
            id = this.keyTable.length;
            this.keyIds.set(k, id);
            this.keyTable.push(k);
          }
          ids.push(id);
          offsets.push(out.offset);
        }
        last = k;
      }
      if (light) {
        out.writeBytes(this.arena.bytes, i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
      } else {
        out.writeItem(this.encode(item));
      }
    }
    if (light) {
      this.arena.clear();
      this.ends = [];
    }
    this.runFiles.push({ file, bytes: out.close(), table: this.keyTable, ids: Uint32Array.from(ids), offsets: Float64Array.from(offsets) });
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
    const decode = this.decode;
    return openRanges(
      files.map((file) => ({ file, start: 0, end: Number.POSITIVE_INFINITY })),
      (bytes, start, end) => decode(bytes.toString("utf8", start, end)),
    );
  }

  /** All items in order. Call once, after the last add(). */
  *sorted(): Generator<T, void, undefined> {
    if (this.opts.light !== undefined) {
      // light items are not whole: the last run is read back from disk like the others
      if (this.buf.length > 0) this.spill();
      yield* mergeRuns(
        this.runFiles.map((r) => ({ file: r.file, start: 0, end: r.bytes })),
        this.opts,
      );
      return;
    }
    const last = this.sortBuffer();
    if (this.runs.length === 0) {
      yield* last;
      return;
    }
    while (this.runs.length > MAX_FAN_IN) {
      // a cascade for very large inputs: the oldest runs merged into one longer run
      const group = this.runs.splice(0, MAX_FAN_IN);
      const file = path.join(this.opts.dir, `${this.opts.name}-m${this.merged++}.run`);
      const out = new ByteSink(file);
      for (const item of merge(this.sources(group), this.opts.compare)) out.writeItem(this.encode(item));
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
  opts: Pick<SorterOptions<T>, "compare" | "dir" | "name" | "decode" | "decodeBytes">,
): Generator<T, void, undefined> {
  const decode = opts.decode ?? ((line: string) => JSON.parse(line) as T);
  const read = opts.decodeBytes ?? ((bytes: Buffer, start: number, end: number) => decode(bytes.toString("utf8", start, end)));
  const todo = ranges.filter((r) => r.end > r.start);
  let merged = 0;
  const made: string[] = [];
  try {
    while (todo.length > MAX_FAN_IN) {
      // the oldest ranges merged into one run first; items are copied as the bytes they are, never re-encoded
      const group = todo.splice(0, MAX_FAN_IN);
      const file = path.join(opts.dir, `${opts.name}-g${merged++}.run`);
      const out = new ByteSink(file);
      const sources = openRanges(group, read);
      const at = { src: -1 };
      for (const _ of merge(sources, opts.compare, at)) {
        const s = sources[at.src]!;
        out.writeItemBytes(s.bytes, s.itemStart, s.itemEnd);
      }
      todo.unshift({ file, start: 0, end: out.close() });
      made.push(file);
    }
    yield* merge(openRanges(todo, read), opts.compare);
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
      while (e < run.ids.length && compareKeys(run.table[run.ids[e]!]!, cut) < 0) e++;
      const end = e < run.ids.length ? run.offsets[e]! : run.bytes;
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
    for (let i = 0; i < run.ids.length; i++) {
      const key = run.table[run.ids[i]!]!;
      const size = (i + 1 < run.ids.length ? run.offsets[i + 1]! : run.bytes) - run.offsets[i]!;
      bytes.set(key, (bytes.get(key) ?? 0) + size);
      total += size;
    }
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

function openRanges<T>(ranges: readonly RunRange[], read: (bytes: Buffer, start: number, end: number) => T): RunSource<T>[] {
  const readBytes = Math.max(4 << 10, Math.min(256 << 10, Math.floor(MERGE_READ_BYTES / Math.max(1, ranges.length))));
  const keepOpen = ranges.length <= MAX_OPEN;
  return ranges.map((r) => new RunSource(r, read, readBytes, keepOpen));
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

/**
 * A run file (or a byte range of one) read back item by item through one buffer. Items are framed as a 4-byte
 * little-endian byte length and their UTF-8 text, and each is decoded on its own straight from the bytes: no text of
 * a whole read is built, which lived across thousands of merge steps and was promoted to the old generation with
 * every item sliced from it (the merge's main garbage-collection cost when items were framed as text).
 */
class RunSource<T> implements Source<T> {
  private fd: number | undefined;
  private buf: Buffer;
  /** the bytes of the item next() returned last: buf[itemStart, itemEnd), valid until next() is called again */
  itemStart = 0;
  itemEnd = 0;
  get bytes(): Buffer {
    return this.buf;
  }
  /** valid bytes are buf[at, filled) */
  private at = 0;
  private filled = 0;
  private position: number;
  private readonly end: number;

  constructor(
    range: RunRange,
    private readonly read: (bytes: Buffer, start: number, end: number) => T,
    readBytes: number,
    private readonly keepOpen = true,
  ) {
    this.buf = Buffer.allocUnsafe(readBytes);
    this.file = range.file;
    if (keepOpen) this.fd = openSync(range.file, "r");
    this.position = range.start;
    this.end = range.end;
  }

  private readonly file: string;
  private done = false;

  next(): T | undefined {
    for (;;) {
      const have = this.filled - this.at;
      if (have >= 4) {
        const n = this.buf.readUInt32LE(this.at);
        if (have >= 4 + n) {
          const start = this.at + 4;
          this.at = start + n;
          this.itemStart = start;
          this.itemEnd = start + n;
          return this.read(this.buf, start, start + n);
        }
        // an item longer than the buffer: grow it to hold the item whole
        if (4 + n > this.buf.length) {
          const grown = Buffer.allocUnsafe(4 + n);
          this.buf.copy(grown, 0, this.at, this.filled);
          this.buf = grown;
          this.filled = have;
          this.at = 0;
        }
      }
      if (!this.fill()) {
        if (this.filled > this.at) throw new Error("run file ends inside an item");
        return undefined;
      }
    }
  }

  private fill(): boolean {
    if (this.done) return false;
    // the unread tail moves to the front, the rest of the buffer is read into
    if (this.at > 0) {
      this.buf.copy(this.buf, 0, this.at, this.filled);
      this.filled -= this.at;
      this.at = 0;
    }
    const want = Math.min(this.buf.length - this.filled, this.end - this.position);
    let n = 0;
    if (want > 0) {
      const fd = this.fd ?? openSync(this.file, "r");
      try {
        n = readSync(fd, this.buf, this.filled, want, this.position);
      } finally {
        if (!this.keepOpen) closeSync(fd);
      }
    }
    this.position += n;
    this.filled += n;
    if (n === 0) this.close();
    return n > 0;
  }

  close(): void {
    this.done = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** k-way merge on a binary heap; equal items come from the earlier source first */
function* merge<T>(sources: Source<T>[], compare: (a: T, b: T) => number, at?: { src: number }): Generator<T, void, undefined> {
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
      if (at !== undefined) at.src = top.src;
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

/**
 * A file written through a byte buffer with synchronous writes: no back-pressure to manage, memory stays flat. Text
 * is encoded straight into the buffer; a pending string grown by += was a rope of thousands of pieces that the write
 * flattened again (and it kept the texts it was made of alive until then). Knows how many bytes it wrote.
 */
export class TextSink {
  private fd: number | undefined;
  protected pos = 0;
  protected flushed = 0;

  /** `buf`: a buffer to write through; a sorter passes one it reuses from one run file to the next (a fresh megabyte
   *  for each of ~100 runs per million rows was external memory that V8 answered with collections) */
  constructor(
    file: string,
    protected readonly buf: Buffer = Buffer.allocUnsafe(WRITE_BYTES),
  ) {
    this.fd = openSync(file, "w");
  }

  /** bytes written so far */
  get offset(): number {
    return this.flushed + this.pos;
  }

  write(text: string): void {
    // a UTF-16 unit is at most 3 bytes of UTF-8
    if (this.pos + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        this.writeBytes(Buffer.from(text, "utf8"), 0);
        return;
      }
    }
    this.pos += writeUtf8(this.buf, text, this.pos);
  }

  /** bytes [start, end) of `from`, as they are (text rendered and encoded earlier) */
  writeBytes(from: Buffer, start: number, end = from.length): void {
    const n = end - start;
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        let at = start;
        while (at < end) at += writeSync(this.fd!, from, at, end - at);
        this.flushed += n;
        return;
      }
    }
    from.copy(this.buf, this.pos, start, end);
    this.pos += n;
  }

  protected flush(): void {
    let at = 0;
    while (at < this.pos) at += writeSync(this.fd!, this.buf, at, this.pos - at);
    this.flushed += this.pos;
    this.pos = 0;
  }

  /** flush and close; returns the file's size */
  close(): number {
    if (this.fd !== undefined) {
      this.flush();
      closeSync(this.fd);
      this.fd = undefined;
    }
    return this.flushed;
  }
}

/** a growable byte buffer outside the JS heap: encoded items waiting for their run to be sorted */
class ByteArena implements FrameSink {
  bytes = Buffer.allocUnsafe(1 << 20);
  size = 0;

  private itemAt = -1;

  /** an item made of frames (encodeInto): its length is filled in by endItem */
  beginItem(): void {
    this.reserve(4);
    this.itemAt = this.size;
    this.size += 4;
  }

  endItem(): void {
    this.bytes.writeUInt32LE(this.size - this.itemAt - 4, this.itemAt);
  }

  frame(text: string): void {
    if (this.size + 4 + text.length * 3 > this.bytes.length) this.reserve(4 + Buffer.byteLength(text));
    const n = writeUtf8(this.bytes, text, this.size + 4);
    this.bytes.writeUInt32LE(n, this.size);
    this.size += 4 + n;
  }

  private reserve(n: number): void {
    if (this.size + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.size + n, Math.ceil(this.bytes.length * 1.5)));
    this.bytes.copy(grown, 0, 0, this.size);
    this.bytes = grown;
  }

  /** one item framed as ByteSink.writeItem frames it */
  writeItem(text: string): void {
    // a UTF-16 unit is at most 3 bytes; the exact length is only counted when the bound does not fit
    if (this.size + 4 + text.length * 3 > this.bytes.length && this.size + 4 + Buffer.byteLength(text) > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.size + 4 + Buffer.byteLength(text), Math.ceil(this.bytes.length * 1.5)));
      this.bytes.copy(grown, 0, 0, this.size);
      this.bytes = grown;
    }
    const n = writeUtf8(this.bytes, text, this.size + 4);
    this.bytes.writeUInt32LE(n, this.size);
    this.size += 4 + n;
  }

  clear(): void {
    this.size = 0;
  }
}

/** a run file: items framed by their UTF-8 byte length (4 bytes, little-endian), the offset of each known */
class ByteSink extends TextSink {
  /** one run item: its byte length, then its text */
  writeItem(text: string): void {
    if (this.pos + 4 + text.length * 3 > this.buf.length) {
      const bytes = Buffer.from(text, "utf8");
      this.writeItemBytes(bytes, 0, bytes.length);
      return;
    }
    const n = writeUtf8(this.buf, text, this.pos + 4);
    this.buf.writeUInt32LE(n, this.pos);
    this.pos += 4 + n;
  }

  /** one run item given as its bytes: framed like writeItem */
  writeItemBytes(from: Buffer, start: number, end: number): void {
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32LE(end - start, 0);
    this.writeBytes(head, 0);
    this.writeBytes(from, start, end);
  }
}

/**
 * One dataset written row by row as `<name>.csv` (and `<name>.json` when asked): the same bytes renderCsv and
 * renderJson give for the same rows in the same order. With `part`, one part of files written by several threads in
 * turn: only the first part writes the csv header and opens the json array, and no part closes it (the caller joins
 * the parts and closes the array).
 */
export class DatasetWriter {
  private readonly columns: CsvColumn[];
  private readonly keys: JsonKey[];
  private readonly csv: TextSink;
  private readonly json: TextSink | undefined;
  rows = 0;

  constructor(
    spec: Pick<DatasetSpec, "schema">,
    csvFile: string,
    jsonFile?: string,
    private readonly part?: { first: boolean },
  ) {
    this.columns = columnsOf(spec);
    this.keys = jsonKeysOf(spec);
    this.csv = new TextSink(csvFile);
    this.json = jsonFile === undefined ? undefined : new TextSink(jsonFile);
    if (part === undefined || part.first) {
      this.csv.write(`${csvHeader(this.columns)}\n`);
      if (part !== undefined) this.json?.write("[\n");
    }
  }

  write(row: Record<string, unknown>): void {
    this.csv.write(csvLine(this.columns, row));
    this.csv.write("\n");
    if (this.json !== undefined) {
      this.jsonSeparator();
      this.json.write(jsonLine(this.keys, row));
    }
    this.rows++;
  }

  /** a row rendered earlier (renderedCodec): its csv and json frames copied as they are */
  writeRendered(r: RenderedRef): void {
    this.csv.writeBytes(r.bytes, r.csv + 4, r.json);
    this.csv.write("\n");
    if (this.json !== undefined) {
      this.jsonSeparator();
      this.json.writeBytes(r.bytes, r.json + 4, frameEnd(r.bytes, r.json));
    }
    this.rows++;
  }

  private jsonSeparator(): void {
    if (this.part !== undefined) {
      if (this.rows > 0) this.json!.write(",\n");
    } else {
      this.json!.write(this.rows === 0 ? "[\n" : ",\n");
    }
  }

  close(): void {
    this.csv.close();
    if (this.json !== undefined) {
      if (this.part === undefined) this.json.write(this.rows === 0 ? "[]\n" : "\n]\n");
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

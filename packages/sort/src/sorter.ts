// an external merge sort on disk: items sorted in runs held in memory, written to run files, read back merged
import { rmSync } from "node:fs";
import path from "node:path";
import { ArraySource, MAX_FAN_IN, merge, mergeRuns, openRanges, type Source } from "./merge.js";
import { ByteArena, ByteSink, WRITE_BYTES, type FrameSink } from "./sinks.js";

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
   * Without it a run's items are held whole, and each run's worth is promoted to the old generation before it dies.
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

/** a sorted run on disk: its size, and where each partition key starts in it (with `partitionKey`) */
export interface RunFile {
  file: string;
  bytes: number;
  /**
   * where each partition key starts: key `table[ids[i]]` from byte `offsets[i]` (ascending). Typed arrays over one
   * key table per sorter: objects per key were many small objects cloned to the coordinating thread
   */
  table: (string | number)[];
  ids: Uint32Array;
  offsets: Float64Array;
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
        const at = this.arena.beginFrame();
        this.opts.encodeInto(item, this.arena);
        this.arena.endFrame(at);
      } else {
        this.arena.frame(this.encode(item));
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


// reading runs back: run files (or byte ranges of them) item by item, and the k-way merge of several
import { closeSync, openSync, readSync, rmSync } from "node:fs";
import path from "node:path";
import { ByteSink } from "./sinks.js";
import type { SorterOptions } from "./sorter.js";

/** run files merged at once; more are first merged in groups of this many (open files stay few) */
export const MAX_FAN_IN = 1024;
/**
 * Run files kept open during a merge; a merge of more opens each file for each read, and so does a merge that meets
 * the open-file limit while opening them. Node raises its soft limit to the hard one (thousands on Linux and macOS).
 */
const MAX_OPEN = 1024;
/** bytes read from all run files at a time during a merge, shared out between them (each gets 4–256 KiB); a
 * merge on each of several threads has its own */
const MERGE_READ_BYTES = 4 << 20;

/** the bytes [start, end) of a run file: whole items, a contiguous stretch of its order */
export interface RunRange {
  file: string;
  start: number;
  end: number;
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

export function openRanges<T>(ranges: readonly RunRange[], read: (bytes: Buffer, start: number, end: number) => T): RunSource<T>[] {
  const readBytes = Math.max(4 << 10, Math.min(256 << 10, Math.floor(MERGE_READ_BYTES / Math.max(1, ranges.length))));
  const sources = ranges.map((r) => new RunSource(r, read, readBytes));
  // all kept open or none: a merge that met the limit halfway would have no descriptor left to reopen the rest with,
  // nor for the files its caller writes
  if (sources.length <= MAX_OPEN) {
    try {
      for (const s of sources) s.keepOpen();
    } catch (e) {
      for (const s of sources) s.release();
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EMFILE" && code !== "ENFILE") throw e;
    }
  }
  return sources;
}

export interface Source<T> {
  next(): T | undefined;
  close(): void;
}

export class ArraySource<T> implements Source<T> {
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
  ) {
    this.buf = Buffer.allocUnsafe(readBytes);
    this.file = range.file;
    this.position = range.start;
    this.end = range.end;
  }

  private readonly file: string;
  private done = false;

  /** the file opened now and kept open until the end (otherwise it is opened for each read) */
  keepOpen(): void {
    this.fd ??= openSync(this.file, "r");
  }

  /** back to opening the file for each read */
  release(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

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
        if (fd !== this.fd) closeSync(fd);
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
export function* merge<T>(sources: Source<T>[], compare: (a: T, b: T) => number, at?: { src: number }): Generator<T, void, undefined> {
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


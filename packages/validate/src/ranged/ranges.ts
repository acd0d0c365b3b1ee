// can a file be read in ranges, and where are the cuts: its head sniffed and the file cut at record starts
import { fstatSync, readSync } from "node:fs";
import { findRecordStarts, SNIFF_BYTES, splittable, TableReader, type RecordStart, type ResumePoint, type TableInfo } from "@bycn/ingest";
import { FATAL } from "../order.js";
import { READ_BYTES } from "../stream.js";

/** files smaller than this are read on one thread: starting workers costs more than it saves */
export const PARALLEL_MIN_BYTES = 32 << 20;

export interface Range {
  start: number;
  end: number;
  /** undefined for the range at the file's start (its reader finds the header) */
  resume?: ResumePoint;
}

/** the table's header and dialect, read from the head of `fd` (undefined: none before a fatal problem or the end) */
export function sniffHead(fd: number, file: string): TableInfo | undefined {
  const reader = new TableReader({ file });
  const buf = Buffer.allocUnsafe(READ_BYTES);
  for (let pos = 0; !reader.info && !reader.issues.some((i) => FATAL.has(i.code)); ) {
    const n = readSync(fd, buf, 0, READ_BYTES, pos);
    if (n === 0) break;
    pos += n;
    reader.push(Buffer.from(buf.subarray(0, n)));
  }
  return reader.info;
}

/** the ranges of the open file `fd`, one per thread; undefined: take the one-thread streaming path */
export function rangesOf(fd: number, info: TableInfo, threads: number, minBytes = PARALLEL_MIN_BYTES): Range[] | undefined {
  if (threads < 2 || !splittable(info.encoding, info.lineBreak)) return undefined;
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
}

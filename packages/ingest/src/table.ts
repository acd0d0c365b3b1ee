// whole-buffer and async-stream reads, each one TableReader driven to the end
import type { RawRecord, ReadOptions, Table, TableSummary } from "./api.js";
import { TableReader } from "./reader.js";

/** Read a whole buffer: one TableReader pushed once (it works in 64 KiB pieces), so the result equals any chunked read. */
export function readTable(bytes: Uint8Array, opts: ReadOptions): Table {
  const reader = new TableReader(opts);
  const first = reader.push(bytes);
  const last = reader.end();
  return { ...reader.summary(), records: last.length ? first.concat(last) : first };
}

/**
 * Read an async byte stream in batches: `for await (const batch of streamTable(chunks, opts))`. The generator's return
 * value is the TableSummary (info, issues, rejects, dataRecords); `for await` drops it, so a caller that needs it
 * either drives `new TableReader(opts).stream(chunks)` and reads the reader afterwards, or calls `next()` by hand.
 */
export function streamTable(chunks: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncGenerator<RawRecord[], TableSummary, undefined> {
  return new TableReader(opts).stream(chunks);
}

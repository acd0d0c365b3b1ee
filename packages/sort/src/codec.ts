// items carried through a sort on disk as bytes: typed, length-framed key columns, raw text, and rendered lines
import type { Candidate } from "@bycn/core";
import { frameEnd, type FrameSink } from "./sinks.js";
import { ValueReader, writeValue } from "./value-codec.js";

/**
 * A candidate read back from a run: its raw text is decoded only when asked for, while the merge is at its item (the
 * key-ordered step reads it for a duplicate, at once). A class, so the getter is one shared accessor and not one
 * closure per item.
 */
class SpilledCandidate implements Candidate {
  constructor(
    readonly dataset: string,
    readonly file: number,
    readonly line: number,
    readonly rows: Record<string, unknown>[],
    private readonly bytes: Buffer,
    private readonly rawStart: number,
    private readonly rawEnd: number,
  ) {}

  get raw(): string {
    return this.bytes.toString("utf8", this.rawStart, this.rawEnd);
  }
}

/** on a row read back by renderedCodec: where its csv and json text frames are in the run item's bytes */
export const RENDERED = Symbol("bycn.rendered");

export interface RenderedRef {
  bytes: Buffer;
  /** offsets of the csv and the json frame (4-byte length, then the text) */
  csv: number;
  json: number;
}

/** the rendered text of a row read back by renderedCodec, or undefined for any other row */
export function renderedOf(row: Record<string, unknown>): RenderedRef | undefined {
  return (row as { [RENDERED]?: RenderedRef })[RENDERED];
}

export interface RenderedCodec {
  encodeInto(c: Candidate, out: FrameSink): void;
  decodeBytes(bytes: Buffer, start: number, end: number): Candidate;
}

/** how a row is rendered as a csv line and a json line (the caller's formatters: sort knows no output format) */
export interface RowRender {
  csv(row: Record<string, unknown>): string;
  json(row: Record<string, unknown>): string;
}

/**
 * Candidates of dataset `name` rendered when they are found and carried through a sort on disk as bytes: a head of
 * typed values (file, line, and the columns `keep` the sort and the key-ordered step read), the raw text, and each
 * row's csv line and json line as `render` gives them. Read back, a row holds those columns and a RenderedRef: a merge writes the
 * rendered bytes as they are, never building the row or its text again. No `render` (no output files) keeps the
 * frames empty.
 */
export function renderedCodec(name: string, keep: readonly string[], render: RowRender | undefined): RenderedCodec {
  const reader = new ValueReader();
  const width = keep.length;
  return {
    encodeInto(c, out) {
      // the head: file, line, row count, then each row's kept columns, as typed bytes (no text is built for them)
      const head = out.beginFrame();
      out.double(c.file);
      out.double(c.line);
      out.double(c.rows.length);
      for (const row of c.rows) for (let k = 0; k < width; k++) writeValue(out, row[keep[k]!]);
      out.endFrame(head);
      // the raw text has its own frame: it is read back only for the rare record that turns out a duplicate
      out.frame(c.raw);
      for (const row of c.rows) {
        out.frame(render ? render.csv(row) : "");
        out.frame(render ? render.json(row) : "");
      }
    },
    decodeBytes(bytes, start) {
      const headEnd = frameEnd(bytes, start);
      const file = bytes.readDoubleLE(start + 4);
      const line = bytes.readDoubleLE(start + 12);
      const count = bytes.readDoubleLE(start + 20);
      reader.at = start + 28;
      const rawEnd = frameEnd(bytes, headEnd);
      const rows: Record<string, unknown>[] = [];
      for (let r = 0; r < count; r++) {
        const row: Record<string, unknown> = {};
        for (let k = 0; k < width; k++) row[keep[k]!] = reader.value(bytes, k);
        rows.push(row);
      }
      let at = rawEnd;
      for (const row of rows) {
        const json = frameEnd(bytes, at);
        (row as { [RENDERED]?: RenderedRef })[RENDERED] = { bytes, csv: at, json };
        at = frameEnd(bytes, json);
      }
      return new SpilledCandidate(name, file, line, rows, bytes, headEnd + 4, rawEnd);
    },
  };
}

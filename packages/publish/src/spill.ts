// candidates rendered once and carried through a sort on disk as bytes: typed, length-framed key columns, raw text, csv and json lines
import type { Candidate, DatasetSpec } from "@bycn/core";
import { columnsOf, csvLine } from "./csv.js";
import { jsonKeysOf, jsonLine } from "./json.js";
import { frameEnd, type FrameSink } from "./stream.js";

/**
 * One key value: `s<length>:<text>` (any characters), `n<String(n)>;` (String round-trips every double exactly),
 * `t`/`f`, `u` for undefined, `z` for null, `j<length>:<json>` for anything else.
 */
function encodeValue(v: unknown): string {
  switch (typeof v) {
    case "string":
      return `s${v.length}:${v}`;
    case "number":
      return `n${String(v)};`;
    case "boolean":
      return v ? "t" : "f";
    case "undefined":
      return "u";
    default: {
      if (v === null) return "z";
      const json = JSON.stringify(v);
      return `j${json.length}:${json}`;
    }
  }
}

/** reads values back from one encoded candidate */
class Cursor {
  at = 0;
  constructor(private readonly text: string) {}

  value(): unknown {
    const t = this.text;
    const tag = t.charCodeAt(this.at++);
    switch (tag) {
      case 115: // s
      case 106: {
        // j
        const colon = t.indexOf(":", this.at);
        const end = colon + 1 + Number(t.slice(this.at, colon));
        const body = t.slice(colon + 1, end);
        this.at = end;
        return tag === 115 ? body : JSON.parse(body);
      }
      case 110: {
        // n
        const semi = t.indexOf(";", this.at);
        const n = Number(t.slice(this.at, semi));
        this.at = semi + 1;
        return n;
      }
      case 116:
        return true;
      case 102:
        return false;
      case 117:
        return undefined;
      case 122:
        return null;
      default:
        throw new Error(`spill record damaged at ${this.at - 1}`);
    }
  }
}

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

/**
 * Candidates rendered when they are found and carried through a sort on disk as bytes: a header (file, line, raw
 * text, and the columns the sort and the key-ordered step read) and each row's csv line and json line, exactly as
 * csvLine and jsonLine render them. Read back, a row holds those columns and a RenderedRef: a merge writes the
 * rendered bytes as they are, never building the row or its text again. `render: false` (no output files) keeps the
 * frames empty.
 */
export function renderedCodec(spec: Pick<DatasetSpec, "name" | "schema">, keep: readonly string[], render: boolean): RenderedCodec {
  const columns = columnsOf(spec);
  const keys = jsonKeysOf(spec);
  return {
    encodeInto(c, out) {
      let head = `${encodeValue(c.file)}${encodeValue(c.line)}${encodeValue(c.rows.length)}`;
      for (const row of c.rows) for (const k of keep) head += encodeValue(row[k]);
      out.frame(head);
      // the raw text has its own frame: it is read back only for the rare record that turns out a duplicate
      out.frame(c.raw);
      for (const row of c.rows) {
        out.frame(render ? csvLine(columns, row) : "");
        out.frame(render ? jsonLine(keys, row) : "");
      }
    },
    decodeBytes(bytes, start) {
      const headEnd = frameEnd(bytes, start);
      const cur = new Cursor(bytes.toString("utf8", start + 4, headEnd));
      const file = cur.value() as number;
      const line = cur.value() as number;
      const count = cur.value() as number;
      const rawEnd = frameEnd(bytes, headEnd);
      const rows: Record<string, unknown>[] = [];
      for (let r = 0; r < count; r++) {
        const row: Record<string, unknown> = {};
        for (const k of keep) row[k] = cur.value();
        rows.push(row);
      }
      let at = rawEnd;
      for (const row of rows) {
        const json = frameEnd(bytes, at);
        (row as { [RENDERED]?: RenderedRef })[RENDERED] = { bytes, csv: at, json };
        at = frameEnd(bytes, json);
      }
      return new SpilledCandidate(spec.name, file, line, rows, bytes, headEnd + 4, rawEnd);
    },
  };
}

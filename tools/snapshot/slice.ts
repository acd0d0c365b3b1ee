// keep some records of a source file byte-for-byte: preamble, header and kept records exactly as the source wrote them
import type { RawRecord, Table } from "@bycn/ingest";

/** A record located in the decoded source text: where it starts, its text without terminator, and its terminator. */
export interface Located {
  record: RawRecord;
  start: number;
  body: string;
  /** "\r\n", "\n", "\r" or "" (the source's last record may have none) */
  terminator: string;
}

export interface Slice {
  bytes: Uint8Array;
  /** records in the source table */
  total: number;
  kept: Located[];
  /** the terminator written after the last kept record (the source's last record's terminator) */
  end: string;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** decode keeping the BOM, and refuse anything that would not re-encode to the same bytes */
export function decodeExact(bytes: Uint8Array, file: string): string {
  const text = strict.decode(bytes);
  const again = encoder.encode(text);
  if (!sameBytes(again, bytes)) throw new Error(`${file}: does not round-trip through utf-8; cannot slice it byte-for-byte`);
  return text;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const TRAILING_TERMINATOR = /(?:\r\n|\n|\r)$/;

function terminatorAt(text: string, at: number): string {
  if (text.startsWith("\r\n", at)) return "\r\n";
  const c = text[at];
  return c === "\n" || c === "\r" ? c : "";
}

/** offset just after the n-th physical line (1-based), counting \r\n, \n and a lone \r as line ends */
export function endOfLine(text: string, line: number): number {
  let at = 0;
  for (let seen = 0; seen < line; seen++) {
    const lf = text.indexOf("\n", at);
    const cr = text.indexOf("\r", at);
    if (lf === -1 && cr === -1) return text.length;
    if (cr !== -1 && (lf === -1 || cr < lf)) at = text.startsWith("\r\n", cr) ? cr + 2 : cr + 1;
    else at = lf + 1;
  }
  return at;
}

/**
 * Find every record of the table in the source text, in order. RawRecord.raw must be the record's text as in
 * the file (with or without its terminator); anything else means the slice cannot be byte-exact.
 */
export function locateRecords(text: string, table: Table, file: string): Located[] {
  if (!table.info) throw new Error(`${file}: not readable as a table`);
  let cursor = endOfLine(text, table.info.headerLine);
  const out: Located[] = [];
  for (const record of table.records) {
    const body = record.raw.replace(TRAILING_TERMINATOR, "");
    const start = text.indexOf(body, cursor);
    if (start === -1) throw new Error(`${file}:${record.line}: record text not found verbatim in the source`);
    const terminator = terminatorAt(text, start + body.length);
    out.push({ record, start, body, terminator });
    cursor = start + body.length + terminator.length;
  }
  return out;
}

/**
 * The slice: everything up to the end of the header line (BOM, blank or preamble lines, header) as it is, then the
 * kept records, each with the terminator it had in the source, then whatever followed the source's last record.
 * One exception so the file ends the way the source ends: the last kept record takes the terminator of the
 * source's last record (OWID's and ITU's files end without a newline after their last record).
 */
export function sliceTable(
  bytes: Uint8Array,
  table: Table,
  file: string,
  keep: (fields: Record<string, string>) => boolean,
): Slice {
  if (!table.info) throw new Error(`${file}: not readable as a table`);
  if (table.rejects.length > 0) {
    // a rejected source record cannot be judged by its fields; refuse rather than drop it silently
    const first = table.rejects[0];
    throw new Error(`${file}:${first?.raw_line ?? "?"}: ${table.rejects.length} record(s) rejected by the reader (${first?.code ?? ""}); cannot slice`);
  }
  const text = decodeExact(bytes, file);
  const located = locateRecords(text, table, file);
  const header = table.info.header;
  const kept = located.filter(({ record }) => keep(fieldsByName(header, record.fields)));
  const last = located.at(-1);
  const preamble = text.slice(0, endOfLine(text, table.info.headerLine));
  const trailer = last ? text.slice(last.start + last.body.length + last.terminator.length) : "";
  const parts = [preamble];
  kept.forEach((k, i) => {
    const isLast = i === kept.length - 1;
    parts.push(k.body, isLast && last ? last.terminator : k.terminator);
  });
  parts.push(trailer);
  const end = kept.length > 0 && last ? last.terminator : "";
  return { bytes: encoder.encode(parts.join("")), total: located.length, kept, end };
}

export function fieldsByName(header: readonly string[], fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  header.forEach((name, i) => {
    out[name] = fields[i] ?? "";
  });
  return out;
}

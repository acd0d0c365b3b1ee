// is a downloaded body really the declared format, and complete? pure checks on bytes
import { makeIssue, type Issue } from "@bycn/core";
import { readTable, type TableInfo } from "@bycn/ingest";
import { looksLikeZip, pickMember, readZip } from "./zip.js";

export interface BodyInfo {
  /** where issues point: the snapshot path the file would get, e.g. raw/wdi/<date>/API.csv */
  file: string;
  /** the URL the body came from (named in messages) */
  url: string;
  /** the manifest file name (chooses the member of a zip) */
  fileName: string;
  format: "csv" | "json";
  contentType?: string;
  maxBytes: number;
  /** the previous snapshot of this file ends with a line break: a body that does not was cut inside its last
   *  record (ITU's files end with a quote and OWID's with a digit, so this cannot be a rule for every file) */
  previousEndsWithLineBreak?: boolean;
}

export type BodyCheck =
  | { ok: true; bytes: Uint8Array; encoding: string; fromZip?: string; /** data records (csv) or array items (json), when countable */ rows?: number }
  | { ok: false; issues: Issue[] };

// the decoding problems after which the bytes are not a text table at all
const NOT_TEXT = new Set(["file_empty", "binary_content", "encoding_undetermined", "invalid_utf8", "header_missing"]);
// keys of an API error envelope, e.g. {"message":"Not Found","status":404} or {"error":…,"statusCode":…}
const ERROR_KEYS = new Set(["message", "status", "statuscode", "code", "error", "errors", "detail", "title", "type", "timestamp", "path", "requestid"]);

/** Check a body against its declared format; a zip (by Content-Type or magic bytes) is opened and its member checked. */
export async function checkBody(body: Uint8Array, info: BodyInfo): Promise<BodyCheck> {
  const at = { file: info.file };
  const bad = (expected: string, found: string): BodyCheck => ({ ok: false, issues: [makeIssue("unexpected_content", at, { expected, found })] });
  let bytes = body;
  let fromZip: string | undefined;
  if (looksLikeZip(body) || /application\/(x-)?zip/i.test(info.contentType ?? "")) {
    const zip = await readZip(body, info.maxBytes);
    if (!zip.ok) return { ok: false, issues: [makeIssue("file_unreadable", at, { cause: `zip does not open: ${zip.cause}` })] };
    const member = pickMember(zip.members, info.fileName);
    if (!member) {
      const names = zip.members.map((m) => m.name).join(", ") || "none";
      return { ok: false, issues: [makeIssue("file_unreadable", at, { cause: `zip has no member for ${info.fileName} (members: ${names})` })] };
    }
    bytes = member.bytes;
    fromZip = member.name;
  }
  if (bytes.length === 0) return { ok: false, issues: [makeIssue("file_empty", at, {})] };
  const head = sniff(bytes);
  if (/^<!doctype html|^<html/i.test(head)) return bad(info.format, "an HTML page");
  if (/^<\?xml/i.test(head)) return bad(info.format, "an XML document");
  const json = head.startsWith("{") || head.startsWith("[") ? parseJson(bytes) : undefined;
  const result = info.format === "json" ? checkJson(json, bad) : checkCsv(bytes, json, info, bad);
  if (!result.ok) return result;
  return fromZip === undefined ? result : { ...result, fromZip };
}

function checkJson(json: { value: unknown; bytes: Uint8Array } | undefined, bad: (e: string, f: string) => BodyCheck): BodyCheck {
  if (!json) return bad("json", "text that does not parse as JSON");
  const v = json.value;
  if (isErrorObject(v)) return bad("json data", `an API error object ${clip(JSON.stringify(v))}`);
  // the ITU DataHub API answers a wrong id type with 200 and [] (api-evangelist/itu examples)
  if ((Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0)) return bad("json data", "an empty JSON value");
  const rows = jsonRows(v);
  return { ok: true, bytes: json.bytes, encoding: "utf-8", ...(rows === undefined ? {} : { rows }) };
}

/** the items of a top-level array, or of the one array inside a top-level object ({"data": [...]}) */
function jsonRows(v: unknown): number | undefined {
  if (Array.isArray(v)) return v.length;
  if (!isRecord(v)) return undefined;
  const arrays = Object.values(v).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0]!.length : undefined;
}

function checkCsv(
  bytes: Uint8Array,
  json: { value: unknown } | undefined,
  info: BodyInfo,
  bad: (e: string, f: string) => BodyCheck,
): BodyCheck {
  if (json) return bad("csv", isErrorObject(json.value) ? `a JSON error ${clip(JSON.stringify(json.value))}` : "a JSON document");
  const table = readTable(bytes, { file: info.file });
  const fatal = table.issues.find((i) => NOT_TEXT.has(i.code) && i.severity === "error");
  if (fatal || !table.info) return bad("csv text", fatal ? fatal.message : "bytes that do not read as a table");
  if (table.info.header.length < 2) return bad("csv", `a header without a delimiter (${clip(table.info.header.join(""))})`);
  const unclosed = table.issues.find((i) => i.code === "unclosed_quote");
  if (unclosed) return truncated(info, `a quoted field opens on line ${unclosed.at.line ?? "?"} and never closes`);
  // a download cut mid-record ends with a short record; a short record elsewhere is the source's own quirk
  const lastRecord = Math.max(0, ...table.records.map((r) => r.line));
  const lastReject = Math.max(0, ...table.rejects.map((r) => r.raw_line));
  if (lastReject > lastRecord) {
    const short = table.issues.find((i) => i.code === "ragged_row" && i.at.line === lastReject && i.found < i.expected);
    if (short && short.code === "ragged_row") {
      return truncated(info, `the last record (line ${lastReject}) has ${short.found} of ${short.expected} fields`);
    }
  }
  const edge = lastRecordEdge(bytes, table.info, info.previousEndsWithLineBreak ?? false);
  if (edge) return truncated(info, edge);
  const rows = table.records.length + table.rejects.length;
  if (rows === 0) return bad("csv with data rows", "a header and no data rows");
  return { ok: true, bytes, encoding: table.info.encoding, rows };
}

/**
 * A cut right after a delimiter leaves a last record with all its fields (the last one empty), so the field count
 * cannot see it; the line ending can. A last line without a line break that ends in a delimiter is cut (found by
 * cutting the real ITU throughput export after a dataSource cell); so is one without the delimiter every line of
 * a WDI file ends with (cutting the real Metadata_Country file after a SpecialNotes cell). A last line that has
 * its line break is whole: ITU's uas_policy.csv ends with a run of empty dataValue N cells and a newline. A file
 * whose previous snapshot ended with a line break must too: without it a cut inside the last value is invisible.
 */
function lastRecordEdge(bytes: Uint8Array, t: TableInfo, previousEndsWithLineBreak: boolean): string | undefined {
  if (t.encoding !== "utf-8" && t.encoding !== "windows-1251") return undefined;
  const last = bytes[bytes.length - 1];
  if (last === 0x0a || last === 0x0d) return undefined;
  if (previousEndsWithLineBreak) {
    return "the previous snapshot ends with a line break and this body does not: it stops inside its last record (if the publisher dropped the final line break, check the file and rerun with --accept-shrink)";
  }
  if (last === t.delimiter.charCodeAt(0)) return "the file ends with a delimiter and no line break, in the middle of its last record";
  if (t.trailingEmptyColumn) return "every line ends with a delimiter but the last one, which has no line break either";
  return undefined;
}

function truncated(info: BodyInfo, reason: string): BodyCheck {
  return { ok: false, issues: [makeIssue("download_truncated", { file: info.file }, { url: info.url, reason })] };
}

/** the first non-blank characters after a BOM, read as latin1 (enough to spot markup or JSON) */
function sniff(bytes: Uint8Array): string {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return Buffer.from(bytes.subarray(i, i + 64)).toString("latin1");
}

function parseJson(bytes: Uint8Array): { value: unknown; bytes: Uint8Array } | undefined {
  try {
    return { value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown, bytes };
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** {"message": …, "status": …}-style envelopes: an error key and nothing but error keys */
function isErrorObject(v: unknown): boolean {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v).map((k) => k.toLowerCase());
  return (keys.includes("message") || keys.includes("error")) && keys.every((k) => ERROR_KEYS.has(k));
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** the data rows of a previous snapshot, counted the way checkBody counts a new body; undefined when not countable */
export function countRows(bytes: Uint8Array, format: "csv" | "json", file: string): number | undefined {
  if (format === "json") {
    const json = parseJson(bytes);
    return json ? jsonRows(json.value) : undefined;
  }
  const table = readTable(bytes, { file });
  return table.info ? table.records.length + table.rejects.length : undefined;
}

export function endsWithLineBreak(bytes: Uint8Array): boolean {
  const last = bytes[bytes.length - 1];
  return last === 0x0a || last === 0x0d;
}

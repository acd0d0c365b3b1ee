// the public contract of @bycn/ingest: bytes → records with physical line numbers, plus issues and rejects
import type { Issue, Reject } from "@bycn/core";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251";
export type Delimiter = "," | ";" | "\t" | "|";
/** the record separator outside quotes; quoted fields may hold any line break (ITU dataSource holds CRLF in LF files) */
export type LineBreak = "\n" | "\r\n" | "\r";

export interface ReadOptions {
  /** path used in issues and rejects (relative to the project, or as the user gave it) */
  file: string;
  /** force an encoding; otherwise detected from BOM and byte statistics */
  encoding?: Encoding;
  /** force a delimiter; otherwise sniffed from the first lines */
  delimiter?: Delimiter;
  /** force the record separator; otherwise the first line break outside quotes */
  lineBreak?: LineBreak;
  /** recognises the header row; lines before it (blank or preamble) are skipped with a preamble_skipped issue.
   *  Default: the first non-blank line. */
  isHeader?: (fields: string[]) => boolean;
  /** a single record longer than this is rejected with line_too_long (default 1 MiB); it is skipped, never buffered whole */
  maxRecordBytes?: number;
  /** bytes buffered before encoding and dialect are decided (default 64 KiB); tests use tiny values to exercise streaming */
  sniffBytes?: number;
  /** parse with papaparse alone, without the fast scanner for well-formed records (the reference it is tested against) */
  reference?: boolean;
  /** read a later part of a file: the bytes pushed start at a record boundary found by findRecordStarts */
  resume?: ResumePoint;
}

/**
 * Where a reader takes up a file in its middle (one range of a file read by several threads): the table as the
 * file's start decided it, and the record boundary the range starts at. The reader then reports no file-level issues
 * (encoding, header): the reader of the first range does.
 */
export interface ResumePoint {
  info: TableInfo;
  /** byte offset of the range in the file (invalid_utf8 offsets stay file offsets) */
  offset: number;
  /** physical line of the range's first record */
  line: number;
}

export interface TableInfo {
  encoding: Encoding;
  bom: boolean;
  delimiter: Delimiter;
  /** sniffed from the first line break outside quotes */
  lineBreak: LineBreak;
  /** physical line of the header row */
  headerLine: number;
  /** header names, trimmed; a trailing empty column (WDI's trailing comma) is dropped */
  header: string[];
  trailingEmptyColumn: boolean;
}

export interface RawRecord {
  /** physical 1-based line where the record starts (quoted CR/LF inside earlier records counted) */
  line: number;
  /** field values, unquoted, exactly header.length of them */
  fields: string[];
  /** the record's raw text as decoded, without its line terminator (for rejects) */
  raw: string;
}

export interface Table {
  /** undefined when the file could not be read as a table at all (then issues say why) */
  info: TableInfo | undefined;
  records: RawRecord[];
  /** structural problems: encoding, ragged rows, unclosed quotes… (each names file and line) */
  issues: Issue[];
  /** records that could not be used (ragged, too long, unparseable), each with its issue code */
  rejects: Reject[];
  /** data records seen after the header (blank lines excluded), published or rejected: records.length + rejects.length */
  dataRecords: number;
}

/** What a streaming read knows at the end besides the records it yielded. */
export type TableSummary = Omit<Table, "records">;

/** Parsed cell value: a number, a missing marker (distinct from zero), or text that is not a number (and why). */
export type ParsedNumber =
  | { kind: "number"; value: number }
  | { kind: "missing"; marker: string }
  | { kind: "invalid"; text: string; reason: string };

export interface NumberOptions {
  /** the table's decimal convention (default "."); "auto" decides per cell and flags ambiguity (e.g. "1,500") as invalid */
  decimal?: "." | "," | "auto";
}

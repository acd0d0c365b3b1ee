// the one pipeline opening: a file's table, its header checked against the source's layout, each record held to the
// source's raw-record schema, bad records rejected with coded issues naming file, line and column
import { makeIssue, rejectFor, zodDetails, type Candidate, type FileRead, type Issue, type Location, type Snapshot } from "@bycn/core";
import type { RawRecord } from "./api.js";
import { allBlank, numberCell } from "./cells.js";
import { readTable } from "./table.js";

/** the part of a zod schema the opening uses (ingest does not depend on zod) */
export interface RecordSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/** a source's raw layout: how its header is recognised and what one record must hold */
export interface RecordLayout<T> {
  /** dataset whose rejects file holds the file's rejects */
  dataset: string;
  /** the pipeline's `detect`: a header that fails it yields header_unrecognized and nothing else */
  detect(header: readonly string[]): boolean;
  /** what header_unrecognized says was expected */
  expected: string;
  schema: RecordSchema<T>;
  /** columns the schema reads that a file may lack: each absent one reads as "" and is reported once (column_missing) */
  optional?: readonly string[];
}

/** one file once its header is known: where things are, and how a record is rejected */
export interface OpenedFile {
  file: string;
  header: string[];
  headerLine: number;
  /** a field's location on a line, with its 1-based column when the header has it */
  at(line: number, field: string): Location;
  issue(issue: Issue): void;
  /** quarantine a record; `report: false` when its issue was already reported for an earlier record */
  reject(rec: RawRecord, issue: Issue, report?: boolean): void;
  /** a record's rows (one, or one per non-empty cell of a wide record) on their way to the duplicate check */
  keep(rec: RawRecord, rows: Record<string, unknown>[]): void;
}


/** header → fields by name; a repeated column name: the last one wins */
export function recordObject(header: readonly string[], fields: readonly string[], optional: readonly string[] = []): Record<string, string> {
  const obj: Record<string, string> = {};
  for (const c of optional) obj[c] = "";
  header.forEach((h, i) => {
    if (h !== "") obj[h] = fields[i] ?? "";
  });
  return obj;
}

/** one record held to its raw-record schema: the parsed record, or the invalid_row issue that says why not */
export function parseRecord<T>(
  schema: RecordSchema<T>,
  file: string,
  header: readonly string[],
  rec: RawRecord,
  optional?: readonly string[],
): { ok: true; data: T } | { ok: false; issue: Issue } {
  const parsed = schema.safeParse(recordObject(header, rec.fields, optional));
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issue: makeIssue("invalid_row", { file, line: rec.line }, { details: zodDetails(parsed.error) }) };
}

/** the location helper and reject/issue sinks of one opened file */
export function openedFile(file: string, fileIndex: number, header: string[], headerLine: number, dataset: string, out: Omit<FileRead, "dataRecords">): OpenedFile {
  return {
    file,
    header,
    headerLine,
    at(line, field) {
      const c = header.indexOf(field);
      return c >= 0 ? { file, line, field, column: c + 1 } : { file, line, field };
    },
    issue: (issue) => out.issues.push(issue),
    reject(rec, issue, report = true) {
      if (report) out.issues.push(issue);
      out.rejects.push(rejectFor(dataset, { file }, rec.line, rec.raw, issue));
    },
    keep(rec, rows) {
      const c: Candidate = { dataset, file: fileIndex, line: rec.line, raw: rec.raw, rows };
      out.candidates.push(c);
    },
  };
}

/**
 * Read one snapshot file's records (`fileIndex`: its place among the run's files by name): `begin` gets the opened file once its header passes `layout.detect` and returns
 * the function each schema-valid record goes to, in file order (so a pipeline's issues stay in line order). A record
 * the schema refuses is an invalid_row reject. An unreadable file yields the reader's issues and rejects; a foreign
 * header yields header_unrecognized alone, with nothing counted.
 */
export function readRecords<T>(
  s: Pick<Snapshot, "file" | "bytes">,
  fileIndex: number,
  layout: RecordLayout<T>,
  begin: (file: OpenedFile) => (record: T, rec: RawRecord) => void,
): FileRead {
  const table = readTable(s.bytes, { file: s.file });
  const out: FileRead = { candidates: [], issues: [...table.issues], rejects: table.rejects.map((r) => ({ ...r, dataset: layout.dataset })), dataRecords: table.dataRecords };
  if (table.info === undefined) return out;
  const { header, headerLine } = table.info;
  if (!layout.detect(header)) {
    const issue = makeIssue("header_unrecognized", { file: s.file, line: headerLine }, { expected: layout.expected, found: header });
    return { candidates: [], issues: [issue], rejects: [], dataRecords: 0 };
  }
  const optional = layout.optional ?? [];
  for (const c of optional) {
    if (!header.includes(c)) out.issues.push(makeIssue("column_missing", { file: s.file, line: headerLine }, { column: c }, "warning"));
  }
  const file = openedFile(s.file, fileIndex, header, headerLine, layout.dataset, out);
  const each = begin(file);
  for (const rec of table.records) {
    const parsed = parseRecord(layout.schema, s.file, header, rec, optional);
    if (parsed.ok) each(parsed.data, rec);
    else file.reject(rec, parsed.issue);
  }
  return out;
}

/**
 * Wide tables: a record whose value cells are all blank would publish nothing; it is quarantined as missing_value
 * (info, not reported again) at its first value column, so every input line stays accounted for. True when it was.
 */
export function rejectBlankRecord(file: OpenedFile, rec: RawRecord, cells: readonly { column: number; name: string }[]): boolean {
  if (!allBlank(rec.fields, cells)) return false;
  const first = cells[0];
  const where = { file: file.file, line: rec.line, ...(first ? { field: first.name, column: first.column + 1 } : {}) };
  file.reject(rec, makeIssue("missing_value", where, { value: "" }, "info"), false);
  return true;
}

/** a row held to its published schema: kept as parsed, or quarantined as invalid_row at `where` */
export function keepValid<Row extends Record<string, unknown>>(file: OpenedFile, rec: RawRecord, schema: RecordSchema<Row>, row: unknown, where: Location): void {
  const checked = schema.safeParse(row);
  if (checked.success) file.keep(rec, [checked.data]);
  else file.reject(rec, makeIssue("invalid_row", where, { details: zodDetails(checked.error) }));
}

/** the non-blank cells of a wide record, each with where it is (file, line, column name, 1-based column) */
export function* filledCells<C extends { column: number; name: string }>(file: OpenedFile, rec: RawRecord, cells: readonly C[]): Generator<{ cell: C; text: string; where: Location }> {
  for (const cell of cells) {
    const text = rec.fields[cell.column] ?? "";
    if (text.trim() !== "") yield { cell, text, where: { file: file.file, line: rec.line, field: cell.name, column: cell.column + 1 } };
  }
}

/** a "." decimal cell's value, or undefined once the record is quarantined for it (missing_value, invalid_number) */
export function numberOrReject(file: OpenedFile, rec: RawRecord, text: string, where: Location): number | undefined {
  const n = numberCell(text, where);
  if (n.ok) return n.value;
  file.reject(rec, n.issue);
  return undefined;
}

// conservation checked from outside: csv-parse counts a raw file's records, and every one must land as a row or a reject
import { parse } from "csv-parse/sync";
import type { Issue, PipelineResult, Snapshot } from "@bycn/core";

export interface Dialect {
  delimiter: string;
  encoding: string;
}

/** the dialect each source writes (the pipelines sniff it; the counter is told) */
export function dialectOf(file: string): Dialect {
  return file.includes("/belta/") || /great-stone/.test(file) ? { delimiter: ";", encoding: "windows-1251" } : { delimiter: ",", encoding: "utf-8" };
}

type Parsed = { record: string[]; raw: string };

/** physical line breaks: CRLF, a lone CR and a lone LF each end one line (csv-parse's own count takes CRLF in quotes as two) */
const breaks = (raw: string): number => (raw.match(/\r\n|\r|\n/g) ?? []).length;

/** every record csv-parse sees, with its first physical line; a quote left open at the end is one last record */
export function csvRecords(text: string, delimiter: string): { fields: string[]; line: number }[] {
  const options = { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, raw: true } as const;
  let parsed: Parsed[];
  let open = false;
  try {
    parsed = parse(text, options) as unknown as Parsed[];
  } catch (e) {
    const err = e as { code?: string; records?: number };
    if (err.code !== "CSV_QUOTE_NOT_CLOSED" || err.records === undefined) throw e;
    parsed = err.records === 0 ? [] : (parse(text, { ...options, to: err.records }) as unknown as Parsed[]);
    open = true;
  }
  const out: { fields: string[]; line: number }[] = [];
  let next = 1;
  for (const p of parsed) {
    out.push({ fields: p.record, line: next });
    next += breaks(p.raw);
  }
  if (open) out.push({ fields: ["<unclosed>", ""], line: next });
  return out;
}

const blank = (fields: readonly string[]): boolean => fields.length === 1 && (fields[0] ?? "").trim() === "";

/**
 * The first lines of a file's data records: the non-blank records after the header, which is the `headerIndex`-th
 * non-blank record (0 when the file has no preamble).
 */
export function dataRecordLines(bytes: Uint8Array, headerIndex: number, { delimiter, encoding }: Dialect): number[] {
  const text = new TextDecoder(encoding).decode(bytes);
  const records = csvRecords(text, delimiter).filter((r) => !blank(r.fields));
  return records.slice(headerIndex + 1).map((r) => r.line);
}

/** the non-blank record the pipeline's own header test accepts first, counted from 0 (the counter's only borrowed rule) */
export function headerIndexOf(bytes: Uint8Array, file: string, detect: (header: string[]) => boolean): number {
  const { delimiter, encoding } = dialectOf(file);
  const records = csvRecords(new TextDecoder(encoding).decode(bytes), delimiter).filter((r) => !blank(r.fields));
  return records.findIndex((r) => {
    const names = r.fields.map((f) => f.trim());
    if (names.length > 1 && names.at(-1) === "") names.pop();
    return detect(names);
  });
}

/** where each line of each file landed: rows (any dataset with raw_file/raw_line) and rejects */
export function landings(result: PipelineResult): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const add = (file: unknown, line: unknown): void => {
    if (typeof file !== "string" || typeof line !== "number") return;
    let set = out.get(file);
    if (!set) out.set(file, (set = new Set()));
    set.add(line);
  };
  for (const d of result.datasets) for (const r of d.rows) add(r.raw_file, r.raw_line);
  for (const r of result.rejects) add(r.raw_file, r.raw_line);
  return out;
}

/** rows of a result that do not say where they came from (conservation cannot be checked for them) */
export function rowsWithoutLine(result: PipelineResult): string[] {
  return result.datasets.filter((d) => d.rows.some((r) => typeof r.raw_line !== "number" || typeof r.raw_file !== "string")).map((d) => d.spec.name);
}

/** issues that say a file could not be read at all (the build refuses these: nothing is lost with exit 0) */
export const UNREADABLE = new Set(["file_empty", "file_unreadable", "binary_content", "encoding_undetermined", "header_missing", "header_unrecognized"]);

export function unreadable(issues: readonly Issue[], file: string): boolean {
  return issues.some((i) => UNREADABLE.has(i.code) && i.at.file === file && i.severity === "error");
}

export interface FileAccount {
  file: string;
  records: number;
  landed: number;
  /** record lines with neither a row nor a reject */
  lost: number[];
  /** landing lines that are no record's first line */
  phantom: number[];
}

/** per file: csv-parse's record lines against the lines rows and rejects name */
export function account(
  snapshots: readonly Snapshot[],
  result: PipelineResult,
  headerIndex: (s: Snapshot) => number,
  dialect: (s: Snapshot) => Dialect = (s) => dialectOf(s.file),
): FileAccount[] {
  const landed = landings(result);
  return snapshots
    .filter((s) => /\.csv$/i.test(s.file))
    .map((s) => {
      const lines = dataRecordLines(s.bytes, headerIndex(s), dialect(s));
      const got = landed.get(s.file) ?? new Set<number>();
      const want = new Set(lines);
      return {
        file: s.file,
        records: lines.length,
        landed: got.size,
        lost: lines.filter((l) => !got.has(l)),
        phantom: [...got].filter((l) => !want.has(l)),
      };
    });
}

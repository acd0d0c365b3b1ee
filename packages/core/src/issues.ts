// the closed catalogue of issue codes: every problem bycn reports is one of these, as data
import { z } from "zod";
import { textLine } from "./text.js";

export type Severity = "error" | "warning" | "info";

/** Where a problem sits: a file (relative to the project or as the user gave it), a physical line, a column. */
export interface Location {
  file: string;
  /** 1-based physical line in the file as it is on disk (quoted newlines count). */
  line?: number;
  /** 1-based column: the field number within the record, or a character offset for decode problems. */
  column?: number;
  /** the column's header name, when there is one */
  field?: string;
}

/** Per-code payloads; the message template of each code reads only these fields. */
export interface IssueDetails {
  // reading bytes
  file_empty: Record<string, never>;
  file_unreadable: { cause: string };
  binary_content: { offset: number };
  encoding_undetermined: { candidates: string[] };
  encoding_detected: { encoding: string; bom: boolean };
  invalid_utf8: { offset: number };
  // csv structure
  header_missing: Record<string, never>;
  header_only: Record<string, never>;
  header_unrecognized: { expected: string; found: string[] };
  column_missing: { column: string };
  duplicate_column: { column: string };
  unclosed_quote: Record<string, never>;
  ragged_row: { expected: number; found: number };
  line_too_long: { bytes: number; limit: number };
  parse_error: { cause: string };
  preamble_skipped: { lines: number };
  // values and rows
  invalid_number: { value: string };
  invalid_year: { value: string };
  invalid_date: { value: string; reason: string };
  undated: { value: string };
  ambiguous_number: { value: string; readings: number[] };
  missing_value: { value: string };
  invalid_row: { details: string[] };
  duplicate_key: { key: string; first_line: number };
  unknown_economy: { value: string };
  unknown_series: { value: string };
  unit_mismatch: { series: string; declared: string; used: string };
  unit_break: { series: string; economy: string; year: number; ratio: number };
  suspicious_text: { value: string; reason: string };
  categorical_value: { series: string };
  value_out_of_range: { value: number; min: number; max: number };
  // integrity and sources
  raw_missing: { path: string };
  meta_missing: { path: string };
  not_regular_file: { path: string; kind: string };
  meta_invalid: { path: string; details: string[] };
  checksum_mismatch: { path: string; expected: string; actual: string };
  size_mismatch: { path: string; expected: number; actual: number };
  source_empty: { source: string; folder: string; files: number };
  cross_source_mismatch: { economy: string; year: number; a: string; a_value: number; b: string; b_value: number; difference: number };
  source_conflict: { measure: string; period: string; a: string; a_value: number; b: string; b_value: number };
  stock_fell: { measure: string; from: number; to: number; from_date: string; to_date: string };
  stock_flow_mismatch: { measure: string; stock_change: number; flow: number; from_date: string; to_date: string };
  plan_not_actual: { measure: string; value: number };
  // fetching (bycn refresh)
  manifest_invalid: { details: string[] };
  refresh_locked: { path: string; pid: number; started: string };
  fetch_failed: { url: string; cause: string; attempts: number };
  download_truncated: { url: string; reason: string };
  unexpected_content: { expected: string; found: string };
  snapshot_not_written: { path: string; cause: string };
  snapshot_shrank: { url: string; rows: number; previous: number; snapshot: string; percent: number };
  // claims
  claim_confirmed: { claim: string; printed: string; actual: number; explanation: string };
  claim_matches_other_year: { claim: string; printed: string; actual: number; year: number; explanation: string };
  claim_contradicted: { claim: string; printed: string; actual: number; difference: number; explanation: string };
  claim_unverifiable: { claim: string; printed: string; missing: string };
  claim_inconsistent: { claim: string; printed: string; actual: number; explanation: string };
  claim_wording_contradicted: { claim: string; said: string; series: string; basis: string };
  implausible_value: { series: string; entity: string; year: number; value: number; unit: string; reason: string; raw: string };
  baseline_stale: { fingerprint: string; reason: string };
}

export type IssueCode = keyof IssueDetails;

export type Issue = {
  [C in IssueCode]: { code: C; severity: Severity; message: string; at: Location } & IssueDetails[C];
}[IssueCode];

export type IssueOf<C extends IssueCode> = Extract<Issue, { code: C }>;

interface CatalogueEntry<C extends IssueCode> {
  severity: Severity;
  title: string;
  message: (d: IssueDetails[C]) => string;
}

const q = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);

/** a claim verdict's issue: its message is the verdict's own explanation */
function explained(severity: Severity, title: string): { severity: Severity; title: string; message: (d: { claim: string; explanation: string }) => string } {
  return { severity, title, message: (d) => `claim ${d.claim}: ${d.explanation}` };
}

/** One entry per code: default severity, a title, and the message template. */
export const CATALOGUE: { [C in IssueCode]: CatalogueEntry<C> } = {
  file_empty: { severity: "error", title: "Empty file", message: () => "the file is empty (0 bytes)" },
  file_unreadable: { severity: "error", title: "Unreadable file", message: (d) => `the file cannot be read: ${d.cause}` },
  binary_content: {
    severity: "error",
    title: "Binary content",
    message: (d) => `the file holds binary data (NUL or control bytes at byte ${d.offset}), not text`,
  },
  encoding_undetermined: {
    severity: "error",
    title: "Encoding undetermined",
    message: (d) => `cannot decide the text encoding; it could be ${d.candidates.join(" or ")}`,
  },
  encoding_detected: {
    severity: "info",
    title: "Encoding detected",
    message: (d) => `decoded as ${d.encoding}${d.bom ? " (byte-order mark)" : ""}`,
  },
  invalid_utf8: { severity: "error", title: "Invalid UTF-8", message: (d) => `invalid UTF-8 byte sequence at byte ${d.offset}` },
  header_missing: { severity: "error", title: "No header", message: () => "no header row found: the file has no non-blank line" },
  header_only: { severity: "warning", title: "Header only", message: () => "the file has a header row but no data rows" },
  header_unrecognized: {
    severity: "error",
    title: "Unrecognized header",
    message: (d) => `the header does not look like ${d.expected}: found ${d.found.slice(0, 6).map(q).join(", ")}`,
  },
  column_missing: { severity: "error", title: "Missing column", message: (d) => `required column ${q(d.column)} is missing` },
  duplicate_column: { severity: "warning", title: "Duplicate column", message: (d) => `column ${q(d.column)} appears twice` },
  unclosed_quote: {
    severity: "error",
    title: "Unclosed quote",
    message: () => "a quoted field opens here and never closes before the end of the file",
  },
  ragged_row: {
    severity: "error",
    title: "Ragged row",
    message: (d) => `the record has ${d.found} fields, the header has ${d.expected}`,
  },
  line_too_long: {
    severity: "error",
    title: "Record too long",
    message: (d) => `a record of ${d.bytes} bytes exceeds the limit of ${d.limit} bytes`,
  },
  parse_error: { severity: "error", title: "CSV parse error", message: (d) => `cannot parse the record: ${d.cause}` },
  preamble_skipped: {
    severity: "info",
    title: "Preamble skipped",
    message: (d) => `${d.lines} line(s) before the header were skipped (blank or preamble)`,
  },
  invalid_number: { severity: "error", title: "Invalid number", message: (d) => `${q(d.value)} is not a number` },
  invalid_year: { severity: "error", title: "Invalid year", message: (d) => `${q(d.value)} is not a year` },
  invalid_date: { severity: "error", title: "Invalid date", message: (d) => `${q(d.value)} is not a usable date: ${d.reason}` },
  undated: {
    severity: "warning",
    title: "Undated figure",
    message: (d) => `the figure has no date (${q(d.value)}), so it cannot be placed in time`,
  },
  ambiguous_number: {
    severity: "error",
    title: "Ambiguous number",
    message: (d) => `${q(d.value)} reads as ${d.readings.join(" or ")}; the table declares no decimal convention that decides`,
  },
  missing_value: { severity: "info", title: "Missing value", message: (d) => `value is missing (marker ${q(d.value)})` },
  invalid_row: { severity: "error", title: "Invalid row", message: (d) => `the record fails the schema: ${d.details.join("; ")}` },
  duplicate_key: {
    severity: "error",
    title: "Duplicate key",
    message: (d) => `duplicate key ${d.key}; first seen on line ${d.first_line}`,
  },
  unknown_economy: { severity: "warning", title: "Unknown economy", message: (d) => `${q(d.value)} is not in the economy registry` },
  unknown_series: { severity: "warning", title: "Unknown series", message: (d) => `series ${q(d.value)} has no known unit` },
  unit_mismatch: {
    severity: "info",
    title: "Declared unit ignored",
    message: (d) => `series ${d.series} declares unit ${q(d.declared)}; its code says ${q(d.used)}, which is used`,
  },
  unit_break: {
    severity: "warning",
    title: "Unit break",
    message: (d) =>
      `series ${d.series} for ${d.economy} jumps by a factor of ${d.ratio.toPrecision(3)} in ${d.year}: likely a change of unit`,
  },
  suspicious_text: {
    severity: "warning",
    title: "Suspicious text",
    message: (d) => `free text kept as text but not trusted (${d.reason}): ${q(d.value)}`,
  },
  categorical_value: {
    severity: "info",
    title: "Categorical series",
    message: (d) => `series ${d.series} is categorical; published in the categorical dataset`,
  },
  value_out_of_range: {
    severity: "error",
    title: "Value out of range",
    message: (d) => `${d.value} is outside [${d.min}, ${d.max}]`,
  },
  raw_missing: { severity: "error", title: "Raw file missing", message: (d) => `raw file ${d.path} is missing` },
  meta_missing: { severity: "error", title: "Meta missing", message: (d) => `snapshot meta ${d.path} is missing` },
  not_regular_file: {
    severity: "error",
    title: "Not a regular file",
    message: (d) => `${d.path} is ${d.kind}; bycn reads only regular files and folders inside its own tree, so it is not read`,
  },
  meta_invalid: { severity: "error", title: "Meta invalid", message: (d) => `snapshot meta ${d.path} is invalid: ${d.details.join("; ")}` },
  checksum_mismatch: {
    severity: "error",
    title: "Checksum mismatch",
    message: (d) => `${d.path} has sha256 ${d.actual.slice(0, 12)}…, its meta says ${d.expected.slice(0, 12)}…`,
  },
  size_mismatch: {
    severity: "error",
    title: "Size mismatch",
    message: (d) => `${d.path} has ${d.actual} bytes, its meta says ${d.expected}`,
  },
  source_empty: {
    severity: "error",
    title: "Source yields nothing",
    message: (d) =>
      d.files === 0
        ? `source ${d.source} has no data file in its newest snapshot ${d.folder}: its datasets would vanish`
        : `source ${d.source} yields no record from the ${d.files} file(s) of its newest snapshot ${d.folder}: its datasets would vanish`,
  },
  cross_source_mismatch: {
    severity: "warning",
    title: "Sources disagree",
    message: (d) =>
      `${d.economy} ${d.year}: ${d.a} says ${d.a_value}, ${d.b} says ${d.b_value} (difference ${d.difference.toPrecision(3)})`,
  },
  source_conflict: {
    severity: "warning",
    title: "Source conflict",
    message: (d) => `${d.measure} for ${d.period}: ${d.a} reports ${d.a_value}, ${d.b} reports ${d.b_value}`,
  },
  stock_fell: {
    severity: "warning",
    title: "Stock fell",
    message: (d) => `${d.measure} fell from ${d.from} (${d.from_date}) to ${d.to} (${d.to_date}) with no reported exit`,
  },
  stock_flow_mismatch: {
    severity: "warning",
    title: "Stock and flow disagree",
    message: (d) =>
      `${d.measure} grew by ${d.stock_change} between ${d.from_date} and ${d.to_date}, but ${d.flow} new were reported`,
  },
  plan_not_actual: {
    severity: "info",
    title: "Plan kept apart",
    message: (d) => `${d.measure} ${d.value} is a plan or target, not an actual`,
  },
  manifest_invalid: {
    severity: "error",
    title: "Invalid source manifest",
    message: (d) => `the source manifest is invalid: ${d.details.join("; ")}`,
  },
  refresh_locked: {
    severity: "error",
    title: "Refresh already running",
    message: (d) => `another refresh (pid ${d.pid}, started ${d.started}) holds ${d.path}; remove it if that run is gone`,
  },
  fetch_failed: {
    severity: "error",
    title: "Fetch failed",
    message: (d) => `cannot fetch ${d.url} (${d.attempts} attempt${d.attempts === 1 ? "" : "s"}): ${d.cause}`,
  },
  download_truncated: {
    severity: "error",
    title: "Truncated download",
    message: (d) => `the download of ${d.url} is incomplete: ${d.reason}`,
  },
  unexpected_content: {
    severity: "error",
    title: "Unexpected content",
    message: (d) => `expected ${d.expected}, got ${d.found}`,
  },
  snapshot_not_written: {
    severity: "error",
    title: "Snapshot not written",
    message: (d) => `cannot write snapshot ${d.path}: ${d.cause}`,
  },
  snapshot_shrank: {
    severity: "error",
    title: "Snapshot shrank",
    message: (d) =>
      `${d.url} has ${d.rows} rows, ${d.percent}% fewer than the ${d.previous} of ${d.snapshot}; not written (a cut download?). Rerun with --accept-shrink if the source really shrank`,
  },
  // the claim messages are the verdict's own explanation, so check output, CSV, JSON and report say the same
  claim_confirmed: explained("info", "Claim confirmed"),
  claim_matches_other_year: explained("warning", "Claim matches another year"),
  claim_contradicted: explained("error", "Claim contradicted"),
  claim_unverifiable: {
    severity: "warning",
    title: "Claim unverifiable",
    message: (d) => `claim ${d.claim}: ${d.missing}`,
  },
  claim_inconsistent: explained("error", "Derived claim inconsistent"),
  claim_wording_contradicted: {
    severity: "warning",
    title: "Claim wording contradicted by its series",
    message: (d) => `claim ${d.claim}: the registry calls the figure per ${d.said}, but series ${d.series} is a total per ${d.basis}`,
  },
  implausible_value: {
    severity: "warning",
    title: "Implausible value",
    message: (d) => `${d.series} for ${d.entity} in ${d.year} is ${d.value} ${d.unit}: ${d.reason} (published, flagged); raw line: ${q(d.raw)}`,
  },
  baseline_stale: {
    severity: "warning",
    title: "Stale baseline entry",
    message: (d) => `baseline entry ${d.fingerprint} matches no finding any more (${d.reason})`,
  },
};

export const ISSUE_CODES = Object.keys(CATALOGUE) as IssueCode[];

/** Build an issue from its code, location and payload; the message comes from the catalogue. */
export function makeIssue<C extends IssueCode>(
  code: C,
  at: Location,
  details: IssueDetails[C],
  severity?: Severity,
): IssueOf<C> {
  const entry = CATALOGUE[code] as CatalogueEntry<C>;
  return { code, severity: severity ?? entry.severity, message: entry.message(details), at, ...details } as unknown as IssueOf<C>;
}

/**
 * `file:line:col: code: message`, the form editors and CI annotations understand: always one line, whatever the
 * file name or message holds (controls are shown escaped, see textLine).
 */
export function formatIssue(i: Issue): string {
  const where = [i.at.file, i.at.line, i.at.column].filter((x) => x !== undefined).join(":");
  return textLine(`${where}: ${i.severity} ${i.code}: ${i.message}`);
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The serialized form of an issue in check.json and the rejects files. */
export const IssueRecord = z.object({
  code: z.enum(ISSUE_CODES as [IssueCode, ...IssueCode[]]),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  at: z.object({
    file: z.string(),
    line: z.number().int().positive().optional(),
    column: z.number().int().positive().optional(),
    field: z.string().optional(),
  }),
}).loose();

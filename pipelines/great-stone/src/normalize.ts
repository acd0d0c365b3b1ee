// normalize one BELTA-style table (cp1251 or utf-8, ';', decimal comma) → great-stone rows, rejects, issues
import { makeIssue, type Issue, type IssueCode, type IssueDetails, type Reject, type Severity, type Snapshot, type StepResult } from "@bycn/core";
import { isMissingMarker, readTable, type RawRecord } from "@bycn/ingest";
import { z } from "zod";
import { parseAmount, tableDecimal, type Decimal } from "./amount.js";
import { parsePeriod, parseReportDate, parseSpan } from "./dates.js";
import {
  BELTA_COLUMNS,
  FLOW_MEASURES,
  GreatStone,
  GreatStoneRow,
  MEASURE_LABELS,
  MEASURE_UNIT,
  PRECISION_LABELS,
  STATUS_LABELS,
  type BeltaField,
  type Measure,
  type Precision,
  type Status,
} from "./schemas.js";

/** header and label matching: case, ё/е, spacing and a trailing colon do not matter */
export function normalizeLabel(s: string): string {
  return s.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").replace(/:$/, "").trim();
}

function lookup<K extends string>(labels: Record<K, string>): (text: string) => K | undefined {
  const byLabel = new Map<string, K>((Object.entries(labels) as [K, string][]).map(([k, v]) => [normalizeLabel(v), k]));
  return (text) => byLabel.get(normalizeLabel(text));
}

const measureOf = lookup<Measure>(MEASURE_LABELS);
const precisionOf = lookup<Precision>(PRECISION_LABELS);
const statusOf = lookup<Status>(STATUS_LABELS);
const fieldOf = lookup<BeltaField>(BELTA_COLUMNS);

const REQUIRED: readonly BeltaField[] = ["date", "precision", "measure", "value", "status", "source"];

/** does a header row look like the BELTA-style table? (validate --kind auto): every required column is there */
export function detectBelta(header: string[]): boolean {
  const fields = new Set(header.map((h) => fieldOf(h)));
  return REQUIRED.every((f) => fields.has(f));
}

/** the header row to read from: three or more of the table's column names (a missing one is then column_missing) */
function isBeltaHeader(fields: string[]): boolean {
  return new Set(fields.map((h) => fieldOf(h)).filter((f) => f !== undefined)).size >= 3;
}

function missing(cell: string): boolean {
  const t = cell.trim();
  return t === "" || isMissingMarker(t);
}

const Url = z.url({ protocol: /^https?$/ });

interface Failure {
  code: IssueCode;
  details: IssueDetails[IssueCode];
  field: BeltaField;
  severity?: Severity;
  /** said in the reject beside the catalogue message */
  reason?: string;
}

function fail<C extends IssueCode>(code: C, field: BeltaField, details: IssueDetails[C], extra: { severity?: Severity; reason?: string } = {}): Failure {
  return { code, field, details, ...extra };
}

type Cells = Record<BeltaField, string>;

/** one record → one row, or the reason it cannot be one */
function toRow(cells: Cells, decimal: Decimal | undefined, snapshot: Snapshot, line: number): GreatStoneRow | Failure {
  const measure = measureOf(cells.measure);
  if (measure === undefined) return fail("unknown_series", "measure", { value: cells.measure });
  if (missing(cells.value)) return fail("missing_value", "value", { value: cells.value.trim() });
  if (missing(cells.date)) return fail("undated", "date", { value: cells.date.trim() });
  const date = parseReportDate(cells.date, precisionOf(cells.precision));
  if (!date.ok) return fail("invalid_date", missing(cells.precision) || precisionOf(cells.precision) === undefined ? "precision" : "date", { value: `${cells.date} (${cells.precision})`, reason: date.reason });
  const status = statusOf(cells.status);
  if (status === undefined) return fail("invalid_row", "status", { details: [`Статус ${JSON.stringify(cells.status)} is not факт, план or цель`] });

  const amount = parseAmount(cells.value, decimal);
  if (amount.kind === "ambiguous") return fail("ambiguous_number", "value", { value: cells.value, readings: amount.readings });
  if (amount.kind === "invalid") return fail("invalid_number", "value", { value: cells.value }, { reason: amount.reason });
  const unit = MEASURE_UNIT[measure];
  if (unit === "count" && amount.currency === "USD") {
    return fail("unit_mismatch", "value", { series: measure, declared: "USD", used: "count" }, { severity: "error", reason: "a count cannot be in dollars" });
  }
  if (unit === "count" && !Number.isInteger(amount.value)) return fail("invalid_number", "value", { value: cells.value }, { reason: "a count must be whole" });

  let period = { label: "", start: "", end: "" };
  if (!missing(cells.period)) {
    const p = parsePeriod(cells.period, date.value.as_of);
    if (!p.ok) return fail("invalid_date", "period", { value: cells.period, reason: p.reason });
    if (status === "actual" && p.value.start > date.value.as_of) {
      return fail("invalid_date", "period", { value: cells.period, reason: `an actual flow cannot begin after its report date ${date.value.as_of}` });
    }
    period = p.value;
  } else if (FLOW_MEASURES.has(measure)) {
    return fail("invalid_row", "period", { details: [`${measure} is a flow: Период must name the period it covers`] });
  }

  let horizon = "";
  if (!missing(cells.horizon)) {
    if (status === "actual") return fail("invalid_row", "horizon", { details: ["an actual figure has no Срок; only plans and targets do"] });
    const h = parseSpan(cells.horizon);
    if (h === undefined || !h.ok) return fail("invalid_date", "horizon", { value: cells.horizon, reason: h?.ok === false ? h.reason : "not dd.mm.yyyy, mm.yyyy, yyyy or \"1 пол. yyyy\"" });
    horizon = h.value.end;
  }

  const url = Url.safeParse(cells.source.trim());
  if (!url.success) return fail("invalid_row", "source", { details: [`Источник ${JSON.stringify(cells.source)} is not an http(s) URL`] });

  const row = GreatStoneRow.safeParse({
    as_of: date.value.as_of,
    as_of_precision: date.value.precision,
    measure,
    value: amount.value,
    unit,
    qualifier: amount.qualifier,
    status,
    period: period.label,
    period_start: period.start,
    period_end: period.end,
    horizon,
    source_url: url.data,
    note: missing(cells.note) ? "" : cells.note.trim(),
    source: "belta",
    vintage: snapshot.vintage,
    raw_file: snapshot.file,
    raw_line: line,
  });
  if (!row.success) return fail("invalid_row", "value", { details: row.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
  return row.data;
}

const byKey = (a: GreatStoneRow, b: GreatStoneRow): number =>
  a.as_of < b.as_of ? -1 : a.as_of > b.as_of ? 1 : a.measure < b.measure ? -1 : a.measure > b.measure ? 1 : a.raw_file < b.raw_file ? -1 : a.raw_file > b.raw_file ? 1 : a.raw_line - b.raw_line;

/** rows in the dataset's primary-key order (as_of, measure, raw_file, raw_line) */
export function sortRows(rows: GreatStoneRow[]): GreatStoneRow[] {
  return rows.sort(byKey);
}

/** the identity of a figure: the same figure twice from one page is a duplicate, a different value is a conflict */
function figureKey(r: GreatStoneRow): string {
  return [r.source_url, r.measure, r.as_of, r.status, r.period, r.horizon, r.value, r.qualifier].join("\u0000");
}

/** One BELTA-style table file → rows, rejects and issues. Pure: the snapshot's bytes are all it reads. */
export function normalize(snapshot: Snapshot): StepResult<GreatStoneRow> {
  const table = readTable(snapshot.bytes, { file: snapshot.file, isHeader: isBeltaHeader });
  const issues: Issue[] = [...table.issues];
  const rejects: Reject[] = table.rejects.map((r) => ({ ...r, dataset: GreatStone.name }));
  const rows: GreatStoneRow[] = [];
  const reject = (rec: RawRecord, issue: Issue, reason?: string): void => {
    issues.push(issue);
    rejects.push({
      dataset: GreatStone.name,
      raw_file: snapshot.file,
      raw_line: rec.line,
      code: issue.code,
      message: reason ? `${issue.message} (${reason})` : issue.message,
      raw_record: rec.raw,
    });
  };
  if (!table.info) return { rows, rejects, issues };

  const index: Partial<Record<BeltaField, number>> = {};
  table.info.header.forEach((h, i) => {
    const f = fieldOf(h);
    if (f !== undefined && index[f] === undefined) index[f] = i;
  });
  const absent = REQUIRED.filter((f) => index[f] === undefined);
  if (absent.length > 0) {
    const at = { file: snapshot.file, line: table.info.headerLine };
    for (const f of absent) issues.push(makeIssue("column_missing", at, { column: BELTA_COLUMNS[f] }));
    for (const rec of table.records) {
      reject(rec, makeIssue("column_missing", { file: snapshot.file, line: rec.line }, { column: BELTA_COLUMNS[absent[0] ?? "value"] }));
    }
    return { rows, rejects, issues };
  }

  const cellsOf = (rec: RawRecord): Cells => {
    const cells = {} as Cells;
    for (const f of Object.keys(BELTA_COLUMNS) as BeltaField[]) {
      const i = index[f];
      cells[f] = i === undefined ? "" : (rec.fields[i] ?? "");
    }
    return cells;
  };
  // the table's decimal convention comes from its own value cells ("1,35 млрд" decides decimal comma)
  const all = table.records.map(cellsOf);
  const decimal = tableDecimal(all.map((c) => c.value));

  const seen = new Map<string, number>();
  table.records.forEach((rec, n) => {
    const cells = all[n] as Cells;
    const out = toRow(cells, decimal, snapshot, rec.line);
    if ("code" in out) {
      const column = index[out.field];
      const at = { file: snapshot.file, line: rec.line, ...(column !== undefined ? { column: column + 1 } : {}), field: BELTA_COLUMNS[out.field] };
      reject(rec, makeIssue(out.code, at, out.details as never, out.severity), out.reason);
      return;
    }
    const key = figureKey(out);
    const first = seen.get(key);
    if (first !== undefined) {
      reject(rec, makeIssue("duplicate_key", { file: snapshot.file, line: rec.line }, { key: `${out.measure} ${out.as_of} ${out.source_url}`, first_line: first }));
      return;
    }
    seen.set(key, rec.line);
    rows.push(out);
  });
  return { rows: sortRows(rows), rejects, issues };
}

// normalize the tidy long ITU ICT Price Baskets CSV: bytes → itu-price-baskets rows, rejects and issues (pure)
import { makeIssue } from "@bycn/core";
import type { Issue, PipelineResult, Reject, Snapshot, Unit } from "@bycn/core";
import { parseNumber, readTable } from "@bycn/ingest";
import type { RawRecord } from "@bycn/ingest";
import { rejectFor, runKeyedFiles, resolveEntity, zodDetails, type Keyed } from "@bycn/core";
import {
  BasketStatus,
  ItuPriceBaskets,
  PRICE_BASKET_COLUMNS,
  PRICE_BASKET_KEY_COLUMNS,
  PriceBasketObservation,
  PriceBasketRecord,
} from "./schemas.js";

const DATASET = ItuPriceBaskets.name;

/** the code suffix names the unit: i271mb_high_2GB$ (USD), i271mb_high_2GB_GNI, i271mb_high_2GB_PPP */
export function basketUnit(code: string): Unit | undefined {
  if (code.endsWith("$")) return "USD";
  if (code.endsWith("_GNI")) return "% of GNI per capita";
  if (code.endsWith("_PPP")) return "PPP$";
  return undefined;
}

/** the file's own `unit` column (GNIpc, USD, PPP), compared with the code's unit but never used */
const DECLARED: Readonly<Record<string, Unit>> = { GNIpc: "% of GNI per capita", USD: "USD", PPP: "PPP$" };

export function detectPriceBaskets(header: readonly string[]): boolean {
  return PRICE_BASKET_KEY_COLUMNS.every((c) => header.includes(c));
}


type Candidate = Keyed<PriceBasketObservation>;

function readBasketFile(s: Snapshot): { candidates: Candidate[]; rejects: Reject[]; issues: Issue[]; dataRecords: number } {
  const table = readTable(s.bytes, { file: s.file });
  const issues: Issue[] = [...table.issues];
  const rejects: Reject[] = table.rejects.map((r) => ({ ...r, dataset: DATASET }));
  const candidates: Candidate[] = [];
  if (table.info === undefined) return { candidates, rejects, issues, dataRecords: table.dataRecords };
  const header = table.info.header;
  if (!detectPriceBaskets(header)) {
    const expected = `the ITU price baskets long layout (${PRICE_BASKET_KEY_COLUMNS.join(", ")})`;
    return { candidates, rejects: [], issues: [makeIssue("header_unrecognized", { file: s.file, line: table.info.headerLine }, { expected, found: header })], dataRecords: 0 };
  }
  for (const c of PRICE_BASKET_COLUMNS) {
    if (!header.includes(c)) issues.push(makeIssue("column_missing", { file: s.file, line: table.info.headerLine }, { column: c }, "warning"));
  }
  const at = (line: number, field: string): { file: string; line: number; field: string; column?: number } => {
    const c = header.indexOf(field);
    return c >= 0 ? { file: s.file, line, field, column: c + 1 } : { file: s.file, line, field };
  };
  const seenUnknownSeries = new Set<string>();
  const seenUnknownEconomy = new Set<string>();
  const seenUnitMismatch = new Set<string>();
  const reject = (rec: RawRecord, issue: Issue, report = true): void => {
    if (report) issues.push(issue);
    rejects.push(rejectFor(DATASET, s, rec.line, rec.raw, issue));
  };

  for (const rec of table.records) {
    const obj: Record<string, string> = {};
    for (const c of PRICE_BASKET_COLUMNS) obj[c] = "";
    header.forEach((h, i) => {
      if (h !== "") obj[h] = rec.fields[i] ?? "";
    });
    const parsed = PriceBasketRecord.safeParse(obj);
    if (!parsed.success) {
      reject(rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) }));
      continue;
    }
    const r = parsed.data;
    const code = r.code.trim();
    const unit = basketUnit(code);
    if (unit === undefined) {
      reject(rec, makeIssue("unknown_series", at(rec.line, "code"), { value: code }), !seenUnknownSeries.has(code));
      seenUnknownSeries.add(code);
      continue;
    }
    const declared = DECLARED[r.unit.trim()];
    if (r.unit.trim() !== "" && declared !== unit && !seenUnitMismatch.has(code)) {
      seenUnitMismatch.add(code);
      issues.push(makeIssue("unit_mismatch", at(rec.line, "unit"), { series: code, declared: r.unit, used: unit }));
    }
    const iso = r.iso3.trim();
    const entity = resolveEntity("itu", iso, r.economy);
    if (entity === undefined) {
      reject(rec, makeIssue("unknown_economy", at(rec.line, "iso3"), { value: iso }), !seenUnknownEconomy.has(iso));
      seenUnknownEconomy.add(iso);
      continue;
    }
    const year = /^\d{4}$/.test(r.year.trim()) ? Number(r.year.trim()) : NaN;
    if (!(year >= 1960 && year <= 2100)) {
      reject(rec, makeIssue("invalid_year", at(rec.line, "year"), { value: r.year }));
      continue;
    }
    const n = parseNumber(r.value, { decimal: "." });
    if (n.kind === "missing") {
      reject(rec, makeIssue("missing_value", at(rec.line, "value"), { value: n.marker }));
      continue;
    }
    if (n.kind === "invalid") {
      reject(rec, makeIssue("invalid_number", at(rec.line, "value"), { value: r.value }));
      continue;
    }
    const status = BasketStatus.safeParse(r.status.trim());
    const row = {
      ...entity,
      indicator: code,
      indicator_name: r.basket_name,
      year,
      value: n.value,
      unit,
      source: "itu-price-baskets" as const,
      vintage: s.vintage,
      // kept in note as well, so readers of the plain Observation columns see it
      note: status.success && status.data !== "official" ? `status: ${status.data}` : "",
      source_text: "",
      raw_file: s.file,
      raw_line: rec.line,
      status: r.status.trim(),
    };
    const checked = PriceBasketObservation.safeParse(row);
    if (!checked.success) {
      reject(rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(checked.error) }));
      continue;
    }
    candidates.push({ key: `entity=${entity.entity}, indicator=${code}, year=${year}`, snapshot: s, line: rec.line, raw: rec.raw, row: checked.data });
  }
  return { candidates, rejects, issues, dataRecords: table.dataRecords };
}

/** All files of one snapshot folder → itu-price-baskets, rejects and issues. */
export function runPriceBaskets(snapshots: readonly Snapshot[]): PipelineResult {
  return runKeyedFiles(snapshots, ItuPriceBaskets, readBasketFile);
}

/** One user file (`bycn validate FILE --kind itu-price-baskets`). */
export function normalizePriceBaskets(snapshot: Snapshot): PipelineResult {
  return runPriceBaskets([snapshot]);
}

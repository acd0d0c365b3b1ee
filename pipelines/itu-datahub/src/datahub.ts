// normalize ITU DataHub long CSV exports: bytes → itu-indicators and itu-policy rows, rejects and issues (pure)
import { CategoricalObservation, Observation, makeIssue } from "@bycn/core";
import type { Issue, PipelineResult, Reject, Snapshot } from "@bycn/core";
import { parseNumber, readTable } from "@bycn/ingest";
import type { RawRecord } from "@bycn/ingest";
import { byFile, compareBy, rejectFor, resolveEntity } from "./_rows.js";
import { DATAHUB_COLUMNS, DATAHUB_KEY_COLUMNS, DatahubRecord, ItuIndicators, ItuPolicy } from "./schemas.js";
import { suspiciousTextReason } from "./text.js";
import { declaredUnitAgrees, seriesKind } from "./units.js";

/** Adjacent values of one series for one economy that differ by this factor are reported as a unit break. */
export const UNIT_BREAK_FACTOR = 500;

const INDICATORS = ItuIndicators.name;
const POLICY = ItuPolicy.name;

/** Does a header row look like an ITU DataHub export? */
export function detectDatahub(header: readonly string[]): boolean {
  return DATAHUB_KEY_COLUMNS.every((c) => header.includes(c));
}

/** A record that passed its own checks; duplicates and unit breaks are judged across files in runDatahub. */
type Candidate = { key: string; file: string; line: number; raw: string; snapshot: Snapshot } & (
  | { dataset: "itu-indicators"; row: Observation }
  | { dataset: "itu-policy"; rows: CategoricalObservation[] }
);

interface FileRead {
  candidates: Candidate[];
  rejects: Reject[];
  issues: Issue[];
  dataRecords: number;
}

function zodDetails(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(record)"}: ${i.message}`);
}

/** one file: read, recognise, and turn each record into a candidate or a reject */
function readDatahubFile(s: Snapshot): FileRead {
  const table = readTable(s.bytes, { file: s.file });
  const issues: Issue[] = [...table.issues];
  const rejects: Reject[] = table.rejects.map((r) => ({ ...r, dataset: INDICATORS }));
  const candidates: Candidate[] = [];
  if (table.info === undefined) return { candidates, rejects, issues, dataRecords: table.dataRecords };
  const header = table.info.header;
  if (!detectDatahub(header)) {
    const expected = `an ITU DataHub export (${DATAHUB_KEY_COLUMNS.join(", ")})`;
    return { candidates: [], rejects: [], issues: [makeIssue("header_unrecognized", { file: s.file, line: table.info.headerLine }, { expected, found: header })], dataRecords: 0 };
  }
  const col = (name: string): number => header.indexOf(name);
  const at = (line: number, field: string): { file: string; line: number; field: string; column?: number } => {
    const c = col(field);
    return c >= 0 ? { file: s.file, line, field, column: c + 1 } : { file: s.file, line, field };
  };
  for (const c of DATAHUB_COLUMNS) {
    // optional columns read as "" when absent; say so once
    if (col(c) < 0) issues.push(makeIssue("column_missing", { file: s.file, line: table.info.headerLine }, { column: c }, "warning"));
  }
  const answerColumns = header
    .map((h, i) => ({ n: /^dataValue (\d+)$/.exec(h)?.[1], i }))
    .filter((a): a is { n: string; i: number } => a.n !== undefined)
    .map((a) => ({ index: Number(a.n), column: a.i }))
    .sort((a, b) => a.index - b.index);

  // once-per-file issues: a code or an economy repeats on thousands of rows
  const seenUnknownSeries = new Set<string>();
  const seenUnknownEconomy = new Set<string>();
  const seenUnitMismatch = new Set<string>();
  const seenCategorical = new Set<string>();

  const reject = (dataset: string, rec: RawRecord, issue: Issue, report = true): void => {
    if (report) issues.push(issue);
    rejects.push(rejectFor(dataset, s, rec.line, rec.raw, issue));
  };

  for (const rec of table.records) {
    const obj: Record<string, string> = {};
    for (const c of DATAHUB_COLUMNS) obj[c] = "";
    header.forEach((h, i) => {
      if (h !== "") obj[h] = rec.fields[i] ?? "";
    });
    const parsed = DatahubRecord.safeParse(obj);
    if (!parsed.success) {
      reject(INDICATORS, rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) }));
      continue;
    }
    const r = parsed.data;
    const code = r.seriesCode.trim();
    const kind = seriesKind(code);
    if (kind === undefined) {
      reject(INDICATORS, rec, makeIssue("unknown_series", at(rec.line, "seriesCode"), { value: code }), !seenUnknownSeries.has(code));
      seenUnknownSeries.add(code);
      continue;
    }
    const dataset = kind.kind === "numeric" ? INDICATORS : POLICY;
    const iso = r.entityIso.trim();
    const entity = resolveEntity("itu", iso, r.entityName);
    if (entity === undefined) {
      reject(dataset, rec, makeIssue("unknown_economy", at(rec.line, "entityIso"), { value: iso }), !seenUnknownEconomy.has(iso));
      seenUnknownEconomy.add(iso);
      continue;
    }
    const yearText = r.dataYear.trim();
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1960 && year <= 2100)) {
      reject(dataset, rec, makeIssue("invalid_year", at(rec.line, "dataYear"), { value: r.dataYear }));
      continue;
    }
    const key = `entity=${entity.entity}, indicator=${code}, year=${year}`;
    const base = { key, file: s.file, line: rec.line, raw: rec.raw, snapshot: s };

    if (kind.kind === "categorical") {
      if (!seenCategorical.has(code)) issues.push(makeIssue("categorical_value", at(rec.line, "seriesCode"), { series: code }));
      seenCategorical.add(code);
      const answers: { index: number; text: string }[] = [];
      if (r.dataValue.trim() !== "") answers.push({ index: 0, text: r.dataValue.trim() });
      for (const a of answerColumns) {
        const t = (rec.fields[a.column] ?? "").trim();
        if (t !== "") answers.push({ index: a.index, text: t });
      }
      if (answers.length === 0) {
        reject(dataset, rec, makeIssue("missing_value", at(rec.line, "dataValue"), { value: r.dataValue }));
        continue;
      }
      const rows = answers.map(
        (a): CategoricalObservation => ({
          entity: entity.entity,
          economy: entity.economy,
          entity_name: entity.entity_name,
          indicator: code,
          indicator_name: r.seriesName,
          parent: r.seriesParent,
          year,
          answer_index: a.index,
          answer: a.text,
          source: "itu-datahub",
          vintage: s.vintage,
          raw_file: s.file,
          raw_line: rec.line,
        }),
      );
      const bad = rows.map((row) => CategoricalObservation.safeParse(row)).find((p) => !p.success);
      if (bad !== undefined && !bad.success) {
        reject(dataset, rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(bad.error) }));
        continue;
      }
      candidates.push({ ...base, dataset: "itu-policy", rows });
      continue;
    }

    if (!declaredUnitAgrees(r.seriesUnits, kind.unit) && !seenUnitMismatch.has(code)) {
      seenUnitMismatch.add(code);
      issues.push(makeIssue("unit_mismatch", at(rec.line, "seriesUnits"), { series: code, declared: r.seriesUnits, used: kind.unit }));
    }
    // %g text: "9.32177e+006", "101.619", "0"; the decimal separator is always "."
    const n = parseNumber(r.dataValue, { decimal: "." });
    if (n.kind === "missing") {
      reject(dataset, rec, makeIssue("missing_value", at(rec.line, "dataValue"), { value: n.marker }));
      continue;
    }
    if (n.kind === "invalid") {
      reject(dataset, rec, makeIssue("invalid_number", at(rec.line, "dataValue"), { value: r.dataValue }));
      continue;
    }
    const row: Observation = {
      ...entity,
      indicator: code,
      indicator_name: r.seriesName,
      year,
      value: n.value,
      unit: kind.unit,
      source: "itu-datahub",
      vintage: s.vintage,
      note: r.dataNote,
      source_text: r.dataSource,
      raw_file: s.file,
      raw_line: rec.line,
    };
    const checked = Observation.safeParse(row);
    if (!checked.success) {
      reject(dataset, rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(checked.error) }));
      continue;
    }
    // free text stays text; a clearly foreign text is flagged, the row is still published
    for (const field of ["dataSource", "dataNote"] as const) {
      const reason = suspiciousTextReason(r[field], iso);
      if (reason !== undefined) issues.push(makeIssue("suspicious_text", at(rec.line, field), { value: r[field], reason }));
    }
    candidates.push({ ...base, dataset: "itu-indicators", row });
  }
  return { candidates, rejects, issues, dataRecords: table.dataRecords };
}

/**
 * Adjacent observations (in year order, gaps allowed) of one series for one economy whose ratio is at least
 * UNIT_BREAK_FACTOR. Zeros are skipped: 0 → 21000 subscriptions is a launch, not a unit change.
 * Evidence: average_download_throughput_fixed_broadband.csv, i147dl CHN 2020 "257331" then 2021 "3.15621e+008".
 * Real launches stay below it: IND i271G 0.08 (2009) → 36.53 (2012) is a factor of 457.
 */
export function findUnitBreaks(rows: readonly Observation[]): Issue[] {
  const groups = new Map<string, Observation[]>();
  for (const r of rows) {
    const k = `${r.entity}\u0000${r.indicator}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const issues: Issue[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.year - b.year);
    for (let i = 1; i < g.length; i++) {
      const prev = g[i - 1]!;
      const cur = g[i]!;
      if (prev.value <= 0 || cur.value <= 0) continue;
      const ratio = cur.value / prev.value;
      if (Math.max(ratio, 1 / ratio) >= UNIT_BREAK_FACTOR) {
        issues.push(
          makeIssue("unit_break", { file: cur.raw_file, line: cur.raw_line, field: "dataValue" }, { series: cur.indicator, economy: cur.entity, year: cur.year, ratio }),
        );
      }
    }
  }
  return issues;
}

/** All files of one snapshot folder → itu-indicators, itu-policy, rejects and issues. Order of the input does not matter. */
export function runDatahub(snapshots: readonly Snapshot[]): PipelineResult {
  const rejects: Reject[] = [];
  const issues: Issue[] = [];
  const candidates: Candidate[] = [];
  let dataRecords = 0;
  for (const s of [...snapshots].sort(byFile)) {
    const read = readDatahubFile(s);
    candidates.push(...read.candidates);
    rejects.push(...read.rejects);
    issues.push(...read.issues);
    dataRecords += read.dataRecords;
  }

  // one key, one record: the first (by file name, then line) is kept, later ones are rejected naming it
  const first = new Map<string, { file: string; line: number }>();
  const indicators: Observation[] = [];
  const policy: CategoricalObservation[] = [];
  for (const c of candidates) {
    const k = `${c.dataset} ${c.key}`;
    const seen = first.get(k);
    if (seen !== undefined) {
      const key = seen.file === c.file ? c.key : `${c.key} (first in ${seen.file})`;
      const issue = makeIssue("duplicate_key", { file: c.file, line: c.line }, { key, first_line: seen.line });
      issues.push(issue);
      rejects.push(rejectFor(c.dataset, c.snapshot, c.line, c.raw, issue));
      continue;
    }
    first.set(k, { file: c.file, line: c.line });
    if (c.dataset === "itu-indicators") indicators.push(c.row);
    else policy.push(...c.rows);
  }
  issues.push(...findUnitBreaks(indicators));

  indicators.sort(compareBy(ItuIndicators.primaryKey));
  policy.sort(compareBy(ItuPolicy.primaryKey));
  return {
    datasets: [
      { spec: ItuIndicators, rows: indicators },
      { spec: ItuPolicy, rows: policy },
    ],
    rejects,
    issues,
    dataRecords,
  };
}

/** One user file (`bycn validate FILE --kind itu-datahub`): the same checks as a snapshot of one file. */
export function normalizeDatahub(snapshot: Snapshot): PipelineResult {
  return runDatahub([snapshot]);
}

// normalize World Bank WDI bulk CSVs: the wide data file → wdi-indicators, the metadata files → wdi-economies and wdi-series (pure)
import { Observation, makeIssue } from "@bycn/core";
import type { Issue, Location, PipelineResult, Reject, Snapshot } from "@bycn/core";
import { parseNumber, readTable } from "@bycn/ingest";
import type { RawRecord, Table } from "@bycn/ingest";
import { byFile, compareBy, keepFirst, rejectFor, resolveEntity, zodDetails, type Keyed } from "@bycn/core";
import type { ResolvedEntity } from "@bycn/core";
import {
  WDI_DATA_KEY_COLUMNS,
  WdiCountryRecord,
  WdiDataRecord,
  WdiEconomies,
  WdiEconomy,
  WdiIndicatorRecord,
  WdiIndicators,
  WdiSeries,
  WdiSeriesSpec,
} from "./schemas.js";
import { wdiUnit } from "./units.js";

export type WdiFileKind = "data" | "country" | "indicator";

/** which of the three WDI layouts a header row is */
export function wdiFileKind(header: readonly string[]): WdiFileKind | undefined {
  const h = header.map((f) => f.trim());
  if (WDI_DATA_KEY_COLUMNS.every((c) => h.includes(c))) return "data";
  if (["Country Code", "Region", "IncomeGroup"].every((c) => h.includes(c))) return "country";
  if (["INDICATOR_CODE", "INDICATOR_NAME"].every((c) => h.includes(c))) return "indicator";
  return undefined;
}

/**
 * The header is found, not counted: the data file starts with an empty line (BOM + CRLF) in the 2026 copy, and
 * older vintages put "Data Source","World Development Indicators" and "Last Updated Date",… lines before it.
 */
export function isWdiHeader(fields: string[]): boolean {
  return wdiFileKind(fields) !== undefined;
}

export const detectWdi = isWdiHeader;

const YEAR_COLUMN = /^\d{4}$/;

function recordObject(header: readonly string[], rec: RawRecord): Record<string, string> {
  const obj: Record<string, string> = {};
  header.forEach((h, i) => {
    if (h !== "") obj[h] = rec.fields[i] ?? "";
  });
  return obj;
}

interface Acc {
  rejects: Reject[];
  issues: Issue[];
}

function at(s: Snapshot, header: readonly string[], line: number, field: string): Location {
  const c = header.indexOf(field);
  return c >= 0 ? { file: s.file, line, field, column: c + 1 } : { file: s.file, line, field };
}

function readCountries(s: Snapshot, t: Table, header: readonly string[], acc: Acc): Keyed<WdiEconomy>[] {
  const out: Keyed<WdiEconomy>[] = [];
  for (const rec of t.records) {
    const parsed = WdiCountryRecord.safeParse(recordObject(header, rec));
    if (!parsed.success) {
      const issue = makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) });
      acc.issues.push(issue);
      acc.rejects.push(rejectFor(WdiEconomies.name, s, rec.line, rec.raw, issue));
      continue;
    }
    const r = parsed.data;
    const code = r["Country Code"].trim();
    const row: WdiEconomy = {
      code,
      name: r.TableName,
      region: r.Region,
      income_group: r.IncomeGroup,
      // the 48 aggregates of the 2026 copy (AFE, WLD, HIC…) are exactly the rows with both fields empty
      is_aggregate: r.Region.trim() === "" && r.IncomeGroup.trim() === "",
      special_notes: r.SpecialNotes,
      vintage: s.vintage,
      raw_file: s.file,
      raw_line: rec.line,
    };
    out.push({ key: `code=${code}`, snapshot: s, line: rec.line, raw: rec.raw, row });
  }
  return out;
}

function readSeries(s: Snapshot, t: Table, header: readonly string[], acc: Acc): Keyed<WdiSeries>[] {
  const out: Keyed<WdiSeries>[] = [];
  for (const rec of t.records) {
    const parsed = WdiIndicatorRecord.safeParse(recordObject(header, rec));
    if (!parsed.success) {
      const issue = makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) });
      acc.issues.push(issue);
      acc.rejects.push(rejectFor(WdiSeriesSpec.name, s, rec.line, rec.raw, issue));
      continue;
    }
    const r = parsed.data;
    const row: WdiSeries = {
      indicator: r.INDICATOR_CODE.trim(),
      indicator_name: r.INDICATOR_NAME,
      source_note: r.SOURCE_NOTE,
      source_organization: r.SOURCE_ORGANIZATION,
      vintage: s.vintage,
      raw_file: s.file,
      raw_line: rec.line,
    };
    out.push({ key: `indicator=${row.indicator}`, snapshot: s, line: rec.line, raw: rec.raw, row });
  }
  return out;
}

/**
 * Aggregate or economy: Metadata_Country decides when the snapshot has the code (empty Region and IncomeGroup →
 * aggregate), else the registry. An aggregate unknown to the registry keeps the World Bank's code and name; an
 * economy must be in the registry.
 */
function resolveWdiEntity(code: string, name: string, meta: ReadonlyMap<string, WdiEconomy>): ResolvedEntity | undefined {
  const registered = resolveEntity("wdi", code, name);
  const m = meta.get(code);
  if (m?.is_aggregate === true) {
    return registered?.is_aggregate === true ? registered : { entity: code, economy: "", entity_name: registered?.entity_name ?? (name.trim() || m.name), is_aggregate: true };
  }
  if (m !== undefined) return registered?.is_aggregate === false ? registered : undefined;
  return registered;
}

function readData(
  s: Snapshot,
  t: Table,
  header: readonly string[],
  meta: ReadonlyMap<string, WdiEconomy>,
  names: ReadonlyMap<string, string>,
  acc: Acc,
): Keyed<Observation>[] {
  const out: Keyed<Observation>[] = [];
  const dataset = WdiIndicators.name;
  const years = header.map((h, i) => ({ year: Number(h), column: i, name: h })).filter((y) => YEAR_COLUMN.test(y.name));
  const seenUnknownSeries = new Set<string>();
  const seenUnknownEconomy = new Set<string>();
  const reject = (rec: RawRecord, issue: Issue, report = true): void => {
    if (report) acc.issues.push(issue);
    acc.rejects.push(rejectFor(dataset, s, rec.line, rec.raw, issue));
  };
  for (const rec of t.records) {
    const parsed = WdiDataRecord.safeParse(recordObject(header, rec));
    if (!parsed.success) {
      reject(rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) }));
      continue;
    }
    const r = parsed.data;
    const indicator = r["Indicator Code"].trim();
    const unit = wdiUnit(indicator);
    if (unit === undefined) {
      reject(rec, makeIssue("unknown_series", at(s, header, rec.line, "Indicator Code"), { value: indicator }), !seenUnknownSeries.has(indicator));
      seenUnknownSeries.add(indicator);
      continue;
    }
    const code = r["Country Code"].trim();
    const entity = resolveWdiEntity(code, r["Country Name"], meta);
    if (entity === undefined) {
      reject(rec, makeIssue("unknown_economy", at(s, header, rec.line, "Country Code"), { value: code }), !seenUnknownEconomy.has(code));
      seenUnknownEconomy.add(code);
      continue;
    }
    // wide → long: one row per non-empty year cell; "" is an absent value, not a reject. a record with no value
    // in any year (the 2026 copy has 20, e.g. INX "Not classified") would publish nothing, so it is quarantined
    // with missing_value (info) to keep every input line accounted for
    if (years.every((y) => (rec.fields[y.column] ?? "").trim() === "")) {
      const first = years[0];
      const where = { file: s.file, line: rec.line, ...(first ? { field: first.name, column: first.column + 1 } : {}) };
      reject(rec, makeIssue("missing_value", where, { value: "" }, "info"), false);
      continue;
    }
    for (const y of years) {
      const text = rec.fields[y.column] ?? "";
      if (text.trim() === "") continue;
      const where = { file: s.file, line: rec.line, field: y.name, column: y.column + 1 };
      // plain decimals, tiny values with upper-case exponents ("9.17E-05")
      const n = parseNumber(text, { decimal: "." });
      if (n.kind === "missing") {
        reject(rec, makeIssue("missing_value", where, { value: n.marker }));
        continue;
      }
      if (n.kind === "invalid") {
        reject(rec, makeIssue("invalid_number", where, { value: text }));
        continue;
      }
      const row: Observation = {
        ...entity,
        indicator,
        indicator_name: names.get(indicator) ?? r["Indicator Name"],
        year: y.year,
        value: n.value,
        unit,
        source: "wdi",
        vintage: s.vintage,
        note: "",
        source_text: "",
        raw_file: s.file,
        raw_line: rec.line,
      };
      const checked = Observation.safeParse(row);
      if (!checked.success) {
        reject(rec, makeIssue("invalid_row", where, { details: zodDetails(checked.error) }));
        continue;
      }
      out.push({ key: `entity=${entity.entity}, indicator=${indicator}, year=${y.year}`, snapshot: s, line: rec.line, raw: rec.raw, row });
    }
  }
  return out;
}

/**
 * All files of one WDI snapshot folder. Every data record ends as k rows (k = its non-empty year cells, minus bad
 * cells, each rejected on its own) or as one reject; every metadata record ends as a wdi-economies or wdi-series
 * row or a reject. dataRecords counts the records of all three files.
 */
export function runWdi(snapshots: readonly Snapshot[]): PipelineResult {
  const acc: Acc = { rejects: [], issues: [] };
  let dataRecords = 0;
  const files: { s: Snapshot; t: Table; header: string[]; kind: WdiFileKind }[] = [];
  for (const s of [...snapshots].sort(byFile)) {
    const t = readTable(s.bytes, { file: s.file, isHeader: isWdiHeader });
    if (t.info === undefined) {
      // no WDI header anywhere: say what the file's first row is, if it has one
      const plain = readTable(s.bytes, { file: s.file });
      if (plain.info !== undefined) {
        acc.issues.push(
          makeIssue("header_unrecognized", { file: s.file, line: plain.info.headerLine }, { expected: "a WDI bulk CSV (data, Metadata_Country or Metadata_Indicator)", found: plain.info.header }),
        );
      } else {
        acc.issues.push(...t.issues);
        acc.rejects.push(...t.rejects.map((r) => ({ ...r, dataset: WdiIndicators.name })));
        dataRecords += t.dataRecords;
      }
      continue;
    }
    const kind = wdiFileKind(t.info.header);
    if (kind === undefined) {
      acc.issues.push(makeIssue("header_unrecognized", { file: s.file, line: t.info.headerLine }, { expected: "a WDI bulk CSV", found: t.info.header }));
      continue;
    }
    acc.issues.push(...t.issues);
    const dataset = kind === "data" ? WdiIndicators.name : kind === "country" ? WdiEconomies.name : WdiSeriesSpec.name;
    acc.rejects.push(...t.rejects.map((r) => ({ ...r, dataset })));
    dataRecords += t.dataRecords;
    files.push({ s, t, header: t.info.header, kind });
  }

  const economies = keepFirst(
    files.filter((f) => f.kind === "country").flatMap((f) => readCountries(f.s, f.t, f.header, acc)),
    WdiEconomies.name,
    acc,
  );
  const series = keepFirst(
    files.filter((f) => f.kind === "indicator").flatMap((f) => readSeries(f.s, f.t, f.header, acc)),
    WdiSeriesSpec.name,
    acc,
  );
  const meta = new Map(economies.map((e) => [e.code, e]));
  const names = new Map(series.map((x) => [x.indicator, x.indicator_name]));
  const observations = keepFirst(
    files.filter((f) => f.kind === "data").flatMap((f) => readData(f.s, f.t, f.header, meta, names, acc)),
    WdiIndicators.name,
    acc,
  );

  observations.sort(compareBy(WdiIndicators.primaryKey));
  economies.sort(compareBy(WdiEconomies.primaryKey));
  series.sort(compareBy(WdiSeriesSpec.primaryKey));
  return {
    datasets: [
      { spec: WdiIndicators, rows: observations },
      { spec: WdiEconomies, rows: economies },
      { spec: WdiSeriesSpec, rows: series },
    ],
    rejects: acc.rejects,
    issues: acc.issues,
    dataRecords,
  };
}

/** One user file (`bycn validate FILE --kind wdi`): aggregates then come from the registry alone. */
export function normalizeWdi(snapshot: Snapshot): PipelineResult {
  return runWdi([snapshot]);
}

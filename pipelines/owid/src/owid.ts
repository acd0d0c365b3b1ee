// normalize OWID grapher CSVs (Entity, Code, Year, value columns) → owid-indicators rows, rejects and issues (pure)
import { Observation, isAmbiguousName, makeIssue } from "@bycn/core";
import type { Issue, PipelineResult, Reject, Snapshot } from "@bycn/core";
import { parseNumber, readTable } from "@bycn/ingest";
import type { RawRecord } from "@bycn/ingest";
import { byFile, compareBy, keepFirst, rejectFor, resolveEntity, zodDetails, type Keyed } from "@bycn/core";
import type { ResolvedEntity } from "@bycn/core";
import { owidIndicator, slug } from "./indicators.js";
import { OWID_KEY_COLUMNS, OwidIndicators, OwidMetadata, OwidRecord } from "./schemas.js";

const DATASET = OwidIndicators.name;

export function detectOwid(header: readonly string[]): boolean {
  return header.length > OWID_KEY_COLUMNS.length && OWID_KEY_COLUMNS.every((c, i) => header[i] === c);
}

/**
 * ISO3 codes resolve by code; OWID's own OWID_* codes (OWID_WRL World, OWID_KOS Kosovo) and empty codes by the
 * entity name, under core's entityForSource rules. An empty Code is OWID's mark for a region or income group
 * ("World", "High-income countries", "East Asia and Pacific (WB)"); one the registry does not know is still
 * published, as aggregate owid:<slug> with OWID's name. Exception seen in internet.csv: "Faeroe Islands" has an
 * empty Code but is an economy (FRO); the registry's names decide, not the empty code.
 */
export function resolveOwidEntity(code: string, name: string): ResolvedEntity | undefined {
  const found = resolveEntity("owid", code, name);
  // an ambiguous name ("Congo") must not become an aggregate either
  if (found !== undefined || code.trim() !== "" || isAmbiguousName(name)) return found;
  return { entity: `owid:${slug(name)}`, economy: "", entity_name: name.trim(), is_aggregate: true };
}


/** OWID's `<chart>.metadata.json`, when a snapshot file is one */
export function readOwidMetadata(bytes: Uint8Array): OwidMetadata | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  const parsed = OwidMetadata.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

type Candidate = Keyed<Observation>;

function readOwidFile(s: Snapshot, meta: OwidMetadata | undefined): { candidates: Candidate[]; rejects: Reject[]; issues: Issue[]; dataRecords: number } {
  const table = readTable(s.bytes, { file: s.file });
  const issues: Issue[] = [...table.issues];
  const rejects: Reject[] = table.rejects.map((r) => ({ ...r, dataset: DATASET }));
  const candidates: Candidate[] = [];
  if (table.info === undefined) return { candidates, rejects, issues, dataRecords: table.dataRecords };
  const header = table.info.header;
  if (!detectOwid(header)) {
    const expected = "an OWID grapher CSV (Entity, Code, Year, value columns)";
    return { candidates, rejects: [], issues: [makeIssue("header_unrecognized", { file: s.file, line: table.info.headerLine }, { expected, found: header })], dataRecords: 0 };
  }
  const values = header
    .map((title, column) => ({ title, column, indicator: owidIndicator(title, meta) }))
    .slice(OWID_KEY_COLUMNS.length);
  for (const v of values) {
    if (v.indicator === undefined) {
      issues.push(makeIssue("unknown_series", { file: s.file, line: table.info.headerLine, field: v.title, column: v.column + 1 }, { value: v.title }));
    }
  }
  const seenUnknownEconomy = new Set<string>();
  const reject = (rec: RawRecord, issue: Issue, report = true): void => {
    if (report) issues.push(issue);
    rejects.push(rejectFor(DATASET, s, rec.line, rec.raw, issue));
  };

  for (const rec of table.records) {
    const obj: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h !== "") obj[h] = rec.fields[i] ?? "";
    });
    const parsed = OwidRecord.safeParse(obj);
    if (!parsed.success) {
      reject(rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) }));
      continue;
    }
    const r = parsed.data;
    const entity = resolveOwidEntity(r.Code, r.Entity);
    if (entity === undefined) {
      const label = r.Code.trim() || r.Entity;
      reject(rec, makeIssue("unknown_economy", { file: s.file, line: rec.line, field: "Code", column: 2 }, { value: label }), !seenUnknownEconomy.has(label));
      seenUnknownEconomy.add(label);
      continue;
    }
    const yearText = r.Year.trim();
    const year = /^-?\d{1,4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1960 && year <= 2100)) {
      reject(rec, makeIssue("invalid_year", { file: s.file, line: rec.line, field: "Year", column: 3 }, { value: r.Year }));
      continue;
    }
    // one row per non-empty value cell; an empty cell is an absent value. A record whose value cells are all empty
    // (OWID writes entity-years that only another column fills) would publish nothing: it is quarantined as
    // missing_value (info), as WDI does, so every input line stays accounted for and no row has an empty value
    if (values.every((v) => (rec.fields[v.column] ?? "").trim() === "")) {
      const first = values[0];
      const where = { file: s.file, line: rec.line, ...(first ? { field: first.title, column: first.column + 1 } : {}) };
      reject(rec, makeIssue("missing_value", where, { value: "" }, "info"), false);
      continue;
    }
    for (const v of values) {
      const text = rec.fields[v.column] ?? "";
      if (text.trim() === "") continue;
      const where = { file: s.file, line: rec.line, field: v.title, column: v.column + 1 };
      if (v.indicator === undefined) {
        reject(rec, makeIssue("unknown_series", where, { value: v.title }), false);
        continue;
      }
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
        indicator: v.indicator.code,
        indicator_name: v.title,
        year,
        value: n.value,
        unit: v.indicator.unit,
        source: "owid",
        vintage: s.vintage,
        note: "",
        source_text: meta?.columns[v.title]?.citationShort ?? "",
        raw_file: s.file,
        raw_line: rec.line,
      };
      const checked = Observation.safeParse(row);
      if (!checked.success) {
        reject(rec, makeIssue("invalid_row", where, { details: zodDetails(checked.error) }));
        continue;
      }
      candidates.push({ key: `entity=${entity.entity}, indicator=${v.indicator.code}, year=${year}`, snapshot: s, line: rec.line, raw: rec.raw, row });
    }
  }
  return { candidates, rejects, issues, dataRecords: table.dataRecords };
}

/**
 * All files of one OWID snapshot folder: grapher CSVs and, when present, their metadata JSON (used for column short
 * names, units and citation; it holds no data records). Wide → long: a record is one row per non-empty value cell.
 */
export function runOwid(snapshots: readonly Snapshot[]): PipelineResult {
  const rejects: Reject[] = [];
  const issues: Issue[] = [];
  const candidates: Candidate[] = [];
  let dataRecords = 0;
  const sorted = [...snapshots].sort(byFile);
  const metas = new Map<Snapshot, OwidMetadata>();
  for (const s of sorted) {
    const m = /\.json$/i.test(s.file) ? readOwidMetadata(s.bytes) : undefined;
    if (m !== undefined) metas.set(s, m);
  }
  // one metadata file per chart; columns from several merge (the first file by name wins a title)
  const merged: OwidMetadata = { columns: {} };
  for (const m of metas.values()) for (const [k, v] of Object.entries(m.columns)) merged.columns[k] ??= v;
  const meta = metas.size > 0 ? merged : undefined;
  for (const s of sorted) {
    if (metas.has(s)) continue;
    if (/\.json$/i.test(s.file)) {
      issues.push(makeIssue("header_unrecognized", { file: s.file }, { expected: "an OWID grapher CSV or its metadata JSON", found: [] }));
      continue;
    }
    const read = readOwidFile(s, meta);
    candidates.push(...read.candidates);
    rejects.push(...read.rejects);
    issues.push(...read.issues);
    dataRecords += read.dataRecords;
  }
  const rows = keepFirst(candidates, DATASET, { issues, rejects });
  rows.sort(compareBy(OwidIndicators.primaryKey));
  return { datasets: [{ spec: OwidIndicators, rows }], rejects, issues, dataRecords };
}

/** One user file (`bycn validate FILE --kind owid`). */
export function normalizeOwid(snapshot: Snapshot): PipelineResult {
  return runOwid([snapshot]);
}

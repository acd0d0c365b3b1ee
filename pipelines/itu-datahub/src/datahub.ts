// normalize ITU DataHub long CSV exports: bytes → itu-indicators and itu-policy rows, rejects and issues (pure)
import { byFile, CategoricalObservation, makeIssue, Observation, rejectFor, resolveEntity } from "@bycn/core";
import type { Candidate, Issue, PipelineResult, RecordSink, Reject, ResolvedEntity, RowSink, Snapshot, SortedStep, StreamingPipeline, TableRecord } from "@bycn/core";
import { parseNumber, readTable } from "@bycn/ingest";
import { DATAHUB_COLUMNS, DATAHUB_KEY_COLUMNS, DatahubRecord, ItuIndicators, ItuPolicy } from "./schemas.js";
import { suspiciousTextReason } from "./text.js";
import { declaredUnitAgrees, seriesKind, type SeriesKind } from "./units.js";

/** Adjacent values of one series for one economy that differ by this factor are reported as a unit break. */
export const UNIT_BREAK_FACTOR = 500;

const INDICATORS = ItuIndicators.name;
const POLICY = ItuPolicy.name;

/** Does a header row look like an ITU DataHub export? */
export function detectDatahub(header: readonly string[]): boolean {
  return DATAHUB_KEY_COLUMNS.every((c) => header.includes(c));
}

type Emit = RecordSink;

/**
 * A copy of `s` that does not keep the text it was cut from alive. Field values are V8 slices of the reader's 64 KiB
 * text pieces; one kept in a per-file cache would pin its whole piece (measured: 74 MB of pieces held at 1M rows).
 */
function own(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

function zodDetails(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(record)"}: ${i.message}`);
}

/**
 * One file's header → the function that checks its data records one at a time and sends each to `sink` as a
 * candidate (rows waiting for the duplicate and unit-break checks) or a reject. Pure; `run` and `bycn validate`'s
 * streaming path both go through it, so the two cannot drift.
 */
export function beginDatahubFile(
  s: Pick<Snapshot, "file" | "vintage">,
  fileIndex: number,
  table: { header: string[]; headerLine: number },
  sink: Emit,
): ((rec: TableRecord) => void) | undefined {
  const { header, headerLine } = table;
  if (!detectDatahub(header)) {
    const expected = `an ITU DataHub export (${DATAHUB_KEY_COLUMNS.join(", ")})`;
    sink.issue(makeIssue("header_unrecognized", { file: s.file, line: headerLine }, { expected, found: header }));
    return undefined;
  }
  // a repeated column name: the last one wins, as it did when records were built as objects
  const col = (name: string): number => header.lastIndexOf(name);
  const at = (line: number, field: string): { file: string; line: number; field: string; column?: number } => {
    const c = col(field);
    return c >= 0 ? { file: s.file, line, field, column: c + 1 } : { file: s.file, line, field };
  };
  for (const c of DATAHUB_COLUMNS) {
    // optional columns read as "" when absent; say so once
    if (col(c) < 0) sink.issue(makeIssue("column_missing", { file: s.file, line: headerLine }, { column: c }, "warning"));
  }
  const answerColumns = header
    .map((h, i) => ({ n: /^dataValue (\d+)$/.exec(h)?.[1], i }))
    .filter((a): a is { n: string; i: number } => a.n !== undefined)
    .map((a) => ({ index: Number(a.n), column: a.i }))
    .sort((a, b) => a.index - b.index);
  const ix = Object.fromEntries(DATAHUB_COLUMNS.map((c) => [c, col(c)])) as Record<(typeof DATAHUB_COLUMNS)[number], number>;
  // every record's fields are strings (the reader guarantees one per header column), so DatahubRecord can only
  // fail on an empty seriesCode or entityIso; zod runs on those records alone and words the issue
  const recordObject = (fields: string[]): Record<string, string> => {
    const obj: Record<string, string> = {};
    for (const c of DATAHUB_COLUMNS) obj[c] = "";
    header.forEach((h, i) => {
      if (h !== "") obj[h] = fields[i] ?? "";
    });
    return obj;
  };
  const vintageOk = Observation.shape.vintage.safeParse(s.vintage).success && Observation.shape.raw_file.safeParse(s.file).success;

  // once-per-file issues: a code or an economy repeats on thousands of rows
  const seenUnknownSeries = new Set<string>();
  const seenUnknownEconomy = new Set<string>();
  const seenUnitMismatch = new Set<string>();
  const seenCategorical = new Set<string>();
  // lookups repeat on every row: cache them per file
  const kinds = new Map<string, SeriesKind | undefined>();
  const entities = new Map<string, Map<string, ResolvedEntity | undefined>>();
  // per code, the economies whose constant part zod has seen; the economy is the cached ResolvedEntity object, so the
  // set holds references, not 58,000 "iso\0name\0code" strings (full DataHub: ~200 codes × ~290 economies)
  const checkedShapes = new Map<string, Set<ResolvedEntity>>();
  const codes = new Map<string, string>();
  // (declared unit, used unit) pairs already judged: the same few texts repeat on every record of a series
  const agreed = new Map<string, boolean>();
  const unitAgrees = (declared: string, used: Parameters<typeof declaredUnitAgrees>[1]): boolean => {
    const k = `${declared}\u0000${used}`;
    let ok = agreed.get(k);
    if (ok === undefined) agreed.set(own(k), (ok = declaredUnitAgrees(declared, used)));
    return ok;
  };

  const reject = (dataset: string, rec: TableRecord, issue: Issue, report = true, once?: string): void => {
    if (report) sink.issue(issue, once === undefined ? undefined : `${issue.code}\u0000${once}`);
    sink.reject(rejectFor(dataset, s, rec.line, rec.raw, issue));
  };
  const field = (rec: TableRecord, i: number): string => (i < 0 ? "" : (rec.fields[i] ?? ""));

  return (rec: TableRecord): void => {
    const seriesCode = field(rec, ix.seriesCode);
    const entityIso = field(rec, ix.entityIso);
    if (seriesCode === "" || entityIso === "") {
      const parsed = DatahubRecord.safeParse(recordObject(rec.fields));
      if (!parsed.success) {
        reject(INDICATORS, rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) }));
        return;
      }
    }
    // one string per code for the whole file: rows held for the sort then point at it, not at the text piece they
    // were read from
    let code = codes.get(seriesCode);
    if (code === undefined) codes.set(own(seriesCode), (code = own(seriesCode.trim())));
    let kind = kinds.get(code);
    if (kind === undefined && !kinds.has(code)) kinds.set(own(code), (kind = seriesKind(code)));
    if (kind === undefined) {
      const first = !seenUnknownSeries.has(code);
      reject(INDICATORS, rec, makeIssue("unknown_series", at(rec.line, "seriesCode"), { value: code }), first, code);
      if (first) seenUnknownSeries.add(own(code));
      return;
    }
    const dataset = kind.kind === "numeric" ? INDICATORS : POLICY;
    const iso = entityIso.trim();
    const entityName = field(rec, ix.entityName);
    // by code, then name: no key string is built for each record
    let byName = entities.get(entityIso);
    if (byName === undefined) entities.set(own(entityIso), (byName = new Map()));
    let entity = byName.get(entityName);
    if (entity === undefined && !byName.has(entityName)) byName.set(own(entityName), (entity = resolveEntity("itu", iso, entityName)));
    if (entity === undefined) {
      const first = !seenUnknownEconomy.has(iso);
      reject(dataset, rec, makeIssue("unknown_economy", at(rec.line, "entityIso"), { value: iso }), first, iso);
      if (first) seenUnknownEconomy.add(own(iso));
      return;
    }
    const dataYear = field(rec, ix.dataYear);
    const yearText = dataYear.trim();
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1960 && year <= 2100)) {
      reject(dataset, rec, makeIssue("invalid_year", at(rec.line, "dataYear"), { value: dataYear }));
      return;
    }
    const dataValue = field(rec, ix.dataValue);
    const seriesName = field(rec, ix.seriesName);

    if (kind.kind === "categorical") {
      if (!seenCategorical.has(code)) {
        sink.issue(makeIssue("categorical_value", at(rec.line, "seriesCode"), { series: code }), `categorical_value\u0000${code}`);
        seenCategorical.add(own(code));
      }
      const answers: { index: number; text: string }[] = [];
      if (dataValue.trim() !== "") answers.push({ index: 0, text: dataValue.trim() });
      for (const a of answerColumns) {
        const t = (rec.fields[a.column] ?? "").trim();
        if (t !== "") answers.push({ index: a.index, text: t });
      }
      if (answers.length === 0) {
        reject(dataset, rec, makeIssue("missing_value", at(rec.line, "dataValue"), { value: dataValue }));
        return;
      }
      const rows = answers.map(
        (a): CategoricalObservation => ({
          entity: entity.entity,
          economy: entity.economy,
          entity_name: entity.entity_name,
          indicator: code,
          indicator_name: seriesName,
          parent: field(rec, ix.seriesParent),
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
        return;
      }
      sink.candidate({ dataset: POLICY, file: fileIndex, line: rec.line, raw: rec.raw, rows });
      return;
    }

    // the declared unit is read until it disagrees once (then reported once); a series whose unit agrees is read on every
    // record, because a later record may disagree
    if (!seenUnitMismatch.has(code)) {
      const seriesUnits = field(rec, ix.seriesUnits);
      if (!unitAgrees(seriesUnits, kind.unit)) {
        seenUnitMismatch.add(own(code));
        sink.issue(makeIssue("unit_mismatch", at(rec.line, "seriesUnits"), { series: code, declared: seriesUnits, used: kind.unit }), `unit_mismatch\u0000${code}`);
      }
    }
    // %g text: "9.32177e+006", "101.619", "0"; the decimal separator is always "."
    const n = parseNumber(dataValue, { decimal: "." });
    if (n.kind === "missing") {
      reject(dataset, rec, makeIssue("missing_value", at(rec.line, "dataValue"), { value: n.marker }));
      return;
    }
    if (n.kind === "invalid") {
      reject(dataset, rec, makeIssue("invalid_number", at(rec.line, "dataValue"), { value: dataValue }));
      return;
    }
    const dataNote = field(rec, ix.dataNote);
    const dataSource = field(rec, ix.dataSource);
    // written out, not spread: a spread literal here cost ~30 µs a row (V8 builds it through a slow path)
    const row: Observation = {
      entity: entity.entity,
      economy: entity.economy,
      entity_name: entity.entity_name,
      is_aggregate: entity.is_aggregate,
      indicator: code,
      indicator_name: seriesName,
      year,
      value: n.value,
      unit: kind.unit,
      source: "itu-datahub",
      vintage: s.vintage,
      note: dataNote,
      source_text: dataSource,
      raw_file: s.file,
      raw_line: rec.line,
    };
    // zod checks every row whose constant part (entity, code, unit, file) it has not seen in this file; the rest
    // vary per row and are already held to the schema above: year 1960–2100, a finite value, a positive line,
    // free text as strings
    let shapes = checkedShapes.get(code);
    if (shapes === undefined) checkedShapes.set(code, (shapes = new Set()));
    if (!vintageOk || !shapes.has(entity) || !(rec.line > 0 && Number.isInteger(rec.line))) {
      const checked = Observation.safeParse(row);
      if (!checked.success) {
        reject(dataset, rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(checked.error) }));
        return;
      }
      shapes.add(entity);
    }
    // free text stays text; a clearly foreign text is flagged, the row is still published
    if (dataSource !== "") {
      const reason = suspiciousTextReason(dataSource, iso);
      if (reason !== undefined) sink.issue(makeIssue("suspicious_text", at(rec.line, "dataSource"), { value: dataSource, reason }));
    }
    if (dataNote !== "") {
      const reason = suspiciousTextReason(dataNote, iso);
      if (reason !== undefined) sink.issue(makeIssue("suspicious_text", at(rec.line, "dataNote"), { value: dataNote, reason }));
    }
    sink.candidate({ dataset: INDICATORS, file: fileIndex, line: rec.line, raw: rec.raw, rows: [row] });
  };
}

/** candidates of one dataset by key: entity, indicator, year (the primary key without answer_index) */
const KEY = ["entity", "indicator", "year"] as const;
/**
 * compareBy(KEY) written out: the sort and the merge call it ~20 times a record, and the generic loop's keyed
 * property reads were ~3 % of a 1M-row validate. Same order: strings by code unit, years as numbers.
 */
function byKey(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ea = a.entity as string;
  const eb = b.entity as string;
  if (ea !== eb) return ea < eb ? -1 : 1;
  const ia = a.indicator as string;
  const ib = b.indicator as string;
  if (ia !== ib) return ia < ib ? -1 : 1;
  return (a.year as number) - (b.year as number);
}
export function compareDatahub(_dataset: string): (a: Candidate, b: Candidate) => number {
  return (a, b) => byKey(a.rows[0]!, b.rows[0]!);
}

/** an unresolved value ratio between two adjacent years of one series for one economy (see findUnitBreaks) */
function unitBreak(prev: Observation, cur: Observation): Issue | undefined {
  if (prev.value <= 0 || cur.value <= 0) return undefined;
  const ratio = cur.value / prev.value;
  if (Math.max(ratio, 1 / ratio) < UNIT_BREAK_FACTOR) return undefined;
  return makeIssue("unit_break", { file: cur.raw_file, line: cur.raw_line, field: "dataValue" }, { series: cur.indicator, economy: cur.entity, year: cur.year, ratio });
}

/**
 * One dataset's candidates in key order (ties by file, then line) → rows in primary-key order. Of equal keys the
 * first is kept and the later ones are rejected naming it; adjacent years of one series and economy are checked for
 * unit breaks (itu-indicators).
 */
export function sortedDatahub(dataset: string, files: readonly string[], sink: RowSink): SortedStep {
  let first: Candidate | undefined;
  let prevRow: Observation | undefined;
  return {
    push(c) {
      if (first !== undefined && byKey(first.rows[0]!, c.rows[0]!) === 0) {
        const r = c.rows[0]!;
        const key = `entity=${String(r.entity)}, indicator=${String(r.indicator)}, year=${String(r.year)}`;
        const shown = first.file === c.file ? key : `${key} (first in ${files[first.file]!})`;
        const issue = makeIssue("duplicate_key", { file: files[c.file]!, line: c.line }, { key: shown, first_line: first.line });
        sink.issue(issue);
        sink.reject(rejectFor(dataset, { file: files[c.file]! }, c.line, c.raw, issue));
        return;
      }
      first = c;
      if (dataset === INDICATORS) {
        const row = c.rows[0] as Observation;
        if (prevRow !== undefined && prevRow.entity === row.entity && prevRow.indicator === row.indicator) {
          const issue = unitBreak(prevRow, row);
          if (issue !== undefined) sink.issue(issue);
        }
        prevRow = row;
      }
      for (const row of c.rows) sink.row(row);
    },
    end() {},
  };
}

/** sort candidates in memory: key, then file, then line (the order an external sort on disk reproduces) */
export function sortCandidates(candidates: Candidate[], compare: (a: Candidate, b: Candidate) => number): Candidate[] {
  return candidates.sort((a, b) => compare(a, b) || a.file - b.file || a.line - b.line);
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
      const issue = unitBreak(g[i - 1]!, g[i]!);
      if (issue !== undefined) issues.push(issue);
    }
  }
  return issues;
}

/** the streaming form: `bycn validate` drives it over files too large to hold, `runDatahub` over snapshots in memory */
export const streamDatahub: StreamingPipeline = {
  begin: beginDatahubFile,
  compare: compareDatahub,
  sorted: sortedDatahub,
  // the key, and what a unit break names
  sortColumns: (dataset) => (dataset === INDICATORS ? [...KEY, "value", "raw_file", "raw_line"] : KEY),
  // duplicates share the entity, and unit breaks are looked for within one entity's series
  partitionColumn: () => "entity",
};

/** All files of one snapshot folder → itu-indicators, itu-policy, rejects and issues. Order of the input does not matter. */
export function runDatahub(snapshots: readonly Snapshot[]): PipelineResult {
  const rejects: Reject[] = [];
  const issues: Issue[] = [];
  const candidates: Candidate[] = [];
  let dataRecords = 0;
  const files = [...snapshots].sort(byFile);
  files.forEach((s, fileIndex) => {
    const table = readTable(s.bytes, { file: s.file });
    if (table.info === undefined) {
      issues.push(...table.issues);
      rejects.push(...table.rejects.map((r) => ({ ...r, dataset: INDICATORS })));
      dataRecords += table.dataRecords;
      return;
    }
    // a foreign header: only header_unrecognized is reported, nothing is counted
    const own: Issue[] = [];
    const fileRejects: Reject[] = [];
    const fileCandidates: Candidate[] = [];
    const sink: RecordSink = { candidate: (c) => fileCandidates.push(c), reject: (r) => fileRejects.push(r), issue: (i) => own.push(i) };
    const step = beginDatahubFile(s, fileIndex, table.info, sink);
    if (step === undefined) {
      issues.push(...own);
      return;
    }
    for (const rec of table.records) step(rec);
    issues.push(...table.issues, ...own);
    for (const r of table.rejects) rejects.push({ ...r, dataset: INDICATORS });
    for (const r of fileRejects) rejects.push(r);
    for (const c of fileCandidates) candidates.push(c);
    dataRecords += table.dataRecords;
  });

  const names = files.map((s) => s.file);
  const datasets = [ItuIndicators, ItuPolicy].map((spec) => {
    const rows: Record<string, unknown>[] = [];
    const step = sortedDatahub(spec.name, names, { row: (r) => rows.push(r), reject: (r) => rejects.push(r), issue: (i) => issues.push(i) });
    const mine = sortCandidates(
      candidates.filter((c) => c.dataset === spec.name),
      compareDatahub(spec.name),
    );
    for (const c of mine) step.push(c);
    step.end();
    return { spec, rows };
  });
  return { datasets, rejects, issues, dataRecords };
}

/** One user file (`bycn validate FILE --kind itu-datahub`): the same checks as a snapshot of one file. */
export function normalizeDatahub(snapshot: Snapshot): PipelineResult {
  return runDatahub([snapshot]);
}

// an ITU DataHub long record → an itu-indicators row or itu-policy answers, or the reject that says why not (pure)
import { CategoricalObservation, makeIssue, Observation, rejectFor, resolveEntity, zodDetails } from "@bycn/core";
import type { Issue, RecordSink, ResolvedEntity, Snapshot, TableRecord } from "@bycn/core";
import { notANumber, parseNumber, parseRecord } from "@bycn/ingest";
import { firstTime, memo, memo2, own } from "./memo.js";
import { DATAHUB_COLUMNS, DATAHUB_KEY_COLUMNS, DatahubRecord, ItuIndicators, ItuPolicy } from "./schemas.js";
import { suspiciousTextReason } from "./text.js";
import { declaredUnitAgrees, seriesKind } from "./units.js";

const INDICATORS = ItuIndicators.name;
const POLICY = ItuPolicy.name;

/** Does a header row look like an ITU DataHub export? */
export function detectDatahub(header: readonly string[]): boolean {
  return DATAHUB_KEY_COLUMNS.every((c) => header.includes(c));
}

/** the categorical answers of a record: dataValue first (index 0), then each non-empty "dataValue <n>" column */
function answersOf(dataValue: string, fields: readonly string[], answerColumns: readonly { index: number; column: number }[]): { index: number; text: string }[] {
  const answers: { index: number; text: string }[] = [];
  if (dataValue.trim() !== "") answers.push({ index: 0, text: dataValue.trim() });
  for (const a of answerColumns) {
    const t = (fields[a.column] ?? "").trim();
    if (t !== "") answers.push({ index: a.index, text: t });
  }
  return answers;
}

/**
 * One file's header → the function that checks its data records one at a time and sends each to `sink` as a
 * candidate (rows waiting for the duplicate and unit-break checks) or a reject. Pure; `run` and `bycn validate`'s
 * streaming path both go through it, so the two cannot drift. It is the DataHub's readRecords: the raw-record schema
 * can only fail on an empty key field, so zod runs on those records alone, and per-file lookups are memoised.
 */
export function beginDatahubFile(
  s: Pick<Snapshot, "file" | "vintage">,
  fileIndex: number,
  table: { header: string[]; headerLine: number },
  sink: RecordSink,
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
  const vintageOk = Observation.shape.vintage.safeParse(s.vintage).success && Observation.shape.raw_file.safeParse(s.file).success;

  // one string per code for the whole file: rows held for the sort then point at it, not at the text piece
  const codeOf = memo((raw) => own(raw.trim()));
  const kindOf = memo(seriesKind);
  const entityOf = memo2((iso, name) => resolveEntity("itu", iso.trim(), name));
  const unitAgrees = memo2(declaredUnitAgrees);
  // once-per-file issues: a code or an economy repeats on thousands of rows
  const unknownSeries = firstTime();
  const unknownEconomy = firstTime();
  const categorical = firstTime();
  const mismatched = new Set<string>();
  // per code, the economies whose constant part zod has seen (cached ResolvedEntity objects, held by reference)
  const checkedShapes = new Map<string, Set<ResolvedEntity>>();

  const reject = (dataset: string, rec: TableRecord, issue: Issue, report = true, once?: string): void => {
    if (report) sink.issue(issue, once === undefined ? undefined : `${issue.code}\u0000${once}`);
    sink.reject(rejectFor(dataset, s, rec.line, rec.raw, issue));
  };
  const field = (rec: TableRecord, i: number): string => (i < 0 ? "" : (rec.fields[i] ?? ""));
  const flagText = (rec: TableRecord, name: "dataSource" | "dataNote", text: string, iso: string): void => {
    const reason = suspiciousTextReason(text, iso);
    if (reason !== undefined) sink.issue(makeIssue("suspicious_text", at(rec.line, name), { value: text, reason }));
  };

  return (rec: TableRecord): void => {
    const seriesCode = field(rec, ix.seriesCode);
    const entityIso = field(rec, ix.entityIso);
    if (seriesCode === "" || entityIso === "") {
      const parsed = parseRecord(DatahubRecord, s.file, header, rec, DATAHUB_COLUMNS);
      if (!parsed.ok) return reject(INDICATORS, rec, parsed.issue);
    }
    const code = codeOf(seriesCode);
    const kind = kindOf(code);
    if (kind === undefined) {
      const first = unknownSeries(code);
      return reject(INDICATORS, rec, makeIssue("unknown_series", at(rec.line, "seriesCode"), { value: code }), first, code);
    }
    const dataset = kind.kind === "numeric" ? INDICATORS : POLICY;
    const iso = entityIso.trim();
    const entity = entityOf(entityIso, field(rec, ix.entityName));
    if (entity === undefined) {
      const first = unknownEconomy(iso);
      return reject(dataset, rec, makeIssue("unknown_economy", at(rec.line, "entityIso"), { value: iso }), first, iso);
    }
    const dataYear = field(rec, ix.dataYear);
    const yearText = dataYear.trim();
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1960 && year <= 2100)) return reject(dataset, rec, makeIssue("invalid_year", at(rec.line, "dataYear"), { value: dataYear }));
    const dataValue = field(rec, ix.dataValue);
    const seriesName = field(rec, ix.seriesName);

    if (kind.kind === "categorical") {
      if (categorical(code)) sink.issue(makeIssue("categorical_value", at(rec.line, "seriesCode"), { series: code }), `categorical_value\u0000${code}`);
      const answers = answersOf(dataValue, rec.fields, answerColumns);
      if (answers.length === 0) return reject(dataset, rec, makeIssue("missing_value", at(rec.line, "dataValue"), { value: dataValue }));
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
        return reject(dataset, rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(bad.error) }));
      }
      sink.candidate({ dataset: POLICY, file: fileIndex, line: rec.line, raw: rec.raw, rows });
      return;
    }

    // the declared unit is read until it disagrees once (then reported once); a series whose unit agrees is read on
    // every record, because a later record may disagree
    if (!mismatched.has(code)) {
      const seriesUnits = field(rec, ix.seriesUnits);
      if (!unitAgrees(seriesUnits, kind.unit)) {
        mismatched.add(own(code));
        sink.issue(makeIssue("unit_mismatch", at(rec.line, "seriesUnits"), { series: code, declared: seriesUnits, used: kind.unit }), `unit_mismatch\u0000${code}`);
      }
    }
    // %g text: "9.32177e+006", "101.619", "0"; the decimal separator is always "."
    const n = parseNumber(dataValue, { decimal: "." });
    if (n.kind !== "number") return reject(dataset, rec, notANumber(n, dataValue, at(rec.line, "dataValue")));
    const dataNote = field(rec, ix.dataNote);
    const dataSource = field(rec, ix.dataSource);
    // written out, not spread: V8 builds a spread literal through a slow path, on every row
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
      if (!checked.success) return reject(dataset, rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(checked.error) }));
      shapes.add(entity);
    }
    // free text stays text; a clearly foreign text is flagged, the row is still published
    if (dataSource !== "") flagText(rec, "dataSource", dataSource, iso);
    if (dataNote !== "") flagText(rec, "dataNote", dataNote, iso);
    sink.candidate({ dataset: INDICATORS, file: fileIndex, line: rec.line, raw: rec.raw, rows: [row] });
  };
}

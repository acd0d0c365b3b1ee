// normalize IDI score files (iso3, idi_<edition>…): wide → long idi-scores rows, rejects and issues (pure)
import { Observation, makeIssue } from "@bycn/core";
import type { Issue, PipelineResult, Reject, Snapshot } from "@bycn/core";
import { parseNumber, readTable } from "@bycn/ingest";
import type { RawRecord } from "@bycn/ingest";
import { rejectFor, runKeyedFiles, resolveEntity, zodDetails, type Keyed } from "@bycn/core";
import { EDITION_COLUMN, IdiRecord, IdiScores } from "./schemas.js";

const DATASET = IdiScores.name;

/**
 * The data year an edition mostly uses. Evidence: the IDI 2024 table (Wikipedia, citing ITU's IDI 2024 report)
 * heads its indicator columns "IDI 2024 Indicator values (2022)". Other editions are not asserted.
 */
const EDITION_DATA_YEAR: Readonly<Record<number, number>> = { 2024: 2022 };

export function editionNote(edition: number): string {
  const dataYear = EDITION_DATA_YEAR[edition];
  return dataYear === undefined
    ? `IDI ${edition} edition`
    : `IDI ${edition} edition; its indicator values mostly refer to ${dataYear}, not ${edition}`;
}

/** iso3 plus at least one idi_<year> column */
export function detectIdi(header: readonly string[]): boolean {
  return header.includes("iso3") && header.some((h) => EDITION_COLUMN.test(h));
}

type Candidate = Keyed<Observation>;


function readIdiFile(s: Snapshot): { candidates: Candidate[]; rejects: Reject[]; issues: Issue[]; dataRecords: number } {
  const table = readTable(s.bytes, { file: s.file });
  const issues: Issue[] = [...table.issues];
  const rejects: Reject[] = table.rejects.map((r) => ({ ...r, dataset: DATASET }));
  const candidates: Candidate[] = [];
  if (table.info === undefined) return { candidates, rejects, issues, dataRecords: table.dataRecords };
  const header = table.info.header;
  if (!detectIdi(header)) {
    const expected = "an IDI scores table (iso3, idi_<edition>…)";
    return { candidates, rejects: [], issues: [makeIssue("header_unrecognized", { file: s.file, line: table.info.headerLine }, { expected, found: header })], dataRecords: 0 };
  }
  const editions = header
    .map((h, i) => ({ year: Number(EDITION_COLUMN.exec(h)?.[1]), column: i, name: h }))
    .filter((e) => Number.isInteger(e.year));
  const isoColumn = header.indexOf("iso3");
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
    const parsed = IdiRecord.safeParse(obj);
    if (!parsed.success) {
      reject(rec, makeIssue("invalid_row", { file: s.file, line: rec.line }, { details: zodDetails(parsed.error) }));
      continue;
    }
    const iso = parsed.data.iso3.trim();
    const entity = resolveEntity("itu", iso, "");
    if (entity === undefined) {
      reject(rec, makeIssue("unknown_economy", { file: s.file, line: rec.line, field: "iso3", column: isoColumn + 1 }, { value: iso }), !seenUnknownEconomy.has(iso));
      seenUnknownEconomy.add(iso);
      continue;
    }
    // one row per non-empty edition cell; an empty cell is an edition that did not score the economy, not a reject.
    // a record scored by no edition would publish nothing: it is quarantined so every input line is accounted for
    if (editions.every((e) => (rec.fields[e.column] ?? "").trim() === "")) {
      reject(rec, makeIssue("missing_value", { file: s.file, line: rec.line }, { value: "" }, "info"), false);
      continue;
    }
    for (const e of editions) {
      const text = rec.fields[e.column] ?? "";
      if (text.trim() === "") continue;
      const at = { file: s.file, line: rec.line, field: e.name, column: e.column + 1 };
      const n = parseNumber(text, { decimal: "." });
      if (n.kind === "missing") {
        reject(rec, makeIssue("missing_value", at, { value: n.marker }));
        continue;
      }
      if (n.kind === "invalid") {
        reject(rec, makeIssue("invalid_number", at, { value: text }));
        continue;
      }
      if (n.value < 0 || n.value > 100) {
        reject(rec, makeIssue("value_out_of_range", at, { value: n.value, min: 0, max: 100 }));
        continue;
      }
      const row: Observation = {
        ...entity,
        indicator: "IDI",
        indicator_name: "ICT Development Index",
        year: e.year,
        value: n.value,
        unit: "score",
        source: "itu-idi",
        vintage: s.vintage,
        note: editionNote(e.year),
        source_text: "",
        raw_file: s.file,
        raw_line: rec.line,
      };
      const checked = Observation.safeParse(row);
      if (!checked.success) {
        reject(rec, makeIssue("invalid_row", at, { details: zodDetails(checked.error) }));
        continue;
      }
      candidates.push({ key: `entity=${entity.entity}, indicator=IDI, year=${e.year}`, snapshot: s, line: rec.line, raw: rec.raw, row });
    }
  }
  return { candidates, rejects, issues, dataRecords: table.dataRecords };
}

/**
 * All files of one snapshot folder → idi-scores. Wide → long: a data record becomes one row per non-empty edition
 * cell; a record whose economy is unknown is one reject; a bad cell is one reject for that cell.
 */
export function runIdi(snapshots: readonly Snapshot[]): PipelineResult {
  return runKeyedFiles(snapshots, IdiScores, readIdiFile);
}

/** One user file (`bycn validate FILE --kind itu-idi`). */
export function normalizeIdi(snapshot: Snapshot): PipelineResult {
  return runIdi([snapshot]);
}

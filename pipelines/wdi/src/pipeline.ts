// the WDI pipeline's wiring: each file's table found by its header, the metadata files read before the data file
// (they name aggregates and series), each kind's records through its raw-record schema, first key wins
import { byFile, compareBy, keepFirst, makeIssue } from "@bycn/core";
import type { Candidate, DatasetSpec, Issue, Pipeline, PipelineResult, Reject, Snapshot } from "@bycn/core";
import { openedFile, parseRecord, readTable, type OpenedFile, type RawRecord, type RecordSchema, type Table } from "@bycn/ingest";
import { beginCountries, beginData, beginSeries } from "./normalize.js";
import { WDI_DATA_KEY_COLUMNS, WdiCountryRecord, WdiDataRecord, WdiEconomies, WdiIndicatorRecord, WdiIndicators, WdiSeriesSpec } from "./schemas.js";
import type { WdiEconomy, WdiSeries } from "./schemas.js";

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

const SPEC: Readonly<Record<WdiFileKind, DatasetSpec>> = { data: WdiIndicators, country: WdiEconomies, indicator: WdiSeriesSpec };

interface WdiFile {
  s: Snapshot;
  index: number;
  t: Table;
  kind: WdiFileKind;
}

interface Acc {
  rejects: Reject[];
  issues: Issue[];
}

/** one kind's files, record by record through `schema`, then first key wins across them */
function readKind<R>(
  files: readonly WdiFile[],
  kind: WdiFileKind,
  schema: RecordSchema<R>,
  begin: (s: Snapshot, file: OpenedFile) => (r: R, rec: RawRecord) => void,
  names: readonly string[],
  acc: Acc,
): Record<string, unknown>[] {
  const spec = SPEC[kind];
  const candidates: Candidate[] = [];
  for (const f of files) {
    if (f.kind !== kind || f.t.info === undefined) continue;
    const file = openedFile(f.s.file, f.index, f.t.info.header, f.t.info.headerLine, spec.name, { candidates, ...acc });
    const each = begin(f.s, file);
    for (const rec of f.t.records) {
      const parsed = parseRecord(schema, f.s.file, f.t.info.header, rec);
      if (parsed.ok) each(parsed.data, rec);
      else file.reject(rec, parsed.issue);
    }
  }
  return keepFirst(candidates, spec, names, acc);
}

/**
 * All files of one WDI snapshot folder. Every data record ends as k rows (k = its non-empty year cells, minus bad
 * cells, each rejected on its own) or as one reject; every metadata record ends as a wdi-economies or wdi-series
 * row or a reject. dataRecords counts the records of all three files.
 */
export function runWdi(snapshots: readonly Snapshot[]): PipelineResult {
  const acc: Acc = { rejects: [], issues: [] };
  let dataRecords = 0;
  const sorted = [...snapshots].sort(byFile);
  const files: WdiFile[] = [];
  sorted.forEach((s, index) => {
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
      return;
    }
    const kind = wdiFileKind(t.info.header);
    if (kind === undefined) {
      acc.issues.push(makeIssue("header_unrecognized", { file: s.file, line: t.info.headerLine }, { expected: "a WDI bulk CSV", found: t.info.header }));
      return;
    }
    acc.issues.push(...t.issues);
    acc.rejects.push(...t.rejects.map((r) => ({ ...r, dataset: SPEC[kind].name })));
    dataRecords += t.dataRecords;
    files.push({ s, index, t, kind });
  });

  const names = sorted.map((s) => s.file);
  const economies = readKind(files, "country", WdiCountryRecord, beginCountries, names, acc) as WdiEconomy[];
  const series = readKind(files, "indicator", WdiIndicatorRecord, beginSeries, names, acc) as WdiSeries[];
  const meta = new Map(economies.map((e) => [e.code, e]));
  const seriesNames = new Map(series.map((x) => [x.indicator, x.indicator_name]));
  const observations = readKind(files, "data", WdiDataRecord, beginData(meta, seriesNames), names, acc);

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
export const normalizeWdi = (snapshot: Snapshot): PipelineResult => runWdi([snapshot]);

export const pipeline: Pipeline = {
  id: "wdi",
  title: "World Bank World Development Indicators",
  datasets: [WdiIndicators, WdiEconomies, WdiSeriesSpec],
  detect: detectWdi,
  run: runWdi,
};

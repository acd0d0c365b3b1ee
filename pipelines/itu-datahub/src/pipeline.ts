// the DataHub pipeline's wiring: the streaming form (record step, key order, sorted step) and the whole-file run on it
import { readFiles } from "@bycn/core";
import type { Candidate, FileRead, Issue, Pipeline, PipelineResult, RecordSink, Reject, Snapshot, StreamingPipeline } from "@bycn/core";
import { readTable } from "@bycn/ingest";
import { beginDatahubFile, detectDatahub } from "./normalize.js";
import { ItuIndicators, ItuPolicy } from "./schemas.js";
import { compareDatahub, KEY, sortedDatahub } from "./sorted.js";

const INDICATORS = ItuIndicators.name;

/** sort candidates in memory: key, then file, then line (the order an external sort on disk reproduces) */
export function sortCandidates(candidates: Candidate[], compare: (a: Candidate, b: Candidate) => number): Candidate[] {
  return candidates.sort((a, b) => compare(a, b) || a.file - b.file || a.line - b.line);
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

/** One file of a snapshot through the streaming step, gathered in memory. */
function readDatahubFile(s: Snapshot, fileIndex: number): FileRead {
  const table = readTable(s.bytes, { file: s.file });
  const dataset = (r: Reject): Reject => ({ ...r, dataset: INDICATORS });
  if (table.info === undefined) return { candidates: [], rejects: table.rejects.map(dataset), issues: table.issues, dataRecords: table.dataRecords };
  const read: FileRead = { candidates: [], rejects: [], issues: [], dataRecords: 0 };
  const own: Issue[] = [];
  const sink: RecordSink = { candidate: (c) => read.candidates.push(c), reject: (r) => read.rejects.push(r), issue: (i) => own.push(i) };
  const step = beginDatahubFile(s, fileIndex, table.info, sink);
  // a foreign header: only header_unrecognized is reported, nothing is counted
  if (step === undefined) return { candidates: [], rejects: [], issues: own, dataRecords: 0 };
  for (const rec of table.records) step(rec);
  read.issues.push(...table.issues, ...own);
  read.rejects.unshift(...table.rejects.map(dataset));
  read.dataRecords = table.dataRecords;
  return read;
}

/** All files of one snapshot folder → itu-indicators, itu-policy, rejects and issues. Order of the input does not matter. */
export function runDatahub(snapshots: readonly Snapshot[]): PipelineResult {
  const { candidates, rejects, issues, dataRecords, files } = readFiles(snapshots, readDatahubFile);
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
export const normalizeDatahub = (snapshot: Snapshot): PipelineResult => runDatahub([snapshot]);

export const pipeline: Pipeline = {
  id: "itu-datahub",
  title: "ITU DataHub CSV exports",
  datasets: [ItuIndicators, ItuPolicy],
  detect: detectDatahub,
  run: runDatahub,
  stream: streamDatahub,
};

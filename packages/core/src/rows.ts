// building blocks every pipeline step shares: entity resolution, rejects, zod details, first-wins keys, stable order
import { entityForSource, type SourceKind } from "./economies.js";
import { makeIssue, type Issue } from "./issues.js";
import type { Candidate, DatasetSpec, PipelineResult, Reject, Snapshot } from "./step.js";

export interface ResolvedEntity {
  entity: string;
  economy: string;
  entity_name: string;
  is_aggregate: boolean;
}

/** the registry's entity for a source's (code, name) under that source's rules, as Observation columns */
export function resolveEntity(source: SourceKind, code: string, name: string): ResolvedEntity | undefined {
  const e = entityForSource(source, code, name);
  if (e === undefined) return undefined;
  return e.kind === "economy"
    ? { entity: e.iso3, economy: e.iso3, entity_name: e.name, is_aggregate: false }
    : { entity: e.id, economy: "", entity_name: e.name, is_aggregate: true };
}

export function rejectFor(dataset: string, s: Pick<Snapshot, "file">, line: number, raw: string, issue: Issue): Reject {
  return { dataset, raw_file: s.file, raw_line: line, code: issue.code, message: issue.message, raw_record: raw };
}

/** zod's issues as "path: message" lines for invalid_row */
export function zodDetails(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "(record)"}: ${i.message}`);
}

/** compare rows column by column: numbers numerically, everything else by code unit (locale-free, so stable) */
export function compareBy(keys: readonly string[]): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k];
      const y = b[k];
      if (x === y) continue;
      if (typeof x === "number" && typeof y === "number") return x - y;
      return String(x) < String(y) ? -1 : 1;
    }
    return 0;
  };
}

/** items grouped by a key, groups in the order their first item came, items in theirs */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function byFile(a: Pick<Snapshot, "file">, b: Pick<Snapshot, "file">): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** a candidate's primary key as text, for duplicate_key: "entity=BLR, indicator=i99H, year=2022" */
export function keyText(row: Record<string, unknown>, primaryKey: readonly string[]): string {
  return primaryKey.map((k) => `${k}=${String(row[k])}`).join(", ");
}

/**
 * The first candidate of each key wins (files by name, then lines in order); every later one is a duplicate_key
 * reject naming the first line. `files` are the run's file names by index. Rows come back in input order: the
 * caller sorts them.
 */
export function keepFirst(
  items: readonly Candidate[],
  spec: Pick<DatasetSpec, "name" | "primaryKey">,
  files: readonly string[],
  acc: { issues: Issue[]; rejects: Reject[] },
): Record<string, unknown>[] {
  const first = new Map<string, { file: number; line: number }>();
  const rows: Record<string, unknown>[] = [];
  for (const c of items) {
    const file = files[c.file]!;
    const key = keyText(c.rows[0]!, spec.primaryKey);
    const seen = first.get(key);
    if (seen !== undefined) {
      const shown = seen.file === c.file ? key : `${key} (first in ${files[seen.file]!})`;
      const issue = makeIssue("duplicate_key", { file, line: c.line }, { key: shown, first_line: seen.line });
      acc.issues.push(issue);
      acc.rejects.push(rejectFor(spec.name, { file }, c.line, c.raw, issue));
      continue;
    }
    first.set(key, { file: c.file, line: c.line });
    rows.push(...c.rows);
  }
  return rows;
}

/** what a pipeline reads from one file: candidates on their way, plus that file's rejects, issues and record count */
export interface FileRead {
  candidates: Candidate[];
  rejects: Reject[];
  issues: Issue[];
  dataRecords: number;
}

/** Every file of one snapshot read on its own, in name order (a file's index is its place in that order), and gathered. */
export function readFiles(snapshots: readonly Snapshot[], readFile: (s: Snapshot, fileIndex: number) => FileRead): FileRead & { files: Snapshot[] } {
  const all: FileRead & { files: Snapshot[] } = { candidates: [], rejects: [], issues: [], dataRecords: 0, files: [...snapshots].sort(byFile) };
  all.files.forEach((s, fileIndex) => {
    const read = readFile(s, fileIndex);
    all.candidates.push(...read.candidates);
    all.rejects.push(...read.rejects);
    all.issues.push(...read.issues);
    all.dataRecords += read.dataRecords;
  });
  return all;
}

/** The files of one snapshot → one dataset: first key wins across files, rows sorted by the dataset's primary key. */
export function runKeyedFiles(
  snapshots: readonly Snapshot[],
  spec: DatasetSpec,
  readFile: (s: Snapshot, fileIndex: number) => FileRead,
): PipelineResult {
  const { candidates, rejects, issues, dataRecords, files } = readFiles(snapshots, readFile);
  const rows = keepFirst(
    candidates,
    spec,
    files.map((s) => s.file),
    { issues, rejects },
  );
  rows.sort(compareBy(spec.primaryKey));
  return { datasets: [{ spec, rows }], rejects, issues, dataRecords };
}

// keyed diff of two printings of one dataset: added, removed and changed rows, precision-aware, no I/O
import { samePrinted } from "./precision.js";

/** a published table as printed: its header and every row's cells as text (CSV cells, unparsed) */
export interface DiffTable {
  header: string[];
  rows: Record<string, string>[];
}

export interface DatasetDiffSpec {
  name: string;
  /** the Table Schema primaryKey; empty: rows are matched on all compared columns (a multiset diff) */
  primaryKey: string[];
  /** columns compared with the published-precision rule (Table Schema type number) */
  numeric: string[];
  /** provenance columns (raw_file, raw_line, vintage…): a row that differs only there is not changed */
  ignore: string[];
  /** columns whose values vanishing from the dataset fail the gate (economies, years) */
  entityColumns: string[];
  yearColumns: string[];
}

export interface CellChange {
  column: string;
  old: string;
  new: string;
}

export interface RowChange {
  /** key column → value */
  key: Record<string, string>;
  changes: CellChange[];
}

export interface Vanished {
  dataset: string;
  /** dataset: the whole dataset is gone; otherwise the column whose value is gone */
  column: string;
  value: string;
}

export interface DatasetSummary {
  old: number;
  new: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** rows kept as unchanged although a numeric cell moved by less than the published precision */
  belowPrecision: number;
  /** rows kept as unchanged although a provenance column moved (a new vintage of the same value) */
  provenanceOnly: number;
}

export interface DatasetDiff {
  name: string;
  key: string[];
  status: "same" | "differs" | "added" | "removed";
  summary: DatasetSummary;
  columnsAdded: string[];
  columnsRemoved: string[];
  added: Record<string, string>[];
  removed: Record<string, string>[];
  changed: RowChange[];
  vanished: Vanished[];
}

/** Diff two printings of a dataset. Keys repeated within one side are told apart by occurrence (#2, #3…). */
export function diffDatasets(old: DiffTable, next: DiffTable, spec: DatasetDiffSpec): DatasetDiff {
  const shared = old.header.filter((c) => next.header.includes(c));
  const compared = shared.filter((c) => !spec.ignore.includes(c));
  const key = spec.primaryKey.length > 0 ? spec.primaryKey : compared;
  const numeric = new Set(spec.numeric);
  const oldByKey = index(old.rows, key);
  const newByKey = index(next.rows, key);
  const added: Record<string, string>[] = [];
  const removed: Record<string, string>[] = [];
  const changed: RowChange[] = [];
  let belowPrecision = 0;
  let provenanceOnly = 0;
  for (const [k, row] of oldByKey) {
    const other = newByKey.get(k);
    if (!other) {
      removed.push(row);
      continue;
    }
    const changes: CellChange[] = [];
    let nearly = false;
    let moved = false;
    for (const c of shared) {
      const a = row[c] ?? "";
      const b = other[c] ?? "";
      if (a === b) continue;
      if (spec.ignore.includes(c)) moved = true;
      else if (numeric.has(c) && samePrinted(a, b)) nearly = true;
      else changes.push({ column: c, old: a, new: b });
    }
    if (changes.length > 0) changed.push({ key: pick(row, key), changes });
    else {
      if (nearly) belowPrecision++;
      if (moved) provenanceOnly++;
    }
  }
  for (const [k, row] of newByKey) if (!oldByKey.has(k)) added.push(row);
  const columnsAdded = next.header.filter((c) => !old.header.includes(c));
  const columnsRemoved = old.header.filter((c) => !next.header.includes(c));
  const vanished: Vanished[] = [];
  for (const column of [...spec.entityColumns, ...spec.yearColumns]) {
    if (!old.header.includes(column)) continue;
    const now = new Set(next.rows.map((r) => r[column] ?? ""));
    const gone = [...new Set(old.rows.map((r) => r[column] ?? ""))].filter((v) => v !== "" && !now.has(v)).sort(compareText);
    for (const value of gone) vanished.push({ dataset: spec.name, column, value });
  }
  const differs = added.length + removed.length + changed.length + columnsAdded.length + columnsRemoved.length > 0;
  return {
    name: spec.name,
    key,
    status: differs ? "differs" : "same",
    summary: {
      old: old.rows.length,
      new: next.rows.length,
      added: added.length,
      removed: removed.length,
      changed: changed.length,
      unchanged: oldByKey.size - removed.length - changed.length,
      belowPrecision,
      provenanceOnly,
    },
    columnsAdded,
    columnsRemoved,
    added,
    removed,
    changed,
    vanished,
  };
}

/** a dataset present on one side only */
export function oneSided(name: string, table: DiffTable, key: string[], side: "added" | "removed"): DatasetDiff {
  const empty = { old: 0, new: 0, added: 0, removed: 0, changed: 0, unchanged: 0, belowPrecision: 0, provenanceOnly: 0 };
  return {
    name,
    key,
    status: side,
    summary: side === "added" ? { ...empty, new: table.rows.length, added: table.rows.length } : { ...empty, old: table.rows.length, removed: table.rows.length },
    columnsAdded: side === "added" ? table.header : [],
    columnsRemoved: side === "removed" ? table.header : [],
    added: side === "added" ? table.rows : [],
    removed: side === "removed" ? table.rows : [],
    changed: [],
    vanished: side === "removed" ? [{ dataset: name, column: "dataset", value: name }] : [],
  };
}

export interface VerdictChange {
  id: string;
  old: string;
  new: string;
}

/** claims whose verdict changed between two claims tables (key id, column verdict) */
export function verdictChanges(old: DiffTable, next: DiffTable): VerdictChange[] {
  const now = new Map(next.rows.map((r) => [r.id ?? "", r.verdict ?? ""]));
  const out: VerdictChange[] = [];
  for (const r of old.rows) {
    const id = r.id ?? "";
    const v = now.get(id);
    if (v !== undefined && v !== (r.verdict ?? "")) out.push({ id, old: r.verdict ?? "", new: v });
  }
  return out.sort((a, b) => compareText(a.id, b.id));
}

function index(rows: Record<string, string>[], key: string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const seen = new Map<string, number>();
  for (const row of rows) {
    const k = JSON.stringify(key.map((c) => row[c] ?? ""));
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(n === 1 ? k : `${k}#${n}`, row);
  }
  return out;
}

function pick(row: Record<string, string>, key: string[]): Record<string, string> {
  return Object.fromEntries(key.map((c) => [c, row[c] ?? ""]));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

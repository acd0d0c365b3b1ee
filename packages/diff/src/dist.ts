// bycn diff OLD_DIST NEW_DIST: read both dist folders (publish's readDist, CSV tables only), then diff them purely
import path from "node:path";
import { readTable, type Delimiter } from "@bycn/ingest";
import { folderReader, readDist } from "@bycn/publish";
import { compareText, diffDatasets, oneSided, verdictChanges, type DatasetDiff, type DiffTable, type Vanished, type VerdictChange } from "./datasets.js";

/** columns that record where and when a value was read, not the value: they move with every new vintage */
export const PROVENANCE_COLUMNS = [
  "raw_file",
  "raw_line",
  "vintage",
  "evidence_file",
  "evidence_line",
  "evidence_sha256",
  "evidence_vintage",
  "claim_file",
  "claim_line",
];

export interface DiffOptions {
  /** provenance columns ignored when deciding whether a row changed (default PROVENANCE_COLUMNS) */
  ignoreColumns?: string[] | undefined;
  /** columns whose vanished values fail the gate (default ["entity"] and ["year"]) */
  entityColumns?: string[] | undefined;
  yearColumns?: string[] | undefined;
}

export interface DistDiff {
  version: 1;
  /** the two folders as given */
  old: string;
  new: string;
  /** true when no dataset differs (provenance-only and below-precision moves do not count) */
  same: boolean;
  /** every CSV table resource of either side, by name */
  datasets: DatasetDiff[];
  /** claims whose verdict changed (claims.csv, key id) */
  verdicts: VerdictChange[];
  /** economies or years (or whole datasets) present in OLD and missing from NEW: the gate */
  vanished: Vanished[];
}

/** A dist folder that cannot be read or trusted: the CLI exits 2. */
export class DiffError extends Error {
  override name = "DiffError";
}

interface Resource {
  name: string;
  path: string;
  key: string[];
  numeric: string[];
  delimiter: Delimiter;
}

/** Read two dist folders and diff every CSV table they publish (JSON twins and non-table files are skipped). */
export async function diffDists(oldDir: string, newDir: string, opts: DiffOptions = {}): Promise<DistDiff> {
  const oldDist = readFolder(oldDir);
  const newDist = readFolder(newDir);
  const [oldRes, newRes] = [oldDist.resources, newDist.resources];
  const names = [...new Set([...oldRes.keys(), ...newRes.keys()])].sort(compareText);
  const ignore = opts.ignoreColumns ?? PROVENANCE_COLUMNS;
  const datasets: DatasetDiff[] = [];
  let verdicts: VerdictChange[] = [];
  for (const name of names) {
    const o = oldRes.get(name);
    const n = newRes.get(name);
    const oldBytes = oldDist.tables.get(name);
    const newBytes = newDist.tables.get(name);
    const oldTable = o && oldBytes ? tableOf(oldDir, o, oldBytes) : undefined;
    const newTable = n && newBytes ? tableOf(newDir, n, newBytes) : undefined;
    if (o && oldTable && n && newTable) {
      const spec = {
        name,
        primaryKey: n.key.length > 0 ? n.key : o.key,
        numeric: [...new Set([...o.numeric, ...n.numeric])],
        ignore,
        entityColumns: opts.entityColumns ?? ["entity"],
        yearColumns: opts.yearColumns ?? ["year"],
      };
      datasets.push(diffDatasets(oldTable, newTable, spec));
      if (name === "claims") verdicts = verdictChanges(oldTable, newTable);
    } else if (o && oldTable) {
      datasets.push(oneSided(name, oldTable, o.key, "removed"));
    } else if (n && newTable) {
      datasets.push(oneSided(name, newTable, n.key, "added"));
    }
  }
  const vanished = datasets.flatMap((d) => d.vanished);
  return { version: 1, old: oldDir, new: newDir, same: datasets.every((d) => d.status === "same"), datasets, verdicts, vanished };
}

/** the CLI exit code for a diff: 0 same, 1 differs (a non-empty `vanished` is always a difference) */
export function diffExitCode(d: DistDiff): 0 | 1 {
  return d.same && d.vanished.length === 0 ? 0 : 1;
}

/** a CSV table resource: the only kind diff compares (JSON twins and other files are skipped) */
function isTable(o: Record<string, unknown>): boolean {
  const isCsv = o.format === "csv" || (o.format === undefined && typeof o.path === "string" && o.path.endsWith(".csv"));
  return isCsv && isRecord(o.schema);
}

/** one dist folder through publish's readDist: only its CSV tables are read, and any doubt about them is a DiffError */
function readFolder(dir: string): { resources: Map<string, Resource>; tables: Map<string, Uint8Array> } {
  const file = path.join(dir, "datapackage.json");
  // a release's files must be regular: a symlink in a downloaded folder would be followed, a FIFO or device would hang
  const refuse = (f: string, what: string): never => {
    throw new DiffError(`${f}: not a regular file (${what}), not read`);
  };
  const fromDisk = folderReader(dir, refuse);
  const read = (rel: string): Uint8Array | undefined => {
    try {
      return fromDisk(rel);
    } catch (e) {
      if (e instanceof DiffError) throw e;
      throw new DiffError(`${path.join(dir, rel)}: not readable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  const dist = readDist(read, (r) => isTable(r.descriptor));
  for (const f of dist.findings) {
    if (f.kind === "package_missing") throw new DiffError(`${file}: missing (not a dist folder?)`);
    if (f.kind === "package_invalid") throw new DiffError(`${file}: not readable JSON (${f.message})`);
    if (f.kind === "resources_invalid") throw new DiffError(`${file}: no resources array`);
    // a downloaded release is input like any other: its paths must stay inside its folder
    if (f.kind === "unsafe_path" && isTable(f.descriptor)) throw new DiffError(`${file}: resource ${f.name} has an unsafe path ${JSON.stringify(f.path)}`);
    if (f.kind === "unsafe_path" || f.kind === "size_mismatch" || !isTable(f.resource.descriptor)) continue;
    const at = path.join(dir, f.resource.path);
    if (f.kind === "missing") throw new DiffError(`${at}: listed in datapackage.json but not readable (ENOENT)`);
    if (f.kind === "hash_invalid") throw new DiffError(`${at}: datapackage.json's hash for it is not sha256:<64 hex>`);
    throw new DiffError(`${at}: sha256 ${f.actual.slice(0, 12)}… differs from datapackage.json's ${f.expected.slice(0, 12)}…`);
  }
  const resources = new Map<string, Resource>();
  const tables = new Map<string, Uint8Array>();
  for (const r of dist.resources) {
    if (r.name === "" || !isTable(r.descriptor)) continue;
    const numeric = r.fields.filter((f) => f.type === "number").map((f) => f.name);
    const d = isRecord(r.descriptor.dialect) ? r.descriptor.dialect.delimiter : undefined;
    const delimiter: Delimiter = d === ";" || d === "\t" || d === "|" ? d : ",";
    resources.set(r.name, { name: r.name, path: r.path, key: r.primaryKey, numeric, delimiter });
    const bytes = dist.files.get(r.path)?.bytes;
    if (bytes !== undefined) tables.set(r.name, bytes);
  }
  return { resources, tables };
}

function tableOf(dir: string, r: Resource, bytes: Uint8Array): DiffTable {
  const file = path.join(dir, r.path);
  if (bytes.length === 0) throw new DiffError(`${file}: empty`);
  const table = readTable(bytes, { file, encoding: "utf-8", delimiter: r.delimiter });
  const fatal = table.issues.find((i) => i.severity === "error");
  if (!table.info || fatal) throw new DiffError(`${file}: ${fatal ? fatal.message : "not a table"}${fatal?.at.line ? ` (line ${fatal.at.line})` : ""}`);
  const header = table.info.header;
  const rows = table.records.map((rec) => Object.fromEntries(header.map((h, i) => [h, rec.fields[i] ?? ""])));
  return { header, rows };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// bycn diff OLD_DIST NEW_DIST: read both datapackage.json files and their CSV tables, then diff them purely
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "@bycn/core";
import { readTable, type Delimiter } from "@bycn/ingest";
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
  /** sha256 from the resource's hash, checked against the bytes read */
  hash?: string;
}

/** Read two dist folders and diff every CSV table they publish (JSON twins and non-table files are skipped). */
export async function diffDists(oldDir: string, newDir: string, opts: DiffOptions = {}): Promise<DistDiff> {
  const [oldRes, newRes] = await Promise.all([readPackage(oldDir), readPackage(newDir)]);
  const names = [...new Set([...oldRes.keys(), ...newRes.keys()])].sort(compareText);
  const ignore = opts.ignoreColumns ?? PROVENANCE_COLUMNS;
  const datasets: DatasetDiff[] = [];
  let verdicts: VerdictChange[] = [];
  for (const name of names) {
    const o = oldRes.get(name);
    const n = newRes.get(name);
    const oldTable = o ? await readCsv(oldDir, o) : undefined;
    const newTable = n ? await readCsv(newDir, n) : undefined;
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

/** a release's files must be regular: a symlink in a downloaded folder would be followed, a FIFO or device would hang */
async function refuseIrregular(file: string): Promise<void> {
  const st = await lstat(file).catch(() => undefined);
  if (st && !st.isFile()) throw new DiffError(`${file}: not a regular file (${st.isSymbolicLink() ? "a symlink" : "a folder, device or FIFO"}), not read`);
}

async function readPackage(dir: string): Promise<Map<string, Resource>> {
  const file = path.join(dir, "datapackage.json");
  let pkg: unknown;
  await refuseIrregular(file);
  try {
    pkg = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new DiffError(`${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "missing (not a dist folder?)" : `not readable JSON (${(e as Error).message})`}`);
  }
  const resources = isRecord(pkg) && Array.isArray(pkg.resources) ? (pkg.resources as unknown[]) : undefined;
  if (!resources) throw new DiffError(`${file}: no resources array`);
  const out = new Map<string, Resource>();
  for (const r of resources) {
    if (!isRecord(r) || typeof r.name !== "string" || typeof r.path !== "string") continue;
    const isCsv = r.format === "csv" || (r.format === undefined && r.path.endsWith(".csv"));
    if (!isCsv || !isRecord(r.schema)) continue;
    // a downloaded release is input like any other: its paths must stay inside its folder
    const rel = r.path;
    if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes("..") || /^[a-z]+:/i.test(rel)) {
      throw new DiffError(`${file}: resource ${r.name} has an unsafe path ${JSON.stringify(rel)}`);
    }
    const fields = Array.isArray(r.schema.fields) ? (r.schema.fields as unknown[]).filter(isRecord) : [];
    const numeric = fields.filter((f) => f.type === "number" && typeof f.name === "string").map((f) => f.name as string);
    const pk = r.schema.primaryKey;
    const key = Array.isArray(pk) ? pk.filter((k): k is string => typeof k === "string") : typeof pk === "string" ? [pk] : [];
    const d = isRecord(r.dialect) ? r.dialect.delimiter : undefined;
    const delimiter: Delimiter = d === ";" || d === "\t" || d === "|" ? d : ",";
    out.set(r.name, { name: r.name, path: rel, key, numeric, delimiter, ...hashOf(r) });
  }
  return out;
}

function hashOf(r: Record<string, unknown>): { hash?: string } {
  return typeof r.hash === "string" && r.hash.startsWith("sha256:") ? { hash: r.hash.slice(7) } : {};
}

async function readCsv(dir: string, r: Resource): Promise<DiffTable> {
  const file = path.join(dir, r.path);
  let bytes: Uint8Array;
  await refuseIrregular(file);
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new DiffError(`${file}: listed in datapackage.json but not readable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (r.hash !== undefined) {
    const actual = sha256Hex(bytes);
    if (actual !== r.hash) throw new DiffError(`${file}: sha256 ${actual.slice(0, 12)}… differs from datapackage.json's ${r.hash.slice(0, 12)}…`);
  }
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

// the report's view of a dist/, read the way a downloader would (publish's readDist): the csv tables typed by their table schema
import { sha256Hex } from "@bycn/core";
import { readDist, type DistFinding, type DistResource } from "@bycn/publish";
import Papa from "papaparse";

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Field {
  name: string;
  type: string;
  /** closed enums are never formula-escaped in the csv (bycn:formula_escape) */
  closed: boolean;
}

export interface Resource {
  name: string;
  title: string;
  path: string;
  format: string;
  bytes: number | undefined;
  /** hex sha256 declared in datapackage.json */
  declaredSha256: string | undefined;
  fields: Field[];
  formulaEscape: boolean;
}

export interface Source {
  id: string;
  title: string;
  path: string;
  version: string;
  licence: string;
  files: { path: string; sha256: string }[];
}

export interface Table {
  resource: Resource;
  rows: Row[];
  /** sha256 of the file as read (what a downloader gets) */
  sha256: string;
  bytes: number;
}

export interface DistView {
  title: string;
  name: string;
  version: string;
  created: string;
  description: string;
  resources: Resource[];
  sources: Source[];
  /** csv table resources by name, parsed */
  tables: Map<string, Table>;
  /** other files the report looked at (json renderings, check.json): path → sha256 and size */
  files: Map<string, { sha256: string; bytes: number }>;
  check: unknown;
  /** problems met while reading; shown in the report, never thrown */
  notes: string[];
}

const decoder = new TextDecoder("utf-8");

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** how the report words what publish's reader found */
function noteOf(f: DistFinding): string | undefined {
  switch (f.kind) {
    case "unsafe_path":
      // a resource without a name or a path was never the report's to read; only a named, unsafe path is worth a note
      return typeof f.path === "string" && f.name !== "" ? `resource ${f.name}: path ${f.path} is not a relative path inside dist/` : undefined;
    case "missing":
      return `resource ${f.resource.name}: ${f.resource.path} is missing`;
    case "checksum_mismatch":
      return `resource ${f.resource.name}: ${f.resource.path} has sha256 ${f.actual}, datapackage.json declares ${f.expected}`;
    case "size_mismatch":
      return `resource ${f.resource.name}: ${f.resource.path} has ${f.actual} bytes, datapackage.json declares ${f.expected}`;
    default:
      return undefined;
  }
}

// the report noted a wrong sha256 before a wrong size; publish's reader finds them the other way round
const NOTE_ORDER: Partial<Record<DistFinding["kind"], number>> = { checksum_mismatch: 0, size_mismatch: 1 };

/** datapackage.json and every csv table it lists (through publish's readDist); a missing or unreadable file becomes a note, not an exception */
export function readDistView(read: (path: string) => Uint8Array | undefined): DistView {
  const notes: string[] = [];
  const view: DistView = { title: "", name: "", version: "", created: "", description: "", resources: [], sources: [], tables: new Map(), files: new Map(), check: undefined, notes };
  const dist = readDist(read);
  const first = dist.findings[0];
  if (first?.kind === "package_missing") {
    notes.push("datapackage.json is missing: nothing to report");
    return view;
  }
  const pkgBytes = dist.packageBytes as Uint8Array;
  view.files.set("datapackage.json", { sha256: sha256Hex(pkgBytes), bytes: pkgBytes.byteLength });
  const pkg = dist.pkg;
  if (first?.kind === "package_invalid" || pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) {
    notes.push(`datapackage.json cannot be read: ${first?.kind === "package_invalid" ? first.message : "not a JSON object"}`);
    return view;
  }
  const o = pkg as Record<string, unknown>;
  view.title = str(o.title);
  view.name = str(o.name);
  view.version = str(o.version);
  view.created = str(o.created);
  view.description = str(o.description);
  view.sources = (Array.isArray(o.sources) ? o.sources : []).map(toSource);
  view.resources = dist.resources.filter((r) => r.name !== "").map(toResource);

  const byResource = new Map<number, DistFinding[]>();
  for (const f of dist.findings) {
    const at = "resource" in f ? f.resource.index : f.kind === "unsafe_path" ? f.index : -1;
    byResource.set(at, [...(byResource.get(at) ?? []), f]);
  }
  const listed = new Map(dist.resources.map((r) => [r.index, r]));
  for (const index of [...new Set([...listed.keys(), ...byResource.keys()])].sort((a, b) => a - b)) {
    if (listed.get(index)?.name === "") continue;
    const found = byResource.get(index) ?? [];
    const ordered = [...found].sort((x, y) => (NOTE_ORDER[x.kind] ?? -1) - (NOTE_ORDER[y.kind] ?? -1));
    for (const f of ordered) {
      const note = noteOf(f);
      if (note !== undefined) notes.push(note);
    }
    const r = listed.get(index);
    if (r === undefined) continue;
    const file = dist.files.get(r.path);
    if (file === undefined) continue;
    const resource = view.resources.find((v) => v.path === r.path && v.name === r.name) as Resource;
    view.files.set(r.path, { sha256: file.sha256, bytes: file.bytes.byteLength });
    if (resource.format === "csv" && resource.fields.length > 0) {
      const { rows, problems } = parseCsv(decoder.decode(file.bytes), resource);
      for (const p of problems) notes.push(`resource ${resource.name}: ${p}`);
      view.tables.set(resource.name, { resource, rows, sha256: file.sha256, bytes: file.bytes.byteLength });
    } else if (r.path === "check.json") {
      try {
        view.check = JSON.parse(decoder.decode(file.bytes));
      } catch (e) {
        notes.push(`check.json cannot be read: ${(e as Error).message}`);
      }
    }
  }
  return view;
}

function toSource(v: unknown): Source {
  const o = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
  const files = (Array.isArray(o["bycn:files"]) ? o["bycn:files"] : []).map((f: unknown) => {
    const fo = (f && typeof f === "object" ? f : {}) as Record<string, unknown>;
    return { path: str(fo.path), sha256: str(fo.hash).replace(/^sha256:/, "") };
  });
  return { id: str(o["bycn:id"]), title: str(o.title), path: str(o.path), version: str(o.version), licence: str(o["bycn:licence"]), files };
}

function toResource(r: DistResource): Resource {
  const o = r.descriptor;
  const hash = str(o.hash);
  return {
    name: r.name,
    title: str(o.title) || r.name,
    path: r.path,
    format: r.format,
    bytes: typeof o.bytes === "number" ? o.bytes : undefined,
    declaredSha256: hash.startsWith("sha256:") ? hash.slice(7) : undefined,
    fields: r.fields,
    formulaEscape: typeof o["bycn:formula_escape"] === "string",
  };
}

/** one csv resource → typed rows; cells cast by the field types, the formula guard's apostrophe dropped from open text */
export function parseCsv(text: string, r: Pick<Resource, "fields" | "formulaEscape">): { rows: Row[]; problems: string[] } {
  const problems: string[] = [];
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  for (const e of parsed.errors.slice(0, 5)) problems.push(`csv row ${(e.row ?? 0) + 1}: ${e.message}`);
  const [header, ...records] = parsed.data;
  if (header === undefined) return { rows: [], problems };
  const byName = new Map(r.fields.map((f) => [f.name, f]));
  const rows = records.map((rec) => {
    const row: Row = {};
    header.forEach((name, i) => {
      const field = byName.get(name) ?? { name, type: "string", closed: false };
      row[name] = castCell(rec[i] ?? "", field, r.formulaEscape);
    });
    return row;
  });
  return { rows, problems };
}

export function castCell(cell: string, f: Field, formulaEscape: boolean): Cell {
  switch (f.type) {
    case "integer":
    case "number": {
      if (cell === "") return null;
      const v = Number(cell);
      return Number.isFinite(v) ? v : null;
    }
    case "boolean":
      return cell === "true" ? true : cell === "false" ? false : null;
    default:
      // bycn:formula_escape: open text cells that start with a trigger carry one extra apostrophe
      return formulaEscape && !f.closed && cell.startsWith("'") ? cell.slice(1) : cell;
  }
}

export function text(row: Row, key: string): string {
  const v = row[key];
  return v === null || v === undefined ? "" : String(v);
}

export function num(row: Row, key: string): number | undefined {
  const v = row[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

// read a dist/ the way a downloader would: datapackage.json, then the csv files its resources list, typed by their table schema
import { sha256Hex } from "@bycn/core";
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

/** datapackage.json and every csv table it lists; a missing or unreadable file becomes a note, not an exception */
export function readDist(read: (path: string) => Uint8Array | undefined): DistView {
  const notes: string[] = [];
  const view: DistView = { title: "", name: "", version: "", created: "", description: "", resources: [], sources: [], tables: new Map(), files: new Map(), check: undefined, notes };
  const pkgBytes = read("datapackage.json");
  if (pkgBytes === undefined) {
    notes.push("datapackage.json is missing: nothing to report");
    return view;
  }
  view.files.set("datapackage.json", { sha256: sha256Hex(pkgBytes), bytes: pkgBytes.byteLength });
  let pkg: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(decoder.decode(pkgBytes));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object");
    pkg = parsed as Record<string, unknown>;
  } catch (e) {
    notes.push(`datapackage.json cannot be read: ${(e as Error).message}`);
    return view;
  }
  view.title = str(pkg.title);
  view.name = str(pkg.name);
  view.version = str(pkg.version);
  view.created = str(pkg.created);
  view.description = str(pkg.description);
  view.sources = (Array.isArray(pkg.sources) ? pkg.sources : []).map(toSource);
  view.resources = (Array.isArray(pkg.resources) ? pkg.resources : []).map(toResource).filter((r): r is Resource => r !== undefined);

  for (const r of view.resources) {
    // only relative paths inside dist/: a url or an absolute path is not ours to read
    if (!isLocalPath(r.path)) {
      notes.push(`resource ${r.name}: path ${r.path} is not a relative path inside dist/`);
      continue;
    }
    const bytes = read(r.path);
    if (bytes === undefined) {
      notes.push(`resource ${r.name}: ${r.path} is missing`);
      continue;
    }
    const sha256 = sha256Hex(bytes);
    if (r.declaredSha256 !== undefined && r.declaredSha256 !== sha256) {
      notes.push(`resource ${r.name}: ${r.path} has sha256 ${sha256}, datapackage.json declares ${r.declaredSha256}`);
    }
    if (r.bytes !== undefined && r.bytes !== bytes.byteLength) {
      notes.push(`resource ${r.name}: ${r.path} has ${bytes.byteLength} bytes, datapackage.json declares ${r.bytes}`);
    }
    view.files.set(r.path, { sha256, bytes: bytes.byteLength });
    if (r.format === "csv" && r.fields.length > 0) {
      const { rows, problems } = parseCsv(decoder.decode(bytes), r);
      for (const p of problems) notes.push(`resource ${r.name}: ${p}`);
      view.tables.set(r.name, { resource: r, rows, sha256, bytes: bytes.byteLength });
    } else if (r.path === "check.json") {
      try {
        view.check = JSON.parse(decoder.decode(bytes));
      } catch (e) {
        notes.push(`check.json cannot be read: ${(e as Error).message}`);
      }
    }
  }
  return view;
}

function isLocalPath(p: string): boolean {
  return p.length > 0 && !p.startsWith("/") && !p.includes("\\") && !/^[a-z][a-z0-9+.-]*:/i.test(p) && !p.split("/").includes("..");
}

function toSource(v: unknown): Source {
  const o = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
  const files = (Array.isArray(o["bycn:files"]) ? o["bycn:files"] : []).map((f: unknown) => {
    const fo = (f && typeof f === "object" ? f : {}) as Record<string, unknown>;
    return { path: str(fo.path), sha256: str(fo.hash).replace(/^sha256:/, "") };
  });
  return { id: str(o["bycn:id"]), title: str(o.title), path: str(o.path), version: str(o.version), licence: str(o["bycn:licence"]), files };
}

function toResource(v: unknown): Resource | undefined {
  if (!v || typeof v !== "object") return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.path !== "string" || typeof o.name !== "string") return undefined;
  const schema = (o.schema && typeof o.schema === "object" ? o.schema : {}) as Record<string, unknown>;
  const fields: Field[] = (Array.isArray(schema.fields) ? schema.fields : []).flatMap((f: unknown) => {
    if (!f || typeof f !== "object") return [];
    const fo = f as Record<string, unknown>;
    const c = (fo.constraints && typeof fo.constraints === "object" ? fo.constraints : {}) as Record<string, unknown>;
    return typeof fo.name === "string" ? [{ name: fo.name, type: str(fo.type) || "string", closed: Array.isArray(c.enum) }] : [];
  });
  const hash = str(o.hash);
  return {
    name: o.name,
    title: str(o.title) || o.name,
    path: o.path,
    format: str(o.format),
    bytes: typeof o.bytes === "number" ? o.bytes : undefined,
    declaredSha256: hash.startsWith("sha256:") ? hash.slice(7) : undefined,
    fields,
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

// the one reader of a dist/ folder: datapackage.json, then the files its resources list, checked against their
// declared bytes and sha256; problems are data, each caller words them (verify as issues, report as notes, diff as errors)
import { lstatSync, readFileSync } from "node:fs";
import path from "node:path";
import { sha256Hex } from "@bycn/core";

export interface DistField {
  name: string;
  type: string;
  /** a closed enum: never formula-escaped in the csv */
  closed: boolean;
}

export interface DistResource {
  /** position in datapackage.json's resources array */
  index: number;
  name: string;
  path: string;
  format: string;
  /** the resource object as written, for the fields a caller reads itself (title, dialect, schema…) */
  descriptor: Record<string, unknown>;
  fields: DistField[];
  primaryKey: string[];
}

/** a file a resource lists, as read, with its sha256 */
export interface DistFile {
  bytes: Uint8Array;
  sha256: string;
}

export type DistFinding =
  | { kind: "package_missing" }
  | { kind: "package_invalid"; message: string }
  | { kind: "resources_invalid" }
  | { kind: "unsafe_path"; index: number; name: string; path: unknown; descriptor: Record<string, unknown> }
  | { kind: "missing"; resource: DistResource }
  | { kind: "size_mismatch"; resource: DistResource; expected: number; actual: number }
  | { kind: "hash_invalid"; resource: DistResource }
  | { kind: "checksum_mismatch"; resource: DistResource; expected: string; actual: string };

export interface DistRead {
  /** datapackage.json parsed; undefined when missing or not JSON */
  pkg: unknown;
  packageBytes: Uint8Array | undefined;
  /** resources with a name and a safe path, in order */
  resources: DistResource[];
  files: Map<string, DistFile>;
  findings: DistFinding[];
}

export type ReadRel = (rel: string) => Uint8Array | undefined;

/** a declared path must stay inside the dist folder: relative, posix, no `..`, no scheme */
export function isDistPath(p: unknown): p is string {
  return typeof p === "string" && p.length > 0 && !p.includes("\\") && !/^[a-z][a-z0-9+.-]*:/i.test(p) && p.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Read datapackage.json through `read`, then every resource `wanted` selects (all by default) that has a safe path.
 * A path that is not safe is never passed to `read`.
 */
export function readDist(read: ReadRel, wanted: (r: DistResource) => boolean = () => true): DistRead {
  const out: DistRead = { pkg: undefined, packageBytes: undefined, resources: [], files: new Map(), findings: [] };
  const bytes = read("datapackage.json");
  if (bytes === undefined) {
    out.findings.push({ kind: "package_missing" });
    return out;
  }
  out.packageBytes = bytes;
  try {
    out.pkg = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    out.findings.push({ kind: "package_invalid", message: (e as Error).message });
    return out;
  }
  const list = isRecord(out.pkg) ? out.pkg.resources : undefined;
  if (!Array.isArray(list)) {
    out.findings.push({ kind: "resources_invalid" });
    return out;
  }
  for (const [index, v] of list.entries()) {
    const o = isRecord(v) ? v : {};
    const name = typeof o.name === "string" ? o.name : "";
    if (!isDistPath(o.path)) {
      out.findings.push({ kind: "unsafe_path", index, name, path: o.path, descriptor: o });
      continue;
    }
    const resource = toResource(index, name, o.path, o);
    out.resources.push(resource);
    if (!wanted(resource)) continue;
    const got = read(resource.path);
    if (got === undefined) {
      out.findings.push({ kind: "missing", resource });
      continue;
    }
    const file = { bytes: got, sha256: sha256Hex(got) };
    out.files.set(resource.path, file);
    if (typeof o.bytes === "number" && o.bytes !== got.byteLength) out.findings.push({ kind: "size_mismatch", resource, expected: o.bytes, actual: got.byteLength });
    if (typeof o.hash === "string") {
      const m = /^sha256:([0-9a-f]{64})$/.exec(o.hash);
      if (!m?.[1]) out.findings.push({ kind: "hash_invalid", resource });
      else if (m[1] !== file.sha256) out.findings.push({ kind: "checksum_mismatch", resource, expected: m[1], actual: file.sha256 });
    }
  }
  return out;
}

function toResource(index: number, name: string, rel: string, o: Record<string, unknown>): DistResource {
  const schema = isRecord(o.schema) ? o.schema : {};
  const fields = (Array.isArray(schema.fields) ? schema.fields : []).flatMap((f: unknown): DistField[] => {
    if (!isRecord(f) || typeof f.name !== "string") return [];
    const c = isRecord(f.constraints) ? f.constraints : {};
    return [{ name: f.name, type: typeof f.type === "string" && f.type !== "" ? f.type : "string", closed: Array.isArray(c.enum) }];
  });
  const pk = schema.primaryKey;
  const primaryKey = Array.isArray(pk) ? pk.filter((k): k is string => typeof k === "string") : typeof pk === "string" ? [pk] : [];
  return { index, name, path: rel, format: typeof o.format === "string" ? o.format : "", descriptor: o, fields, primaryKey };
}

/**
 * A dist folder on disk as a ReadRel: a missing file is undefined, any other read error is thrown. With `refuse`,
 * anything but a regular file (a link, a folder, a device or FIFO) goes to it instead of being read.
 */
export function folderReader(dir: string, refuse?: (file: string, what: string) => never): ReadRel {
  return (rel) => {
    const file = path.join(dir, ...rel.split("/"));
    if (refuse) {
      const st = lstatSync(file, { throwIfNoEntry: false });
      if (st && !st.isFile()) refuse(file, st.isSymbolicLink() ? "a symlink" : "a folder, device or FIFO");
    }
    try {
      return readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
      throw e;
    }
  };
}

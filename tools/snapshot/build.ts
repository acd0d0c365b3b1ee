// pure: a real source file's bytes → the snapshot file, its .meta.json, and the raw/sources.json entries
import { SnapshotMeta, SourceManifest, sha256Hex, type SourceEntry } from "@bycn/core";
import { readTable } from "@bycn/ingest";
import type { FileSpec, SourceSpec } from "./plan.js";
import { sliceTable } from "./slice.js";

export const REGENERATE = "npm run snapshot (node --conditions=@bycn/source --import tsx tools/snapshot/main.ts --from ../shared/data/real --out raw)";

export interface BuiltFile {
  /** path relative to the output root: <source>/<date>/<name> */
  path: string;
  bytes: Uint8Array;
  meta: SnapshotMeta;
  metaBytes: Uint8Array;
  kept: number;
  total: number;
}

const encoder = new TextEncoder();

/** stable JSON: two-space indent, final newline; key order is the order the object was built in */
export function renderJson(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

function describeLayout(bytes: Uint8Array, terminators: string[], end: string): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? "UTF-8 with BOM" : "UTF-8 without BOM";
  const kinds = [...new Set(terminators.filter((t) => t !== ""))].map((t) => (t === "\r\n" ? "CRLF" : t === "\n" ? "LF" : "CR"));
  const eol = kinds.length > 0 ? `${kinds.join("/")} record ends` : "no record ends";
  const last = terminators.length > 0 && end === "" ? ", no line break after the last record as in the source" : "";
  return `${bom}, ${eol}${last}`;
}

function describeOrigin(repository: string | undefined, at: string | undefined, commit: string | undefined): string | undefined {
  if (!repository) return undefined;
  return [repository, at, commit ? `at commit ${commit}` : undefined].filter((x) => x !== undefined).join(" ");
}

export function buildFile(spec: SourceSpec, file: FileSpec, input: Uint8Array, date: string): BuiltFile {
  const table = readTable(input, file.isHeader ? { file: file.input, isHeader: file.isHeader } : { file: file.input });
  const slice = sliceTable(input, table, file.input, file.keep);
  const repository = file.repository ?? spec.repository;
  const from = file.fromText ?? describeOrigin(repository, file.repositoryPath, spec.commit) ?? file.input;
  const layout = describeLayout(slice.bytes, slice.kept.map((k) => k.terminator), slice.end);
  const derivation =
    `Kept ${slice.kept.length} of ${slice.total} records (${file.rule}) from ${from}; ` +
    `preamble, header and every kept record byte-for-byte as in the source (${layout}). ` +
    (file.note ? `Note: ${file.note}. ` : "") +
    `Retrieved ${date}: ${spec.dateReason}. Written by ${REGENERATE}.`;
  const meta = SnapshotMeta.parse({
    source: spec.source,
    file: file.name,
    title: file.title,
    publisher: spec.publisher,
    origin: {
      url: file.url,
      ...(repository ? { repository } : {}),
      ...(file.repositoryPath ? { path: file.repositoryPath } : {}),
      ...(spec.commit ? { commit: spec.commit } : {}),
    },
    licence: spec.licence,
    retrieved: date,
    format: "csv",
    encoding: "utf-8",
    sha256: sha256Hex(slice.bytes),
    bytes: slice.bytes.length,
    derivation,
  });
  return {
    path: `${spec.source}/${date}/${file.name}`,
    bytes: slice.bytes,
    meta,
    metaBytes: renderJson(meta),
    kept: slice.kept.length,
    total: slice.total,
  };
}

export function manifestEntry(spec: SourceSpec): SourceEntry {
  return {
    id: spec.source,
    title: spec.title,
    publisher: spec.publisher,
    url: spec.url,
    refresh: spec.refresh,
    licence: spec.licence,
    format: "csv",
    pipeline: spec.pipeline,
    files: spec.files.map((f) => (f.manifestUrl && f.manifestUrl !== spec.url ? { name: f.name, url: f.manifestUrl } : { name: f.name })),
  };
}

/** raw/sources.json: this tool's entries in plan order, then any other source's entries (owned elsewhere) as found */
export function buildManifest(plan: readonly SourceSpec[], existing: SourceManifest | undefined): SourceManifest {
  const mine = plan.map(manifestEntry);
  const ids = new Set(mine.map((e) => e.id));
  const others = (existing?.sources ?? []).filter((e) => !ids.has(e.id));
  // a limits block belongs to refresh: kept as it is
  return SourceManifest.parse({ version: 1, sources: [...mine, ...others], ...(existing?.limits !== undefined ? { limits: existing.limits } : {}) });
}

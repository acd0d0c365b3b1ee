// raw/ on disk: the source manifest, dated snapshot folders, their meta, and integrity (sha256 and size vs meta)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  escapeControls,
  isSnapshotFolder,
  makeIssue,
  sha256Hex,
  snapshotDate,
  sortSnapshotFolders,
  SnapshotMeta,
  SourceManifest,
  type Issue,
  type Snapshot,
  type SourceId,
} from "@bycn/core";
import { CliError } from "./output.js";
import { entryOf } from "./entries.js";

export interface RawFile {
  source: SourceId;
  vintage: string;
  /** path as published: raw/<source>/<vintage>/<name>, whatever --raw points at */
  file: string;
  abs: string;
  meta: SnapshotMeta | undefined;
}

export interface RawIndex {
  rawDir: string;
  manifest: SourceManifest;
  /** per source, vintages oldest → newest, each with its data files */
  sources: Map<SourceId, Map<string, RawFile[]>>;
  issues: Issue[];
}

/** Read raw/sources.json and list every snapshot; a missing raw dir or manifest cannot be worked around. */
export function scanRaw(rawDir: string): RawIndex {
  const manifestPath = path.join(rawDir, "sources.json");
  if (!existsSync(rawDir) || !statSync(rawDir).isDirectory()) throw new CliError(`raw folder ${escapeControls(rawDir)} does not exist`, 2);
  if (!existsSync(manifestPath)) throw new CliError(`${escapeControls(manifestPath)} is missing: raw/ needs a source manifest`, 2);
  const manifestEntry = entryOf(manifestPath, rawDir, "inside");
  if ("refused" in manifestEntry) throw new CliError(`${escapeControls(manifestPath)} is ${manifestEntry.refused}: raw/ needs a source manifest that is a regular file`, 2);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (e) {
    throw new CliError(`${escapeControls(manifestPath)}: not valid JSON (${escapeControls((e as Error).message)})`, 2);
  }
  const parsed = SourceManifest.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new CliError(`${escapeControls(manifestPath)}: invalid source manifest: ${escapeControls(details)}`, 2);
  }
  const issues: Issue[] = [];
  const sources = new Map<SourceId, Map<string, RawFile[]>>();
  for (const entry of parsed.data.sources) {
    const dir = path.join(rawDir, entry.id);
    const vintages = new Map<string, RawFile[]>();
    sources.set(entry.id, vintages);
    if (!existsSync(dir)) {
      issues.push(makeIssue("raw_missing", { file: `raw/${entry.id}` }, { path: `raw/${entry.id}` }));
      continue;
    }
    // a device, FIFO or a link out of raw/ is never read: reading one hangs, or copies what lies outside
    const refused = (abs: string, file: string): boolean => {
      const e = entryOf(abs, rawDir, "inside");
      if ("refused" in e) issues.push(makeIssue("not_regular_file", { file }, { path: file, kind: e.refused }));
      return "refused" in e;
    };
    if (refused(dir, `raw/${entry.id}`)) continue;
    const folders = readdirSync(dir).filter((d) => isSnapshotFolder(d) && !refused(path.join(dir, d), `raw/${entry.id}/${d}`) && statSync(path.join(dir, d)).isDirectory());
    for (const vintage of sortSnapshotFolders(folders)) {
      const files: RawFile[] = [];
      for (const name of readdirSync(path.join(dir, vintage)).sort()) {
        if (name.endsWith(".meta.json") || name.startsWith(".")) continue;
        const abs = path.join(dir, vintage, name);
        const file = `raw/${entry.id}/${vintage}/${name}`;
        if (refused(abs, file)) continue;
        const metaAbs = `${abs}.meta.json`;
        let meta: SnapshotMeta | undefined;
        if (existsSync(metaAbs) && refused(metaAbs, `${file}.meta.json`)) {
          // reported; the file is listed without meta and the build stops on the finding
        } else if (!existsSync(metaAbs)) {
          issues.push(makeIssue("meta_missing", { file }, { path: `${file}.meta.json` }));
        } else {
          let raw: unknown;
          try {
            raw = JSON.parse(readFileSync(metaAbs, "utf8"));
          } catch (e) {
            raw = { error: (e as Error).message };
          }
          const m = SnapshotMeta.safeParse(raw);
          if (m.success) meta = m.data;
          else
            issues.push(
              makeIssue("meta_invalid", { file: `${file}.meta.json` }, {
                path: `${file}.meta.json`,
                details: m.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
              }),
            );
        }
        files.push({ source: entry.id, vintage, file, abs, meta });
      }
      vintages.set(vintage, files);
    }
  }
  return { rawDir, manifest: parsed.data, sources, issues };
}

export function latestVintage(index: RawIndex, source: SourceId): { vintage: string; files: RawFile[] } | undefined {
  const vintages = index.sources.get(source);
  if (!vintages || vintages.size === 0) return undefined;
  const vintage = [...vintages.keys()].at(-1) as string;
  return { vintage, files: vintages.get(vintage) ?? [] };
}

/** Read snapshot files and check each against its meta: sha256 and size mismatches are findings. */
export function loadSnapshots(files: RawFile[]): { snapshots: Snapshot[]; issues: Issue[] } {
  const snapshots: Snapshot[] = [];
  const issues: Issue[] = [];
  for (const f of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(f.abs);
    } catch (e) {
      issues.push(makeIssue("raw_missing", { file: f.file }, { path: f.file }));
      void e;
      continue;
    }
    const sha256 = sha256Hex(bytes);
    if (f.meta) {
      if (f.meta.sha256 !== sha256)
        issues.push(makeIssue("checksum_mismatch", { file: f.file }, { path: f.file, expected: f.meta.sha256, actual: sha256 }));
      if (f.meta.bytes !== bytes.byteLength)
        issues.push(makeIssue("size_mismatch", { file: f.file }, { path: f.file, expected: f.meta.bytes, actual: bytes.byteLength }));
    }
    // the vintage is the retrieval date; a same-day second snapshot folder (2026-11-28.02) has the same date
    snapshots.push({ file: f.file, bytes, vintage: snapshotDate(f.vintage), sha256 });
  }
  return { snapshots, issues };
}

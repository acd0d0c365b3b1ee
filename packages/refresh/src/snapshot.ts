// dated snapshot folders: naming (pure), reading the latest, writing a new one atomically (temp dir + rename)
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { SnapshotMeta, sha256Hex } from "@bycn/core";

/**
 * Folder names: `yyyy-mm-dd` (UTC date of the run); a second snapshot on the same day is `yyyy-mm-dd.02`, then
 * `.03` … `.99`. Two digits keep plain string order equal to time order (`2026-11-28` < `2026-11-28.02` <
 * `2026-11-28.10` < `2026-11-29`), and the date part stays the data vintage.
 */
export const SNAPSHOT_FOLDER = /^(\d{4}-\d{2}-\d{2})(?:\.(\d{2}))?$/;

export const TEMP_PREFIX = ".bycn-tmp-";

/** snapshot folders among directory entries, oldest first */
export function sortSnapshotFolders(names: string[]): string[] {
  return names.filter((n) => SNAPSHOT_FOLDER.test(n)).sort();
}

/** The name for a new snapshot taken on `date`; undefined when no name would sort after every existing folder. */
export function nextSnapshotFolder(date: string, existing: string[]): string | undefined {
  const folders = sortSnapshotFolders(existing);
  const latest = folders.at(-1);
  if (latest === undefined || latest.slice(0, 10) < date) return date;
  if (latest.slice(0, 10) > date) return undefined;
  const m = SNAPSHOT_FOLDER.exec(latest);
  const next = Number(m?.[2] ?? 1) + 1;
  return next > 99 ? undefined : `${date}.${String(next).padStart(2, "0")}`;
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface PreviousFile {
  bytes: Uint8Array;
  sha256: string;
  /** valid meta whose sha256 matches the bytes; undefined otherwise */
  meta: SnapshotMeta | undefined;
}

export interface Previous {
  /** latest snapshot folder name, if any */
  folder: string | undefined;
  files: Map<string, PreviousFile>;
  /** every folder name in raw/<source>/ (for naming the next one) */
  entries: string[];
}

/** Read the latest snapshot of a source; missing or unreadable files are simply absent (they will be fetched). */
export async function readPrevious(sourceDir: string, names: string[]): Promise<Previous> {
  let entries: string[] = [];
  try {
    entries = await readdir(sourceDir);
  } catch {
    return { folder: undefined, files: new Map(), entries };
  }
  const folder = sortSnapshotFolders(entries).at(-1);
  const files = new Map<string, PreviousFile>();
  if (folder === undefined) return { folder, files, entries };
  for (const name of names) {
    const file = path.join(sourceDir, folder, name);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      continue;
    }
    const sum = sha256Hex(bytes);
    let meta: SnapshotMeta | undefined;
    try {
      const parsed = SnapshotMeta.safeParse(JSON.parse(await readFile(`${file}.meta.json`, "utf8")));
      if (parsed.success && parsed.data.sha256 === sum) meta = parsed.data;
    } catch {
      meta = undefined;
    }
    files.set(name, { bytes, sha256: sum, meta });
  }
  return { folder, files, entries };
}

export interface NewFile {
  name: string;
  bytes: Uint8Array;
  meta: SnapshotMeta;
}

/**
 * Write files and their metas into raw/<source>/.bycn-tmp-*, fsync them, then rename the folder into place.
 * Either the complete folder appears or nothing does; the temp dir is removed on any failure.
 */
export async function writeSnapshot(sourceDir: string, folder: string, files: NewFile[]): Promise<void> {
  await mkdir(sourceDir, { recursive: true });
  const tmp = path.join(sourceDir, `${TEMP_PREFIX}${randomBytes(6).toString("hex")}`);
  await mkdir(tmp);
  try {
    for (const f of files) {
      await writeDurably(path.join(tmp, f.name), f.bytes);
      await writeDurably(path.join(tmp, `${f.name}.meta.json`), Buffer.from(`${JSON.stringify(f.meta, null, 2)}\n`));
    }
    await rename(tmp, path.join(sourceDir, folder));
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  // make the rename itself durable; best effort (not every platform can fsync a directory)
  try {
    const dir = await open(sourceDir, "r");
    await dir.sync().finally(() => dir.close());
  } catch {
    // the folder is in place either way
  }
}

async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const fh = await open(file, "wx");
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** remove temp dirs left by a run that died mid-write (only called while holding the lock) */
export async function removeStaleTemps(sourceDir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(sourceDir);
  } catch {
    return [];
  }
  const stale = entries.filter((e) => e.startsWith(TEMP_PREFIX));
  for (const e of stale) await rm(path.join(sourceDir, e), { recursive: true, force: true });
  return stale;
}

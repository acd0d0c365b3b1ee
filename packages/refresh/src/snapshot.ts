// dated snapshot folders (named by core's rule): reading the latest, writing a new one atomically (temp dir + rename)
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { SnapshotMeta, sha256Hex, sortSnapshotFolders } from "@bycn/core";
import { writeFileSynced } from "@bycn/publish";

export const TEMP_PREFIX = ".bycn-tmp-";

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
      await writeFileSynced(path.join(tmp, f.name), f.bytes);
      await writeFileSynced(path.join(tmp, `${f.name}.meta.json`), Buffer.from(`${JSON.stringify(f.meta, null, 2)}\n`));
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

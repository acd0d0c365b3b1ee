// the only i/o in publish: replace dist/ as a whole, so a failed or killed build leaves the previous one usable
//
// why two renames and a recovery step: linux has renameat2(RENAME_EXCHANGE), but node exposes no atomic
// directory exchange, and rename() onto a non-empty directory fails. so the new tree is staged in a sibling
// temp dir (same filesystem, so rename is atomic), fsynced, and swapped in with
//   1. rename outDir → .<base>.old-<pid>      2. rename temp → outDir      3. rm -r old
// a crash before 1 leaves outDir untouched (plus a stale temp dir); a crash between 1 and 2 leaves no
// outDir but a complete old dir; a crash after 2 leaves the new outDir (plus a stale old dir).
// recoverDist(), run at the start of every build, puts the old dir back when outDir is missing and
// deletes stale temp/old dirs, so every crash point ends in the previous or the new dist, never a mix.
import { randomBytes } from "node:crypto";
import { lstat, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";

const TMP = "tmp";
const OLD = "old";

/** `.<basename>.tmp-<pid>-<random>` beside outDir: same filesystem, hidden, and names the process that owns it */
export function tempDirName(outDir: string, pid = process.pid): string {
  const abs = path.resolve(outDir);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.${TMP}-${pid}-${randomBytes(6).toString("hex")}`);
}

/** `.<basename>.old-<pid>`: where the previous dist waits between the two renames */
export function oldDirName(outDir: string, pid = process.pid): string {
  const abs = path.resolve(outDir);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.${OLD}-${pid}`);
}

interface Leftover {
  name: string;
  kind: typeof TMP | typeof OLD;
  pid: number;
}

function leftoversOf(base: string, entries: string[]): Leftover[] {
  const prefix = `.${base}.`;
  const out: Leftover[] = [];
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(tmp|old)-(\d+)(-[0-9a-f]+)?$/.exec(name.slice(prefix.length));
    if (!m || (m[1] === TMP) !== (m[3] !== undefined)) continue;
    out.push({ name, kind: m[1] as Leftover["kind"], pid: Number(m[2]) });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** another live process owns it (a concurrent build): leave it alone. our own pid means a leftover of this process. */
function ownedByLiveProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch (e) {
    // windows cannot open or fsync a directory; its rename is already durable enough for this purpose
    if (process.platform !== "win32") throw e;
  } finally {
    await fh?.close();
  }
}

export interface Recovery {
  /** name of the old dir put back as outDir, if outDir was missing */
  restored?: string;
  /** names of stale temp/old dirs deleted */
  removed: string[];
}

/** Undo what a killed build left beside outDir. Safe to call any time; a no-op when nothing was left. */
export async function recoverDist(outDir: string): Promise<Recovery> {
  const abs = path.resolve(outDir);
  const parent = path.dirname(abs);
  const result: Recovery = { removed: [] };
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return result;
    throw e;
  }
  const stale = leftoversOf(path.basename(abs), entries).filter((l) => !ownedByLiveProcess(l.pid));
  if (!(await exists(abs))) {
    // at most one old dir exists after any single crash; with several, the highest pid-sorted name is as good a guess as any
    const olds = stale.filter((l) => l.kind === OLD);
    const pick = olds[olds.length - 1];
    if (pick) {
      await rename(path.join(parent, pick.name), abs);
      result.restored = pick.name;
    }
  }
  for (const l of stale) {
    if (l.name === result.restored) continue;
    await rm(path.join(parent, l.name), { recursive: true, force: true });
    result.removed.push(l.name);
  }
  if (result.restored !== undefined || result.removed.length > 0) await fsyncDir(parent);
  return result;
}

function checkRelative(rel: string): string[] {
  const parts = rel.split("/");
  if (rel.length === 0 || rel.includes("\\") || rel.includes("\0") || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`dist file path ${JSON.stringify(rel)} must be a relative posix path inside the dist folder`);
  }
  return parts;
}

const WRITE_BATCH = 16;

async function writeDurable(target: string, bytes: Uint8Array): Promise<void> {
  const fh = await open(target, "wx");
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Write every file into a new sibling temp dir, fsync files and dirs, and return the temp dir. Removes it on failure. */
export async function stageDist(outDir: string, files: ReadonlyMap<string, Uint8Array>): Promise<string> {
  const abs = path.resolve(outDir);
  await mkdir(path.dirname(abs), { recursive: true });
  const temp = tempDirName(abs);
  await mkdir(temp);
  try {
    const dirs = new Set<string>([temp]);
    const targets = [...files].map(([rel, bytes]) => {
      const target = path.join(temp, ...checkRelative(rel));
      for (let d = path.dirname(target); d !== temp; d = path.dirname(d)) dirs.add(d);
      return { target, bytes };
    });
    for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
    // the site adds hundreds of small files: fsyncs issued together share the journal's commits (one at a time costs ~3 ms each)
    for (let i = 0; i < targets.length; i += WRITE_BATCH) {
      // settle the whole batch before failing, so no write is still running when the temp dir is removed
      const settled = await Promise.allSettled(targets.slice(i, i + WRITE_BATCH).map(({ target, bytes }) => writeDurable(target, bytes)));
      const failed = settled.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    }
    // deepest first, so each directory entry is durable before its parent's
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) await fsyncDir(d);
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  return temp;
}

/** Swap a staged temp dir in as outDir (the two renames), then drop the previous dist. */
export async function swapDist(outDir: string, temp: string): Promise<void> {
  const abs = path.resolve(outDir);
  const old = oldDirName(abs);
  const hadPrevious = await exists(abs);
  if (hadPrevious) await rename(abs, old);
  try {
    await rename(temp, abs);
  } catch (e) {
    if (hadPrevious) await rename(old, abs);
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  await fsyncDir(path.dirname(abs));
  if (hadPrevious) await rm(old, { recursive: true, force: true });
}

/** Replace outDir with exactly `files` (relative posix paths), atomically as seen by readers and by a crash. */
export async function writeDistAtomic(outDir: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await recoverDist(outDir);
  const temp = await stageDist(outDir, files);
  await swapDist(outDir, temp);
}

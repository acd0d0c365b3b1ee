// the only i/o in publish: replace dist/ as a whole, so a reader always finds a complete dist/, even across a kill
//
// dist is a symlink to one generation folder, `.<base>.gen/<id>/`, beside it. a write stages every file into a
// new generation, writes the marker `.bycn-dist` last (the generation is complete, and bycn's own), points a new
// symlink at it and renames that link over dist: rename(2) replaces a symlink in one step, so dist resolves to the
// old or the new generation at every moment, never to nothing. older generations are removed afterwards.
// a real dist/ folder (written by an older bycn, or a copy) is moved into the generations once; a kill in that one
// window leaves dist missing, and the next run links the newest complete generation back.
// `--out` may only name: nothing, an empty folder, bycn's own link, or a folder holding the marker (or an older
// bycn's datapackage.json and SHA256SUMS). anything else is refused before a byte is written.
import { randomBytes } from "node:crypto";
import { writeSync } from "node:fs";
import { lstat, mkdir, open, readdir, readFile, readlink, realpath, rename, rm, rmdir, symlink } from "node:fs/promises";
import path from "node:path";
import { DistRefused } from "./errors.js";
import { lockDist } from "./lock.js";
import { writeFileSynced } from "./write-file.js";

/** written last into every generation: says the folder is complete and that bycn may replace it */
export const DIST_MARKER = ".bycn-dist";
const MARKER_TEXT = "This folder was written by bycn. `bycn build` replaces it as a whole; do not keep your own files here.\n";

export interface DistNames {
  abs: string;
  parent: string;
  base: string;
  /** `.<base>.gen`: the generation folders */
  gens: string;
  /** `.<base>.lock`: one writer at a time */
  lock: string;
  /** `.<base>.link-<pid>`: the new link before it is renamed over dist */
  link: string;
}

export function distNames(outDir: string, pid = process.pid): DistNames {
  const abs = path.resolve(outDir);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  return {
    abs,
    parent,
    base,
    gens: path.join(parent, `.${base}.gen`),
    lock: path.join(parent, `.${base}.lock`),
    link: path.join(parent, `.${base}.link-${pid}`),
  };
}

/** what the link of a generation holds: a path relative to dist's parent, so the project folder can move */
const linkText = (n: DistNames, id: string): string => `.${n.base}.gen/${id}`;
const GEN_ID = /^[0-9a-z]{10}-\d+-[0-9a-f]{12}$/;

function newGenId(): string {
  // the time first, so names sort oldest → newest
  return `${Date.now().toString(36).padStart(10, "0")}-${process.pid}-${randomBytes(6).toString("hex")}`;
}

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

async function lstatOrUndefined(p: string) {
  try {
    return await lstat(p);
  } catch (e) {
    if (errno(e) === "ENOENT") return undefined;
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

/** test hook: stop this process at a named point of the swap, so a test can SIGKILL it exactly there */
function pauseAt(point: string): void {
  if (process.env.BYCN_PAUSE_AT !== point) return;
  writeSync(2, `bycn: paused at ${point}\n`);
  process.kill(process.pid, "SIGSTOP");
}

export type DistTarget =
  | { kind: "absent" }
  /** bycn's own link; gen is the generation id it points at (undefined when it points at none of ours) */
  | { kind: "link"; gen: string | undefined }
  /** a real folder bycn may replace: empty, or written by bycn */
  | { kind: "folder"; empty: boolean };

async function ownFolder(dir: string): Promise<"empty" | "own" | "foreign"> {
  const entries = await readdir(dir);
  if (entries.length === 0) return "empty";
  if (entries.includes(DIST_MARKER) && (await lstat(path.join(dir, DIST_MARKER))).isFile()) return "own";
  // a dist/ of a bycn from before the marker: its own datapackage.json names the package, beside SHA256SUMS
  if (entries.includes("SHA256SUMS") && entries.includes("datapackage.json")) {
    try {
      const pkg = JSON.parse(await readFile(path.join(dir, "datapackage.json"), "utf8")) as { name?: unknown };
      if (pkg.name === "bycn") return "own";
    } catch {
      // not json: not ours
    }
  }
  return "foreign";
}

/** the real path of p, or of its nearest existing ancestor joined with the rest */
async function realOf(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await realpath(abs);
  } catch (e) {
    if (errno(e) !== "ENOENT" || path.dirname(abs) === abs) throw e;
    return path.join(await realOf(path.dirname(abs)), path.basename(abs));
  }
}

const within = (outer: string, inner: string): boolean => {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** a path the output folder must never be or contain, and how to name it in the refusal */
export interface Protected {
  path: string;
  what: string;
}

/**
 * What is at outDir, or DistRefused when bycn must not replace it: a file, a device, a foreign symlink, a folder
 * of someone else's files, or a folder holding one of `protect` (the working directory, raw/).
 */
export async function inspectDist(outDir: string, protect: readonly Protected[] = []): Promise<DistTarget> {
  const n = distNames(outDir);
  const shown = outDir;
  const real = await realOf(n.abs);
  for (const p of protect) {
    if (within(real, await realOf(p.path))) throw new DistRefused(`refusing to write ${shown}: it is or holds ${p.what}, which bycn must not replace`);
  }
  const st = await lstatOrUndefined(n.abs);
  if (st === undefined) return { kind: "absent" };
  if (st.isSymbolicLink()) {
    const to = await readlink(n.abs);
    const prefix = `.${n.base}.gen/`;
    if (!to.startsWith(prefix)) throw new DistRefused(`refusing to write ${shown}: it is a symlink to ${to}, not one bycn made; remove it or choose another --out`);
    const id = to.slice(prefix.length);
    return { kind: "link", gen: GEN_ID.test(id) ? id : undefined };
  }
  if (!st.isDirectory()) throw new DistRefused(`refusing to write ${shown}: it is not a folder; remove it or choose another --out`);
  const own = await ownFolder(n.abs);
  if (own === "foreign") {
    throw new DistRefused(`refusing to write ${shown}: the folder holds files bycn did not write (no ${DIST_MARKER} marker); empty it or choose another --out`);
  }
  return { kind: "folder", empty: own === "empty" };
}

export interface Recovery {
  /** generation linked back as dist, when dist was missing */
  relinked?: string;
  /** an older bycn's set-aside dist put back */
  restored?: string;
  /** leftovers deleted: incomplete or superseded generations, temp links, older bycn's temp folders */
  removed: string[];
}

async function listGens(n: DistNames): Promise<string[]> {
  try {
    return (await readdir(n.gens)).sort();
  } catch (e) {
    if (errno(e) === "ENOENT") return [];
    throw e;
  }
}

async function isComplete(n: DistNames, id: string): Promise<boolean> {
  return (await lstatOrUndefined(path.join(n.gens, id, DIST_MARKER)))?.isFile() === true;
}

async function pointAt(n: DistNames, id: string): Promise<void> {
  await rm(n.link, { force: true });
  await symlink(linkText(n, id), n.link);
  pauseAt("linked");
  await rename(n.link, n.abs);
  await fsyncDir(n.parent);
}

/** leftovers of an older bycn's two-rename swap: `.<base>.tmp-<pid>-<hex>` and `.<base>.old-<pid>` */
function olderLeftovers(n: DistNames, entries: string[]): { tmp: string[]; old: string[] } {
  const prefix = `.${n.base}.`;
  const tmp: string[] = [];
  const old: string[] = [];
  for (const e of entries) {
    if (!e.startsWith(prefix)) continue;
    const rest = e.slice(prefix.length);
    if (/^tmp-\d+-[0-9a-f]+$/.test(rest)) tmp.push(e);
    else if (/^old-\d+$/.test(rest)) old.push(e);
  }
  return { tmp, old: old.sort() };
}

/** Put dist back after a killed run and delete what it left. The caller holds the lock. */
async function recoverLocked(n: DistNames): Promise<Recovery> {
  const result: Recovery = { removed: [] };
  let entries: string[];
  try {
    entries = await readdir(n.parent);
  } catch (e) {
    if (errno(e) === "ENOENT") return result;
    throw e;
  }
  const older = olderLeftovers(n, entries);
  let target = await lstatOrUndefined(n.abs);
  if (target === undefined && older.old.length > 0) {
    const pick = older.old.at(-1) as string;
    await rename(path.join(n.parent, pick), n.abs);
    result.restored = pick;
    target = await lstat(n.abs);
  }
  const gens = await listGens(n);
  // a link to a generation that is gone or incomplete reads as nothing: same as no dist at all
  if (target?.isSymbolicLink() && !(await isComplete(n, path.basename(await readlink(n.abs))))) target = undefined;
  if (target === undefined) {
    const complete: string[] = [];
    for (const id of gens) if (await isComplete(n, id)) complete.push(id);
    const newest = complete.at(-1);
    if (newest !== undefined) {
      await pointAt(n, newest);
      result.relinked = newest;
    }
  }
  const now = await lstatOrUndefined(n.abs);
  const current = now?.isSymbolicLink() ? path.basename(await readlink(n.abs)) : undefined;
  const drop = [
    ...gens.filter((id) => id !== current).map((id) => path.join(n.gens, id)),
    ...entries.filter((e) => e.startsWith(`.${n.base}.link-`)).map((e) => path.join(n.parent, e)),
    ...[...older.tmp, ...older.old.filter((o) => o !== result.restored)].map((e) => path.join(n.parent, e)),
  ];
  for (const p of drop) {
    await rm(p, { recursive: true, force: true });
    result.removed.push(path.relative(n.parent, p));
  }
  if (gens.length > 0 && current === undefined && (await listGens(n)).length === 0) await rmdir(n.gens).catch(() => undefined);
  return result;
}

function checkRelative(rel: string): string[] {
  const parts = rel.split("/");
  if (rel.length === 0 || rel.includes("\\") || rel.includes("\0") || rel === DIST_MARKER || parts.some((p) => p === "" || p === "." || p === "..")) {
    throw new Error(`dist file path ${JSON.stringify(rel)} must be a relative posix path inside the dist folder`);
  }
  return parts;
}

/** Write every file into a new generation folder, marker last, all fsynced; returns its id. Removes it on failure. */
const WRITE_BATCH = 16;

async function stage(n: DistNames, files: ReadonlyMap<string, Uint8Array>): Promise<string> {
  const id = newGenId();
  const dir = path.join(n.gens, id);
  await mkdir(n.gens, { recursive: true });
  await mkdir(dir);
  try {
    const dirs = new Set<string>([dir, n.gens]);
    const targets = [...files].map(([rel, bytes]) => {
      const target = path.join(dir, ...checkRelative(rel));
      for (let d = path.dirname(target); d !== dir; d = path.dirname(d)) dirs.add(d);
      return { target, bytes };
    });
    for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
    // the site adds hundreds of small files: fsyncs issued together share the journal's commits
    for (let i = 0; i < targets.length; i += WRITE_BATCH) {
      // settle the whole batch before failing, so no write is still running when the generation is removed
      const settled = await Promise.allSettled(targets.slice(i, i + WRITE_BATCH).map(({ target, bytes }) => writeFileSynced(target, bytes)));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    }
    // deepest first, so each directory entry is durable before its parent's; the marker after all of them
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) await fsyncDir(d);
    await writeFileSynced(path.join(dir, DIST_MARKER), MARKER_TEXT);
    await fsyncDir(dir);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    await rmdir(n.gens).catch(() => undefined);
    throw e;
  }
  return id;
}

export interface WriteResult {
  /** the generation now linked as dist */
  generation: string;
  /** superseded generations that could not be deleted (immutable files…): named so the caller can warn */
  leftovers: string[];
}

export interface DistWriter {
  readonly names: DistNames;
  /** what the last recovery did when the writer was opened */
  readonly recovery: Recovery;
  /** Replace dist with exactly `files` (relative posix paths): every reader sees the old or the new set. */
  write(files: ReadonlyMap<string, Uint8Array>): Promise<WriteResult>;
  release(): Promise<void>;
}

/**
 * Check that outDir is bycn's to replace, take its lock and recover what a killed run left. Throws DistRefused
 * (not ours, or another run holds the lock) before anything is written.
 */
export async function openDist(outDir: string, opts: { protect?: readonly Protected[] } = {}): Promise<DistWriter> {
  const n = distNames(outDir);
  await inspectDist(outDir, opts.protect);
  await mkdir(n.parent, { recursive: true });
  const release = await lockDist(n.lock, outDir);
  let recovery: Recovery;
  try {
    recovery = await recoverLocked(n);
  } catch (e) {
    await release();
    throw e;
  }
  return {
    names: n,
    recovery,
    release,
    async write(files) {
      // checked again under the lock: the folder may have changed since
      const before = await inspectDist(outDir, opts.protect);
      const id = await stage(n, files);
      pauseAt("staged");
      let moved: string | undefined;
      try {
        if (before.kind === "folder" && before.empty) {
          await rmdir(n.abs);
        } else if (before.kind === "folder") {
          // an older bycn's real folder: into the generations, where cleanup drops it once the link is in place
          // named to sort oldest, so a recovery after a kill here links the new generation, not this one
          moved = path.join(n.gens, `${"0".repeat(10)}-${process.pid}-moved`);
          await rename(n.abs, moved);
          pauseAt("moved");
        }
        await pointAt(n, id);
      } catch (e) {
        await rm(n.link, { force: true });
        if (moved !== undefined && (await lstatOrUndefined(n.abs)) === undefined) await rename(moved, n.abs);
        await rm(path.join(n.gens, id), { recursive: true, force: true });
        await rmdir(n.gens).catch(() => undefined);
        throw e;
      }
      pauseAt("swapped");
      const leftovers: string[] = [];
      for (const other of await listGens(n)) {
        if (other === id) continue;
        try {
          await rm(path.join(n.gens, other), { recursive: true, force: true });
        } catch {
          leftovers.push(path.relative(n.parent, path.join(n.gens, other)));
        }
      }
      return { generation: id, leftovers };
    },
  };
}

/** openDist, write, release: for callers with nothing to do between taking the lock and writing. */
export async function writeDistAtomic(outDir: string, files: ReadonlyMap<string, Uint8Array>, opts: { protect?: readonly Protected[] } = {}): Promise<WriteResult> {
  const w = await openDist(outDir, opts);
  try {
    return await w.write(files);
  } finally {
    await w.release();
  }
}

/** Undo what a killed run left beside outDir, under the lock. A no-op when nothing was left. */
export async function recoverDist(outDir: string): Promise<Recovery> {
  const n = distNames(outDir);
  if ((await lstatOrUndefined(n.parent)) === undefined) return { removed: [] };
  const release = await lockDist(n.lock, outDir);
  try {
    return await recoverLocked(n);
  } finally {
    await release();
  }
}

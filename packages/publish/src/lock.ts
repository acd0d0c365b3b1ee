// one writer at a time (dist/, raw/ for refresh): a lock file created with O_EXCL; a dead holder's lock is taken over
import { randomBytes } from "node:crypto";
import { open, readFile, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { DistRefused } from "./errors.js";

export interface LockHolder {
  pid: number;
  started: string;
  host: string;
  token: string;
}

/** a refusal is data: the holder when its file names one, `contended` when three takeovers in a row lost the race */
export type LockResult = { ok: true; release: () => Promise<void> } | { ok: false; holder: LockHolder | undefined; contended: boolean };

// a lock file with no readable holder (its writer died between open and write) counts as held this long
const UNREADABLE_GRACE_MS = 30_000;

/** Take the lock at `file`, or say who holds it; the caller decides how to report a refusal. */
export async function acquireLock(file: string, now: Date): Promise<LockResult> {
  const mine: LockHolder = { pid: process.pid, started: now.toISOString(), host: hostname(), token: randomBytes(8).toString("hex") };
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fh = await open(file, "wx");
      try {
        await fh.writeFile(`${JSON.stringify(mine)}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      return { ok: true, release: () => releaseLock(file, mine.token) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = await readHolder(file);
    if (holder === "gone") continue;
    if (!(await isStale(file, holder))) return { ok: false, holder, contended: false };
    // stale: remove it unless it changed meanwhile, then race for it again (O_EXCL decides who wins); two runs
    // judging the same stale lock in the same instant remain a narrow window
    const again = await readHolder(file);
    const same = holder === undefined ? again === undefined : typeof again === "object" && again.token === holder.token;
    if (same) await unlink(file).catch(() => undefined);
  }
  const holder = await readHolder(file);
  return { ok: false, holder: typeof holder === "object" ? holder : undefined, contended: true };
}

/** dist/'s lock: taken, or DistRefused naming the holder; the returned function releases it */
export async function lockDist(file: string, what: string): Promise<() => Promise<void>> {
  const lock = await acquireLock(file, new Date());
  if (lock.ok) return lock.release;
  if (lock.contended) throw new DistRefused(`${what}: could not take the lock ${file}; try again`);
  const h = lock.holder;
  const who = h ? `process ${h.pid} on ${h.host || "an unknown host"}, since ${h.started}` : "a process that left no name";
  throw new DistRefused(`${what} is being written by another bycn run (${who}; lock ${file}); try again when it ends`);
}

async function readHolder(file: string): Promise<LockHolder | undefined | "gone"> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return "gone";
  }
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === "number") {
      return { pid: v.pid, started: String(v.started ?? ""), host: typeof v.host === "string" ? v.host : "", token: typeof v.token === "string" ? v.token : "" };
    }
  } catch {
    // damaged or still being written
  }
  return undefined;
}

async function isStale(file: string, holder: LockHolder | undefined): Promise<boolean> {
  if (holder === undefined) {
    const s = await stat(file).catch(() => undefined);
    return s !== undefined && Date.now() - s.mtimeMs > UNREADABLE_GRACE_MS;
  }
  // a pid on another machine (a shared folder) cannot be checked: treat it as alive
  if (holder.host !== "" && holder.host !== hostname()) return false;
  return !pidAlive(holder.pid);
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function releaseLock(file: string, token: string): Promise<void> {
  const holder = await readHolder(file);
  if (typeof holder === "object" && holder.token === token) await unlink(file).catch(() => undefined);
}

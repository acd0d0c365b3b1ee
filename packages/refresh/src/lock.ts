// raw/.refresh.lock: one refresh at a time; created with O_EXCL, a lock left by a dead process is taken over
import { randomBytes } from "node:crypto";
import { open, readFile, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";

export interface LockHolder {
  pid: number;
  started: string;
  host: string;
  token: string;
}

export type LockResult = { ok: true; release: () => Promise<void> } | { ok: false; holder: LockHolder };

// a lock file that never got its content (the writer died between open and write) is stale after this long
const EMPTY_LOCK_GRACE_MS = 60_000;

/** Take the lock; a held lock is returned as data (the caller reports it), never thrown. */
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
    if (holder !== undefined && !(await isStale(file, holder))) return { ok: false, holder };
    if (holder === undefined && !(await isStale(file, undefined))) {
      return { ok: false, holder: { pid: 0, started: "unknown (lock file is empty or damaged)", host: "", token: "" } };
    }
    // stale: remove it unless it changed meanwhile, then race for it again (O_EXCL decides who wins); two runs
    // judging the same stale lock in the same instant remain a narrow window
    const again = await readHolder(file);
    const same = holder === undefined ? again === undefined : typeof again === "object" && again.token === holder.token;
    if (same) await unlink(file).catch(() => undefined);
  }
  const holder = await readHolder(file);
  return { ok: false, holder: typeof holder === "object" ? holder : { pid: 0, started: "unknown", host: "", token: "" } };
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
    if (typeof v.pid === "number" && typeof v.started === "string") {
      return { pid: v.pid, started: v.started, host: typeof v.host === "string" ? v.host : "", token: typeof v.token === "string" ? v.token : "" };
    }
  } catch {
    // damaged or still being written
  }
  return undefined;
}

async function isStale(file: string, holder: LockHolder | undefined): Promise<boolean> {
  if (holder === undefined) {
    const s = await stat(file).catch(() => undefined);
    return s !== undefined && Date.now() - s.mtimeMs > EMPTY_LOCK_GRACE_MS;
  }
  // a pid on another machine cannot be checked: treat it as alive
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

// one writer per dist/ at a time: a lock file beside it, created with O_EXCL; a dead holder's lock is taken over
import { open, readFile, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { DistRefused } from "./errors.js";

interface Holder {
  pid: number;
  host: string;
  started: string;
}

// a lock file with no readable holder (its writer died between open and write) counts as held this long
const UNREADABLE_GRACE_MS = 30_000;

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function holderOf(file: string): Promise<Holder | undefined | "gone"> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw e;
  }
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === "number") return { pid: h.pid, host: String(h.host ?? ""), started: String(h.started ?? "") };
  } catch {
    // still being written, or damaged
  }
  return undefined;
}

async function stale(file: string, holder: Holder | undefined): Promise<boolean> {
  if (holder === undefined) {
    const s = await stat(file).catch(() => undefined);
    return s !== undefined && Date.now() - s.mtimeMs > UNREADABLE_GRACE_MS;
  }
  // a pid of another machine (a shared folder) cannot be checked: it is held
  return holder.host === hostname() && !alive(holder.pid);
}

/** Take the lock or throw DistRefused naming the holder; the returned function releases it. */
export async function lockDist(file: string, what: string): Promise<() => Promise<void>> {
  const mine: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, "wx");
      try {
        await fh.writeFile(`${JSON.stringify(mine)}\n`);
      } finally {
        await fh.close();
      }
      return async () => {
        const h = await holderOf(file).catch(() => undefined);
        if (typeof h === "object" && h.pid === mine.pid && h.started === mine.started) await unlink(file).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = await holderOf(file);
    if (holder === "gone") continue;
    if (!(await stale(file, holder))) {
      const who = holder ? `process ${holder.pid} on ${holder.host || "an unknown host"}, since ${holder.started}` : "a process that left no name";
      throw new DistRefused(`${what} is being written by another bycn run (${who}; lock ${file}); try again when it ends`);
    }
    await unlink(file).catch(() => undefined);
  }
  throw new DistRefused(`${what}: could not take the lock ${file}; try again`);
}

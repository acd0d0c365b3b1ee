// one file replaced atomically (a release archive, a snapshot, the changelog), and one new file made durable
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";

/** one file written through a temp file in its folder, then renamed: readers see the old file or the new, never half */
export function writeFileAtomic(file: string, bytes: Uint8Array | string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.bycn-tmp-${process.pid}-${path.basename(file)}`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** a new file (never an existing one: O_EXCL) written and fsynced before it is closed, for a folder renamed into place */
export async function writeFileSynced(file: string, bytes: Uint8Array | string): Promise<void> {
  const fh = await open(file, "wx");
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

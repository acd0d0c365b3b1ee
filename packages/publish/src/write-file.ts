// one file replaced atomically (a release archive, a snapshot, the changelog), apart from dist/'s generations
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

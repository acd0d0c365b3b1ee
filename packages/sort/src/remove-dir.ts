// temp folders of a run
import { rmSync } from "node:fs";

/** remove a temp folder and everything in it; never throws (it runs in finally blocks) */
export function removeDir(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // a temp folder left behind is not worth failing a finished run
  }
}

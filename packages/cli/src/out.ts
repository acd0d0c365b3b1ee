// the folder a command publishes into (build --out, report --dist): bycn's own or refused, locked, errors as exit 2
import path from "node:path";
import { escapeControls } from "@bycn/core";
import { DistRefused, openDist, type DistWriter, type WriteResult } from "@bycn/publish";
import { CliError, type Io } from "./output.js";

export interface OutWriter {
  write(files: ReadonlyMap<string, Uint8Array>): Promise<WriteResult>;
  release(): Promise<void>;
}

/** a refusal or a filesystem error (read-only, immutable, full disk) is "could not run": one line, exit 2 */
function asCliError(e: unknown, outDir: string): unknown {
  if (e instanceof DistRefused) return new CliError(escapeControls(e.message), 2);
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === "string" && typeof err.syscall === "string") return new CliError(`cannot write ${escapeControls(outDir)}: ${escapeControls(err.message)}`, 2);
  return e;
}

/** Open outDir for writing: never the working directory, raw/ or a folder inside raw/, nor anything bycn did not write. */
export async function openOut(outDir: string, rawDir: string | undefined, io: Io): Promise<OutWriter> {
  if (rawDir !== undefined) {
    const rel = path.relative(path.resolve(rawDir), path.resolve(outDir));
    if (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))) throw new CliError(`refusing to write ${escapeControls(outDir)}: it is inside the raw folder ${escapeControls(rawDir)}`, 2);
  }
  let dist: DistWriter;
  try {
    const protect = [{ path: process.cwd(), what: "the working directory" }];
    if (rawDir !== undefined) protect.push({ path: rawDir, what: `the raw folder ${rawDir}` });
    dist = await openDist(outDir, { protect });
  } catch (e) {
    throw asCliError(e, outDir);
  }
  return {
    async write(files) {
      try {
        const r = await dist.write(files);
        for (const l of r.leftovers) io.err(`bycn: warning: could not remove the previous output ${l}; the next run tries again`);
        return r;
      } catch (e) {
        throw asCliError(e, outDir);
      }
    },
    release: () => dist.release(),
  };
}

// bycn validate run in-process into a fresh out folder, with what it printed and every file it wrote
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validateToIo, type ValidateRunOptions } from "../src/validate-run.js";
import type { Io } from "../src/output.js";
import { tempDir } from "./_cli.js";

export interface ValidateRun {
  status: number;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
}

/** validate in-process into a fresh out dir; every written file read back */
export async function validateInProcess(file: string, opts: Partial<ValidateRunOptions> = {}): Promise<ValidateRun> {
  const out = tempDir("bycn-stream-out-");
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (s) => void (stdout += s.endsWith("\n") ? s : `${s}\n`),
    err: (s) => void (stderr += s.endsWith("\n") ? s : `${s}\n`),
    progress: () => {},
    color: false,
  };
  const status = await validateToIo({ file, kind: "auto", out, format: "json", ...opts }, io);
  const files: Record<string, string> = {};
  for (const name of readdirSync(out).sort()) files[name] = readFileSync(path.join(out, name), "utf8");
  return { status, stdout, stderr, files };
}

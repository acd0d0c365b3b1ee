// validateFile: the one entry of the engine; it picks the path (ranged, streamed, whole file) and answers with data
import { closeSync, mkdirSync, mkdtempSync, openSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { removeDir } from "@bycn/sort";
import { validateIsolated } from "./isolated.js";
import { cannotRead, type ValidateOptions, type ValidateOutcome } from "./options.js";
import { loadPipelines, type Pipelines } from "./pipelines.js";
import { rangedFile } from "./ranged/ranged-file.js";
import { streamFile } from "./stream.js";
import { wholeFile, type Found } from "./whole.js";

/** compiled (lib/): the one-thread path runs in a capped worker; from source (tsx, the tests) in this thread */
const COMPILED = !import.meta.url.endsWith(".ts");

/**
 * Validate one file: datasets and rejects.csv written to `out`, counts and issues returned. A big file of a kind
 * with a streaming form is read in ranges on several threads; otherwise a kind with a streaming form is streamed and
 * any other is read whole. Every path writes the same bytes and returns the same outcome. Throws ValidateError when
 * the file cannot be read at all; the temp folder is the caller's to dispose() of, the issues read first.
 */
export async function validateFile(o: ValidateOptions): Promise<ValidateOutcome> {
  return validateHere(o, COMPILED);
}

/** `isolate`: the one-thread path in a capped worker (what the worker itself runs with false) */
export async function validateHere(o: ValidateOptions, isolate: boolean): Promise<ValidateOutcome> {
  const vintage = vintageOf(o);
  if (o.out !== undefined) mkdirSync(o.out, { recursive: true });
  const tmp = mkdtempSync(path.join(o.tmp ?? tmpdir(), "bycn-validate-"));
  try {
    const pipelines = await loadPipelines(o);
    const ranged = o.streaming === false ? undefined : await rangedFile(o, pipelines, vintage, tmp);
    const found = ranged ?? (isolate ? await validateIsolated(o, tmp) : oneThread(o, pipelines, vintage, tmp));
    return { ...found, dispose: () => removeDir(tmp) };
  } catch (e) {
    removeDir(tmp);
    throw e;
  }
}

/** the file's date, the vintage its rows carry; a file that is not there or is a folder cannot be validated */
function vintageOf(o: ValidateOptions): string {
  try {
    const st = statSync(o.source ?? o.file);
    if (st.isDirectory()) throw new Error("it is a directory");
    return st.mtime.toISOString().slice(0, 10);
  } catch (e) {
    throw cannotRead(o.file, e);
  }
}

/** streamed, or read whole when the kind has no streaming form: the file opened once for both */
function oneThread(o: ValidateOptions, pipelines: Pipelines, vintage: string, tmp: string): Found {
  let fd: number;
  try {
    fd = openSync(o.source ?? o.file, "r");
  } catch (e) {
    throw cannotRead(o.file, e);
  }
  try {
    return (o.streaming === false ? undefined : streamFile(o, pipelines, vintage, tmp, fd)) ?? wholeFile(o, pipelines, vintage, fd);
  } finally {
    closeSync(fd);
  }
}

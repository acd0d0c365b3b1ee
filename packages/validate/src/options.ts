// what validateFile is asked and what it answers: options in, an outcome as data out (no text, no exit codes)
import { escapeControls, type Issue, type Pipeline, type SourceId } from "@bycn/core";

export interface ValidateOptions {
  /** the file as named in issues and messages */
  file: string;
  /** the path read, when it is not `file` (a spooled copy of standard input or a pipe) */
  source?: string | undefined;
  /** the pipeline to run; undefined: the first kind of `detect` whose pipeline knows the header */
  kind?: SourceId | undefined;
  /** kinds tried in order when `kind` is not given */
  detect: readonly SourceId[];
  /** the module each pipeline is imported from (its `pipeline` export): a worker thread loads only what it needs */
  modules: Readonly<Partial<Record<SourceId, string>>>;
  /** pipelines already loaded in this thread; any other kind of `modules` is imported when needed */
  pipelines?: Readonly<Partial<Record<SourceId, Pipeline>>> | undefined;
  /** folder the datasets and rejects.csv are written to; none: counts and issues only */
  out?: string | undefined;
  /** candidates, rejects or issues held in memory before a sorted run goes to disk (default 50,000) */
  runItems?: number | undefined;
  /** parent of the run's temp folder (default the system's); the folder goes with dispose(), or at once on error */
  tmp?: string | undefined;
  /** false: read the whole file and call pipeline.run, the path every kind without a streaming form takes */
  streaming?: boolean | undefined;
  /** threads that read and merge a big file's ranges (default: the machine's cores); 1 keeps to one thread */
  threads?: number | undefined;
  /** with threads > 1: run the ranges' tasks one after another in this thread (same cuts and bytes; for tests) */
  inline?: boolean | undefined;
  /** the smallest file read in ranges (default PARALLEL_MIN_BYTES) */
  parallelMinBytes?: number | undefined;
}

/** what any path leaves: counts, and the issues in file order (streamed from disk when many) */
export interface ValidateOutcome {
  kind: SourceId | undefined;
  encoding: string | null;
  dataRecords: number;
  datasets: { name: string; rows: number }[];
  rejects: number;
  /** read once, before dispose() */
  issues: Iterable<Issue>;
  /** nothing of the file could be published (binary, undetermined encoding, invalid utf-8, unreadable) */
  fatal: boolean;
  /** removes the run's temp folder (the issues' run files among it) */
  dispose(): void;
}

/** the file cannot be validated at all (missing, a folder, unreadable): nothing was written */
export class ValidateError extends Error {
  override name = "ValidateError";
}

/** "cannot read FILE: reason", the reason without its errno prefix */
export function cannotRead(file: string, e: unknown): ValidateError {
  return new ValidateError(`cannot read ${escapeControls(file)}: ${escapeControls((e as Error).message.replace(/^[A-Z]+: /, ""))}`);
}

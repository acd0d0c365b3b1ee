// the ranged path's entry: is this a big file of a kind with a streaming form, and if so, its run on several threads
import { closeSync, fstatSync, openSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { SourceId } from "@bycn/core";
import { splittable, type TableInfo } from "@bycn/ingest";
import type { ValidateOptions } from "../options.js";
import { kindOf, type Pipelines } from "../pipelines.js";
import type { Found } from "../whole.js";
import { validateInRanges } from "./coordinator.js";
import { inlineRunner, workerRunner, type Runner } from "./pool.js";
import { PARALLEL_MIN_BYTES, rangesOf, sniffHead, type Range } from "./ranges.js";

/** from source (tsx, the tests) a worker could not load the TypeScript: the tasks run in this thread */
const FROM_SOURCE = import.meta.url.endsWith(".ts");

/**
 * A big file of a kind with a streaming form, read in ranges on several threads; undefined when it cannot be (small
 * file, one thread, utf-16, a header that is not the kind's, a cut that did not hold). The file is opened once here,
 * for its head and its cuts; each range's task opens it for itself.
 */
export async function rangedFile(o: ValidateOptions, pipelines: Pipelines, vintage: string, tmp: string): Promise<Found | undefined> {
  const threads = o.threads ?? availableParallelism();
  // a spooled pipe is read on one thread: the ranges would name the temp copy
  if (threads < 2 || o.source !== undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(o.file, "r");
  } catch {
    return undefined; // the one-thread path words the error
  }
  let plan: { info: TableInfo; kind: SourceId; ranges: Range[] } | undefined;
  let runner: Runner | undefined;
  const minBytes = o.parallelMinBytes ?? PARALLEL_MIN_BYTES;
  try {
    if (fstatSync(fd).size < minBytes) return undefined;
    const info = sniffHead(fd, o.file);
    if (info === undefined) return undefined;
    const kind = kindOf(o, pipelines, info.header);
    const pipeline = kind === undefined ? undefined : pipelines[kind];
    if (pipeline?.stream === undefined || !pipeline.detect(info.header)) return undefined;
    if (!splittable(info.encoding, info.lineBreak)) return undefined;
    // the workers start while the file is cut: the cut reads up to the last cut to count lines, as long as a
    // worker takes to load its modules
    runner = o.inline === true || FROM_SOURCE ? inlineRunner(pipeline) : workerRunner(threads);
    const ranges = rangesOf(fd, info, threads, minBytes);
    if (ranges !== undefined) plan = { info, kind: kind!, ranges };
  } finally {
    closeSync(fd);
    if (plan === undefined) await runner?.close();
  }
  if (plan === undefined) return undefined;
  const { kind } = plan;
  const r = await validateInRanges({
    file: o.file,
    kind,
    module: o.modules[kind]!,
    pipeline: pipelines[kind]!,
    ranges: plan.ranges,
    vintage,
    tmp,
    out: o.out,
    threads,
    runner: runner!,
    runItems: o.runItems,
  });
  if (r === undefined) return undefined;
  return { kind, encoding: plan.info.encoding, ...r, fatal: false };
}

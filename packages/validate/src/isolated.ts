// the one-thread path of the compiled CLI, run in a worker thread with a capped heap; its issues come back on disk
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Issue } from "@bycn/core";
import { mergeRuns } from "@bycn/sort";
import { ValidateError, type ValidateOptions } from "./options.js";
import { WORKER_ENTRY } from "./ranged/pool.js";
import type { Found } from "./whole.js";

/**
 * V8 lets a busy heap fill with garbage long before it collects; in a worker with a capped heap it collects instead
 * and the peak stays flat whatever the file's size (bench/README.md has the measurements).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

/** what the worker is given: the options without loaded pipelines (functions do not cross threads) */
export interface IsolatedJob {
  options: Omit<ValidateOptions, "pipelines">;
  /** where the worker writes the issues, in order, as one run file */
  issuesFile: string;
}

/** what the worker answers: the outcome's counts and the issues file's size, or why it could not run */
export type IsolatedReply =
  | { found: Omit<Found, "issues">; issueBytes: number }
  | { refused: string }
  | { crash: string };

/** validateFile's one-thread path in a capped worker; `tmp` is the caller's temp folder, which the issues land in */
export async function validateIsolated(o: ValidateOptions, tmp: string): Promise<Found> {
  const { pipelines: _loaded, ...options } = o;
  const job: IsolatedJob = { options: { ...options, threads: 1 }, issuesFile: path.join(tmp, "isolated-issues.run") };
  const worker = new Worker(WORKER_ENTRY, { workerData: { bycnValidate: job }, resourceLimits: WORKER_HEAP });
  const reply = await new Promise<IsolatedReply>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`validate worker stopped with code ${code}`)));
  });
  if ("refused" in reply) throw new ValidateError(reply.refused);
  if ("crash" in reply) throw new Error(reply.crash);
  const issues: Iterable<Issue> = mergeRuns<Issue>([{ file: job.issuesFile, start: 0, end: reply.issueBytes }], { compare: () => 0, dir: tmp, name: "isolated" });
  return { ...reply.found, issues };
}

// where tasks run: on a pool of worker threads (compiled lib/), or one after another in this thread (from source)
import { Worker } from "node:worker_threads";
import type { Pipeline } from "@bycn/core";
import { runTask, type Task } from "./tasks.js";

/**
 * Each worker's heap: V8 lets garbage pile up to the limit before it collects, so the cap is what keeps peak memory
 * flat; a young generation of 16 MB lets a row's short-lived objects die in fewer scavenges, paid for with a smaller
 * old generation (bench/README.md has the measurements).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 16 };

/** the compiled worker entry beside this module's compiled form */
export const WORKER_ENTRY = new URL("../worker.js", import.meta.url);

export interface Runner {
  run<R>(task: Task): Promise<R>;
  close(): Promise<void>;
}

/** the tasks in this thread, with the pipeline already loaded here */
export function inlineRunner(pipeline: Pipeline): Runner {
  return {
    run: async <R>(task: Task) => (await runTask(task, pipeline)) as R,
    close: async () => {},
  };
}

/** `threads` workers, each taking the next task when it is free */
export function workerRunner(threads: number): Runner {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  for (let i = 0; i < threads; i++) {
    const w = new Worker(WORKER_ENTRY, { workerData: { bycnTask: true }, resourceLimits: WORKER_HEAP });
    // a worker waiting for tasks must not keep the process alive once the run is over
    w.unref();
    all.push(w);
    idle.push(w);
  }
  const acquire = (): Promise<Worker> => {
    const w = idle.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (w: Worker): void => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  return {
    async run<R>(task: Task): Promise<R> {
      const w = await acquire();
      try {
        return await new Promise<R>((resolve, reject) => {
          const onMessage = (m: { result?: R; error?: string }): void => {
            cleanup();
            if (m.error !== undefined) reject(new Error(m.error));
            else resolve(m.result!);
          };
          const onError = (e: Error): void => {
            cleanup();
            reject(e);
          };
          const onExit = (code: number): void => {
            cleanup();
            reject(new Error(`validate worker stopped with code ${code}`));
          };
          const cleanup = (): void => {
            w.off("message", onMessage);
            w.off("error", onError);
            w.off("exit", onExit);
          };
          w.on("message", onMessage);
          w.on("error", onError);
          w.on("exit", onExit);
          w.postMessage(task);
        });
      } finally {
        release(w);
      }
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

// the worker thread entry (compiled lib/ only): range tasks for the pool, or one isolated validateFile
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { ByteSink } from "@bycn/sort";
import type { IsolatedJob, IsolatedReply } from "./isolated.js";
import { ValidateError } from "./options.js";
import { runTask, type Task } from "./ranged/tasks.js";
import { validateHere } from "./validate-file.js";

/** the isolated one-thread run: counts posted back, issues written in order to the job's run file */
async function isolated(job: IsolatedJob): Promise<IsolatedReply> {
  const outcome = await validateHere(job.options, false);
  try {
    const sink = new ByteSink(job.issuesFile);
    for (const i of outcome.issues) sink.writeItem(JSON.stringify(i));
    const { issues: _issues, dispose: _dispose, ...found } = outcome;
    return { found, issueBytes: sink.close() };
  } finally {
    outcome.dispose();
  }
}

if (!isMainThread) {
  const data = workerData as { bycnTask?: boolean; bycnValidate?: IsolatedJob } | null;
  const port = parentPort!;
  if (data?.bycnTask) {
    port.on("message", (task: Task) => {
      runTask(task).then(
        (result) => port.postMessage({ result }),
        (e: unknown) => port.postMessage({ error: (e as Error).stack ?? String(e) }),
      );
    });
  } else if (data?.bycnValidate) {
    isolated(data.bycnValidate).then(
      (reply) => port.postMessage(reply),
      (e: unknown) => port.postMessage(e instanceof ValidateError ? { refused: e.message } : { crash: (e as Error).stack ?? String(e) }),
    );
  }
}

// the pipelines a run may need: those the caller loaded, the others imported by module name (in a worker thread too)
import type { Pipeline, SourceId } from "@bycn/core";
import type { ValidateOptions } from "./options.js";

export type Pipelines = Partial<Record<SourceId, Pipeline>>;

/** one pipeline, imported from its module (what a worker thread does: functions do not cross threads) */
export async function importPipeline(module: string): Promise<Pipeline> {
  return ((await import(module)) as { pipeline: Pipeline }).pipeline;
}

/** every pipeline of `modules`, the loaded ones as they are */
export async function loadPipelines(o: Pick<ValidateOptions, "modules" | "pipelines">): Promise<Pipelines> {
  const out: Pipelines = {};
  for (const [id, module] of Object.entries(o.modules) as [SourceId, string][]) {
    out[id] = o.pipelines?.[id] ?? (await importPipeline(module));
  }
  return out;
}

/** the forced kind, or the first of `detect` whose pipeline knows the header */
export function kindOf(o: Pick<ValidateOptions, "kind" | "detect">, pipelines: Pipelines, header: string[] | undefined): SourceId | undefined {
  if (o.kind !== undefined) return o.kind;
  if (header === undefined) return undefined;
  return o.detect.find((id) => pipelines[id]?.detect(header));
}

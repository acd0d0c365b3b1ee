// each pipeline loaded on demand: a validate worker thread loads only the one its file needs (~7 MB less per thread
// than the whole registry in pipelines.ts)
import type { Pipeline, SourceId } from "@bycn/core";

const LOADERS: Record<SourceId, () => Promise<{ pipeline: Pipeline }>> = {
  "itu-datahub": () => import("@bycn/pipeline-itu-datahub"),
  "itu-idi": () => import("@bycn/pipeline-itu-idi"),
  "itu-price-baskets": () => import("@bycn/pipeline-itu-price-baskets"),
  wdi: () => import("@bycn/pipeline-wdi"),
  owid: () => import("@bycn/pipeline-owid"),
  belta: () => import("@bycn/pipeline-great-stone"),
  article: () => import("@bycn/pipeline-article"),
};

export async function loadPipeline(id: SourceId): Promise<Pipeline> {
  return (await LOADERS[id]()).pipeline;
}

// the module each pipeline is imported from: a validate worker thread loads only the one its file needs (a few MB
// less per thread than the whole registry in pipelines.ts)
import type { SourceId } from "@bycn/core";

export const PIPELINE_MODULES: Record<SourceId, string> = {
  "itu-datahub": "@bycn/pipeline-itu-datahub",
  "itu-idi": "@bycn/pipeline-itu-idi",
  "itu-price-baskets": "@bycn/pipeline-itu-price-baskets",
  wdi: "@bycn/pipeline-wdi",
  owid: "@bycn/pipeline-owid",
  belta: "@bycn/pipeline-great-stone",
  article: "@bycn/pipeline-article",
};

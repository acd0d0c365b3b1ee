// every pipeline bycn knows, by source id; `validate --kind` names are the same ids
import type { Pipeline, SourceId } from "@bycn/core";
import { pipeline as ituDatahub } from "@bycn/pipeline-itu-datahub";
import { pipeline as ituIdi } from "@bycn/pipeline-itu-idi";
import { pipeline as ituPriceBaskets } from "@bycn/pipeline-itu-price-baskets";
import { pipeline as wdi } from "@bycn/pipeline-wdi";
import { pipeline as owid } from "@bycn/pipeline-owid";
import { pipeline as greatStone } from "@bycn/pipeline-great-stone";
import { pipeline as article } from "@bycn/pipeline-article";

export const PIPELINES: Record<SourceId, Pipeline> = {
  "itu-datahub": ituDatahub,
  "itu-idi": ituIdi,
  "itu-price-baskets": ituPriceBaskets,
  wdi,
  owid,
  belta: greatStone,
  article,
};

/** `validate --kind` accepts source ids and the pipeline folder names users know (great-stone) */
export const KIND_ALIASES: Record<string, SourceId> = {
  "itu-datahub": "itu-datahub",
  "itu-idi": "itu-idi",
  "itu-price-baskets": "itu-price-baskets",
  wdi: "wdi",
  owid: "owid",
  "great-stone": "belta",
  belta: "belta",
  article: "article",
};

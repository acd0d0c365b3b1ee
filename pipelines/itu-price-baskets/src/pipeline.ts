// the price-baskets pipeline's wiring: each file opened by ingest's readRecords, its records normalized, first key wins
import type { Pipeline, PipelineResult, Snapshot } from "@bycn/core";
import { runKeyedFiles } from "@bycn/core";
import { readRecords } from "@bycn/ingest";
import { beginBasketFile, detectPriceBaskets } from "./normalize.js";
import { ItuPriceBaskets, PRICE_BASKET_COLUMNS, PRICE_BASKET_KEY_COLUMNS, PriceBasketRecord } from "./schemas.js";

const LAYOUT = {
  dataset: ItuPriceBaskets.name,
  detect: detectPriceBaskets,
  expected: `the ITU price baskets long layout (${PRICE_BASKET_KEY_COLUMNS.join(", ")})`,
  schema: PriceBasketRecord,
  optional: PRICE_BASKET_COLUMNS,
};

/** All files of one snapshot folder → itu-price-baskets, rejects and issues. */
export function runPriceBaskets(snapshots: readonly Snapshot[]): PipelineResult {
  return runKeyedFiles(snapshots, ItuPriceBaskets, (s, fileIndex) => readRecords(s, fileIndex, LAYOUT, (file) => beginBasketFile(s, file)));
}

/** One user file (`bycn validate FILE --kind itu-price-baskets`). */
export const normalizePriceBaskets = (snapshot: Snapshot): PipelineResult => runPriceBaskets([snapshot]);

export const pipeline: Pipeline = {
  id: "itu-price-baskets",
  title: "ITU ICT Price Baskets",
  datasets: [ItuPriceBaskets],
  detect: detectPriceBaskets,
  run: runPriceBaskets,
};

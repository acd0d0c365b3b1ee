// the ITU DataHub pipeline: long CSV exports → itu-indicators (numeric) and itu-policy (categorical answers)
import type { Pipeline } from "@bycn/core";
import { detectDatahub, runDatahub, streamDatahub } from "./datahub.js";
import { ItuIndicators, ItuPolicy } from "./schemas.js";

export { beginDatahubFile, compareDatahub, detectDatahub, findUnitBreaks, normalizeDatahub, runDatahub, sortCandidates, sortedDatahub, streamDatahub, UNIT_BREAK_FACTOR } from "./datahub.js";
export { normalizeDatahub as normalize } from "./datahub.js";
export { DATAHUB_COLUMNS, DATAHUB_KEY_COLUMNS, DatahubRecord, ItuIndicators, ItuPolicy } from "./schemas.js";
export { suspiciousTextReason } from "./text.js";
export { declaredUnitAgrees, plausibleOf as datahubPlausible, seriesKind } from "./units.js";
export type { SeriesKind } from "./units.js";

export const pipeline: Pipeline = {
  id: "itu-datahub",
  title: "ITU DataHub CSV exports",
  datasets: [ItuIndicators, ItuPolicy],
  detect: detectDatahub,
  run: runDatahub,
  stream: streamDatahub,
};

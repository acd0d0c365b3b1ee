// the ITU DataHub pipeline: long CSV exports → itu-indicators (numeric) and itu-policy (categorical answers)
export { normalizeDatahub, normalizeDatahub as normalize, pipeline, runDatahub, sortCandidates, streamDatahub } from "./pipeline.js";
export { beginDatahubFile, detectDatahub } from "./normalize.js";
export { compareDatahub, findUnitBreaks, sortedDatahub, UNIT_BREAK_FACTOR } from "./sorted.js";
export { DATAHUB_COLUMNS, DATAHUB_KEY_COLUMNS, DatahubRecord, ItuIndicators, ItuPolicy } from "./schemas.js";
export { suspiciousTextReason } from "./text.js";
export { declaredUnitAgrees, plausibleOf as datahubPlausible, seriesKind } from "./units.js";
export type { SeriesKind } from "./units.js";

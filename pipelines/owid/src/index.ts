// the Our World in Data pipeline: grapher CSVs (Entity, Code, Year, value columns) → owid-indicators
export { normalizeOwid, normalizeOwid as normalize, pipeline, runOwid } from "./pipeline.js";
export { beginOwidFile, detectOwid, readOwidMetadata, resolveOwidEntity } from "./normalize.js";
export { owidIndicator, slug } from "./indicators.js";
export type { OwidIndicator } from "./indicators.js";
export { OWID_KEY_COLUMNS, OwidIndicators, OwidMetadata, OwidRecord } from "./schemas.js";

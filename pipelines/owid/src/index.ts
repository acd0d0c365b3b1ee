// the Our World in Data pipeline: grapher CSVs (Entity, Code, Year, value columns) → owid-indicators
import type { Pipeline } from "@bycn/core";
import { detectOwid, runOwid } from "./owid.js";
import { OwidIndicators } from "./schemas.js";

export { detectOwid, normalizeOwid, readOwidMetadata, resolveOwidEntity, runOwid } from "./owid.js";
export { normalizeOwid as normalize } from "./owid.js";
export { owidIndicator, slug } from "./indicators.js";
export type { OwidIndicator } from "./indicators.js";
export { OWID_KEY_COLUMNS, OwidIndicators, OwidMetadata, OwidRecord } from "./schemas.js";

export const pipeline: Pipeline = {
  id: "owid",
  title: "Our World in Data",
  datasets: [OwidIndicators],
  detect: detectOwid,
  run: runOwid,
};

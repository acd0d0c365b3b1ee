// the World Bank WDI pipeline: bulk CSV (wide years) → wdi-indicators, plus wdi-economies and wdi-series from the metadata files
export { detectWdi, isWdiHeader, normalizeWdi, normalizeWdi as normalize, pipeline, runWdi, wdiFileKind } from "./pipeline.js";
export type { WdiFileKind } from "./pipeline.js";
export * from "./schemas.js";
export { wdiUnit } from "./units.js";

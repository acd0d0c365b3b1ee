// the World Bank WDI pipeline: bulk CSV (wide years) → wdi-indicators, plus wdi-economies and wdi-series from the metadata files
import type { Pipeline } from "@bycn/core";
import { WdiEconomies, WdiIndicators, WdiSeriesSpec } from "./schemas.js";
import { detectWdi, runWdi } from "./wdi.js";

export { detectWdi, isWdiHeader, normalizeWdi, runWdi, wdiFileKind } from "./wdi.js";
export { normalizeWdi as normalize } from "./wdi.js";
export type { WdiFileKind } from "./wdi.js";
export {
  WDI_DATA_KEY_COLUMNS,
  WdiCountryRecord,
  WdiDataRecord,
  WdiEconomies,
  WdiEconomy,
  WdiIndicatorRecord,
  WdiIndicators,
  WdiSeries,
  WdiSeriesSpec,
} from "./schemas.js";
export { wdiUnit } from "./units.js";

export const pipeline: Pipeline = {
  id: "wdi",
  title: "World Bank World Development Indicators",
  datasets: [WdiIndicators, WdiEconomies, WdiSeriesSpec],
  detect: detectWdi,
  run: runWdi,
};

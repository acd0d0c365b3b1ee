// @bycn/pipeline-great-stone: BELTA-style park tables → great-stone rows, consistency checks, the claims view
export { pipeline, runGreatStone } from "./pipeline.js";
export { detectBelta, normalize, normalizeLabel, sortRows } from "./normalize.js";
export { BALANCES, EXIT_BOUND_STOCKS, checkGreatStone, findConflicts, findPlans, findStockFalls, findStockFlowMismatches, valueRange } from "./check.js";
export type { Balance } from "./check.js";
export { parkObservations } from "./observations.js";
export { numeralReadings, parseAmount, splitAmount, tableDecimal } from "./amount.js";
export type { Amount, Decimal } from "./amount.js";
export { parsePeriod, parseReportDate, parseSpan } from "./dates.js";
export type { Span } from "./dates.js";
export {
  BELTA_COLUMNS,
  BeltaRecord,
  FLOW_MEASURES,
  GreatStone,
  GreatStoneRow,
  MEASURE_LABELS,
  MEASURE_UNIT,
  Measure,
  PRECISION_LABELS,
  Precision,
  QUALIFIER_WORDS,
  Qualifier,
  STATUS_LABELS,
  Status,
} from "./schemas.js";
export type { BeltaField } from "./schemas.js";

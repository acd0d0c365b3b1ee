// @bycn/claims: the article's figures checked against the published data, as verdicts and findings
export { type Claim, ClaimOperator, ClaimVerdict, VerdictKind, claimsDataset } from "./verdict.js";
export {
  type ClaimData,
  type DataAdapter,
  type DataPoint,
  type ParkRow,
  PARK,
  buildClaimData,
  earliestDay,
  greatStoneAdapter,
  observationAdapter,
  priceBasketAdapter,
} from "./data.js";
export { FORMULAS, type Target, UNIT_SCALE, checkClaims, fits, printedText, targetOf, truncatesTo } from "./check.js";
export { claimFindings, crossSourceFindings } from "./findings.js";
export { type Reading, SAME_FIGURE, parseReadings, sameFigure } from "./series.js";
export { type Decimal, fromNumber, parsePrinted, toText } from "./decimal.js";

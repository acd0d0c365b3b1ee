// @bycn/claims: the article's figures checked against the published data, as verdicts and findings
export { type Claim, ClaimOperator, ClaimVerdict, EvidenceTier, VerdictKind, claimsDataset } from "./verdict.js";
export {
  type ClaimData,
  type DataAdapter,
  type DataPoint,
  type ParkRow,
  type Tier,
  EDITION_DATASETS,
  PARK,
  SECONDARY_SOURCES,
  datedText,
  buildClaimData,
  earliestDay,
  greatStoneAdapter,
  observationAdapter,
  priceBasketAdapter,
} from "./data.js";
export { checkClaims, decideClaims, verdictRow } from "./check.js";
export { type Candidate, type Caveat, type Decision, FORMULAS, type Unverifiable, decide, decideDerived } from "./decide.js";
export { explain, printedText } from "./explain.js";
export { type Target, UNIT_SCALE, fits, targetOf, truncatesTo } from "./target.js";
export { claimFindings, crossSourceFindings, wordingFindings } from "./findings.js";
export { type Reading, SAME_FIGURE, parseReadings, sameFigure, seriesPer } from "./series.js";
export { type Decimal, fromNumber, parsePrinted, toText } from "./decimal.js";

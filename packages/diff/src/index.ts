// @bycn/diff: keyed, precision-aware diff of two dist/ releases, claim verdict flips, and vintage revisions
export { diffDists, diffExitCode, DiffError, PROVENANCE_COLUMNS } from "./dist.js";
export type { DistDiff, DiffOptions } from "./dist.js";
export { diffDatasets, verdictChanges } from "./datasets.js";
export type { DiffTable, DatasetDiffSpec, DatasetDiff, DatasetSummary, RowChange, CellChange, Vanished, VerdictChange } from "./datasets.js";
export { samePrinted, printedDecimal, printedDecimals } from "./precision.js";
export type { PrintedDecimal } from "./precision.js";
export { Revision, revisionsDataset, revisionsFrom } from "./revisions.js";
export type { RevisionInput } from "./revisions.js";
export { renderDiff } from "./render.js";
export type { DiffFormat, RenderOptions } from "./render.js";

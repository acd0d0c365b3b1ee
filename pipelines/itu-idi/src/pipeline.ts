// the IDI pipeline's wiring: each file opened by ingest's readRecords, its records normalized, first key wins
import type { Pipeline, PipelineResult, Snapshot } from "@bycn/core";
import { runKeyedFiles } from "@bycn/core";
import { readRecords } from "@bycn/ingest";
import { beginIdiFile, detectIdi } from "./normalize.js";
import { IdiRecord, IdiScores } from "./schemas.js";

const LAYOUT = { dataset: IdiScores.name, detect: detectIdi, expected: "an IDI scores table (iso3, idi_<edition>…)", schema: IdiRecord };

/**
 * All files of one snapshot folder → idi-scores. Wide → long: a data record becomes one row per non-empty edition
 * cell; a record whose economy is unknown is one reject; a bad cell is one reject for that cell.
 */
export function runIdi(snapshots: readonly Snapshot[]): PipelineResult {
  return runKeyedFiles(snapshots, IdiScores, (s, fileIndex) => readRecords(s, fileIndex, LAYOUT, (file) => beginIdiFile(s, file)));
}

/** One user file (`bycn validate FILE --kind itu-idi`). */
export const normalizeIdi = (snapshot: Snapshot): PipelineResult => runIdi([snapshot]);

export const pipeline: Pipeline = {
  id: "itu-idi",
  title: "ITU ICT Development Index scores",
  datasets: [IdiScores],
  detect: detectIdi,
  run: runIdi,
};

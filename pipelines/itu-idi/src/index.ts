// the IDI scores pipeline: iso3 + idi_<edition> columns → idi-scores (one row per economy and edition)
import type { Pipeline } from "@bycn/core";
import { detectIdi, runIdi } from "./idi.js";
import { IdiScores } from "./schemas.js";

export { detectIdi, editionNote, normalizeIdi, runIdi } from "./idi.js";
export { normalizeIdi as normalize } from "./idi.js";
export { EDITION_COLUMN, IdiRecord, IdiScores } from "./schemas.js";

export const pipeline: Pipeline = {
  id: "itu-idi",
  title: "ITU ICT Development Index scores",
  datasets: [IdiScores],
  detect: detectIdi,
  run: runIdi,
};

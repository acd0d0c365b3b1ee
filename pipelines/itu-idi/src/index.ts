// the IDI scores pipeline: iso3 + idi_<edition> columns → idi-scores (one row per economy and edition)
export { normalizeIdi, normalizeIdi as normalize, pipeline, runIdi } from "./pipeline.js";
export { beginIdiFile, detectIdi, editionNote } from "./normalize.js";
export { EDITION_COLUMN, IdiRecord, IdiScores } from "./schemas.js";

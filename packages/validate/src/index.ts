// @bycn/validate: the large-file engine: one validateFile, whole-file, streamed and ranged/threaded paths
export { validateFile } from "./validate-file.js";
export { ValidateError, type ValidateOptions, type ValidateOutcome } from "./options.js";
export { rangesOf, PARALLEL_MIN_BYTES, type Range } from "./ranged/ranges.js";

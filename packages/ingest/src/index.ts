// @bycn/ingest: bytes → records (encoding, dialect, physical lines, structural issues) and locale-aware number cells
export type * from "./api.js";
export { readTable, streamTable, TableReader, countBreaks, SNIFF_BYTES, PIECE_BYTES, DEFAULT_MAX_RECORD_BYTES, REJECT_PREVIEW_CHARS } from "./reader.js";
export { parseNumber, isMissingMarker } from "./numbers.js";
export { detectEncoding, bomOf, invalidUtf8At, type Detection } from "./encoding.js";
export { RecordScanner, type OnScannedRecord } from "./scan.js";
export { findRecordStarts, splittable, type RecordStart } from "./split.js";
export { sniffDelimiter, sniffLineBreak, DELIMITERS } from "./sniff.js";

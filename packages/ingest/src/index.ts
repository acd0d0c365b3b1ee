// @bycn/ingest: bytes → records (encoding, dialect, physical lines, structural issues) and locale-aware number cells
export type * from "./api.js";
export { TableReader } from "./reader.js";
export { readTable, streamTable } from "./table.js";
export { countBreaks } from "./lines.js";
export { SNIFF_BYTES, PIECE_BYTES, DEFAULT_MAX_RECORD_BYTES, REJECT_PREVIEW_CHARS } from "./limits.js";
export { parseNumber, isMissingMarker } from "./numbers.js";
export { detectEncoding, bomOf, invalidUtf8At, type Detection } from "./encoding.js";
export { RecordScanner, type OnScannedRecord } from "./scan.js";
export { findRecordStarts, splittable, type RecordStart } from "./split.js";
export { sniffDelimiter, sniffLineBreak, DELIMITERS } from "./sniff.js";
export { readRecords, rejectBlankRecord, keepValid, filledCells, numberOrReject, parseRecord, recordObject, openedFile, type RecordLayout, type RecordSchema, type OpenedFile } from "./records.js";
export { numberCell, notANumber, allBlank } from "./cells.js";

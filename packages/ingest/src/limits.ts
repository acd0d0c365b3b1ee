// the reader's sizes: how much is sniffed, parsed at a time, and kept of an over-long record
/** bytes buffered before encoding and dialect are decided (and the span they are decided from) */
export const SNIFF_BYTES = 64 * 1024;
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
/** bytes decoded and parsed at a time, whatever the size of the chunks pushed */
export const PIECE_BYTES = 64 * 1024;
/** characters of an over-long record kept in its reject */
export const REJECT_PREVIEW_CHARS = 1024;

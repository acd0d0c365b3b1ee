// skipping a record too long to keep: where it ends, its line breaks and bytes, and a preview for its reject
import type { Delimiter, LineBreak } from "./api.js";
import { utf8Length } from "./encoding.js";
import { REJECT_PREVIEW_CHARS } from "./limits.js";
import { CR, LF, QUOTE } from "./lines.js";

/**
 * Finds where an over-long record ends without keeping it, with the quote rules papaparse applies to well-formed
 * input: a quote opens a field only at its start, "" inside quotes is a quote, the separator outside quotes ends it.
 */
export class RecordSkipper {
  private inQuote = false;
  quoteLine: number;
  /** physical line breaks inside the record so far */
  breaks = 0;
  /** utf-8 bytes of the record so far, without its terminator */
  bytes = 0;
  private fieldStart = true;
  private quoteMaybeClosed = false;
  private crPending = false;
  private prevCR = false;
  private readonly delim: number;
  /** the record's first characters (may run past its end; cut to `chars` when read) */
  private head = "";
  private chars = 0;

  constructor(
    readonly startLine: number,
    delimiter: Delimiter,
    private readonly lineBreak: LineBreak,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.quoteLine = startLine;
  }

  /** at the end of the file: a quote is still open (a quote as the very last character closes it) */
  openAtEnd(): boolean {
    return this.inQuote && !this.quoteMaybeClosed;
  }

  /** the first REJECT_PREVIEW_CHARS characters of the record, as a one-shot read would cut them */
  preview(): string {
    return this.head.slice(0, Math.min(REJECT_PREVIEW_CHARS, this.chars));
  }

  /** Consume text; the index just past the record's terminator, or -1 when the record goes on. */
  feed(text: string): number {
    if (this.head.length < REJECT_PREVIEW_CHARS) this.head += text.slice(0, REJECT_PREVIEW_CHARS - this.head.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.quoteMaybeClosed) {
        this.quoteMaybeClosed = false;
        if (c === QUOTE) continue; // "" inside quotes
        this.inQuote = false;
      }
      if (this.crPending) {
        this.crPending = false;
        if (c === LF) return this.close(text, i + 1, i - 1);
      }
      const afterCR = this.prevCR;
      if (c === CR || (c === LF && !afterCR)) this.breaks++;
      this.prevCR = c === CR;
      if (this.inQuote) {
        if (c === QUOTE) this.quoteMaybeClosed = true;
        continue;
      }
      if (c === QUOTE && this.fieldStart) {
        this.inQuote = true;
        this.quoteLine = this.startLine + this.breaks;
      } else if (c === this.delim) {
        this.fieldStart = true;
        continue;
      } else if (c === LF && this.lineBreak === "\n") {
        // a CRLF line in an LF file: the CR belongs to the line break, as in the one-shot read
        return this.close(text, i + 1, afterCR ? i - 1 : i);
      } else if (c === CR && this.lineBreak === "\r") {
        return this.close(text, i + 1, i);
      } else if (c === CR && this.lineBreak === "\r\n") {
        this.crPending = true;
      }
      this.fieldStart = false;
    }
    this.bytes += utf8Length(text);
    this.chars += text.length;
    return -1;
  }

  /** the record ends where its line break starts: at `contentEnd` in `text` (−1: a CR at the end of the previous text) */
  private close(text: string, after: number, contentEnd: number): number {
    this.breaks -= 1; // the terminator is not a break inside the record
    if (contentEnd < 0) {
      this.bytes -= 1;
      this.chars -= 1;
    } else {
      this.bytes += utf8Length(text.slice(0, contentEnd));
      this.chars += contentEnd;
    }
    return after;
  }
}

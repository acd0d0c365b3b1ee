// the fast tokenizer for well-formed RFC 4180 text (DataHub's dialect); anything else is left to papaparse, the reference
import type { Delimiter, LineBreak } from "./api.js";

const QUOTE = 34;
const LF = 10;

/** called with each complete record: its fields and the index just past its line break */
export type OnScannedRecord = (fields: string[], end: number) => void;

/**
 * Splits text into records as papaparse's Parser does, for the inputs it is sure of: fields either unquoted without
 * a quote, or quoted with "" as the only escape and the delimiter or line break right after the closing quote.
 * It stops at the first record it is not sure of (or cannot finish) and says where, so the caller hands the rest to
 * papaparse; records it did emit are exactly papaparse's (test/scan.test.ts pins this on random text).
 */
export class RecordScanner {
  /** set by `scan`: true when it stopped at a record it is not sure of, false when the text ran out */
  unsure = false;
  private readonly delim: number;
  private readonly nl0: number;
  /** a two-character line break (CRLF) */
  private readonly crlf: boolean;

  constructor(delimiter: Delimiter, lineBreak: LineBreak) {
    this.delim = delimiter.charCodeAt(0);
    this.nl0 = lineBreak.charCodeAt(0);
    this.crlf = lineBreak.length === 2;
  }

  /** Emits the complete records of `input` from its start; returns where the first record not emitted starts. */
  scan(input: string, onRecord: OnScannedRecord): number {
    const n = input.length;
    const delim = this.delim;
    const nl0 = this.nl0;
    const nlLen = this.crlf ? 2 : 1;
    this.unsure = false;
    let rowStart = 0;
    let i = 0;
    let fields: string[] = [];
    while (i < n) {
      let c = input.charCodeAt(i);
      let next: number;
      if (c === QUOTE) {
        let close = i + 1;
        let escaped = false;
        for (;;) {
          close = input.indexOf('"', close);
          // no closing quote yet (an unfinished record), or one whose next character is unknown: papaparse decides at the end
          if (close < 0 || close + 1 >= n) return rowStart;
          if (input.charCodeAt(close + 1) !== QUOTE) break;
          escaped = true;
          close += 2;
        }
        const value = input.substring(i + 1, close);
        fields.push(escaped ? value.replaceAll('""', '"') : value);
        next = close + 1;
        c = input.charCodeAt(next);
      } else {
        next = i;
        while (next < n) {
          c = input.charCodeAt(next);
          if (c === delim || c === nl0 || c === QUOTE) break;
          next++;
        }
        if (next >= n) return rowStart;
        // a quote inside an unquoted field: papaparse keeps it as text, but this is not the dialect any more
        if (c === QUOTE) return this.giveUp(rowStart);
        fields.push(input.substring(i, next));
      }
      if (c === delim) {
        i = next + 1;
        continue;
      }
      // text after a closing quote (papaparse skips spaces there, or reports InvalidQuotes)
      if (c !== nl0) return this.giveUp(rowStart);
      if (this.crlf) {
        if (next + 1 >= n) return rowStart;
        // a lone CR in a CRLF file is field text to papaparse
        if (input.charCodeAt(next + 1) !== LF) return this.giveUp(rowStart);
      }
      i = rowStart = next + nlLen;
      onRecord(fields, i);
      fields = [];
    }
    return rowStart;
  }

  private giveUp(at: number): number {
    this.unsure = true;
    return at;
  }
}

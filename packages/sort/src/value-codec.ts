// one key value as bytes that read back to the same value and type: numbers as doubles, text as UTF-8

/** where a value's bytes go (ByteArena): a tag byte, a double, a text framed by its UTF-8 byte length */
export interface ValueSink {
  byte(b: number): void;
  double(v: number): void;
  frame(text: string): void;
}

const UNDEFINED = 0;
const NULL = 1;
const TRUE = 2;
const FALSE = 3;
const NUMBER = 4;
const STRING = 5;
const JSON_TEXT = 6;

/**
 * One key value: a tag byte, then a double for a number (every double exactly, -0 and NaN included), a UTF-8 text
 * for a string, JSON text for anything else; undefined, null and booleans are the tag alone.
 */
export function writeValue(out: ValueSink, v: unknown): void {
  switch (typeof v) {
    case "string":
      out.byte(STRING);
      out.frame(v);
      return;
    case "number":
      out.byte(NUMBER);
      out.double(v);
      return;
    case "boolean":
      out.byte(v ? TRUE : FALSE);
      return;
    case "undefined":
      out.byte(UNDEFINED);
      return;
    default:
      if (v === null) {
        out.byte(NULL);
        return;
      }
      out.byte(JSON_TEXT);
      out.frame(JSON.stringify(v));
  }
}

/**
 * Reads values back from bytes. Key columns repeat from item to item (a merge hands them over in key order), so each
 * slot keeps the last string it made and returns that same string while the bytes spell it: no string per value.
 */
export class ValueReader {
  at = 0;
  private readonly last: (string | undefined)[] = [];

  value(bytes: Buffer, slot: number): unknown {
    const tag = bytes[this.at++];
    switch (tag) {
      case NUMBER: {
        const n = bytes.readDoubleLE(this.at);
        this.at += 8;
        return n;
      }
      case STRING:
      case JSON_TEXT: {
        const len = bytes.readUInt32LE(this.at);
        const start = this.at + 4;
        this.at = start + len;
        if (tag === JSON_TEXT) return JSON.parse(bytes.toString("utf8", start, start + len));
        const prev = this.last[slot];
        if (prev !== undefined && sameAscii(bytes, start, len, prev)) return prev;
        const s = bytes.toString("utf8", start, start + len);
        this.last[slot] = s;
        return s;
      }
      case TRUE:
        return true;
      case FALSE:
        return false;
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      default:
        throw new Error(`spill record damaged at ${this.at - 1}`);
    }
  }
}

/** bytes [start, start+len) are the ASCII text `s` (a byte of 0x80 or more never matches: it may be half a character) */
function sameAscii(bytes: Buffer, start: number, len: number, s: string): boolean {
  if (s.length !== len) return false;
  for (let i = 0; i < len; i++) {
    const b = bytes[start + i]!;
    if (b >= 0x80 || b !== s.charCodeAt(i)) return false;
  }
  return true;
}

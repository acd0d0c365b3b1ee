// bytes → text: byte-order marks, byte statistics for utf-8 vs windows-1251, and a streaming decoder that locates bad utf-8
import type { Encoding } from "./api.js";

export type Detection =
  | { ok: true; encoding: Encoding; bom: boolean }
  | { ok: false; code: "binary_content"; offset: number }
  | { ok: false; code: "encoding_undetermined"; candidates: string[] };

/** The byte-order mark at the start of `head`, if any. */
export function bomOf(head: Uint8Array): { encoding: Encoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** First byte of a utf-8 sequence that is invalid in bytes[from, to), or -1. A sequence cut by `to` counts only when `complete`. */
export function invalidUtf8At(bytes: Uint8Array, from = 0, to = bytes.length, complete = true): number {
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= to) return complete ? i : -1;
      const c = bytes[i + k]!;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

// cp1251 letters outside 0xC0–0xFF: Ё ё Ў ў І і Є є Ї ї Ґ ґ (Belarusian and Ukrainian text needs Ў/ў and І/і)
const CP1251_EXTRA_LETTERS = new Set([0xa8, 0xb8, 0xa1, 0xa2, 0xb2, 0xb3, 0xaa, 0xba, 0xaf, 0xbf, 0xa5, 0xb4]);
const isCp1251Letter = (b: number): boolean => b >= 0xc0 || CP1251_EXTRA_LETTERS.has(b);

/** First C0 control byte that plain text does not contain (tab, LF, VT, FF, CR are fine; a final 0x1A is a DOS end-of-file). */
export function controlByteAt(head: Uint8Array, complete: boolean): number {
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b >= 0x20 || (b >= 0x09 && b <= 0x0d)) continue;
    if (b === 0x1a && complete && i === head.length - 1) continue;
    return i;
  }
  return -1;
}

/** utf-16 without a byte-order mark looks like ASCII with a NUL in every other byte. */
function utf16Guess(head: Uint8Array): string | undefined {
  const n = Math.min(head.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  if (n < 4 || even + odd < n * 0.3) return undefined;
  if (odd > 0.9 * (even + odd)) return "utf-16le";
  if (even > 0.9 * (even + odd)) return "utf-16be";
  return undefined;
}

/**
 * Decide the encoding from the first bytes: BOM; else valid utf-8; else Cyrillic-looking windows-1251; else undetermined.
 * `complete` says `head` is the whole file (a utf-8 sequence cut at its end is then invalid).
 */
export function detectEncoding(head: Uint8Array, complete: boolean): Detection {
  const bom = bomOf(head);
  if (bom) return { ok: true, encoding: bom.encoding, bom: true };
  const control = controlByteAt(head, complete);
  if (control >= 0) {
    const utf16 = utf16Guess(head);
    if (utf16) return { ok: false, code: "encoding_undetermined", candidates: [`${utf16} (no byte-order mark)`] };
    return { ok: false, code: "binary_content", offset: control };
  }
  if (invalidUtf8At(head, 0, head.length, complete) < 0) return { ok: true, encoding: "utf-8", bom: false };
  // not utf-8: windows-1251 when the high bytes are Cyrillic letters that come in runs (words), as in "Минск" or "Вялікі
  // камень", and rarely touch a Latin letter; windows-1252 text has high bytes inside Latin words ("Café", "ação"),
  // and 0x98 is unassigned in windows-1251
  let high = 0;
  let letters = 0;
  let inRuns = 0;
  let touchLatin = 0;
  const isLatin = (b: number | undefined): boolean => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b < 0x80) continue;
    if (b === 0x98) return { ok: false, code: "encoding_undetermined", candidates: ["windows-1252", "iso-8859-1"] };
    high++;
    if (!isCp1251Letter(b)) continue;
    letters++;
    const prev = head[i - 1];
    const next = head[i + 1];
    if ((prev !== undefined && prev >= 0x80 && isCp1251Letter(prev)) || (next !== undefined && next >= 0x80 && isCp1251Letter(next))) inRuns++;
    if (isLatin(prev) || isLatin(next)) touchLatin++;
  }
  if (letters >= 0.8 * high && inRuns >= 0.7 * letters && touchLatin <= 0.1 * letters) {
    return { ok: true, encoding: "windows-1251", bom: false };
  }
  return { ok: false, code: "encoding_undetermined", candidates: ["windows-1251", "windows-1252", "koi8-r"] };
}

export interface Decoded {
  text: string;
  /** absolute byte offsets of invalid utf-8 sequences in this piece, each with the count of line breaks before it in the piece */
  invalid: { offset: number; breaksBefore: number }[];
}

/**
 * Streaming decoder. The native TextDecoder does the work; only when it emits U+FFFD in utf-8 mode are the bytes
 * re-validated to tell a replacement (bad input) from a real U+FFFD in the file and to find its byte offset.
 */
export class ByteDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private readonly utf8: boolean;
  /** bytes of an unfinished utf-8 sequence at the end of what was decoded so far */
  private tail: Uint8Array = new Uint8Array(0);
  private offset: number;

  /** `midFile`: decoding starts inside a file, where a U+FEFF is text, not a byte order mark to drop */
  constructor(encoding: Encoding, startOffset = 0, midFile = false) {
    this.decoder = new TextDecoder(encoding, { ignoreBOM: midFile });
    this.utf8 = encoding === "utf-8";
    this.offset = startOffset;
  }

  decode(chunk: Uint8Array, final: boolean): Decoded {
    const text = this.decoder.decode(chunk, { stream: !final });
    const base = this.offset - this.tail.length;
    this.offset += chunk.length;
    if (!this.utf8) return { text, invalid: [] };
    const region = this.tail.length ? concatBytes([this.tail, chunk]) : chunk;
    // a copy (at most 3 bytes): the caller may reuse the buffer the chunk is a view of for its next read
    this.tail = final ? new Uint8Array(0) : unfinishedTail(region).slice();
    if (!text.includes("\uFFFD")) return { text, invalid: [] };
    const invalid: Decoded["invalid"] = [];
    const end = region.length - this.tail.length;
    let breaks = 0;
    let counted = 0;
    for (let at = invalidUtf8At(region, 0, end, true); at >= 0 && invalid.length < 100; at = invalidUtf8At(region, at + 1, end, true)) {
      breaks += breaksInBytes(region, counted, at);
      counted = at;
      invalid.push({ offset: base + at, breaksBefore: breaks });
    }
    return { text, invalid };
  }
}

/** the last bytes of `bytes` that start a utf-8 sequence not finished yet (at most 3) */
function unfinishedTail(bytes: Uint8Array): Uint8Array {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    // only a valid prefix waits for more bytes; an invalid one (0xFF, F0 80) was already replaced by the decoder
    const waits = bytes.length - i < need && invalidUtf8At(bytes, i, bytes.length, false) < 0;
    return waits ? bytes.slice(i) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

function breaksInBytes(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) n++;
  }
  return n;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** utf-8 byte length of a string without allocating (lone surrogates count 3, as TextEncoder writes U+FFFD) */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 4 bytes for 2 code units
      i++;
    } else n += 2;
  }
  return n;
}

/** a caller-forced encoding still refuses binary content (utf-16's is found after decoding, see controlCharAt) */
export function forcedDetection(sample: Uint8Array, encoding: Encoding, complete: boolean): Detection {
  const bom = bomOf(sample)?.encoding === encoding;
  if (encoding === "utf-16le" || encoding === "utf-16be") return { ok: true, encoding, bom };
  const control = controlByteAt(sample, complete);
  return control >= 0 ? { ok: false, code: "binary_content", offset: control } : { ok: true, encoding, bom };
}

/** the first control character of decoded text (a final SUB, DOS's end-of-file mark, is allowed); -1 when none */
export function controlCharAt(text: string, complete: boolean): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c === 0x1a && complete && i === text.length - 1) continue;
    return i;
  }
  return -1;
}

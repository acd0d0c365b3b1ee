// test helpers: byte encoders the platform lacks (windows-1251, utf-16) and a chunked read to compare with readTable
import { TableReader, type ReadOptions, type Table } from "@bycn/ingest";

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** windows-1251 bytes for text made of ASCII and Cyrillic; built by inverting the platform's decoder */
export function cp1251(s: string): Uint8Array {
  const decoder = new TextDecoder("windows-1251");
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...s].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`not in windows-1251: ${ch}`);
    return b;
  }));
}

/** utf-16 bytes of `s` with its byte-order mark */
export function utf16(s: string, endian: "le" | "be", bom = true): Uint8Array {
  const units = [...(bom ? "\uFEFF" : ""), ...s].join("");
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (endian === "le" ? 0 : 1)] = u & 0xff;
    out[2 * i + (endian === "le" ? 1 : 0)] = u >> 8;
  }
  return out;
}

/** Read `bytes` through a TableReader in pieces cut at `cuts` (byte offsets), the way a stream would deliver them. */
export function readChunked(bytes: Uint8Array, opts: ReadOptions, cuts: number[]): Table {
  const reader = new TableReader(opts);
  const records = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    records.push(...reader.push(bytes.subarray(at, cut)));
    at = cut;
  }
  records.push(...reader.push(bytes.subarray(at)));
  records.push(...reader.end());
  return { ...reader.summary(), records };
}

/** cut points every `size` bytes */
export const every = (size: number, length: number): number[] => Array.from({ length: Math.ceil(length / size) }, (_, i) => i * size);

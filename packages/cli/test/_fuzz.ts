// fuzzed copies of committed raw files: records picked, repeated and reordered, cells replaced by junk, fields
// dropped or added, random quoting, CR/LF/CRLF, BOM, blank lines, truncation; each file still says where its header is
import fc from "fast-check";
import type { Snapshot } from "@bycn/core";
import { csvRecords, dialectOf, headerIndexOf, type Dialect } from "./_conservation.js";

export interface Template {
  file: string;
  dialect: Dialect;
  /** non-blank records before the header (WDI's "Data Source" lines) */
  preamble: string[][];
  header: string[];
  records: string[][];
}

export function templateOf(s: Snapshot, detect: (header: string[]) => boolean): Template {
  const dialect = dialectOf(s.file);
  const records = csvRecords(new TextDecoder(dialect.encoding).decode(s.bytes), dialect.delimiter)
    .map((r) => r.fields)
    .filter((f) => !(f.length === 1 && (f[0] ?? "").trim() === ""));
  const at = headerIndexOf(s.bytes, s.file, detect);
  if (at < 0) throw new Error(`${s.file}: no header for the template`);
  return { file: s.file, dialect, preamble: records.slice(0, at), header: records[at]!, records: records.slice(at + 1) };
}

// values that have broken parsers and pipelines: missing markers, locale numbers, overflow, formulas, markup,
// quotes, delimiters and line breaks inside a cell, keys that collide, non-Latin text
const JUNK = [
  "", " ", "  ", "n/a", "..", "–", "-", "NaN", "Infinity", "1e999", "-0", "1,5", "1 234,5", "0x1F", "９９", "1.2.3",
  "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "<script>alert(1)</script>", "[x](javascript:alert(1))", "<!--", "|", "::error::x",
  'say "hi"', '"', "a;b", "a,b", "line\nbreak", "line\r\nbreak", "Ёлка", "Беларусь", "9".repeat(40), "2019", "1960", "3000",
  "BLR", "CHN", "XXX", "OWID_WRL", "%", "USD", "-5", "100.0000001", "0", "score", "факт", "план", "01.02.2020", "2020-13-45",
];

const cp1251 = new Map<string, number>();
{
  const d = new TextDecoder("windows-1251");
  for (let b = 0x80; b <= 0xff; b++) cp1251.set(d.decode(Uint8Array.of(b)), b);
}

function encode(text: string, encoding: string): Uint8Array {
  if (encoding === "utf-8") return new TextEncoder().encode(text);
  // windows-1251: ASCII as is, the rest from the decoder's table ("?" for what the code page lacks)
  return Uint8Array.from([...text], (c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : (cp1251.get(c) ?? 0x3f)));
}

const fileShape = fc.record({
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40, size: "max" }),
  edits: fc.array(fc.record({ at: fc.nat(), col: fc.nat(), value: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 12 })) }), { maxLength: 16 }),
  shapes: fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom("drop-field", "extra-field", "blank-line-before") }), { maxLength: 3 }),
  quoting: fc.constantFrom("minimal", "all", "random"),
  quoteBits: fc.array(fc.boolean(), { minLength: 1, maxLength: 17 }),
  lineBreak: fc.constantFrom("\n", "\r\n", "\r"),
  bom: fc.boolean(),
  finalBreak: fc.boolean(),
  // one file in four is cut short
  truncate: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 }),
});

export type FileShape = typeof fileShape extends fc.Arbitrary<infer T> ? T : never;

export function fuzzArbitrary(templates: readonly Template[]): fc.Arbitrary<FileShape[]> {
  return fc.tuple(...templates.map(() => fileShape));
}

export interface Fuzzed {
  snapshot: Snapshot;
  headerIndex: number;
  dialect: Dialect;
  truncated: boolean;
}

/** one template and one shape → the bytes of a fuzzed file (always valid CSV up to the truncation point) */
export function fuzzFile(t: Template, shape: FileShape, vintage: string): Fuzzed {
  const { delimiter, encoding } = t.dialect;
  let bit = 0;
  const quoteIt = (v: string): boolean => {
    const needed = v.includes('"') || v.includes(delimiter) || /[\r\n]/.test(v) || v !== v.trim();
    const b = shape.quoteBits[bit++ % shape.quoteBits.length]!;
    return needed || shape.quoting === "all" || (shape.quoting === "random" && b);
  };
  const field = (v: string): string => (quoteIt(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const line = (fields: readonly string[]): string => fields.map(field).join(delimiter);

  const records = t.records.length === 0 ? [] : shape.picks.map((p) => [...t.records[p % t.records.length]!]);
  for (const e of shape.edits) {
    const r = records[e.at % Math.max(1, records.length)];
    if (r && r.length > 0) r[e.col % r.length] = e.value;
  }
  const before = new Set<number>();
  for (const s of shape.shapes) {
    const i = s.at % Math.max(1, records.length);
    const r = records[i];
    if (!r) continue;
    if (s.kind === "drop-field" && r.length > 1) r.pop();
    else if (s.kind === "extra-field") r.push("extra");
    else before.add(i);
  }
  const nl = shape.lineBreak;
  const head = [...t.preamble, t.header].map(line).join(nl) + nl;
  const body = records.map((r, i) => (before.has(i) ? nl : "") + line(r)).join(nl) + (shape.finalBreak ? nl : "");
  const bom = shape.bom && encoding === "utf-8" ? "\uFEFF" : "";
  const headBytes = encode(bom + head, encoding);
  let bytes = encode(bom + head + body, encoding);
  let truncated = false;
  if (shape.truncate !== null && bytes.length > headBytes.length) {
    // cut anywhere after the header: mid-record, mid-quote, mid-character
    const cut = headBytes.length + Math.floor(shape.truncate * (bytes.length - headBytes.length));
    truncated = cut < bytes.length;
    bytes = bytes.subarray(0, cut);
  }
  return { snapshot: { file: t.file, bytes, vintage, sha256: "" }, headerIndex: t.preamble.length, dialect: t.dialect, truncated };
}

// properties: never throws on any bytes, well-formed tables round-trip, chunked streaming equals the one-shot read
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readTable, type ReadOptions, type Table } from "@bycn/ingest";
import { readChunked, utf8 } from "./_helpers.js";

// INGEST_PROPERTY_RUNS=5000 for a longer local hunt
const RUNS = Number(process.env.INGEST_PROPERTY_RUNS ?? 200);
// CI replays one fixed seed so that a gate never turns red by chance; local runs draw new seeds to hunt
// (INGEST_PROPERTY_SEED picks one); a counterexample found locally becomes a named case below
const SEED = process.env.INGEST_PROPERTY_SEED ?? (process.env.CI === "true" ? "1" : undefined);
const PARAMS = { numRuns: RUNS, ...(SEED !== undefined ? { seed: Number(SEED) } : {}) };

/** accounting every read must satisfy, whatever the input */
function checkInvariants(t: Table): void {
  expect(t.records.length + t.rejects.length).toBe(t.dataRecords);
  if (!t.info) expect(t.records).toEqual([]);
  let last = t.info?.headerLine ?? 0;
  for (const r of t.records) {
    expect(r.fields.length).toBe(t.info!.header.length);
    expect(r.line).toBeGreaterThan(last);
    last = r.line;
  }
  for (const i of t.issues) if (i.at.line !== undefined) expect(i.at.line).toBeGreaterThanOrEqual(1);
}

// fields made of the characters that break CSV readers: quotes, delimiters, CR, LF, spaces, multi-byte utf-8
const CHARS = ["a", "b", "7", ",", ";", '"', "\r", "\n", " ", "\t", "я", "€", "😀", "\u00A0"];
const field = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((cs) => cs.join(""));

interface Written {
  bytes: Uint8Array;
  header: string[];
  rows: string[][];
  /** physical line of each data row, counted on the written text with a regex (independently of the reader) */
  lines: number[];
}

const table = fc
  .record({
    columns: fc.integer({ min: 2, max: 5 }),
    rows: fc.array(fc.array(field, { minLength: 5, maxLength: 5 }), { maxLength: 15 }),
    quoteAll: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    lineBreak: fc.constantFrom("\n", "\r\n"),
    bom: fc.boolean(),
    finalBreak: fc.boolean(),
    blankAfterHeader: fc.boolean(),
  })
  .map(({ columns, rows, quoteAll, lineBreak, bom, finalBreak, blankAfterHeader }): Written => {
    const header = Array.from({ length: columns }, (_, i) => `c${i}`);
    const data = rows.map((r) => r.slice(0, columns));
    let q = 0;
    const cell = (s: string) => (/[",\r\n]/.test(s) || quoteAll[q++ % quoteAll.length] ? `"${s.replaceAll('"', '""')}"` : s);
    const records = [header.join(","), ...(blankAfterHeader ? [""] : []), ...data.map((r) => r.map(cell).join(","))];
    let text = records.join(lineBreak) + (finalBreak ? lineBreak : "");
    const breaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
    const lines: number[] = [];
    let line = 1;
    for (const rec of records) {
      if (rec !== "" && line > 1) lines.push(line);
      line += breaks(rec) + 1;
    }
    if (bom) text = `\uFEFF${text}`;
    return { bytes: utf8(text), header, rows: data, lines };
  });

// bytes that look like broken CSV: quotes, separators, CR/LF, pieces of utf-8 sequences (Cyrillic а, €) and 0xFF
const CSVISH = [0x22, 0x22, 0x2c, 0x2c, 0x3b, 0x0a, 0x0d, 0x20, 0x61, 0x61, 0x61, 0x61, 0x31, 0xd0, 0xb0, 0xe2, 0x82, 0xac, 0xff];
const csvishBytes = fc.array(fc.constantFrom(...CSVISH), { maxLength: 600 }).map((b) => Uint8Array.from(b));

const sameTable = (a: Table, b: Table): void => {
  expect(a.records).toEqual(b.records);
  expect(a.rejects).toEqual(b.rejects);
  expect(a.info).toEqual(b.info);
  expect(a.dataRecords).toBe(b.dataRecords);
  const key = (t: Table) => t.issues.map((i) => JSON.stringify(i)).sort();
  expect(key(a)).toEqual(key(b));
};

describe("properties", () => {
  it("never throws and keeps its accounting on random bytes", () => {
    const prefix = fc.constantFrom(new Uint8Array(0), Uint8Array.from([0xef, 0xbb, 0xbf]), Uint8Array.from([0xff, 0xfe]), Uint8Array.from([0xfe, 0xff]));
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 4, max: 400 }), (p, body, max) => {
        const bytes = new Uint8Array(p.length + body.length);
        bytes.set(p);
        bytes.set(body, p.length);
        checkInvariants(readTable(bytes, { file: "random.bin", maxRecordBytes: max }));
      }),
      PARAMS,
    );
  });

  it("never throws on random text, any delimiter", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), fc.constantFrom<ReadOptions["delimiter"]>(",", ";", "\t", "|"), (s, d) => {
        checkInvariants(readTable(utf8(s), { file: "random.csv", delimiter: d ?? "," }));
        checkInvariants(readTable(utf8(s), { file: "random.csv" }));
      }),
      PARAMS,
    );
  });

  it("well-formed tables round-trip exactly, every record accounted for", () => {
    fc.assert(
      fc.property(table, (w) => {
        const t = readTable(w.bytes, { file: "t.csv", delimiter: "," });
        checkInvariants(t);
        expect(t.info?.header).toEqual(w.header);
        expect(t.rejects).toEqual([]);
        expect(t.records.map((r) => r.fields)).toEqual(w.rows);
        expect(t.records.map((r) => r.line)).toEqual(w.lines);
        expect(t.dataRecords).toBe(w.rows.length);
      }),
      PARAMS,
    );
  });

  it("chunked streaming (cuts inside utf-8 characters and CRLF) gives the one-shot table", () => {
    fc.assert(
      fc.property(
        table,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        fc.option(fc.integer({ min: 8, max: 60 }), { nil: undefined }),
        (w, cuts, sniffBytes, max) => {
          const opts: ReadOptions = { file: "t.csv", sniffBytes, ...(max ? { maxRecordBytes: max } : {}) };
          const one = readTable(w.bytes, opts);
          checkInvariants(one);
          sameTable(readChunked(w.bytes, opts, cuts.map((c) => c % (w.bytes.length + 1))), one);
          // every single byte on its own
          sameTable(readChunked(w.bytes, opts, Array.from({ length: w.bytes.length }, (_, i) => i)), one);
        },
      ),
      PARAMS,
    );
  });

  it("chunked streaming gives the one-shot table on random bytes too", () => {
    fc.assert(
      fc.property(
        csvishBytes,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 4, max: 40 }),
        fc.boolean(),
        (bytes, cuts, sniffBytes, max, utf8Forced) => {
          // forcing utf-8 keeps broken bytes in play (else most inputs are encoding_undetermined); a small limit sends
          // records through the over-long skip in the streamed read but through papaparse in the one-shot read
          const opts: ReadOptions = { file: "r.bin", sniffBytes, maxRecordBytes: max, ...(utf8Forced ? { encoding: "utf-8" } : {}) };
          sameTable(readChunked(bytes, opts, cuts.map((c) => c % (bytes.length + 1))), readTable(bytes, opts));
        },
      ),
      PARAMS,
    );
  });

  // found by the chunked-streaming property (seed 663159573): with a tiny record limit, a record that opens with an
  // empty quoted field ("",,…) is read by papaparse in one shot as running on into the next line, while the
  // byte-wise skip of an over-long record ends it at its own line break. Known divergence, kept as a case that
  // fails today so the fix shows up here (it.fails turns red once the two reads agree).
  it.fails("empty-quoted-field-then-overlong-record-single-byte-chunks", () => {
    const bytes = new TextEncoder().encode('c0,c1,c2,c3\n,"\t\na",\t,"\n\ta"\n"",,a\u{1F600},a\n"\u{1F600}aa",aaaa,a,"""aaaa"""\n,,,');
    const opts: ReadOptions = { file: "t.csv", sniffBytes: 23, maxRecordBytes: 8 };
    sameTable(readChunked(bytes, opts, Array.from({ length: bytes.length }, (_, i) => i)), readTable(bytes, opts));
  });
});

// cutting a file into ranges that separate readers take up: record starts found by bytes, readers resumed there
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findRecordStarts, readTable, TableReader, type LineBreak, type RawRecord } from "@bycn/ingest";
import { utf8 } from "./_helpers.js";

const reader = (bytes: Uint8Array) => (buf: Uint8Array, pos: number): number => {
  const n = Math.max(0, Math.min(buf.length, bytes.length - pos));
  buf.set(bytes.subarray(pos, pos + n));
  return n;
};

/** read [start, end) the way a range thread does: the first range sniffs, later ones resume at their boundary */
function readRange(bytes: Uint8Array, start: number, end: number, resume: { line: number } | undefined, info: ReturnType<typeof readTable>["info"], last: boolean, piece = 4096) {
  // a tiny sniff sample: the first range decides the dialect from the same bytes the whole-file read does
  const r = new TableReader(resume ? { file: "f.csv", resume: { info: info!, offset: start, line: resume.line } } : { file: "f.csv", sniffBytes: 16 });
  const records: RawRecord[] = [];
  for (let at = start; at < end; at += piece) records.push(...r.push(bytes.subarray(at, Math.min(end, at + piece))));
  const clean = r.atRecordStart();
  const nextLine = r.nextLine;
  if (last) records.push(...r.end());
  return { records, clean, nextLine, issues: r.issues, rejects: r.rejects, dataRecords: r.dataRecords };
}

// fields with the quirks that make byte cuts hard: quoted line breaks (CRLF in an LF file), doubled quotes, commas
const field = fc.oneof(
  fc.constantFrom("", "x", "9.32177e+006", "Hong Kong, China", 'say ""hi""', "a\nb", "TRCSL.\r\n\r\nTRCSL", "\u0435\u00e9", "\uFEFFmid"),
  fc.stringMatching(/^[a-z0-9 .]{0,12}$/),
);

function csv(rows: string[][], nl: LineBreak): string {
  const cell = (f: string): string => (/[",\r\n\uFEFF]/.test(f) || f === "" ? `"${f.replaceAll('"', '""')}"` : f);
  return `\uFEFF"a","b","c"${nl}${rows.map((r) => r.map(cell).join(",")).join(nl)}${nl}`;
}

describe("findRecordStarts", () => {
  it("cut-anywhere-reads-the-same: the ranges' records, in order, are the whole file's, lines included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom<LineBreak>("\n", "\r\n"),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (rows, nl, fractions) => {
          const bytes = utf8(csv(rows, nl).replaceAll('"\uFEFFmid"', "\uFEFFmid"));
          const whole = readTable(bytes, { file: "f.csv", sniffBytes: 16 });
          // as validate cuts: never inside the first range's sniff sample
          const targets = fractions.map((f) => Math.max(16, Math.floor(f * bytes.length))).sort((a, b) => a - b);
          const starts = findRecordStarts(reader(bytes), bytes.length, targets, nl);
          const cuts = [...new Map(starts.map((s) => [s.offset, s])).values()].filter((s) => s.offset > 0);
          const bounds = [0, ...cuts.map((c) => c.offset), bytes.length];
          const got: RawRecord[] = [];
          let dataRecords = 0;
          for (let i = 0; i + 1 < bounds.length; i++) {
            const r = readRange(bytes, bounds[i]!, bounds[i + 1]!, i > 0 ? cuts[i - 1]! : undefined, whole.info, i + 2 === bounds.length);
            if (i + 2 < bounds.length) {
              expect(r.clean).toBe(true);
              expect(r.nextLine).toBe(cuts[i]!.line);
            }
            got.push(...r.records);
            dataRecords += r.dataRecords;
          }
          expect(got).toEqual(whole.records);
          expect(dataRecords).toBe(whole.dataRecords);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a-target-past-the-last-record: no boundary is made up at the end of the file", () => {
    const bytes = utf8('"a","b"\n1,2\n3,4\n');
    expect(findRecordStarts(reader(bytes), bytes.length, [bytes.length - 1], "\n")).toEqual([]);
    expect(findRecordStarts(reader(bytes), bytes.length, [1], "\n")).toEqual([{ offset: 8, line: 2 }]);
  });

  it("lone-cr-counts-a-line: a CR without LF inside a quoted field is a physical line, as the reader counts it", () => {
    const bytes = utf8('"a","b"\n"x\ry",2\n3,4\n5,6\n');
    const [start] = findRecordStarts(reader(bytes), bytes.length, [18], "\n");
    const whole = readTable(bytes, { file: "f.csv" });
    expect(whole.records.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(start).toEqual({ offset: 20, line: 5 });
  });

  it("stray-quote-is-caught: a cut the parity scan gets wrong is refused by the reader of the range before it", () => {
    const rows = Array.from({ length: 20 }, (_, i) => `r${i},${i}`).join("\n");
    // "a"b: papaparse keeps the quote open to the end of the file (one unclosed_quote reject); the parity is even
    const open = utf8(`"a","b"\n"a"b,1\n${rows}\n`);
    expect(readTable(open, { file: "f.csv" }).rejects.map((r) => r.code)).toEqual(["unclosed_quote"]);
    const [cut] = findRecordStarts(reader(open), open.length, [60], "\n");
    expect(cut).toEqual({ offset: 60, line: 12 });
    const first = readRange(open, 0, cut!.offset, undefined, undefined, false);
    expect(first.clean).toBe(false);
    // ab"c: a literal quote for papaparse, an odd parity for the scan, which then finds no cut at all (safe)
    const literal = utf8(`"a","b"\nab"c,1\n${rows}\n`);
    expect(readTable(literal, { file: "f.csv" }).records).toHaveLength(21);
    expect(findRecordStarts(reader(literal), literal.length, [60], "\n")).toEqual([]);
  });
});

describe("TableReader resume", () => {
  it("resumed-reader-reports-no-file-issues: no encoding or header issue, no header_only, invalid utf-8 at file offsets", () => {
    const bytes = utf8('"a","b"\n1,2\n3,4\n');
    const info = readTable(bytes, { file: "f.csv" }).info!;
    const r = new TableReader({ file: "f.csv", resume: { info, offset: 12, line: 3 } });
    const records = [...r.push(bytes.subarray(12)), ...r.end()];
    expect(records).toEqual([{ line: 3, fields: ["3", "4"], raw: "3,4" }]);
    expect(r.issues).toEqual([]);
    // a range with no record of its own is no header_only file
    const empty = new TableReader({ file: "f.csv", resume: { info, offset: bytes.length, line: 4 } });
    empty.end();
    expect(empty.issues).toEqual([]);
    const bad = new TableReader({ file: "f.csv", resume: { info, offset: 100, line: 9 } });
    bad.push(Uint8Array.from([0x78, 0x2c, 0xff, 0x0a]));
    bad.end();
    expect(bad.issues).toMatchObject([{ code: "invalid_utf8", at: { line: 9 }, offset: 102 }]);
  });

  it("bom-mid-file-is-text: a U+FEFF at a range's start stays in the field", () => {
    const bytes = utf8('"a","b"\n1,2\n\uFEFFx,4\n');
    const info = readTable(bytes, { file: "f.csv" }).info!;
    const r = new TableReader({ file: "f.csv", resume: { info, offset: 12, line: 3 } });
    const records = [...r.push(bytes.subarray(12)), ...r.end()];
    expect(records[0]!.fields[0]).toBe("\uFEFFx");
    expect(readTable(bytes, { file: "f.csv" }).records[1]!.fields[0]).toBe("\uFEFFx");
  });
});

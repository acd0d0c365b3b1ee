// malformed inputs (test/malformed/, written by generate.ts; the 10 MB line is made here): coded issues that name the line
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readTable, REJECT_PREVIEW_CHARS, TableReader, type Table } from "@bycn/ingest";
import { MALFORMED } from "./malformed/generate.js";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "malformed");

interface Expected {
  /** [code, line] of every issue except encoding_detected */
  issues: [string, number | undefined][];
  rejects?: [string, number][];
  records?: number[];
  info?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

const expected: Record<string, Expected> = {
  "empty.csv": { issues: [["file_empty", undefined]] },
  "header-only.csv": { issues: [["header_only", 1]], records: [] },
  "blank-lines-only.csv": { issues: [["header_missing", undefined]] },
  // the quote opens on line 4; the bad record starts on line 3 and swallows the rest of the file
  "unclosed-quote.csv": { issues: [["unclosed_quote", 4]], rejects: [["unclosed_quote", 3]], records: [2] },
  "binary.csv": { issues: [["binary_content", undefined]], details: { offset: 6 } },
  "cp1251.csv": { issues: [], records: [2, 3], info: { encoding: "windows-1251", delimiter: ";", header: ["Дата", "Резиденты", "Инвестиции, млн долл."] } },
  "utf16le-bom.csv": { issues: [], records: [2], info: { encoding: "utf-16le", bom: true } },
  "utf16le-no-bom.csv": { issues: [["encoding_undetermined", undefined]], details: { candidates: ["utf-16le (no byte-order mark)"] } },
  "ragged.csv": { issues: [["ragged_row", 3], ["ragged_row", 4]], rejects: [["ragged_row", 3], ["ragged_row", 4]], records: [2, 5] },
  "duplicate-header.csv": { issues: [["duplicate_column", 1]], records: [2], details: { column: "value", at: { file: "duplicate-header.csv", line: 1, column: 3, field: "value" } } },
};

const summary = (t: Table) => ({
  issues: t.issues.filter((i) => i.code !== "encoding_detected").map((i) => [i.code, i.at.line]),
  rejects: t.rejects.map((r) => [r.code, r.raw_line]),
});

describe("malformed inputs", () => {
  it("the folder holds what generate.ts writes", () => {
    for (const [name, bytes] of Object.entries(MALFORMED)) expect(new Uint8Array(readFileSync(path.join(dir, name)))).toEqual(bytes);
    expect(Object.keys(expected).sort()).toEqual(Object.keys(MALFORMED).sort());
  });

  it.each(Object.entries(expected))("%s", (name, e) => {
    const t = readTable(readFileSync(path.join(dir, name)), { file: name });
    expect(summary(t)).toEqual({ issues: e.issues, rejects: e.rejects ?? [] });
    if (e.records) expect(t.records.map((r) => r.line)).toEqual(e.records);
    if (e.info) expect(t.info).toMatchObject(e.info);
    if (e.details) expect(t.issues.find((i) => i.code === e.issues[0]![0])).toMatchObject(e.details);
    expect(t.records.length + t.rejects.length).toBe(t.dataRecords);
    const unreadable = ["file_empty", "binary_content", "encoding_undetermined"].includes(e.issues[0]?.[0] ?? "");
    if (unreadable) expect([t.info, t.records.length]).toEqual([undefined, 0]);
  });

  it("unclosed-quote keeps the raw text of the swallowed lines in its reject", () => {
    const t = readTable(readFileSync(path.join(dir, "unclosed-quote.csv")), { file: "u.csv" });
    expect(t.rejects[0]!.raw_record).toBe('"multi\nline",x,"open\n4,5,6\n7,8,9\n');
  });
});

describe("10-mb-single-line", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bycn-ingest-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const long = "abc,".repeat(2_500_000) + "z"; // 10,000,001 bytes, no line break
  const withHeader = path.join(tmp, "with-header.csv");
  writeFileSync(withHeader, `a,b\n1,2\n${long}\n3,4\n`);
  const bare = path.join(tmp, "single-line.csv");
  writeFileSync(bare, long);

  it("streamed: skipped without buffering, the records around it kept", async () => {
    const t0 = performance.now();
    const reader = new TableReader({ file: "with-header.csv" });
    const lines: number[] = [];
    for await (const batch of reader.stream(createReadStream(withHeader, { highWaterMark: 64 * 1024 }))) lines.push(...batch.map((r) => r.line));
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(lines).toEqual([2, 4]);
    expect(reader.issues.filter((i) => i.code !== "encoding_detected")).toMatchObject([{ code: "line_too_long", at: { line: 3 }, bytes: 10_000_001, limit: 1024 * 1024 }]);
    expect(reader.rejects).toMatchObject([{ code: "line_too_long", raw_line: 3 }]);
    expect(reader.rejects[0]!.raw_record.length).toBe(REJECT_PREVIEW_CHARS + 1);
    expect(reader.dataRecords).toBe(3);
  });

  it("one-shot: the same outcome as streamed", () => {
    const t = readTable(readFileSync(withHeader), { file: "with-header.csv" });
    expect(t.records.map((r) => r.line)).toEqual([2, 4]);
    expect(summary(t)).toEqual({ issues: [["line_too_long", 3]], rejects: [["line_too_long", 3]] });
    expect(t.issues[1]).toMatchObject({ bytes: 10_000_001 });
    expect(t.rejects[0]!.raw_record.length).toBe(REJECT_PREVIEW_CHARS + 1);
  });

  it("as the only line: too long, then no header", async () => {
    const reader = new TableReader({ file: "single-line.csv" });
    for await (const batch of reader.stream(createReadStream(bare, { highWaterMark: 64 * 1024 }))) expect(batch).toEqual([]);
    expect(summary({ ...reader.summary(), records: [] })).toEqual({ issues: [["line_too_long", 1], ["header_missing", undefined]], rejects: [] });
    const t = readTable(readFileSync(bare), { file: "single-line.csv" });
    expect(summary(t)).toEqual({ issues: [["line_too_long", 1], ["header_missing", undefined]], rejects: [] });
  });
});

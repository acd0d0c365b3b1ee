// the streaming surface: streamTable's batches and summary, TableReader's state as chunks arrive
import { describe, expect, it } from "vitest";
import { readTable, streamTable, TableReader, type RawRecord } from "@bycn/ingest";
import { utf8 } from "./_helpers.js";

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

// a WDI-shaped file, long enough (> 64 KiB) that records come out before the end
const wdi = utf8(
  `\uFEFF\r\n"Country Name","Country Code","2023",\r\n${Array.from({ length: 3000 }, (_, i) => `"Economy ${i}","E${i}","${(i % 100) + 0.5}",\r\n`).join("")}"Belarus","BLR","1","extra"\r\n`,
);

describe("streaming", () => {
  it("streamTable yields batches that add up to readTable's records, and returns the summary", async () => {
    const one = readTable(wdi, { file: "wdi.csv" });
    const gen = streamTable(pieces(wdi, 4096), { file: "wdi.csv" });
    const records: RawRecord[] = [];
    let batches = 0;
    for (;;) {
      const step = await gen.next();
      if (step.done) {
        expect(step.value).toEqual({ info: one.info, issues: one.issues, rejects: one.rejects, dataRecords: one.dataRecords });
        break;
      }
      expect(step.value.length).toBeGreaterThan(0);
      records.push(...step.value);
      batches++;
    }
    expect(batches).toBeGreaterThan(1);
    expect(records).toEqual(one.records);
    expect(one.rejects).toMatchObject([{ code: "ragged_row", raw_line: 3003 }]);
  });

  it("TableReader: info appears with the header, records before the end, push after end() throws", () => {
    const reader = new TableReader({ file: "wdi.csv" });
    expect(reader.push(wdi.subarray(0, 100))).toEqual([]);
    expect(reader.info).toBeUndefined(); // still sniffing: nothing decided before 64 KiB or the end
    const mid = reader.push(wdi.subarray(100, 80_000));
    expect(reader.info).toMatchObject({ headerLine: 2, trailingEmptyColumn: true });
    expect(mid.length).toBeGreaterThan(1000);
    expect(mid[0]).toMatchObject({ line: 3, fields: ["Economy 0", "E0", "0.5"] });
    const rest = [...reader.push(wdi.subarray(80_000)), ...reader.end()];
    expect(mid.length + rest.length + reader.rejects.length).toBe(reader.dataRecords);
    expect(reader.end()).toEqual([]);
    expect(() => reader.push(new Uint8Array(1))).toThrow(/after end/);
  });

  it("a dead file (binary) buffers nothing more and yields nothing", async () => {
    const bytes = new Uint8Array(200_000);
    bytes.fill(0x41);
    bytes[10] = 0;
    const gen = streamTable(pieces(bytes, 1000), { file: "b.bin" });
    const batches = [];
    let step = await gen.next();
    while (!step.done) {
      batches.push(step.value);
      step = await gen.next();
    }
    expect(batches).toEqual([]);
    expect(step.value.info).toBeUndefined();
    expect(step.value.issues).toMatchObject([{ code: "binary_content", offset: 10 }]);
  });
});

// the real public exports in ../shared/data/real: counts from SOURCES.md, physical lines checked against the bytes
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { readTable, TableReader, type RawRecord, type Table } from "@bycn/ingest";
import { describeReal } from "../../core/test-support/real.js";

/** every .csv below `dir`, relative to it */
function csvFiles(dir: string, sub = ""): string[] {
  return readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(sub, e.name);
    if (e.isDirectory()) return csvFiles(dir, rel);
    return e.name.endsWith(".csv") ? [rel] : [];
  });
}

/** byte offset where each physical line starts, counted on the raw bytes (LF ends a line; CRLF is one break) */
function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) starts.push(i + 1);
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) starts.push(i + 1);
  }
  return starts;
}

const STRUCTURAL = ["unclosed_quote", "ragged_row", "parse_error", "line_too_long", "invalid_utf8", "binary_content", "encoding_undetermined"];

// data rows per file, from SOURCES.md (the uas_policy slice: 98 records)
const COUNTS: Record<string, number> = {
  "itu-datahub-csv/households_with_internet_access_at_home.csv": 3964,
  "itu-datahub-csv/population_coverage_mobile_network.csv": 9609,
  "itu-datahub-csv/active_mobile_broadband_subscriptions.csv": 6271,
  "itu-datahub-csv/fixed_broadband_internet_5GB.csv": 4568,
  "itu-datahub-csv/data_only_mobile_broadband_5GB.csv": 1861,
  // SOURCES.md says 265, but the file has 266 LF and no final newline: header + 266 records (Python's csv module agrees)
  "itu-datahub-csv/average_download_throughput_fixed_broadband.csv": 266,
  "itu-datahub-csv/uas_policy.csv": 98,
  "world-bank-wdi/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv": 266,
  "owid/internet.csv": 7151,
  "itu-price-baskets/itu_price_baskets_long.csv": 50,
};

describeReal("real public files", (real) => {
  const files = csvFiles(real);
  const tables = new Map<string, { bytes: Uint8Array; t: Table }>();
  const read = (rel: string) => {
    if (!tables.has(rel)) {
      const bytes = new Uint8Array(readFileSync(path.join(real, rel)));
      tables.set(rel, { bytes, t: readTable(bytes, { file: rel }) });
    }
    return tables.get(rel)!;
  };

  it("finds the CSV files", () => {
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(COUNTS).length);
    for (const rel of Object.keys(COUNTS)) expect(files).toContain(rel);
  });

  it.each(Object.entries(COUNTS))("%s has %i records", (rel, n) => {
    const { t } = read(rel);
    expect(t.records.length).toBe(n);
    expect(t.dataRecords).toBe(n);
  });

  it("every CSV reads without structural surprises, each record starting on the physical line it names", () => {
    for (const rel of files) {
      const { bytes, t } = read(rel);
      expect(t.issues.filter((i) => STRUCTURAL.includes(i.code)), rel).toEqual([]);
      expect(t.rejects, rel).toEqual([]);
      expect(t.info, rel).toBeDefined();
      // independent check: the record's raw text, re-encoded, sits at the start of its line in the file's bytes
      const starts = lineStarts(bytes);
      const encoder = new TextEncoder();
      for (const r of t.records) {
        const raw = encoder.encode(r.raw);
        const at = starts[r.line - 1]!;
        expect(Buffer.from(bytes.subarray(at, at + raw.length)).equals(Buffer.from(raw)), `${rel}:${r.line}`).toBe(true);
      }
    }
  });

  it("streamed in 64 KiB pieces, every CSV gives the one-shot table", async () => {
    for (const rel of files) {
      const reader = new TableReader({ file: rel });
      const records: RawRecord[] = [];
      for await (const batch of reader.stream(createReadStream(path.join(real, rel), { highWaterMark: 64 * 1024 }))) records.push(...batch);
      const { t } = read(rel);
      expect(records, rel).toEqual(t.records);
      expect(reader.summary(), rel).toEqual({ info: t.info, issues: t.issues, rejects: t.rejects, dataRecords: t.dataRecords });
    }
  });

  it("crlf-inside-quoted-field: LKA 2010 and MEX 2010 in the subscriptions export", () => {
    const rel = "itu-datahub-csv/active_mobile_broadband_subscriptions.csv";
    const { bytes, t } = read(rel);
    const text = Buffer.from(bytes).toString("latin1"); // byte offsets = string offsets
    for (const [iso, source] of [
      ["LKA", "TRCSL.\r\n\r\n\r\nTRCSL"],
      ["MEX", "Instituto Federal de Telecomunicaciones de México\r\n"],
    ] as const) {
      const record = t.records.find((r) => r.fields[1] === "i271mw" && r.fields[6] === iso && r.fields[9] === "2010")!;
      expect(record.fields[11]).toContain(source);
      // expected line, counted apart from the reader: newlines before the byte offset where the record's bytes occur, plus one
      const offset = text.indexOf(Buffer.from(record.raw, "utf8").toString("latin1"));
      expect(offset).toBeGreaterThan(0);
      expect(record.line).toBe(text.slice(0, offset).split("\n").length);
      const next = t.records[t.records.indexOf(record) + 1]!;
      expect(next.line).toBe(record.line + record.raw.split("\n").length);
    }
  });

  it("wdi: blank first line, CRLF, trailing comma, header with Country Code", () => {
    const { t } = read("world-bank-wdi/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv");
    expect(t.info).toMatchObject({ encoding: "utf-8", bom: true, lineBreak: "\r\n", headerLine: 2, trailingEmptyColumn: true });
    expect(t.info!.header.slice(0, 5)).toEqual(["Country Name", "Country Code", "Indicator Name", "Indicator Code", "1960"]);
    expect(t.info!.header.at(-1)).toBe("2024");
    expect(t.issues.map((i) => [i.code, i.at.line])).toEqual([["encoding_detected", undefined], ["preamble_skipped", 1]]);
    expect(t.records.find((r) => r.fields[1] === "BLR")!.line).toBeGreaterThan(2);
  });

  it("owid: no BOM, LF, no trailing newline, the last record kept", () => {
    const { bytes, t } = read("owid/internet.csv");
    expect(bytes.at(-1)).not.toBe(0x0a);
    expect(t.info).toMatchObject({ encoding: "utf-8", bom: false, lineBreak: "\n", header: ["Entity", "Code", "Year", "Individuals using the Internet (% of population)"] });
    expect(t.records.at(-1)!.line).toBe(7152);
  });
});

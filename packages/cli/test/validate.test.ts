// bycn validate on every real public CSV (exit 0/1, never 2; nothing lost; exact values) and on malformed inputs
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { readTable } from "@bycn/ingest";
import { describeReal } from "../../core/test-support/real.js";
import { bycn, tempDir } from "./_cli.js";

function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? csvFiles(p) : n.endsWith(".csv") ? [p] : [];
  });
}

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data;
}

describeReal("bycn validate on every real public CSV", (real) => {
  const files = csvFiles(real);

  it("finds the real files", () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
  });

  describe.each(files.map((f) => [path.relative(real, f), f]))("%s", (_name, file) => {
    const out = tempDir();
    const r = bycn(["validate", file, "--out", out, "--format", "json"]);

    it("exits 0 or 1, never 2, never crashes", () => {
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect([0, 1]).toContain(r.status);
    });

    it("every data record ends as a published row or a reject (nothing lost)", () => {
      const report = JSON.parse(r.stdout);
      // the records, counted independently of the pipeline by the table reader alone
      const table = readTable(readFileSync(file), { file });
      const expected = new Set([...table.records.map((x) => x.line), ...table.rejects.map((x) => x.raw_line)]);
      expect(report.data_records).toBe(expected.size);
      const seen = new Set<number>();
      // the csv files (rows and rejects); each dataset also has a .json twin with the same rows
      for (const name of readdirSync(out).filter((n) => n.endsWith(".csv"))) for (const row of readCsv(path.join(out, name))) if (row.raw_line) seen.add(Number(row.raw_line));
      if (report.kind === null) {
        // a layout bycn does not know: nothing is published, the header_unrecognized issue says why
        expect(report.issues.map((i: { code: string }) => i.code)).toContain("header_unrecognized");
        return;
      }
      expect([...expected].filter((l) => !seen.has(l))).toEqual([]);
      expect([...seen].filter((l) => !expected.has(l))).toEqual([]);
    });
  });

  it("values come out exact: %g strings and plain decimals", () => {
    const out = tempDir();
    const sub = files.find((f) => f.endsWith("active_mobile_broadband_subscriptions.csv"))!;
    bycn(["validate", sub, "--out", out]);
    const rows = readCsv(path.join(out, "itu-indicators.csv"));
    const text = readFileSync(sub, "utf8");
    const line = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    const g = rows.find((x) => Number(x.raw_line) === line('"9.32177e+006"'));
    expect(g?.value).toBe("9321770");
    const d = rows.find((x) => Number(x.raw_line) === line('"101.619"'));
    expect(d?.value).toBe("101.619");
    for (const col of ["economy", "indicator", "year", "value", "unit", "source", "raw_file", "raw_line"]) expect(Object.keys(rows[0]!)).toContain(col);
  });
});

describe("bycn validate on malformed inputs", () => {
  const dir = tempDir("bycn-malformed-");
  const ITU_HEADER = '"seriesID","seriesCode","seriesName","seriesParent","seriesUnits","entityID","entityIso","entityName","dataValue","dataYear","dataNote","dataSource","seriesDescription"';
  const itu = (code: string, iso: string, name: string, value: string, year: number) =>
    `12047,"${code}","Households with Internet access at home",,"%",37,"${iso}","${name}","${value}",${year},"","",""`;
  const cp1251 = new Uint8Array([0xc4, 0xe0, 0xf2, 0xe0, 0x3b, 0xc7, 0xed, 0xe0, 0xf7, 0xe5, 0xed, 0xe8, 0xe5, 0x0d, 0x0a, 0x32, 0x30, 0x32, 0x34, 0x3b, 0x31, 0x34, 0x34, 0x0d, 0x0a]);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("iso3,idi_2024\r\nBLR,88.5\r\nCHN,\"85.8\r\n", "utf16le")]);
  const cases: [string, string | Uint8Array, number[], string, number | undefined][] = [
    ["empty-file", "", [1, 2], "file_empty", undefined],
    ["header-only", `${ITU_HEADER}\n`, [1], "header_only", 1],
    ["unclosed-quote", `${ITU_HEADER}\n${itu("xHH6_IDI", "BLR", "Belarus", "89.4918", 2022)}\n12047,"xHH6_IDI","Households with Internet access at home",,"%",37,"BLR","Belarus","88.1,2021,"","",""\n`, [1], "unclosed_quote", 3],
    ["binary-garbage", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]), [2], "binary_content", undefined],
    ["cp1251-file", cp1251, [1], "header_unrecognized", 1],
    ["utf16-file", utf16, [1], "unclosed_quote", 3],
    ["ragged-rows", `${ITU_HEADER}\n${itu("xHH6_IDI", "BLR", "Belarus", "89.4918", 2022)}\n${itu("xHH6_IDI", "CHN", "China", "81.2356", 2021)},"extra"\n`, [1], "ragged_row", 3],
    ["duplicate-key-row", `${ITU_HEADER}\n${itu("xHH6_IDI", "BLR", "Belarus", "89.4918", 2022)}\n${itu("xHH6_IDI", "BLR", "Belarus", "89.5", 2022)}\n`, [1], "duplicate_key", 3],
  ];

  it.each(cases)("%s: exit %j with %s naming the line", (name, content, exits, code, line) => {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, content);
    const r = bycn(["validate", file, "--format", "json"]);
    expect(exits).toContain(r.status);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const issues = JSON.parse(r.stdout).issues as { code: string; at: { file: string; line?: number } }[];
    const hit = issues.find((i) => i.code === code);
    expect(hit, JSON.stringify(issues.map((i) => i.code))).toBeDefined();
    expect(hit!.at.file).toBe(file);
    if (line !== undefined) expect(hit!.at.line).toBe(line);
  });

  it("a 10 MB single line: exit 1 with line_too_long, no hang", () => {
    const file = path.join(dir, "ten-mb-line.csv");
    writeFileSync(file, `${ITU_HEADER}\n12047,"xHH6_IDI","${"x".repeat(10 * 1024 * 1024)}"\n`);
    const r = bycn(["validate", file, "--format", "json"]);
    expect(r.status).toBe(1);
    const issues = JSON.parse(r.stdout).issues as { code: string; at: { line?: number } }[];
    expect(issues.find((i) => i.code === "line_too_long")?.at.line).toBe(2);
  });

  it("a file that is one 10 MB line without a newline: exit 1 or 2 with line_too_long on line 1", () => {
    const file = path.join(dir, "ten-mb-header.csv");
    writeFileSync(file, "a,".repeat(5 * 1024 * 1024));
    const r = bycn(["validate", file, "--format", "json"]);
    expect([1, 2]).toContain(r.status);
    const issues = JSON.parse(r.stdout).issues as { code: string; at: { line?: number } }[];
    expect(issues.find((i) => i.code === "line_too_long")?.at.line).toBe(1);
  });

  it("a missing file or a directory: exit 2, one line", () => {
    for (const target of [path.join(dir, "nope.csv"), dir]) {
      const r = bycn(["validate", target]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("text output: file:line:col: severity code: message", () => {
    const file = path.join(dir, "ragged-text.csv");
    writeFileSync(file, `${ITU_HEADER}\n${itu("xHH6_IDI", "BLR", "Belarus", "89.4918", 2022)},"extra"\n`);
    const r = bycn(["validate", file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${file}:2`);
    expect(r.stdout).toMatch(/: error ragged_row: /);
  });
});

// bycn validate --kind great-stone: the BELTA-style table as windows-1251, UTF-8 with BOM and UTF-8 gives the same rows
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { bycn, repoRoot, tempDir } from "./_cli.js";

const beltaDir = path.join(repoRoot, "raw/belta");
const snapshot = path.join(beltaDir, readdirSync(beltaDir).sort().at(-1)!, "great-stone-figures.csv");

function rowsWithoutFile(csv: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.map(({ raw_file: _f, ...rest }) => rest);
}

describe("validate great-stone in three encodings", () => {
  const cp1251 = readFileSync(snapshot);
  const text = new TextDecoder("windows-1251").decode(cp1251);
  const dir = tempDir();
  const variants: [string, Uint8Array][] = [
    ["windows-1251", cp1251],
    ["utf-8-bom", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])],
    ["utf-8", Buffer.from(text, "utf8")],
  ];
  const results = variants.map(([name, bytes]) => {
    const file = path.join(dir, `${name}.csv`);
    writeFileSync(file, bytes);
    const out = path.join(dir, `out-${name}`);
    const kind = name === "utf-8" ? "auto" : "great-stone";
    const r = bycn(["validate", file, "--kind", kind, "--out", out, "--format", "json"]);
    return { name, r, out };
  });

  it("each is read (exit 0 or 1: the undated report is a coded reject) with the encoding it has", () => {
    for (const { name, r } of results) {
      expect([0, 1], name).toContain(r.status);
      const report = JSON.parse(r.stdout);
      expect(report.kind).toBe("belta");
      expect(report.encoding).toBe(name === "windows-1251" ? "windows-1251" : "utf-8");
    }
  });

  it("the same rows and rejects whatever the encoding", () => {
    const [first, ...rest] = results.map(({ out }) => ({
      rows: rowsWithoutFile(readFileSync(path.join(out, "great-stone.csv"), "utf8")),
      rejects: rowsWithoutFile(readFileSync(path.join(out, "rejects.csv"), "utf8")).map((r) => [r.raw_line, r.code]),
    }));
    expect(first!.rows.length).toBeGreaterThan(40);
    for (const other of rest) expect(other).toEqual(first);
  });
});

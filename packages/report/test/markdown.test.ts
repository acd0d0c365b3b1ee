// report.md: GitHub pipe tables with escaped cells, the same verdicts and downloads as the page
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { renderReport } from "../src/index.js";
import { FAKE_PEERS, hostileDist, reader } from "./fake-dist.js";

const decoder = new TextDecoder();
const files = hostileDist();
const md = decoder.decode(renderReport(reader(files), { peers: FAKE_PEERS }).get("report.md"));

/** cells of a pipe-table line, split on the pipes GitHub treats as column separators (not on \| ) */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "\\") {
      cur += c + (line[i + 1] ?? "");
      i++;
    } else if (c === "|") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.slice(1, -1).map((s) => s.trim());
}

/** the table under a "## heading": header cells and body rows */
function tableUnder(heading: string): { head: string[]; rows: string[][] } {
  const lines = md.split("\n");
  const start = lines.indexOf(`## ${heading}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const body: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith("|")) break;
    body.push(l);
  }
  const [head, sep, ...rows] = body;
  expect(sep).toMatch(/^\|( ---:? \|)+$/);
  return { head: cells(head as string), rows: rows.map(cells) };
}

describe("report.md", () => {
  const claimsCsv = Papa.parse<Record<string, string>>(decoder.decode(files.get("claims.csv")), { header: true, skipEmptyLines: true }).data;

  it("verdict-table-counts-add-up-to-the-claims", () => {
    const t = tableUnder("Verdicts");
    expect(t.head).toEqual(["Verdict", "Claims"]);
    expect(t.rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(claimsCsv.length);
    expect(t.rows.map((r) => r[0])).toEqual(["✓ confirmed", "↻ matches another year", "✗ contradicted", "? unverifiable", "• odd &lt;script&gt;alert(1)&lt;/script&gt;"]);
  });

  it("claims-table-one-row-per-claim-every-row-as-wide-as-the-header", () => {
    const t = tableUnder("Claims");
    expect(t.rows.map((r) => r[0])).toEqual(claimsCsv.map((r) => (r.id as string).replace(/_/g, "\\_")));
    for (const r of t.rows) expect(r).toHaveLength(t.head.length);
    const blr = t.rows[0] as string[];
    expect(blr[8]).toBe("value \"&gt;&lt;img src=x onerror=alert(1)&gt; differs a \\| b \\\\\\| c");
  });

  it("download-table-links-relative-to-dist-root-with-sha256", () => {
    const t = tableUnder("Downloads");
    const pkg = JSON.parse(decoder.decode(files.get("datapackage.json")));
    const csvs = pkg.resources.filter((r: { format: string }) => r.format === "csv");
    expect(t.rows).toHaveLength(csvs.length);
    for (const r of t.rows) {
      const link = /^\[CSV\]\(([^)]+)\)$/.exec(r[2] as string)?.[1] as string;
      const res = csvs.find((x: { path: string }) => x.path === link);
      expect(res, link).toBeDefined();
      expect(r[5]).toBe(`\`${res.hash.replace("sha256:", "")}\``);
    }
    expect(t.rows.find((r) => r[0] === "itu-indicators")?.[3]).toBe("[JSON](data/itu-indicators.json)");
  });

  it("no-raw-html-from-data", () => {
    expect(md).not.toMatch(/<script|<img/i);
    // the only angle-bracket syntax is an autolink to an http(s) source
    for (const m of md.match(/<[^>\n]*>/g) ?? []) expect(m).toMatch(/^<https?:\/\/[^<>\s]+>$/);
  });

  it("ends-with-one-newline", () => {
    expect(md.endsWith("\n")).toBe(true);
    expect(md.endsWith("\n\n")).toBe(false);
  });
});

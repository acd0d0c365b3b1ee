// renderReport on a hostile in-memory dist: escaping, csp, determinism, what is drawn, and reading problems as notes
import { describe, expect, it } from "vitest";
import { castCell, parseCsv, readDistView } from "../src/dist.js";
import { CSP, renderReport } from "../src/index.js";
import { parseReadings, printedValue } from "../src/model.js";
import { yearFraction } from "../src/park.js";
import { FAKE_PEERS, hostileDist, reader } from "./fake-dist.js";

const decoder = new TextDecoder();
const files = hostileDist();
const report = renderReport(reader(files), { peers: FAKE_PEERS });
const html = decoder.decode(report.get("report/index.html"));

/** the figure elements of one kind, as html strings */
const figures = (kind: string) => html.split("<figure ").slice(1).filter((f) => f.includes(`data-chart="${kind}"`));
const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

describe("renderReport output", () => {
  it("exactly-two-files", () => {
    expect([...report.keys()].sort()).toEqual(["report.md", "report/index.html"]);
  });

  it("deterministic-for-the-same-files", () => {
    const again = renderReport(reader(hostileDist()), { peers: FAKE_PEERS });
    for (const [p, bytes] of report) expect(decoder.decode(again.get(p))).toBe(decoder.decode(bytes));
  });

  it("reads-only-dist-files-it-was-pointed-at", () => {
    const asked: string[] = [];
    renderReport((p) => {
      asked.push(p);
      return files.get(p);
    });
    expect(asked[0]).toBe("datapackage.json");
    for (const p of asked) expect(files.has(p)).toBe(true);
  });
});

describe("hostile values are text", () => {
  it("no-script-img-or-event-handler-markup", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it("script-tag-in-an-economy-name-shown-escaped-in-html-and-svg", () => {
    const escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    expect(html).toContain(`<th scope="row">${escaped}</th>`);
    // the peer line's svg <title>
    expect(html).toContain(`<title>${escaped}: 4 values, 2019–2022</title>`);
  });

  it("attribute-breakout-shown-escaped", () => {
    expect(html).toContain("value &quot;&gt;&lt;img src=x onerror=alert(1)&gt; differs");
    // in an attribute context (the dataset title is only text; source urls are never hrefs unless http)
    expect(html).not.toContain(`"><img`);
  });

  it("formula-guard-apostrophe-dropped-and-text-kept", () => {
    // the csv carries the spreadsheet guard; the report shows the value as the json has it
    expect(decoder.decode(files.get("data/itu-indicators.csv"))).toContain(`'=HYPERLINK(`);
    expect(html).toContain("=HYPERLINK(&quot;http://evil.test&quot;,&quot;click&quot;)");
    expect(html).not.toContain("&#39;=HYPERLINK");
  });

  it("csp-meta-before-any-content", () => {
    const head = html.slice(0, html.indexOf("<title>"));
    expect(head).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP.replace(/'/g, "&#39;")}">`);
    expect(CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
  });

  it("unknown-verdict-keeps-its-text-with-a-neutral-badge", () => {
    expect(html).toContain(`<span class="badge tone-none"><span class="sym" aria-hidden="true">•</span> odd &lt;script&gt;alert(1)&lt;/script&gt;</span>`);
  });

  it("non-http-source-url-is-not-a-link", () => {
    expect(html).toContain("javascript:alert(1)");
    expect(html).toContain(`<a href="https://data.worldbank.org/" rel="noopener noreferrer nofollow">`);
  });
});

describe("what is drawn (fake dist)", () => {
  it("one-claims-row-per-claim", () => {
    expect(count(html, /<tr class="claim">/g)).toBe(5);
  });

  it("bars-one-per-economy-and-series-with-data", () => {
    const bars = figures("bars");
    // xHH6_IDI 2022: BLR only (CHN has no 2022); i911mw: BLR; i99H read as IT.NET.USER.ZS: BLR
    expect(bars.map((f) => /data-key="([^"]*)"/.exec(f)?.[1])).toEqual(["xHH6_IDI 2022", "i911mw 2022", "i99H 2022"]);
    expect(bars.map((f) => count(f, /class="mark bar /g))).toEqual([1, 1, 1]);
    // the article's figure for both economies, also where the data has no value
    expect(bars.map((f) => count(f, /class="mark article-mark"/g))).toEqual([2, 1, 1]);
  });

  it("lines-one-per-non-aggregate-economy", () => {
    const lines = figures("lines");
    expect(lines.map((f) => /data-key="([^"]*)"/.exec(f)?.[1])).toEqual(["IT.NET.USER.ZS", "xHH6_IDI"]);
    expect(lines.map((f) => count(f, /class="mark line /g))).toEqual([3, 5]);
    expect(lines.map((f) => count(f, /class="mark line subject/g))).toEqual([2, 2]);
  });

  it("park-actuals-only-and-the-same-day-conflict-flagged", () => {
    const [park] = figures("park");
    expect(park).toBeDefined();
    expect(count(park as string, /class="mark point/g)).toBe(4);
    expect(count(park as string, /class="mark point conflict"/g)).toBe(2);
    expect(count(park as string, /class="mark article-mark"/g)).toBe(1);
    expect(park).toContain("1 plan or target figure not drawn");
  });

  it("every-chart-is-a-figure-with-caption-svg-and-data-table", () => {
    const all = html.split("<figure ").slice(1);
    expect(all).toHaveLength(6);
    for (const f of all) {
      expect(f).toMatch(/<figcaption>/);
      expect(f).toMatch(/<svg [^>]*role="img" aria-labelledby="(c\d+)-title \1-desc"/);
      expect(f).toMatch(/<details><summary>[^<]+<\/summary><div class="scroll"><table/);
      expect(f).toMatch(/<th scope="col">/);
    }
  });

  it("findings-skip-claims-and-info", () => {
    expect(html).toContain("two reports differ &lt;script&gt;");
    expect(html).not.toContain(">claim BLR_HH<");
  });

  it("downloads-link-relative-to-report-folder", () => {
    expect(html).toContain(`<a href="../data/itu-indicators.csv" data-download="data/itu-indicators.csv">CSV</a>`);
    expect(html).toContain(`<a href="../data/itu-indicators.json" data-download="data/itu-indicators.json">JSON</a>`);
    expect(html).toContain(`<a href="../claims.csv" data-download="claims.csv">CSV</a>`);
  });
});

describe("reading a dist", () => {
  it("missing-datapackage-is-a-note-and-still-two-files", () => {
    const out = renderReport(() => undefined);
    expect([...out.keys()].sort()).toEqual(["report.md", "report/index.html"]);
    expect(decoder.decode(out.get("report/index.html"))).toContain("datapackage.json is missing");
  });

  it("hash-mismatch-and-missing-file-are-notes", () => {
    const tampered = new Map(files);
    tampered.set("data/wdi-indicators.csv", new TextEncoder().encode("entity,value\nX,1\n"));
    tampered.delete("data/great-stone.json");
    const view = readDistView(reader(tampered));
    expect(view.notes.some((n) => n.startsWith("resource wdi-indicators: data/wdi-indicators.csv has sha256"))).toBe(true);
    expect(view.notes).toContain("resource great-stone-json: data/great-stone.json is missing");
  });

  it("paths-outside-dist-are-never-read", () => {
    const pkg = JSON.parse(decoder.decode(files.get("datapackage.json")));
    pkg.resources.push({ name: "evil", path: "../secret.csv", format: "csv" }, { name: "remote", path: "https://example.org/x.csv", format: "csv" });
    const asked: string[] = [];
    const view = readDistView((p) => {
      asked.push(p);
      return p === "datapackage.json" ? new TextEncoder().encode(JSON.stringify(pkg)) : files.get(p);
    });
    expect(asked).not.toContain("../secret.csv");
    expect(asked).not.toContain("https://example.org/x.csv");
    expect(view.notes.filter((n) => n.includes("is not a relative path inside dist/"))).toHaveLength(2);
  });

  it.each([
    { name: "formula-guard-dropped-from-open-text", cell: "'=1+1", type: "string", closed: false, out: "=1+1" },
    { name: "apostrophe-guard-on-an-apostrophe", cell: "''quoted", type: "string", closed: false, out: "'quoted" },
    { name: "closed-enum-never-escaped", cell: "'x", type: "string", closed: true, out: "'x" },
    { name: "empty-number-is-missing", cell: "", type: "number", closed: false, out: null },
    { name: "integer", cell: "2022", type: "integer", closed: false, out: 2022 },
    { name: "exponent", cell: "4.98591e+11", type: "number", closed: false, out: 498591000000 },
    { name: "boolean", cell: "false", type: "boolean", closed: false, out: false },
  ])("$name", ({ cell, type, closed, out }) => {
    expect(castCell(cell, { name: "c", type, closed }, true)).toBe(out);
  });

  it("csv-with-quoted-newline-and-bom-free-header", () => {
    const { rows, problems } = parseCsv('a,b\n"x\ny",2\n', { fields: [{ name: "a", type: "string", closed: false }, { name: "b", type: "integer", closed: false }], formulaEscape: true });
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ a: "x\ny", b: 2 }]);
  });
});

describe("model helpers", () => {
  it.each([
    { printed: "2,575.1", unit: "GB", out: 2575.1 },
    { printed: "1.5", unit: "USD bn", out: 1.5e9 },
    { printed: "877", unit: "USD m", out: 877e6 },
    { printed: "3,000", unit: "count", out: 3000 },
    { printed: "98.8", unit: "per 100 inhabitants", out: 98.8 },
    { printed: "about 5", unit: "%", out: undefined },
  ])("printed-$printed-$unit", ({ printed, unit, out }) => {
    expect(printedValue(printed, unit)).toBe(out);
  });

  it("readings-keep-plain-series-only", () => {
    expect(parseReadings("3G=i271G;4G/LTE=i271GA;mean of 3G and 4G/LTE=mean(i271G,i271GA)")).toEqual([
      { label: "3G", code: "i271G" },
      { label: "4G/LTE", code: "i271GA" },
    ]);
    expect(parseReadings("")).toEqual([]);
  });

  it("year-fraction-of-a-date", () => {
    expect(yearFraction("2024-01-01")).toBe(2024);
    expect(yearFraction("2023-07-02")).toBeCloseTo(2023 + 182 / 365, 9);
    expect(yearFraction("2024")).toBeUndefined();
  });
});

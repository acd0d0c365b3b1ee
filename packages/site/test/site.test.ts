// the downloads and pages from small in-memory dists: two sources kept and compared, hostile text escaped, stable names
import { Observation } from "@bycn/core";
import { buildDist, type DistFiles } from "@bycn/publish";
import { buildReportModel, readDistView } from "@bycn/report";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { HOSTILE, hostileDist, reader } from "../../report/test/fake-dist.js";
import { buildSiteModel, renderSite, slugOf } from "../src/index.js";

const decoder = new TextDecoder();
const textOf = (files: ReadonlyMap<string, Uint8Array>, p: string): string => {
  const b = files.get(p);
  if (b === undefined) throw new Error(`${p} is not in the output`);
  return decoder.decode(b);
};
const csv = (s: string) => Papa.parse<Record<string, string>>(s, { header: true, skipEmptyLines: true }).data;

const row = (entity: string, name: string, year: number, value: number, source: "wdi" | "owid", vintage: string, aggregate = false) => ({
  entity,
  economy: aggregate ? "" : entity,
  entity_name: name,
  is_aggregate: aggregate,
  indicator: "IT.NET.USER.ZS",
  indicator_name: "Individuals using the Internet (% of population)",
  year,
  value,
  unit: "%",
  source,
  vintage,
  note: "",
  source_text: "",
  raw_file: `raw/${source}/${vintage}/x.csv`,
  raw_line: 2,
});

/** WDI and OWID's copy of internet users: China 2023 disagrees, Belarus 2022 differs only below OWID's printing */
function twoSourceDist(): DistFiles {
  const spec = (name: string, source: "wdi" | "owid") => ({ name, title: name, description: name, schema: Observation, primaryKey: ["entity", "indicator", "year"], sources: [source] });
  return buildDist({
    datasets: [
      { spec: spec("wdi-indicators", "wdi"), rows: [row("BLR", "Belarus", 2022, 89.51, "wdi", "2026-02-18"), row("BLR", "Belarus", 2023, 91.5, "wdi", "2026-02-18"), row("CHN", "China", 2023, 90.6, "wdi", "2026-02-18"), row("WLD", "World", 2023, 67.4, "wdi", "2026-02-18", true)] },
      { spec: spec("owid-indicators", "owid"), rows: [row("BLR", "Belarus", 2022, 89.5, "owid", "2025-10-29"), row("CHN", "China", 2023, 77.4827, "owid", "2025-10-29"), row("POL", "Poland", 2021, 85.4, "owid", "2025-10-29")] },
    ],
    rejects: [],
    check: { version: 1, summary: { error: 0, warning: 0, info: 0 }, findings: [] },
    sources: [
      { id: "wdi", title: "World Bank WDI", path: "https://data.worldbank.org/", licence: "CC BY 4.0", retrieved: "2026-02-18", files: [] },
      { id: "owid", title: "Our World in Data", path: "https://ourworldindata.org/", licence: "CC BY 4.0", retrieved: "2025-10-29", files: [] },
    ],
    package: { name: "two", title: "Two sources", version: "2026.02.18", created: "2026-02-18" },
  });
}

describe("two sources of one indicator", () => {
  const out = renderSite(reader(twoSourceDist()));

  it("wdi-and-owid-both-kept-in-the-wide-csv-one-row-per-economy-and-source", () => {
    const wide = csv(textOf(out, "data/indicators/IT.NET.USER.ZS.wide.csv"));
    expect(wide.map((r) => `${r.economy_code}/${r.source}`)).toEqual(["BLR/owid", "BLR/wdi", "CHN/owid", "CHN/wdi", "POL/owid", "WLD/wdi"]);
    expect(textOf(out, "data/indicators/IT.NET.USER.ZS.wide.csv").split("\n")[0]).toBe("economy_code,economy_name,is_aggregate,source,2021,2022,2023");
    const chn = (s: string) => wide.find((r) => r.economy_code === "CHN" && r.source === s);
    expect([chn("wdi")?.["2023"], chn("owid")?.["2023"]]).toEqual(["90.6", "77.4827"]);
    expect(wide.find((r) => r.economy_code === "WLD")?.is_aggregate).toBe("true");
  });

  it("the-page-says-which-is-newer-and-counts-only-gaps-beyond-the-printed-precision", () => {
    const html = textOf(out, "site/indicators/IT.NET.USER.ZS.html");
    expect(html).toContain("wdi is the newer retrieval (2026-02-18, against 2025-10-29)");
    // BLR 2022 89.5 vs 89.51 is the same at OWID's one decimal; CHN 2023 is not
    expect(html).toMatch(/Of 2 economy-years both publish, <strong>1<\/strong> differ/);
    expect(html).toContain("77.4827");
    const catalog = JSON.parse(textOf(out, "site/catalog.json"));
    expect(catalog.indicators[0].comparisons).toEqual([{ sources: ["owid", "wdi"], compared: 2, differ: 1 }]);
    expect(catalog.indicators[0].sources.map((s: { source: string; vintage: string }) => `${s.source} ${s.vintage}`)).toEqual(["owid 2025-10-29", "wdi 2026-02-18"]);
  });

  it("tidy-and-economy-csv-hold-every-row-once-labelled-by-source", () => {
    const tidy = csv(textOf(out, "data/indicators/IT.NET.USER.ZS.csv"));
    expect(tidy).toHaveLength(7);
    expect(tidy.reduce((s, r) => s + Number(r.value), 0)).toBeCloseTo(89.51 + 91.5 + 90.6 + 67.4 + 89.5 + 77.4827 + 85.4, 9);
    const blr = csv(textOf(out, "data/economies/BLR.csv"));
    expect(blr.map((r) => `${r.source} ${r.year} ${r.value}`)).toEqual(["owid 2022 89.5", "wdi 2022 89.51", "wdi 2023 91.5"]);
    // aggregates get no economy file or page
    expect(out.has("data/economies/WLD.csv")).toBe(false);
    expect(out.has("site/economies/WLD.html")).toBe(false);
  });

  it("the-site-carries-the-same-bytes-as-dist-data", () => {
    const files = twoSourceDist();
    for (const [p, bytes] of out) {
      if (!p.startsWith("site/data/")) continue;
      const original = out.get(p.slice("site/".length)) ?? files.get(p.slice("site/".length));
      expect(original, p).toBeDefined();
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(original as Uint8Array)), p).toBe(0);
    }
    expect(out.has("site/data/wdi-indicators.csv") && out.has("site/datapackage.json")).toBe(true);
  });

  it("same-dist-same-bytes", () => {
    const again = renderSite(reader(twoSourceDist()));
    expect([...again.keys()]).toEqual([...out.keys()]);
    for (const [p, b] of again) expect(Buffer.compare(Buffer.from(b), Buffer.from(out.get(p) as Uint8Array)), p).toBe(0);
  });
});

describe("hostile text from the data", () => {
  const out = renderSite(reader(hostileDist()));

  it("never-reaches-a-page-as-markup", () => {
    const pages = [...out.keys()].filter((p) => p.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(5);
    for (const p of pages) {
      const html = textOf(out, p);
      expect(html, p).not.toContain(HOSTILE.script);
      expect(html, p).not.toContain("<img");
      expect(html, p).not.toMatch(/href="javascript:/i);
      expect(html, p).toContain(`content="default-src &#39;none&#39;;`);
    }
  });

  it("a-formula-name-gets-the-spreadsheet-guard-in-every-csv-and-none-in-json", () => {
    const tidy = textOf(out, "data/indicators/xHH6_IDI.csv");
    expect(tidy).toContain(`'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(textOf(out, "data/economies/XSC.csv")).toContain(`"'=HYPERLINK(`);
    const json = JSON.parse(textOf(out, "data/indicators/xHH6_IDI.json"));
    expect(json.rows.some((r: { economy_name: string }) => r.economy_name === HOSTILE.formula)).toBe(true);
  });
});

describe("names and missing values", () => {
  it("dollar-codes-get-a-readable-file-name", () => {
    expect(slugOf("i154_FBB5$")).toBe("i154_FBB5-usd");
    expect(slugOf("IT.NET.USER.ZS")).toBe("IT.NET.USER.ZS");
    expect(slugOf("owid:share/of users")).toBe("owid-3ashare-2fof-20users");
    expect(slugOf(".hidden")).toBe("x.hidden");
  });

  it("empty-and-null-values-are-missing-not-zero", () => {
    const files = twoSourceDist();
    // a dist whose csv has an empty value cell (a null in json): read as missing, counted, never a 0 in a download
    const pkgText = decoder.decode(files.get("datapackage.json"));
    const path = "data/wdi-indicators.csv";
    const text = decoder.decode(files.get(path)).replace(",91.5,", ",,");
    const edited = new Map(files);
    edited.set(path, new TextEncoder().encode(text));
    edited.set("datapackage.json", new TextEncoder().encode(pkgText));
    const view = readDistView(reader(edited));
    const model = buildSiteModel(view);
    expect(model.skipped).toBe(1);
    const wdi = model.indicators[0]?.series.find((s) => s.source === "wdi");
    expect(wdi?.points.some((p) => p.code === "BLR" && p.year === 2023)).toBe(false);
    expect(buildReportModel(reader(edited)).view.notes.some((n) => n.includes("sha256"))).toBe(true);
  });
});

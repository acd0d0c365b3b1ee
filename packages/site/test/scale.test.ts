// the whole public files bring ~250 economies: every page and download is still made, every relative link resolves, in seconds
import { Observation } from "@bycn/core";
import { buildDist } from "@bycn/publish";
import { describe, expect, it } from "vitest";
import { reader } from "../../report/test/fake-dist.js";
import { renderSite } from "../src/index.js";

const ECONOMIES = 250;
const INDICATORS = 20;
const YEARS = 10;

function bigDist() {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const codes = ["BLR", "CHN", "POL", "LTU"];
  for (let i = 0; codes.length < ECONOMIES; i++) {
    const c = `Q${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
    if (!codes.includes(c)) codes.push(c);
  }
  const rows = [];
  for (let k = 0; k < INDICATORS; k++) {
    for (const [n, c] of codes.entries()) {
      for (let y = 2014; y < 2014 + YEARS; y++) {
        rows.push({ entity: c, economy: c, entity_name: `Economy ${c}`, is_aggregate: false, indicator: `S${k}$`, indicator_name: `Series ${k}`, year: y, value: ((n * 7 + k * 13 + y) % 1000) / 10, unit: "%", source: "wdi", vintage: "2026-01-01", note: "", source_text: "", raw_file: "raw/wdi/2026-01-01/x.csv", raw_line: 2 });
      }
    }
  }
  return buildDist({
    datasets: [{ spec: { name: "wdi-indicators", title: "WDI", description: "WDI", schema: Observation, primaryKey: ["entity", "indicator", "year"], sources: ["wdi"] }, rows }],
    rejects: [],
    check: { version: 1, summary: { error: 0, warning: 0, info: 0 }, findings: [] },
    sources: [{ id: "wdi", title: "WDI", path: "https://data.worldbank.org/", licence: "CC BY 4.0", retrieved: "2026-01-01", files: [] }],
    package: { name: "big", title: "Big", version: "2026.01.01" },
  });
}

describe("at the size of the whole public files", () => {
  it(`${ECONOMIES}-economies-x-${INDICATORS}-indicators: every page made, every relative link resolves`, () => {
    const files = bigDist();
    const started = performance.now();
    const out = renderSite(reader(files));
    const ms = performance.now() - started;
    const site = new Map([...out].filter(([p]) => p.startsWith("site/")).map(([p, b]) => [p.slice(5), b]));
    const pages = [...site.keys()].filter((p) => p.endsWith(".html"));
    expect(pages.filter((p) => p.startsWith("economies/"))).toHaveLength(ECONOMIES);
    expect(pages.filter((p) => p.startsWith("indicators/"))).toHaveLength(INDICATORS);
    let links = 0;
    const broken: string[] = [];
    for (const p of pages) {
      const html = new TextDecoder().decode(site.get(p));
      for (const m of html.matchAll(/href="([^"]*)"/g)) {
        const href = (m[1] as string).replaceAll("&amp;", "&");
        if (/^(https?:|data:|#)/.test(href)) continue;
        links++;
        const target = new URL(href, `http://site/${p}`).pathname.slice(1).split("/").map(decodeURIComponent).join("/");
        if (!site.has(target)) broken.push(`${p} → ${href}`);
      }
    }
    console.log(`site at scale: ${ECONOMIES} economies × ${INDICATORS} indicators × ${YEARS} years (${ECONOMIES * INDICATORS * YEARS} rows) → ${out.size} files, ${pages.length} pages, ${links} relative links, rendered in ${Math.round(ms)} ms`);
    expect(broken.slice(0, 5)).toEqual([]);
    expect(links).toBeGreaterThan(ECONOMIES * INDICATORS);
  });
});

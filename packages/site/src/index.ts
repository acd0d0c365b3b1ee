// @bycn/site: dist/ files in (read only through `read`) → people-shaped downloads under data/ and a static site under site/
import { FOCUS, sha256Hex } from "@bycn/core";
import { buildReportModel, escapeXml as esc, formatBytes, renderHtml } from "@bycn/report";
import { economyCsv, indicatorJson, tidyCsv, wideCsv } from "./downloads.js";
import { buildSiteModel, type Indicator, type SiteModel } from "./model.js";
import { cataloguePage, coverageText, economiesPage, economyPageHtml, indicatorPageHtml, rankCache, SITE_CSS, topbar, type FileFacts, type PageContext } from "./pages.js";
import * as P from "./paths.js";

export { buildSiteModel, slugOf, observationTables, type SiteModel, type Indicator, type Series, type Economy, type Point } from "./model.js";
export { TIDY_COLUMNS, WIDE_KEY_COLUMNS, ECONOMY_COLUMNS } from "./downloads.js";
export * as sitePaths from "./paths.js";

/** the indicator the home page offers first: internet users, the series most asked for */
export const FEATURED = "IT.NET.USER.ZS";

const encoder = new TextEncoder();

/**
 * The downloads (data/indicators/*, data/economies/*) and the site (site/**, with its own copy of every file it
 * links), as paths relative to dist/ → bytes. Pure: the same dist/ files give the same bytes.
 */
export function renderSite(read: (path: string) => Uint8Array | undefined): Map<string, Uint8Array> {
  const report = buildReportModel(read);
  const { view } = report;
  const model = buildSiteModel(view);
  const out = new Map<string, Uint8Array>();
  const files = new Map<string, FileFacts>();
  const put = (path: string, bytes: Uint8Array) => {
    out.set(path, bytes);
    out.set(`${P.SITE_DIR}/${path}`, bytes);
    files.set(path, { bytes: bytes.byteLength, sha256: sha256Hex(bytes) });
  };
  for (const ind of model.indicators) {
    put(P.indicatorCsv(ind.slug), tidyCsv(ind));
    put(P.indicatorWide(ind.slug), wideCsv(ind));
    put(P.indicatorJsonPath(ind.slug), indicatorJson(ind));
  }
  for (const e of model.economies) put(P.economyCsvPath(e.code), economyCsv(e));

  // the site carries its own copy of the files the home page links, so a host that publishes only site/ serves them
  const mirrored = ["datapackage.json", ...view.resources.flatMap((r) => [r.path, r.path.replace(/\.(csv|json)$/, ".schema.json")])];
  for (const p of [...new Set(mirrored)].sort()) {
    const bytes = read(p);
    if (bytes !== undefined && !out.has(p)) out.set(`${P.SITE_DIR}/${p}`, bytes);
  }

  const ctx: PageContext = { title: "bycn data", version: view.version, created: view.created, files, ranks: rankCache() };
  const page = (path: string, html: string) => out.set(`${P.SITE_DIR}/${path}`, encoder.encode(html));
  const economies = new Set(model.economies.map((e) => e.code));
  page(P.HOME, renderHtml(report, { base: "", banner: topbar(P.HOME, ctx), intro: getTheData(model, ctx), css: SITE_CSS, others: ["datapackage.json", "check.json"] }));
  page(P.CATALOGUE, cataloguePage(model.indicators, ctx));
  page(P.ECONOMIES, economiesPage(model.economies, ctx));
  for (const ind of model.indicators) page(P.indicatorPage(ind.slug), indicatorPageHtml(ind, economies, ctx));
  for (const e of model.economies) page(P.economyPage(e.code), economyPageHtml(e, ctx));
  out.set(`${P.SITE_DIR}/${P.CATALOG_JSON}`, catalogJson(model, view.name, view.title, view.version, view.created, files));
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** the home page's first box: the catalogue, the most asked file, the two economies, the machine-readable catalogue */
function getTheData(model: SiteModel, ctx: PageContext): string {
  const featured = model.indicators.find((i) => i.code === FEATURED);
  const focus = model.economies.filter((e) => (FOCUS as readonly string[]).includes(e.code));
  const wide = featured ? ctx.files.get(P.indicatorWide(featured.slug)) : undefined;
  const items = [
    `<li><a href="${esc(P.href(P.HOME, P.CATALOGUE))}"><strong>Data catalogue</strong></a>: ${model.indicators.length} indicators with definition, unit, source, licence, vintage, coverage and downloads (CSV, wide CSV, JSON)</li>`,
    featured && wide
      ? `<li>${esc(featured.name)}, every economy and year: <span class="dl"><a href="${esc(P.href(P.HOME, P.indicatorWide(featured.slug)))}" data-download="${esc(P.indicatorWide(featured.slug))}">wide CSV for a spreadsheet</a> <span class="size">${esc(formatBytes(wide.bytes))}</span> <code class="sha">${esc(wide.sha256)}</code></span> · <a href="${esc(P.href(P.HOME, P.indicatorPage(featured.slug)))}">chart, sources and table</a> <span class="muted">(${esc(featured.series.map((s) => s.source).join(" and "))}, kept side by side)</span></li>`
      : "",
    `<li>By economy: ${focus.map((e) => `<a href="${esc(P.href(P.HOME, P.economyPage(e.code)))}">${esc(e.name)}</a>`).join(" · ")}${focus.length ? " · " : ""}<a href="${esc(P.href(P.HOME, P.ECONOMIES))}">all ${model.economies.length} economies</a></li>`,
    `<li>For programs: <a href="${esc(P.href(P.HOME, P.CATALOG_JSON))}">catalog.json</a> (every download with its path, size and sha256) and <a href="${esc(P.href(P.HOME, "datapackage.json"))}">datapackage.json</a></li>`,
  ];
  return `<aside class="getdata" aria-labelledby="getdata-title"><h2 id="getdata-title">Get the data</h2><ul>${items.join("")}</ul></aside>`;
}

const fileRef = (path: string, files: ReadonlyMap<string, FileFacts>) => ({ path, ...(files.get(path) ?? { bytes: 0, sha256: "" }) });

function indicatorEntry(ind: Indicator, files: ReadonlyMap<string, FileFacts>) {
  return {
    code: ind.code,
    name: ind.name,
    definition: ind.definition,
    unit: ind.unit,
    page: P.indicatorPage(ind.slug),
    coverage: { ...ind.coverage, text: coverageText(ind.coverage) },
    sources: ind.series.map((s) => ({ source: s.source, dataset: s.dataset, title: s.sourceTitle, url: s.sourceUrl, licence: s.licence, vintage: s.vintage, unit: s.unit, coverage: s.coverage })),
    comparisons: ind.comparisons.map((c) => ({ sources: c.sources, compared: c.compared, differ: c.differ.length })),
    downloads: { csv: fileRef(P.indicatorCsv(ind.slug), files), wide_csv: fileRef(P.indicatorWide(ind.slug), files), json: fileRef(P.indicatorJsonPath(ind.slug), files) },
  };
}

function catalogJson(model: SiteModel, name: string, title: string, version: string, created: string, files: ReadonlyMap<string, FileFacts>): Uint8Array {
  const doc = {
    name,
    title,
    version: version || null,
    created: created || null,
    paths: {
      note: "relative to this file; the same paths under data/ hold the same bytes relative to the dist/ folder",
      indicator_csv: "data/indicators/<slug>.csv",
      indicator_wide_csv: "data/indicators/<slug>.wide.csv",
      indicator_json: "data/indicators/<slug>.json",
      economy_csv: "data/economies/<ISO3>.csv",
      indicator_page: "indicators/<slug>.html",
      economy_page: "economies/<ISO3>.html",
      slug: "the indicator code with $ written as -usd and any other character outside A-Z a-z 0-9 . _ - as - and its hex code",
    },
    indicators: model.indicators.map((i) => indicatorEntry(i, files)),
    economies: model.economies.map((e) => ({ code: e.code, name: e.name, page: P.economyPage(e.code), indicators: [...new Set(e.entries.map((x) => x.indicator.code))], csv: fileRef(P.economyCsvPath(e.code), files) })),
  };
  return encoder.encode(`${JSON.stringify(doc, null, 1)}\n`);
}

// the site's stable paths (documented in the README): relative to dist/site/, and for data/ also to dist/

export const HOME = "index.html";
export const CATALOGUE = "catalogue.html";
export const ECONOMIES = "economies.html";
export const CATALOG_JSON = "catalog.json";
/** the folder under dist/ that a static host publishes */
export const SITE_DIR = "site";

export const indicatorCsv = (slug: string) => `data/indicators/${slug}.csv`;
export const indicatorWide = (slug: string) => `data/indicators/${slug}.wide.csv`;
export const indicatorJsonPath = (slug: string) => `data/indicators/${slug}.json`;
export const economyCsvPath = (code: string) => `data/economies/${code}.csv`;
export const indicatorPage = (slug: string) => `indicators/${slug}.html`;
export const economyPage = (code: string) => `economies/${code}.html`;

/** a relative href from a page at `from` (a site path) to the site path `to`, every segment url-encoded */
export function href(from: string, to: string): string {
  const up = from.split("/").length - 1;
  return `${"../".repeat(up)}${to.split("/").map(encodeURIComponent).join("/")}`;
}

// acceptance: the cli builds a dist, dist/site/ is served from 127.0.0.1 and read by chromium with javascript off:
// every link of every page resolves, every download matches the sha256 its page shows, a person reaches the
// internet-users wide csv from the home page in two clicks, and the pages are screenshot at desktop and phone widths
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import Papa from "papaparse";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS as ARGS, serveStatic, type Served } from "../../report/test-support/static.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SHOTS = path.join(repoRoot, "test-results", "site");
const CI = process.env.CI === "true";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !CI) console.warn(`site browser test skipped: ${CHROMIUM} is missing (Debian: apt-get install chromium); in CI it fails instead`);

// a page per economy: with every economy of the whole public files the walk visits a few hundred pages
const WALK_TIMEOUT = 600_000;
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
type Csv = Record<string, string>[];
const parse = (text: string): Csv => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

// the browser globals the page callbacks use (the project compiles without lib.dom)
declare const document: { documentElement: { scrollWidth: number }; getElementById(id: string): unknown };
declare const window: { innerWidth: number };

interface Link {
  href: string;
  download: string;
  sha: string;
}

const linksOf = (page: Page): Promise<Link[]> =>
  page.$$eval("a[href]", (as) => as.map((a) => ({ href: a.href as string, download: a.getAttribute("data-download") ?? "", sha: a.hasAttribute("data-download") ? (a.parentElement?.querySelector("code.sha")?.textContent ?? "") : "" })));

describe.skipIf(!haveChromium && !CI)("the static site in Chromium, JavaScript off", () => {
  let browser: Browser;
  let context: BrowserContext;
  let tmp: string;
  let dist: string;
  let site: string;
  let served: Served;
  const requests: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: the site's browser test must run in CI (apt-get install chromium)`);
    tmp = mkdtempSync(path.join(os.tmpdir(), "bycn-site-"));
    dist = path.join(tmp, "dist");
    site = path.join(dist, "site");
    await promisify(execFile)(process.execPath, ["--conditions=@bycn/source", "--import", "tsx", "packages/cli/src/bin.ts", "build", "--out", dist], { cwd: repoRoot });
    mkdirSync(SHOTS, { recursive: true });
    served = await serveStatic(site);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    context.on("request", (r) => requests.push(r.url()));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("walks every link of every page: 0 broken, every download's bytes match the sha256 shown", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const pages = new Set<string>();
    const queue = [`${served.origin}/index.html`];
    const checked = new Map<string, number>();
    const broken: string[] = [];
    const external = new Set<string>();
    const shas = new Map<string, string>();
    let links = 0;
    while (queue.length > 0) {
      const url = queue.shift() as string;
      if (pages.has(url)) continue;
      pages.add(url);
      const res = await page.goto(url, { waitUntil: "load" });
      expect(res?.status(), url).toBe(200);
      const ids = new Set(await page.$$eval("[id]", (els) => els.map((e) => e.id as string)));
      for (const l of await linksOf(page)) {
        links++;
        const u = new URL(l.href);
        if (u.origin !== served.origin) {
          // a source's own site: named, never fetched (the test has no network), and never a script url
          expect(u.protocol, l.href).toBe("https:");
          external.add(l.href);
          continue;
        }
        const target = `${u.origin}${u.pathname}`;
        if (u.hash && target === url && !ids.has(decodeURIComponent(u.hash.slice(1)))) broken.push(`${url} → ${l.href} (no such id)`);
        if (l.download) {
          const seen = shas.get(target);
          expect(seen === undefined || seen === l.sha, `${target} shown with two sha256`).toBe(true);
          shas.set(target, l.sha);
        }
        if (target.endsWith(".html")) {
          if (!pages.has(target)) queue.push(target);
          continue;
        }
        if (!checked.has(target)) {
          const r = await fetch(target);
          const bytes = new Uint8Array(await r.arrayBuffer());
          checked.set(target, r.status);
          if (r.status !== 200) broken.push(`${url} → ${target} (${r.status})`);
          else if (shas.has(target) && sha256(bytes) !== shas.get(target)) broken.push(`${url} → ${target}: sha256 differs from the one shown`);
        } else if (l.download && checked.get(target) === 200) {
          const bytes = new Uint8Array(await (await fetch(target)).arrayBuffer());
          if (sha256(bytes) !== l.sha) broken.push(`${url} → ${target}: sha256 differs from the one shown`);
        }
      }
    }
    console.log(`site link walk: ${pages.size} pages, ${links} links, ${checked.size} files, ${shas.size} downloads with sha256, ${external.size} external links not followed, ${broken.length} broken`);
    expect(broken).toEqual([]);
    expect(errors).toEqual([]);
    expect(shas.size).toBeGreaterThan(0);
    // a page per indicator and per economy, all reachable from the home page
    const catalog = JSON.parse(readFileSync(path.join(site, "catalog.json"), "utf8"));
    for (const i of catalog.indicators) expect(pages.has(`${served.origin}/${i.page}`), i.page).toBe(true);
    for (const e of catalog.economies) expect(pages.has(`${served.origin}/${e.page}`), e.page).toBe(true);
    // the downloads are the same bytes in dist/data and in the site's own copy
    for (const i of catalog.indicators) for (const d of Object.values(i.downloads) as { path: string; sha256: string }[]) {
      expect(sha256(readFileSync(path.join(dist, d.path))), d.path).toBe(d.sha256);
      expect(sha256(readFileSync(path.join(site, d.path))), d.path).toBe(d.sha256);
    }
    // nothing but the loopback server was asked for anything
    expect(requests.filter((r) => !r.startsWith(served.origin) && !r.startsWith("data:"))).toEqual([]);
    await page.close();
  }, WALK_TIMEOUT);

  it("a person gets from the home page to the Belarus vs China internet-users wide CSV in two clicks, and its cells are dist/data's", async () => {
    const page = await context.newPage();
    await page.goto(`${served.origin}/index.html`);
    await page.getByRole("link", { name: "Data catalogue" }).first().click(); // click 1
    expect(new URL(page.url()).pathname).toBe("/catalogue.html");
    const row = page.locator("table.catalogue tbody tr", { hasText: "IT.NET.USER.ZS" });
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "wide CSV" }).click()]); // click 2
    const file = path.join(tmp, "wide.csv");
    await download.saveAs(file);
    expect(new URL(download.url()).pathname).toBe("/data/indicators/IT.NET.USER.ZS.wide.csv");
    const wide = parse(readFileSync(file, "utf8"));

    // every observation dataset of dist/data, as published (the value text exactly as the full dataset prints it)
    const pkg = JSON.parse(readFileSync(path.join(dist, "datapackage.json"), "utf8")) as { resources: { path: string; format: string; schema?: { fields: { name: string }[] } }[] };
    const obs = pkg.resources
      .filter((r) => r.format === "csv" && r.path.startsWith("data/") && ["entity", "indicator", "year", "value", "source"].every((k) => r.schema?.fields.some((f) => f.name === k)))
      .flatMap((r) => parse(readFileSync(path.join(dist, r.path), "utf8")))
      .filter((o) => o.indicator === "IT.NET.USER.ZS" && o.value !== "");
    const years = Object.keys(wide[0] ?? {}).filter((k) => /^\d{4}$/.test(k));
    let cells = 0;
    for (const economy of ["BLR", "CHN"]) {
      const sources = [...new Set(obs.filter((o) => o.entity === economy).map((o) => o.source as string))].sort();
      expect(sources.length, `${economy}: both sources kept`).toBeGreaterThanOrEqual(2);
      for (const source of sources) {
        const line = wide.find((w) => w.economy_code === economy && w.source === source);
        expect(line, `${economy} ${source}`).toBeDefined();
        for (const y of years) {
          const o = obs.find((x) => x.entity === economy && x.source === source && x.year === y);
          expect(line?.[y], `${economy} ${source} ${y}`).toBe(o?.value ?? "");
          if (o) cells++;
        }
        expect(obs.filter((x) => x.entity === economy && x.source === source).every((x) => years.includes(x.year as string))).toBe(true);
      }
    }
    expect(cells).toBeGreaterThan(40);
    await page.close();
  });

  it("screenshots home, catalogue, an indicator and an economy at 1280 and 390 px, nothing wider than the screen", async () => {
    const shots = [
      ["home", "index.html"],
      ["catalogue", "catalogue.html"],
      ["indicator", "indicators/IT.NET.USER.ZS.html"],
      ["economy", "economies/BLR.html"],
    ] as const;
    for (const width of [1280, 390]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      for (const [name, rel] of shots) {
        const res = await page.goto(`${served.origin}/${rel}`);
        expect(res?.status(), rel).toBe(200);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
        const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect(scroll, `${rel} at ${width} px scrolls sideways`).toBeLessThanOrEqual(inner);
      }
      await page.close();
    }
  }, WALK_TIMEOUT);

  it("reads from file:// too: relative links only", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(site, "index.html")).href);
    await page.getByRole("link", { name: "Data catalogue" }).first().click();
    expect(page.url()).toBe(pathToFileURL(path.join(site, "catalogue.html")).href);
    await page.locator("table.catalogue tbody tr", { hasText: "IT.NET.USER.ZS" }).getByRole("link").first().click();
    expect(page.url()).toBe(pathToFileURL(path.join(site, "indicators", "IT.NET.USER.ZS.html")).href);
    expect(await page.locator("h1").textContent()).toContain("Internet");
    await page.close();
  });
});

// acceptance: the real cli builds a dist, chromium opens report/index.html over http, and the page is checked against the dist's own csv files
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { COMPARISON } from "@bycn/core";
import { addToDist } from "@bycn/publish";
import Papa from "papaparse";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../src/index.js";
import { FAKE_PEERS, HOSTILE, hostileDist, reader } from "./fake-dist.js";
import { CHROMIUM, CHROMIUM_ARGS as ARGS, serveStatic as serve, type Served } from "../test-support/static.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const SHOTS = path.join(repoRoot, "test-results", "report");
const CI = process.env.CI === "true";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !CI) console.warn(`report browser test skipped: ${CHROMIUM} is missing (Debian: apt-get install chromium); in CI it fails instead`);

type Csv = Record<string, string>[];

// the few browser globals the page callbacks use: the project compiles without lib.dom, and these stay local to this module
interface Node0 {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  getElementById(id: string): Node0 | null;
  createElement(tag: string): Node0;
  body: { innerText: string; append(n: Node0): void };
  documentElement: { scrollWidth: number; dataset: Record<string, string | undefined> };
};
declare const window: { innerWidth: number };
declare function getComputedStyle(el: unknown): { overflowX: string };
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

// ---- a static file server on 127.0.0.1 and a page that records everything that could go wrong ----

interface Opened {
  page: Page;
  errors: string[];
  failed: string[];
  hosts: string[];
  dialogs: string[];
}

async function open(browser: Browser, url: string, width: number): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const o: Opened = { page, errors: [], failed: [], hosts: [], dialogs: [] };
  page.on("console", (m) => {
    if (m.type() === "error") o.errors.push(m.text());
  });
  page.on("pageerror", (e) => o.errors.push(e.message));
  page.on("requestfailed", (r) => o.failed.push(`${r.url()} ${r.failure()?.errorText ?? ""}`));
  page.on("response", (r) => {
    if (r.status() >= 400) o.failed.push(`${r.url()} ${r.status()}`);
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:") o.hosts.push(u.hostname);
  });
  page.on("dialog", (d) => {
    o.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url, { waitUntil: "load" });
  return o;
}

// ---- what the page must show, computed here from the dist's csv files (not from the report's code) ----

interface Expected {
  bars: Map<string, { bars: number; marks: number }>;
  lines: Map<string, number>;
  points: Map<string, { points: number; marks: number }>;
}

function expectedFrom(dist: string): { claims: Csv; expected: Expected; pkg: { resources: { name: string; path: string; format: string; schema?: { fields: { name: string }[] } }[] } } {
  const csv = (rel: string): Csv => Papa.parse<Record<string, string>>(readFileSync(path.join(dist, rel), "utf8"), { header: true, skipEmptyLines: true }).data;
  const pkg = JSON.parse(readFileSync(path.join(dist, "datapackage.json"), "utf8"));
  const claims = csv("claims.csv");
  const registry = csv("data/article-claims.csv");
  const obsPaths = (pkg.resources as { path: string; format: string; schema?: { fields: { name: string }[] } }[])
    .filter((r) => r.format === "csv" && r.path.startsWith("data/") && ["entity", "indicator", "year", "value"].every((k) => r.schema?.fields.some((f) => f.name === k)))
    .map((r) => r.path);
  const obs = obsPaths.flatMap((p) => csv(p)).filter((o) => o.value !== "");
  const hasSeries = (code: string) => obs.some((o) => o.indicator === code);
  const iso = /^[A-Z]{3}$/;
  const derived = new Set(registry.filter((r) => r.derived_from).map((r) => r.id));

  const groups = new Map<string, Csv>();
  for (const c of claims) {
    if (!iso.test(c.subject as string) || derived.has(c.id)) continue;
    const key = `${c.measure} ${c.reference_year}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const bars = new Map<string, { bars: number; marks: number }>();
  for (const [key, list] of groups) {
    const readings = list.flatMap((c) =>
      (registry.find((r) => r.id === c.id)?.readings ?? "")
        .split(";")
        .map((p) => p.slice(p.lastIndexOf("=") + 1))
        .filter((code) => /^[\w.$]+$/.test(code)),
    );
    let series = [...new Set(readings)].filter(hasSeries);
    if (series.length === 0) series = [list[0]?.measure as string].filter(hasSeries);
    if (series.length === 0) series = [...new Set(list.map((c) => c.reading as string))].filter(hasSeries);
    const year = list[0]?.reference_year;
    const economies = [...new Set(list.map((c) => c.subject as string))];
    const n = economies.reduce((acc, e) => acc + series.filter((s) => obs.some((o) => o.entity === e && o.indicator === s && o.year === year)).length, 0);
    if (n > 0) bars.set(key, { bars: n, marks: list.length });
  }

  const lines = new Map<string, number>();
  // the charts draw the comparison set (Belarus, China, the peers), not every economy the data hold
  const shown = new Set<string>(COMPARISON);
  const entities = (file: string, series: string) =>
    new Set(csv(file).filter((r) => r.indicator === series && r.is_aggregate === "false" && r.value !== "" && shown.has(r.entity as string)).map((r) => r.entity)).size;
  lines.set("IT.NET.USER.ZS", entities("data/wdi-indicators.csv", "IT.NET.USER.ZS"));
  lines.set("xHH6_IDI", entities("data/itu-indicators.csv", "xHH6_IDI"));

  const park = csv("data/great-stone.csv");
  const points = new Map<string, { points: number; marks: number }>();
  for (const c of claims) {
    if (iso.test(c.subject as string) || derived.has(c.id)) continue;
    const n = park.filter((r) => r.measure === c.measure && r.status === "actual").length;
    const prev = points.get(c.measure as string);
    if (n > 0) points.set(c.measure as string, { points: n, marks: (prev?.marks ?? 0) + 1 });
  }
  return { claims, expected: { bars, lines, points }, pkg };
}

interface FigureFacts {
  kind: string;
  key: string;
  bars: number;
  lines: number;
  subjectLines: number;
  points: number;
  markers: number;
  caption: boolean;
  textAlternative: boolean;
  labelled: boolean;
  width: number;
}

const figureFacts = (page: Page): Promise<FigureFacts[]> =>
  page.$$eval("figure", (figs) =>
    figs
      .filter((f) => f.querySelector("svg") !== null)
      .map((f) => {
        const svg = f.querySelector("svg");
        const ids = (svg.getAttribute("aria-labelledby") ?? "").split(" ").filter(Boolean);
        return {
          kind: f.getAttribute("data-chart") ?? "",
          key: f.getAttribute("data-key") ?? "",
          bars: svg.querySelectorAll(".mark.bar").length,
          lines: svg.querySelectorAll(".mark.line").length,
          subjectLines: svg.querySelectorAll(".mark.line.subject").length,
          points: svg.querySelectorAll(".mark.point").length,
          markers: svg.querySelectorAll(".mark.article-mark").length,
          caption: (f.querySelector("figcaption")?.textContent ?? "").trim().length > 0,
          textAlternative: f.querySelector("details table thead th[scope=col]") !== null && f.querySelector("details table tbody tr") !== null,
          labelled: svg.getAttribute("role") === "img" && ids.length === 2 && ids.every((id: string) => (document.getElementById(id)?.textContent ?? "").trim().length > 0),
          width: svg.getBoundingClientRect().width,
        };
      }),
  );

describe.skipIf(!haveChromium && !CI)("report in Chromium", () => {
  let browser: Browser;
  let tmp: string;

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: the report's browser test must run in CI (apt-get install chromium)`);
    tmp = mkdtempSync(path.join(os.tmpdir(), "bycn-report-"));
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  describe("the committed data, built by the cli", () => {
    let dist: string;
    let served: Served;

    beforeAll(async () => {
      dist = path.join(tmp, "dist");
      await promisify(execFile)(process.execPath, ["--conditions=@bycn/source", "--import", "tsx", "packages/cli/src/bin.ts", "build", "--out", dist], { cwd: repoRoot });
      served = await serve(dist);
    });

    afterAll(async () => {
      await served?.close();
    });

    it("desktop-1280: charts, claims, downloads, no errors, nothing off 127.0.0.1", async () => {
      const { claims, expected, pkg } = expectedFrom(dist);
      const o = await open(browser, `${served.origin}/report/index.html`, 1280);
      const { page } = o;

      const figs = await figureFacts(page);
      expect(figs.length).toBe(expected.bars.size + expected.lines.size + expected.points.size);
      expect(new Map(figs.filter((f) => f.kind === "bars").map((f) => [f.key, { bars: f.bars, marks: f.markers }]))).toEqual(expected.bars);
      expect(new Map(figs.filter((f) => f.kind === "lines").map((f) => [f.key, f.lines]))).toEqual(expected.lines);
      expect(new Map(figs.filter((f) => f.kind === "park").map((f) => [f.key, { points: f.points, marks: f.markers }]))).toEqual(expected.points);
      for (const f of figs) {
        expect(f.caption && f.textAlternative && f.labelled, `${f.kind} ${f.key}`).toBe(true);
        expect(f.width).toBeGreaterThan(300);
        if (f.kind === "lines") expect(f.subjectLines).toBe(2);
      }
      // the park chart of residents marks the article's 144
      expect(expected.points.get("residents_total")?.marks).toBe(1);

      const rows = await page.$$eval("table.claims tbody tr", (trs) => trs.map((tr) => tr.querySelector("th")?.firstChild?.textContent ?? ""));
      expect(rows).toEqual(claims.map((c) => c.id));
      const badges = await page.$$eval("table.claims tbody tr .badge", (bs) => bs.map((b) => b.textContent ?? ""));
      for (const [i, c] of claims.entries()) expect(badges[i]).toContain((c.verdict as string).replace(/_/g, " ").replace("matches other", "matches another"));

      // every download resolves to the bytes whose sha256 the page shows; every csv resource is offered
      const links = await page.$$eval("a[data-download]", (as) =>
        as.map((a) => ({ href: a.href as string, path: a.getAttribute("data-download") ?? "", sha: a.parentElement?.querySelector("code.sha")?.textContent ?? "" })),
      );
      for (const r of pkg.resources.filter((x) => x.format === "csv")) expect(links.map((l) => l.path)).toContain(r.path);
      for (const l of links) {
        expect(new URL(l.href).origin).toBe(served.origin);
        expect(new URL(l.href).pathname).toBe(`/${l.path}`);
        const res = await fetch(l.href);
        expect(res.status, l.href).toBe(200);
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (l.path !== "SHA256SUMS") expect(sha256(bytes), l.path).toBe(l.sha);
      }

      expect(o.errors).toEqual([]);
      expect(o.failed).toEqual([]);
      expect(o.dialogs).toEqual([]);
      expect(new Set(o.hosts)).toEqual(new Set(["127.0.0.1"]));
      await page.screenshot({ path: path.join(SHOTS, "report-1280.png"), fullPage: true });
      await page.close();
    });

    it("phone-390: nothing wider than the screen, charts scale down", async () => {
      const o = await open(browser, `${served.origin}/report/index.html`, 390);
      const { page } = o;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      for (const f of await figureFacts(page)) {
        expect(f.width).toBeGreaterThan(300);
        expect(f.width).toBeLessThanOrEqual(390);
      }
      // wide tables scroll inside their own box
      const tables = await page.$$eval(".scroll", (ds) => ds.map((d) => getComputedStyle(d).overflowX));
      expect(tables.length).toBeGreaterThan(0);
      expect(new Set(tables)).toEqual(new Set(["auto"]));
      expect(o.errors).toEqual([]);
      expect(o.failed).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, "report-390.png"), fullPage: true });
      await page.close();
    });
  });

  describe("a dist with hostile text", () => {
    let served: Served;

    beforeAll(async () => {
      const dir = path.join(tmp, "hostile");
      const files = hostileDist();
      for (const [p, bytes] of addToDist(files, renderReport(reader(files), { peers: FAKE_PEERS }))) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), bytes);
      }
      served = await serve(dir);
    });

    afterAll(async () => {
      await served?.close();
    });

    it("nothing-executes-and-the-text-is-shown-as-text", async () => {
      const o = await open(browser, `${served.origin}/report/index.html`, 1280);
      const { page } = o;
      expect(await page.$$eval("script, img, iframe, object, embed", (els) => els.length)).toBe(0);
      const body = await page.evaluate(() => document.body.innerText);
      for (const s of [HOSTILE.script, HOSTILE.attr, HOSTILE.formula]) expect(body).toContain(s);
      const svgTitles = await page.$$eval("svg title", (ts) => ts.map((t) => t.textContent ?? ""));
      expect(svgTitles.some((t) => t.startsWith(HOSTILE.script))).toBe(true);
      const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
      for (const h of hrefs) expect(h).not.toMatch(/^\s*javascript:/i);
      await page.waitForTimeout(200);
      expect(o.dialogs).toEqual([]);
      expect(o.errors).toEqual([]);
      expect(o.failed).toEqual([]);
      expect(new Set(o.hosts)).toEqual(new Set(["127.0.0.1"]));
      await page.screenshot({ path: path.join(SHOTS, "hostile-1280.png"), fullPage: true });

      // the csp is the second line of defence: an inline script added to the page does not run
      const ran = await page.evaluate(async () => {
        const s = document.createElement("script");
        s.textContent = "document.documentElement.dataset.ran = 'yes'";
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return document.documentElement.dataset.ran ?? "no";
      });
      expect(ran).toBe("no");
      await page.close();
    });
  });
});

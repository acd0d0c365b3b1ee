// the downloads hold the same rows as the full datasets: values summed per indicator and source both ways on a real build
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
type Csv = Record<string, string>[];
const csvAt = (file: string): Csv => Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true }).data;

interface Tally {
  n: number;
  sum: number;
}
const add = (m: Map<string, Tally>, key: string, v: number) => {
  const t = m.get(key) ?? { n: 0, sum: 0 };
  t.n++;
  t.sum += v;
  m.set(key, t);
};

function expectSame(actual: Map<string, Tally>, expected: Map<string, Tally>, what: string) {
  expect([...actual.keys()].sort(), what).toEqual([...expected.keys()].sort());
  for (const [k, e] of expected) {
    const a = actual.get(k) as Tally;
    expect(a.n, `${what} ${k} rows`).toBe(e.n);
    expect(Math.abs(a.sum - e.sum), `${what} ${k} sum ${a.sum} vs ${e.sum}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e.sum)));
  }
}

describe("downloads against the full datasets (the committed raw/, built by the cli)", () => {
  let tmp: string;
  let dist: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "bycn-site-sums-"));
    dist = path.join(tmp, "dist");
    await promisify(execFile)(process.execPath, ["--conditions=@bycn/source", "--import", "tsx", "packages/cli/src/bin.ts", "build", "--out", dist], { cwd: repoRoot });
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("tidy, wide, json and per-economy files sum to the full datasets per indicator and source", () => {
    const pkg = JSON.parse(readFileSync(path.join(dist, "datapackage.json"), "utf8")) as { resources: { path: string; format: string; schema?: { fields: { name: string; type: string }[] } }[] };
    const obsFiles = pkg.resources.filter(
      (r) => r.format === "csv" && r.path.startsWith("data/") && ["entity", "indicator", "year", "value"].every((k) => r.schema?.fields.some((f) => f.name === k)) && r.schema?.fields.find((f) => f.name === "value")?.type === "number",
    );
    expect(obsFiles.map((r) => r.path)).toContain("data/wdi-indicators.csv");
    const full = new Map<string, Tally>();
    const fullEconomies = new Map<string, Tally>();
    const economies = new Set<string>();
    for (const r of obsFiles) {
      for (const o of csvAt(path.join(dist, r.path))) {
        if (o.value === "" || o.value === undefined) continue;
        const key = `${o.indicator} ${o.source}`;
        add(full, key, Number(o.value));
        if (o.is_aggregate === "false" && /^[A-Z]{3}$/.test(o.entity as string)) {
          add(fullEconomies, key, Number(o.value));
          economies.add(o.entity as string);
        }
      }
    }

    const catalog = JSON.parse(readFileSync(path.join(dist, "site", "catalog.json"), "utf8")) as {
      indicators: { code: string; downloads: Record<"csv" | "wide_csv" | "json", { path: string }> }[];
      economies: { code: string; csv: { path: string } }[];
    };
    const tidy = new Map<string, Tally>();
    const wide = new Map<string, Tally>();
    const json = new Map<string, Tally>();
    for (const ind of catalog.indicators) {
      for (const r of csvAt(path.join(dist, ind.downloads.csv.path))) add(tidy, `${ind.code} ${r.source}`, Number(r.value));
      for (const r of csvAt(path.join(dist, ind.downloads.wide_csv.path))) {
        for (const [k, v] of Object.entries(r)) if (/^\d{4}$/.test(k) && v !== "") add(wide, `${ind.code} ${r.source}`, Number(v));
      }
      const doc = JSON.parse(readFileSync(path.join(dist, ind.downloads.json.path), "utf8")) as { rows: { source: string; value: number }[] };
      for (const r of doc.rows) add(json, `${ind.code} ${r.source}`, r.value);
    }
    const perEconomy = new Map<string, Tally>();
    for (const e of catalog.economies) for (const r of csvAt(path.join(dist, e.csv.path))) add(perEconomy, `${r.indicator} ${r.source}`, Number(r.value));

    expectSame(tidy, full, "tidy csv");
    expectSame(wide, full, "wide csv");
    expectSame(json, full, "json");
    expectSame(perEconomy, fullEconomies, "economy csv");
    expect(catalog.economies.map((e) => e.code).sort()).toEqual([...economies].sort());
    const rows = [...full.values()].reduce((s, t) => s + t.n, 0);
    console.log(`site sums: ${full.size} indicator-source series, ${rows} rows, ${economies.size} economies; tidy, wide, json and economy files agree`);
  });
});

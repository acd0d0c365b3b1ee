// two vintages of one source: the build publishes the revisions, and bycn diff reports them without precision noise
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { bycn, copyProject, tempDir } from "./_cli.js";

const NEW_VINTAGE = "2026-11-28";

/** a later WDI retrieval: China 2023 revised, Belarus 2022 printed with a trailing zero (same value) */
function addRevisedWdiVintage(raw: string): void {
  const dir = path.join(raw, "wdi");
  const [old] = readdirSync(dir).sort();
  const to = path.join(dir, NEW_VINTAGE);
  mkdirSync(to);
  for (const name of readdirSync(path.join(dir, old!))) {
    if (name.endsWith(".meta.json")) continue;
    let text = readFileSync(path.join(dir, old!, name), "utf8");
    if (name.startsWith("API_")) {
      text = text.replace(/^("China","CHN",.*?)"90\.6"/m, '$1"91.2"');
      text = text.replace(/^("Belarus","BLR",.*?)"89\.5073"/m, '$1"89.50730"');
    }
    writeFileSync(path.join(to, name), text);
    const meta = JSON.parse(readFileSync(path.join(dir, old!, `${name}.meta.json`), "utf8"));
    cpSync(path.join(dir, old!, `${name}.meta.json`), path.join(to, `${name}.meta.json`));
    Object.assign(meta, { retrieved: NEW_VINTAGE, sha256: createHash("sha256").update(text).digest("hex"), bytes: Buffer.byteLength(text) });
    writeFileSync(path.join(to, `${name}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
  }
}

describe("vintages", () => {
  const { raw } = copyProject();
  const before = path.join(tempDir(), "dist");
  expect(bycn(["build", "--raw", raw, "--out", before]).status).toBe(0);
  const rawText = readFileSync(path.join(raw, "wdi", readdirSync(path.join(raw, "wdi"))[0]!, "API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"), "utf8");
  expect(rawText).toMatch(/"China","CHN",.*"90\.6"/);
  addRevisedWdiVintage(raw);
  const after = path.join(tempDir(), "dist");
  const built = bycn(["build", "--raw", raw, "--out", after]);

  it("the newer vintage is published and the revision is a row of the revisions dataset", () => {
    expect(built.status).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(after, "data/revisions.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rows).toEqual([
      { source: "wdi", entity: "CHN", indicator: "IT.NET.USER.ZS", year: "2023", old_value: "90.6", new_value: "91.2", old_vintage: "2026-02-18", new_vintage: NEW_VINTAGE },
    ]);
    const wdi = readFileSync(path.join(after, "data/wdi-indicators.csv"), "utf8");
    expect(wdi).toContain(`raw/wdi/${NEW_VINTAGE}/`);
  });

  it("bycn diff reports the revised value and no noise from a change below the printed precision", () => {
    const r = bycn(["diff", before, after, "--format", "json"]);
    expect(r.status).toBe(1);
    const d = JSON.parse(r.stdout);
    const wdi = d.datasets.find((x: { name: string }) => x.name === "wdi-indicators");
    expect(wdi.changed.map((c: { key: Record<string, string>; changes: { column: string; old: string; new: string }[] }) => [c.key, c.changes])).toEqual([
      [{ entity: "CHN", indicator: "IT.NET.USER.ZS", year: "2023" }, [{ column: "value", old: "90.6", new: "91.2" }]],
    ]);
    expect(wdi.summary.added + wdi.summary.removed).toBe(0);
    expect(d.vanished).toEqual([]);
    const text = bycn(["diff", before, after]);
    expect(text.stdout).toContain("91.2");
  });

  it("diff of a dist with itself: same, exit 0", () => {
    expect(bycn(["diff", before, before]).status).toBe(0);
  });

  it("diff with a missing dist: exit 2", () => {
    expect(bycn(["diff", before, path.join(tempDir(), "nope")]).status).toBe(2);
  });
});

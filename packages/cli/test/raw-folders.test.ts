// the raw/ scan reads snapshot folders by core's one rule: the folder names refresh writes, in time order
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "@bycn/core/test-support/real";
import { latestVintage, scanRaw } from "../src/raw.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "bycn-raw-folders-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("raw/ snapshot folders", () => {
  it("one-digit-suffix-folder-is-not-a-snapshot: the build reads what refresh writes, .10 after .02", () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, "raw/sources.json"), "utf8")) as { sources: { id: string }[] };
    const wdi = manifest.sources.filter((s) => s.id === "wdi");
    writeFileSync(path.join(dir, "sources.json"), JSON.stringify({ ...manifest, sources: wdi }));
    // cli once read `2026-11-28.2` as the same-day second snapshot (numerically) while refresh never saw it
    for (const folder of ["2026-11-28", "2026-11-28.02", "2026-11-28.2", "2026-11-28.10", "latest"]) {
      mkdirSync(path.join(dir, "wdi", folder), { recursive: true });
      writeFileSync(path.join(dir, "wdi", folder, "a.csv"), "x\n");
    }
    const index = scanRaw(dir);
    expect([...(index.sources.get("wdi")?.keys() ?? [])]).toEqual(["2026-11-28", "2026-11-28.02", "2026-11-28.10"]);
    expect(latestVintage(index, "wdi")?.vintage).toBe("2026-11-28.10");
  });
});

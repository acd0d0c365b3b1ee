// bycn report: regenerates the report of an existing dist/ in place, byte-identically, keeping SHA256SUMS true
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bycn, tempDir, treeHashes } from "./_cli.js";

describe("bycn report", () => {
  const dist = path.join(tempDir(), "dist");
  expect(bycn(["build", "--out", dist]).status).toBe(0);
  const built = treeHashes(dist);

  it("on a dist that already has a report: exit 0, the same bytes as the build wrote", () => {
    const r = bycn(["report", "--dist", dist]);
    expect(r.status).toBe(0);
    expect(treeHashes(dist)).toEqual(built);
  });

  it("after the report was deleted: written again and listed in SHA256SUMS", () => {
    rmSync(path.join(dist, "report"), { recursive: true });
    rmSync(path.join(dist, "report.md"));
    expect(bycn(["report", "--dist", dist]).status).toBe(0);
    expect(treeHashes(dist)).toEqual(built);
    expect(readFileSync(path.join(dist, "SHA256SUMS"), "utf8")).toMatch(/ {2}report\/index\.html\n/);
  });

  it("on a folder without datapackage.json: exit 2", () => {
    expect(bycn(["report", "--dist", tempDir()]).status).toBe(2);
  });
});

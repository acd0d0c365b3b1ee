// ARCHITECTURE.md is the map of the code: every package it names exists, and every package is named in it
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../packages/core/test-support/real.js";

const doc = readFileSync(path.join(repoRoot, "ARCHITECTURE.md"), "utf8");

/** workspace folders that hold a package.json: packages/*, pipelines/* */
function workspaceFolders(): string[] {
  return ["packages", "pipelines"].flatMap((top) =>
    readdirSync(path.join(repoRoot, top))
      .filter((name) => statSync(path.join(repoRoot, top, name)).isDirectory())
      .filter((name) => existsSync(path.join(repoRoot, top, name, "package.json")))
      .map((name) => `${top}/${name}`),
  );
}

describe("ARCHITECTURE.md", () => {
  it("names every workspace package", () => {
    const missing = workspaceFolders().filter((folder) => {
      const [top, name] = folder.split("/") as [string, string];
      // a pipeline may be named in the list of pipeline folders rather than with its full path
      return !doc.includes(`${folder}`) && !(top === "pipelines" && doc.includes(`\`${name}\``));
    });
    expect(missing).toEqual([]);
  });

  it("names no package that does not exist", () => {
    const named = [...doc.matchAll(/`((?:packages|pipelines)\/[a-z0-9-]+)/g)].map((m) => m[1] as string);
    const placeholders = new Set(["pipelines/<source>"]);
    const gone = [...new Set(named)].filter((p) => !placeholders.has(p) && !existsSync(path.join(repoRoot, p)));
    expect(gone).toEqual([]);
    expect(named.length).toBeGreaterThan(5);
  });
});

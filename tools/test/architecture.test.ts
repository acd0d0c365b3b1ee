// ARCHITECTURE.md is the map of the code: every package it names exists, and every package is named in it; and a
// package is entered only through its declared exports, never by a path into its folder
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@bycn/core/test-support/real";

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

// code whose imports are checked: every package's and pipeline's src, the tools and the bench
function checkedFiles(): string[] {
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(repoRoot, rel)).sort()) {
      const r = `${rel}/${name}`;
      if (name === "node_modules" || name === "lib" || name.startsWith(".")) continue;
      if (statSync(path.join(repoRoot, r)).isDirectory()) walk(r);
      else if (/\.(?:ts|mts|js|mjs)$/.test(name) && !name.endsWith(".d.ts")) files.push(r);
    }
  };
  for (const folder of workspaceFolders()) if (existsSync(path.join(repoRoot, folder, "src"))) walk(`${folder}/src`);
  for (const top of ["tools", "bench/src", "bench/workers"]) if (existsSync(path.join(repoRoot, top))) walk(top);
  return files;
}

/** the import specifiers of a module: static imports, re-exports, dynamic import() */
function specifiersOf(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1] as string);
}

/** the folder an import stays inside: a workspace package (packages/x, pipelines/x), else tools or bench */
function unitOf(rel: string): string {
  const parts = rel.split("/");
  return parts[0] === "packages" || parts[0] === "pipelines" ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

function declaredExports(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const folder of workspaceFolders()) {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, folder, "package.json"), "utf8")) as { name: string; exports?: Record<string, unknown> };
    out.set(pkg.name, new Set(Object.keys(pkg.exports ?? { ".": "" })));
  }
  return out;
}

/** What breaks the rule; `known` lists the crossings another engineer's part of issue 13 removes. */
function internalImports(files: readonly { file: string; source: string }[], exportsOf: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const found: string[] = [];
  for (const { file, source } of files) {
    for (const spec of specifiersOf(source)) {
      const m = /^(@bycn\/[^/]+)(\/.*)?$/.exec(spec);
      if (m) {
        const declared = exportsOf.get(m[1] as string);
        if (declared !== undefined && !declared.has(`.${m[2] ?? ""}`)) found.push(`${file}: ${spec} (not in that package's exports)`);
      } else if (spec.startsWith(".")) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
        if (unitOf(target) !== unitOf(file)) found.push(`${file}: ${spec} (a path into ${unitOf(target)})`);
      }
    }
  }
  return found;
}

// the readable csv/json reference lives in publish's tests until the "pipes" part moves it beside csv.ts and json.ts
const KNOWN = new Set(["bench/src/render-bench.ts: ../../packages/publish/test/_reference.js (a path into packages/publish)"]);

describe("package boundaries", () => {
  it("no-import-of-another-package-internals: only declared exports, no relative path into another package", () => {
    // this file's own fixtures below are strings that look like imports
    const files = checkedFiles().filter((f) => f !== "tools/test/architecture.test.ts").map((file) => ({ file, source: readFileSync(path.join(repoRoot, file), "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    expect(internalImports(files, declaredExports()).filter((f) => !KNOWN.has(f))).toEqual([]);
  });

  it("the rule catches a subpath, a relative path out of the package and a dynamic import; it lets a declared subpath pass", () => {
    const exportsOf = new Map([["@bycn/core", new Set([".", "./test-support/real"])], ["@bycn/publish", new Set(["."])]]);
    const files = [
      { file: "packages/report/src/a.ts", source: 'import { x } from "@bycn/publish/src/csv.js";\nimport { y } from "./b.js";' },
      { file: "packages/report/src/c.ts", source: 'export { z } from "../../publish/src/json.js";\nconst m = await import("@bycn/core/src/issues.js");' },
      { file: "tools/test/d.test.ts", source: 'import { repoRoot } from "@bycn/core/test-support/real";\nimport { w } from "../readme/x.js";' },
      { file: "bench/src/e.ts", source: 'import { v } from "../../packages/core/src/schemas.js";' },
    ];
    expect(internalImports(files, exportsOf)).toEqual([
      "packages/report/src/a.ts: @bycn/publish/src/csv.js (not in that package's exports)",
      "packages/report/src/c.ts: ../../publish/src/json.js (a path into packages/publish)",
      "packages/report/src/c.ts: @bycn/core/src/issues.js (not in that package's exports)",
      "bench/src/e.ts: ../../packages/core/src/schemas.js (a path into packages/core)",
    ]);
  });
});

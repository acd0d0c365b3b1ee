// `bycn` outside this repository: npm pack the workspace packages the CLI needs (and its few runtime dependencies, from
// node_modules), install the tarballs offline into an empty folder, and validate a file there with the installed bin
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, tempDir } from "./_cli.js";

interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  dependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };

/** the folders to pack: @bycn/cli's runtime dependency closure, workspace folders and node_modules/<name> alike */
function packClosure(): string[] {
  const dirs = new Set<string>();
  const visit = (dir: string): void => {
    if (dirs.has(dir)) return;
    dirs.add(dir);
    for (const name of Object.keys(lock.packages[dir]?.dependencies ?? {})) {
      const entry = lock.packages[`node_modules/${name}`];
      if (entry === undefined) throw new Error(`${dir}: dependency ${name} is not in package-lock.json`);
      visit(entry.link && entry.resolved !== undefined ? entry.resolved : `node_modules/${name}`);
    }
  };
  visit("packages/cli");
  return [...dirs].sort();
}

function run(cmd: string, args: string[], cwd: string): { status: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", npm_config_audit: "false", npm_config_fund: "false" } });
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

describe("@bycn/cli as an installed package", () => {
  it("npm-pack-install-offline-validate: bycn validate works in an empty folder without this repository", () => {
    const dirs = packClosure();
    for (const d of dirs.filter((x) => x.startsWith("packages/") || x.startsWith("pipelines/")))
      expect(existsSync(path.join(repoRoot, d, "lib/index.js")), `${d}/lib is missing: run npm run build`).toBe(true);
    // zod and papaparse today; whatever the lock file says tomorrow
    expect(dirs.some((d) => d === "node_modules/zod")).toBe(true);

    const tarballs = tempDir("bycn-pack-");
    const packed = run("npm", ["pack", "--ignore-scripts", "--pack-destination", tarballs, ...dirs.map((d) => `./${d}`)], repoRoot);
    expect(packed.status, packed.out).toBe(0);
    const files = readdirSync(tarballs).filter((f) => f.endsWith(".tgz"));
    expect(files).toHaveLength(dirs.length);
    // the cli tarball holds its compiled code and bin, never the sources or tests
    const cliTgz = files.find((f) => f.startsWith("bycn-cli-"));
    expect(cliTgz).toBeDefined();
    const listing = run("tar", ["-tzf", path.join(tarballs, cliTgz!)], tarballs).out;
    expect(listing).toContain("package/bin/bycn.js");
    expect(listing).toContain("package/lib/main.js");
    expect(listing).not.toMatch(/package\/(src|test)\//);

    const project = tempDir("bycn-user-");
    writeFileSync(path.join(project, "package.json"), `${JSON.stringify({ name: "someone-elses-project", private: true })}\n`);
    const installed = run("npm", ["install", "--offline", "--ignore-scripts", ...files.map((f) => path.join(tarballs, f))], project);
    expect(installed.status, installed.out).toBe(0);

    writeFileSync(path.join(project, "scores.csv"), "iso3,idi_2024\r\nBLR,88.5\r\nCHN,not-a-number\r\n");
    const bin = path.join(project, "node_modules/.bin/bycn");
    const ok = run(process.execPath, [bin, "validate", "scores.csv", "--format", "json"], project);
    // exit 1: a finding (the bad number), reported with file and line, from code that lives only in the install
    expect(ok.status, ok.out).toBe(1);
    const report = JSON.parse(ok.out) as { issues: { code: string; at: { file: string; line: number } }[] };
    expect(report.issues).toContainEqual(expect.objectContaining({ code: "invalid_number", at: expect.objectContaining({ file: "scores.csv", line: 3 }) }));
    expect(readFileSync(bin, "utf8")).not.toContain(repoRoot);
  }, 240_000);
});

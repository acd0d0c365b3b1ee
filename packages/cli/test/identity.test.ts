// Output bytes pinned across refactors: dist/ from `bycn build`, and `bycn validate --out` on every committed raw
// file and a generated 200k-row DataHub file, on 1 and 2 threads. The checksums in __identity__/ were recorded
// before the engine moved into its own packages; a change to them is a change of behaviour, never a refactor.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateDatahub } from "../../../bench/src/generate.js";
import { bycn, repoRoot, tempDir, treeHashes } from "./_cli.js";
import { validateInProcess } from "./_validate.js";

const sha = (s: string): string => createHash("sha256").update(s).digest("hex");

function rawFiles(dir = path.join(repoRoot, "raw"), rel = "raw"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...rawFiles(abs, `${rel}/${name}`));
    else if (name.endsWith(".csv")) out.push(`${rel}/${name}`);
  }
  return out;
}

/** what a validate run leaves for a user: its exit status, the report on stdout and every file under --out */
async function validateHashes(file: string, threads: number): Promise<Record<string, string>> {
  const run = await validateInProcess(file, { threads, parallelMinBytes: 0, runItems: 5_000 });
  const out: Record<string, string> = { status: String(run.status), stdout: sha(run.stdout) };
  for (const [name, text] of Object.entries(run.files)) out[name] = sha(text);
  return out;
}

// files are named relative to the project, as a user in it names them (and as rejects and issues then print them)
process.chdir(repoRoot);

describe("output bytes are those recorded before the restructuring", () => {
  it("build: every file of dist/ has its recorded sha256", async () => {
    const out = path.join(tempDir("bycn-identity-"), "dist");
    const r = bycn(["build", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    await expect(JSON.stringify(treeHashes(out), null, 2) + "\n").toMatchFileSnapshot("__identity__/build.json");
  }, 240_000);

  it("validate: every committed raw file, on 1 and 2 threads, writes its recorded bytes", async () => {
    const hashes: Record<string, Record<string, string>> = {};
    for (const file of rawFiles()) {
      const one = await validateHashes(file, 1);
      expect(await validateHashes(file, 2), file).toEqual(one);
      hashes[file] = one;
    }
    await expect(JSON.stringify(hashes, null, 2) + "\n").toMatchFileSnapshot("__identity__/validate-raw.json");
  }, 300_000);

  it("validate: a generated 200k-row DataHub file, on 1 and 2 threads, writes its recorded bytes", async () => {
    // under the project, named relatively: the name is written into rejects and issues
    const file = "test-results/identity/itu-long-200k.csv";
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, generateDatahub({ rows: 200_000, seed: 11, invalidRate: 0.005 }));
    const one = await validateHashes(file, 1);
    expect(await validateHashes(file, 2)).toEqual(one);
    await expect(JSON.stringify(one, null, 2) + "\n").toMatchFileSnapshot("__identity__/validate-200k.json");
  }, 300_000);
});

// run the real bycn CLI from source as a child process, the way a user or CI runs it
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../../core/test-support/real.js";

export { repoRoot };
const BIN = path.join(repoRoot, "packages/cli/src/bin.ts");
// tsx by its resolved URL: `--import tsx` would resolve from the child's cwd, which a test may set outside the project
const NODE_ARGS = ["--conditions=@bycn/source", "--import", import.meta.resolve("tsx"), BIN];

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  signal?: NodeJS.Signals;
}

/** timeout: SIGKILL after so many ms, so a hang fails the test (status -1, signal SIGKILL) instead of stalling it */
export function bycn(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string | Uint8Array; timeout?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: opts.cwd ?? repoRoot,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
    ...(opts.timeout !== undefined ? { timeout: opts.timeout, killSignal: "SIGKILL" as const } : {}),
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ...(r.signal ? { signal: r.signal } : {}) };
}

/** the CLI as a child with piped stderr, for tests that pause, kill or race it */
export function bycnChild(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: opts.cwd ?? repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
}

export function bycnAsync(args: string[], cwd = repoRoot): ChildProcess {
  return spawn(process.execPath, [...NODE_ARGS, ...args], { cwd, stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
}

export function tempDir(prefix = "bycn-test-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** is each module's compiled lib/<name>.js (package folder, module name) at least as new as its src/<name>.ts? */
export function builtFresh(...modules: [pkg: string, name: string][]): boolean {
  return modules.every(([pkg, name]) => {
    const built = statSync(path.join(repoRoot, pkg, "lib", `${name}.js`), { throwIfNoEntry: false });
    return built !== undefined && built.mtimeMs >= statSync(path.join(repoRoot, pkg, "src", `${name}.ts`)).mtimeMs;
  });
}

/** a private copy of raw/ (and the baseline) to tamper with */
export function copyProject(): { root: string; raw: string } {
  const root = tempDir("bycn-project-");
  cpSync(path.join(repoRoot, "raw"), path.join(root, "raw"), { recursive: true });
  cpSync(path.join(repoRoot, "baseline.json"), path.join(root, "baseline.json"));
  return { root, raw: path.join(root, "raw") };
}

/** path → sha256 of every file under dir (dotfiles included), for before/after comparisons */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out[r] = createHash("sha256").update(readFileSync(path.join(dir, r))).digest("hex");
    }
  };
  walk("");
  return out;
}

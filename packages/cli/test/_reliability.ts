// shared by the reliability suites: a case counter printed per kind, a prebuilt dist to seed from, and checks that a
// dist/ is whole (complete, verifying against its own SHA256SUMS) and that nothing was left beside it
import { execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { bycn, tempDir } from "./_cli.js";

const counts = new Map<string, number>();
const started = Date.now();

/** count one case of a kind; every suite prints its counts when it ends */
export function tally(kind: string): void {
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
}

export function printTally(suite: string): void {
  afterAll(() => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const kinds = [...counts].map(([k, n]) => `${k}: ${n}`).join(", ");
    console.log(`reliability ${suite}: ${total} case(s) (${kinds}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

/** a stack trace line: bad input and refusals must never print one */
export const STACK = /\n\s+at /;

let built: string | undefined;
/** one real dist built by the CLI, resolved to its generation folder; copied by seedDist */
export function prebuiltDist(): string {
  if (built === undefined) {
    const out = path.join(tempDir("bycn-rel-base-"), "dist");
    const r = bycn(["build", "--out", out], { timeout: 120_000 });
    if (r.status !== 0) throw new Error(`prebuild failed: ${r.stderr}`);
    built = path.join(path.dirname(out), readlinkSync(out));
  }
  return built;
}

/** a dist at parent/dist as bycn leaves it (a link to one generation), without paying for a build */
export function seedDist(parent = tempDir("bycn-rel-")): string {
  const id = "0000000001-1-000000000001";
  mkdirSync(path.join(parent, ".dist.gen"), { recursive: true });
  cpSync(prebuiltDist(), path.join(parent, ".dist.gen", id), { recursive: true });
  symlinkSync(`.dist.gen/${id}`, path.join(parent, "dist"));
  return path.join(parent, "dist");
}

/** dist resolves to a complete generation whose files all match its SHA256SUMS */
export function expectWholeDist(dist: string): void {
  expect(existsSync(path.join(dist, ".bycn-dist")), `${dist} has its marker`).toBe(true);
  const sums = readFileSync(path.join(dist, "SHA256SUMS"), "utf8").trim().split("\n");
  expect(sums.length).toBeGreaterThan(10);
  for (const line of sums) {
    const file = line.slice(66);
    expect(createHash("sha256").update(readFileSync(path.join(dist, file))).digest("hex"), file).toBe(line.slice(0, 64));
  }
}

/** beside dist: the link and one generation, no lock, temp link or half-written generation */
export function expectNoLeftovers(dist: string): void {
  const parent = path.dirname(dist);
  const beside = readdirSync(parent).filter((n) => n.startsWith(".dist.") || n === "dist").sort();
  expect(beside).toEqual([".dist.gen", "dist"]);
  expect(lstatSync(dist).isSymbolicLink()).toBe(true);
  expect(readdirSync(path.join(parent, ".dist.gen"))).toEqual([path.basename(readlinkSync(dist))]);
}

/** resolves when the child prints `line` on stderr (the pause hook), rejects if it exits first */
export function waitForStderr(child: ChildProcess, line: string, timeoutMs = 90_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`no "${line}" within ${timeoutMs} ms; stderr: ${text}`)), timeoutMs);
    child.stderr?.on("data", (d: Buffer) => {
      text += d.toString();
      if (text.includes(line)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code ?? signal}) before "${line}"; stderr: ${text}`));
    });
  });
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, stderr });
    else child.once("exit", (code) => resolve({ code, stderr }));
  });
}

/** immutable for root (chattr +i), read-only for anyone else; undo() restores it so the temp folder can go */
export function freeze(given: string): () => void {
  // resolved now: a dist link may point elsewhere by the time undo runs
  const p = realpathSync(given);
  if (process.getuid?.() === 0) {
    execFileSync("chattr", ["+i", p]);
    return () => execFileSync("chattr", ["-i", p]);
  }
  execFileSync("chmod", ["a-w", p]);
  return () => execFileSync("chmod", ["u+w", p]);
}

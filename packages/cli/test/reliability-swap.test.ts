// reliability: a build paused at each point of the swap and SIGKILLed there leaves a whole dist/ at every moment;
// a reader polling dist/ through several builds never finds it missing
import { spawn } from "node:child_process";
import { cpSync, existsSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { bycn, bycnChild, tempDir } from "./_cli.js";
import { exitOf, expectNoLeftovers, expectWholeDist, prebuiltDist, printTally, seedDist, tally, waitForStderr } from "./_reliability.js";

// real builds and kills on a shared 2-core machine: slow, but each spawn has its own SIGKILL timeout
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
printTally("swap");

/** a previous dist told apart from what the next build writes by one extra file outside SHA256SUMS */
function previousDist(): string {
  const dist = seedDist();
  writeFileSync(path.join(dist, "previous.txt"), "the previous build\n");
  return dist;
}

async function killAt(point: string, dist: string): Promise<void> {
  const child = bycnChild(["build", "--out", dist], { env: { BYCN_PAUSE_AT: point } });
  const done = exitOf(child);
  await waitForStderr(child, `paused at ${point}`);
  // the paused moment is one a reader may meet: dist/ must be whole now, not only after the kill
  if (point !== "moved") expectWholeDist(dist);
  child.kill("SIGKILL");
  await done;
}

describe("SIGKILL at each point of the swap", () => {
  it.each([
    { point: "staged", after: "previous" },
    { point: "linked", after: "previous" },
    { point: "swapped", after: "new" },
  ])("killed-$point: dist is the $after one, whole; readers and the next build carry on", async ({ point, after }) => {
    tally("kill-in-swap");
    const dist = previousDist();
    await killAt(point, dist);
    expectWholeDist(dist);
    expect(existsSync(path.join(dist, "previous.txt"))).toBe(after === "previous");
    // a reader of the killed run's dist: diff against the same data finds no difference and no damage
    const d = bycn(["diff", prebuiltDist(), dist], { timeout: 60_000 });
    expect(d.stderr).toBe("");
    expect(d.status).toBe(0);
    const r = bycn(["build", "--out", dist], { timeout: 120_000 });
    expect(r.status).toBe(0);
    expectWholeDist(dist);
    expectNoLeftovers(dist);
  });

  it("killed-while-an-older-bycns-real-folder-is-moved-aside: the next run links the new generation back", async () => {
    tally("kill-in-swap");
    const dist = path.join(tempDir("bycn-rel-"), "dist");
    cpSync(prebuiltDist(), dist, { recursive: true });
    await killAt("moved", dist);
    // the one documented window: the real folder is gone, the complete new generation waits beside it
    expect(existsSync(dist)).toBe(false);
    const r = bycn(["report", "--dist", dist], { timeout: 120_000 });
    expect(r.status).toBe(0);
    expectWholeDist(dist);
    expectNoLeftovers(dist);
  });

  it("killed-twice-in-a-row-then-built: one generation left", async () => {
    tally("kill-in-swap");
    const dist = previousDist();
    await killAt("staged", dist);
    await killAt("linked", dist);
    expectWholeDist(dist);
    expect(readdirSync(path.join(path.dirname(dist), ".dist.gen")).length).toBeGreaterThan(1);
    expect(bycn(["build", "--out", dist], { timeout: 120_000 }).status).toBe(0);
    expectNoLeftovers(dist);
  });
});

// polls dist/SHA256SUMS until the stop file appears; prints "reads misses"
const READER = `
const fs = require("node:fs");
const [dist, stop] = process.argv.slice(1);
let reads = 0, misses = 0;
while (!fs.existsSync(stop)) {
  try { fs.readFileSync(dist + "/SHA256SUMS"); fs.readFileSync(dist + "/.bycn-dist"); reads++; } catch { misses++; }
}
process.stdout.write(reads + " " + misses);
`;

describe("readers during swaps", () => {
  it("a-reader-polling-through-three-builds-never-misses-dist", async () => {
    tally("readers");
    const dist = seedDist();
    const stop = path.join(tempDir("bycn-rel-stop-"), "stop");
    const reader = spawn(process.execPath, ["-e", READER, dist, stop], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    reader.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const ended = new Promise((r) => reader.once("exit", r));
    const links = new Set<string>();
    for (let i = 0; i < 3; i++) {
      expect(bycn(["build", "--out", dist], { timeout: 120_000 }).status).toBe(0);
      links.add(readlinkSync(dist));
    }
    writeFileSync(stop, "");
    await ended;
    rmSync(path.dirname(stop), { recursive: true, force: true });
    const [reads, misses] = out.split(" ").map(Number);
    console.log(`reliability swap: a reader read dist/ ${reads} time(s) through 3 swaps, ${misses} miss(es)`);
    expect(links.size).toBe(3); // three swaps happened under the reader
    expect(misses).toBe(0);
    expect(reads).toBeGreaterThan(100);
  });
});

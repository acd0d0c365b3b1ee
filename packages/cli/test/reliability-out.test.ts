// reliability: --out replaces only what bycn wrote; one writer per dist; read-only and immutable targets exit 2 cleanly
import { cpSync, existsSync, mkdirSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { bycn, bycnChild, copyProject, tempDir, treeHashes } from "./_cli.js";
import { exitOf, expectNoLeftovers, expectWholeDist, freeze, prebuiltDist, printTally, seedDist, STACK, tally, waitForStderr } from "./_reliability.js";

// real builds and kills on a shared 2-core machine: slow, but each spawn has its own SIGKILL timeout
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
printTally("out, locks and read-only targets");

describe("--out onto what bycn did not write: exit 2, nothing touched", () => {
  const { root } = copyProject();
  mkdirSync(path.join(root, "notes"));
  writeFileSync(path.join(root, "notes", "thesis.tex"), "my own work\n");
  writeFileSync(path.join(root, "README.md"), "# mine\n");
  symlinkSync("notes", path.join(root, "link-to-notes"));
  // the FIFO sits apart: hashing the project tree would block on it
  const fifo = path.join(tempDir("bycn-rel-fifo-"), "fifo");
  execFileSync("mkfifo", [fifo]);
  mkdirSync(path.join(root, "other-package"));
  writeFileSync(path.join(root, "other-package", "datapackage.json"), "{\"name\":\"not-bycn\"}\n");
  writeFileSync(path.join(root, "other-package", "SHA256SUMS"), "");
  const elsewhere = tempDir("bycn-rel-cwd-");

  const cases: { name: string; args: string[]; cwd: string; why: RegExp }[] = [
    { name: "dot-the-project-root", args: ["--out", "."], cwd: root, why: /is or holds the working directory/ },
    { name: "dotdot-from-a-subfolder", args: ["--raw", "../raw", "--out", ".."], cwd: path.join(root, "notes"), why: /is or holds the working directory/ },
    { name: "filesystem-root", args: ["--out", "/"], cwd: root, why: /is or holds the working directory/ },
    { name: "the-raw-folder", args: ["--out", "raw"], cwd: root, why: /inside the raw folder/ },
    { name: "inside-raw", args: ["--out", "raw/owid/dist"], cwd: root, why: /inside the raw folder/ },
    { name: "a-folder-holding-raw", args: ["--raw", path.join(root, "raw"), "--out", root], cwd: elsewhere, why: /is or holds the raw folder/ },
    { name: "a-regular-file", args: ["--out", "README.md"], cwd: root, why: /not a folder/ },
    { name: "a-users-folder", args: ["--out", "notes"], cwd: root, why: /holds files bycn did not write/ },
    { name: "a-symlink-to-a-users-folder", args: ["--out", "link-to-notes"], cwd: root, why: /symlink to notes, not one bycn made/ },
    { name: "a-fifo", args: ["--out", fifo], cwd: root, why: /not a folder/ },
    { name: "a-device", args: ["--out", "/dev/null"], cwd: root, why: /not a folder/ },
    { name: "another-datapackage", args: ["--out", "other-package"], cwd: root, why: /holds files bycn did not write/ },
  ];

  it.each(cases)("$name", ({ args, cwd, why }) => {
    tally("out-refused");
    const before = treeHashes(root);
    const r = bycn(["build", ...args], { cwd, timeout: 60_000 });
    expect(r.stderr).toMatch(why);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(treeHashes(root)).toEqual(before);
  });

  it("an-empty-folder-is-bycns-to-fill", () => {
    tally("out-accepted");
    const out = path.join(tempDir("bycn-rel-"), "dist");
    mkdirSync(out);
    expect(bycn(["build", "--out", out], { timeout: 120_000 }).status).toBe(0);
    expectWholeDist(out);
    expectNoLeftovers(out);
  });

  it("a-dist-of-an-older-bycn-without-the-marker-is-replaced", () => {
    tally("out-accepted");
    const out = path.join(tempDir("bycn-rel-"), "dist");
    cpSync(prebuiltDist(), out, { recursive: true });
    rmSync(path.join(out, ".bycn-dist"));
    expect(bycn(["build", "--out", out], { timeout: 120_000 }).status).toBe(0);
    expectWholeDist(out);
    expectNoLeftovers(out);
  });
});

describe("two writers at once", () => {
  it("a-build-while-another-holds-the-lock: exit 2, a message, no stack; the holder finishes", async () => {
    tally("concurrent");
    const dist = seedDist();
    const holder = bycnChild(["build", "--out", dist], { env: { BYCN_PAUSE_AT: "staged" } });
    const done = exitOf(holder);
    await waitForStderr(holder, "paused at staged");
    for (const args of [["build", "--out", dist], ["report", "--dist", dist]]) {
      const r = bycn(args, { timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`being written by another bycn run \\(process ${holder.pid} `));
      expect(r.stderr).not.toMatch(STACK);
    }
    holder.kill("SIGCONT");
    expect((await done).code).toBe(0);
    expectWholeDist(dist);
    expectNoLeftovers(dist);
  });

  it.each([1, 2])("free-race-%i: two builds started together; one or both succeed, a loser fails cleanly", async () => {
    tally("concurrent");
    const dist = seedDist();
    const runs = await Promise.all([0, 1].map(() => exitOf(bycnChild(["build", "--out", dist]))));
    const codes = runs.map((r) => r.code).sort();
    expect([[0, 0], [0, 2]]).toContainEqual(codes);
    for (const r of runs.filter((x) => x.code !== 0)) {
      expect(r.stderr).toMatch(/being written by another bycn run/);
      expect(r.stderr).not.toMatch(STACK);
    }
    expectWholeDist(dist);
    expectNoLeftovers(dist);
  });

  it("a-holder-killed-with-the-lock: the next build takes the lock over", async () => {
    tally("concurrent");
    const dist = seedDist();
    const holder = bycnChild(["build", "--out", dist], { env: { BYCN_PAUSE_AT: "staged" } });
    const done = exitOf(holder);
    await waitForStderr(holder, "paused at staged");
    holder.kill("SIGKILL");
    await done;
    expect(existsSync(path.join(path.dirname(dist), ".dist.lock"))).toBe(true);
    expect(bycn(["build", "--out", dist], { timeout: 120_000 }).status).toBe(0);
    expectWholeDist(dist);
    expectNoLeftovers(dist);
  });
});

describe("read-only and immutable targets", () => {
  const failsCleanly = (args: string[], unchanged: string) => {
    const before = treeHashes(unchanged);
    const listing = readdirSync(unchanged).sort();
    const r = bycn(args, { timeout: 120_000 });
    expect(r.stderr).toMatch(/cannot write .*(EPERM|EACCES|EROFS)|operation not permitted|permission denied/i);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(readdirSync(unchanged).sort()).toEqual(listing);
    expect(treeHashes(unchanged)).toEqual(before);
  };

  it("the-folder-holding-dist-is-immutable: build and report exit 2, nothing changes", () => {
    tally("read-only");
    const dist = seedDist();
    const parent = path.dirname(dist);
    const thaw = freeze(parent);
    try {
      failsCleanly(["build", "--out", dist], parent);
      failsCleanly(["report", "--dist", dist], parent);
    } finally {
      thaw();
    }
    expectWholeDist(dist);
  });

  it("the-generations-folder-is-immutable: exit 2, no lock or half generation left", () => {
    tally("read-only");
    const dist = seedDist();
    const gens = path.join(path.dirname(dist), ".dist.gen");
    const thaw = freeze(gens);
    try {
      failsCleanly(["build", "--out", dist], path.dirname(dist));
    } finally {
      thaw();
    }
    expectWholeDist(dist);
    expectNoLeftovers(dist);
  });

  it("an-older-bycns-real-dist-folder-that-is-immutable: exit 2, the folder as it was, no leftovers", () => {
    tally("read-only");
    const dist = path.join(tempDir("bycn-rel-"), "dist");
    cpSync(prebuiltDist(), dist, { recursive: true });
    const thaw = freeze(dist);
    try {
      failsCleanly(["build", "--out", dist], path.dirname(dist));
    } finally {
      thaw();
    }
    expect(readdirSync(path.dirname(dist))).toEqual(["dist"]);
  });

  it("a-partly-immutable-previous-dist: the new dist goes in (exit 0), the old generation is named and removed later", () => {
    tally("read-only");
    const dist = seedDist();
    const old = readlinkSync(dist);
    const thaw = freeze(path.join(dist, "data"));
    let r;
    try {
      r = bycn(["build", "--out", dist], { timeout: 120_000 });
    } finally {
      thaw();
    }
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`warning: could not remove the previous output ${old.replace(".", "\\.")}`));
    expect(readlinkSync(dist)).not.toBe(old);
    expectWholeDist(dist);
    expect(readdirSync(path.join(path.dirname(dist), ".dist.gen"))).toHaveLength(2);
    expect(bycn(["build", "--out", dist], { timeout: 120_000 }).status).toBe(0);
    expectNoLeftovers(dist);
  });
});

// reliability: pipes, FIFOs, devices and symlinks as inputs. validate reads a stream once (-, /dev/stdin, a FIFO) and
// refuses a device; raw/ and dist/ refuse devices, FIFOs and links leaving the tree with not_regular_file, never hanging
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { bycn, copyProject, repoRoot, tempDir } from "./_cli.js";
import { printTally, seedDist, STACK, tally } from "./_reliability.js";

// real builds and kills on a shared 2-core machine: slow, but each spawn has its own SIGKILL timeout
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
printTally("inputs");

const OWID = path.join(repoRoot, "raw/owid/2025-10-29/share-of-individuals-using-the-internet.csv");
const WDI_DIR = path.join(repoRoot, "raw/wdi/2026-02-18");

/** validate's report and --out bytes with the file's name taken out, to compare a stream with the file itself */
function validated(args: string[], shown: string, opts: { input?: string | Uint8Array; cwd?: string } = {}) {
  const out = tempDir("bycn-rel-val-");
  const r = bycn(["validate", ...args, "--out", out, "--format", "json"], { ...opts, timeout: 60_000 });
  const files = Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(path.join(out, f), "utf8").replaceAll(shown, "FILE")]));
  return { status: r.status, stderr: r.stderr, report: r.stdout.replaceAll(JSON.stringify(shown).slice(1, -1), "FILE"), files };
}

describe("bycn validate on streams: read once, same result as the file", () => {
  const bytes = readFileSync(OWID);
  const reference = validated([OWID], OWID);

  it("reference-file-validates", () => {
    expect(reference.status).toBe(0);
    expect(Object.keys(reference.files)).toContain("owid-indicators.csv");
  });

  it("dash-reads-standard-input", () => {
    tally("streams");
    const r = validated(["-"], "<stdin>", { input: bytes });
    expect(r).toEqual(reference);
  });

  it("dev-stdin-reads-the-pipe-once", () => {
    tally("streams");
    const r = validated(["/dev/stdin"], "/dev/stdin", { input: bytes });
    expect(r).toEqual(reference);
  });

  it("a-fifo-written-at-once", () => {
    tally("streams");
    const fifo = path.join(tempDir("bycn-rel-fifo-"), "in.csv");
    execFileSync("mkfifo", [fifo]);
    const writer = spawn("sh", ["-c", `cat "$1" > "$2"`, "sh", OWID, fifo], { stdio: "ignore" });
    const r = validated([fifo], fifo);
    writer.kill();
    expect(r).toEqual(reference);
  });

  it("a-fifo-written-slowly-in-pieces", () => {
    tally("streams");
    const fifo = path.join(tempDir("bycn-rel-fifo-"), "in.csv");
    execFileSync("mkfifo", [fifo]);
    // 8 pieces 100 ms apart, cut inside records: the reader must wait for the writer, not stop at a short read
    const script = `const fs=require("fs");const b=fs.readFileSync(process.argv[1]);const fd=fs.openSync(process.argv[2],"w");let i=0;const n=8;` +
      `const step=()=>{if(i===n){fs.closeSync(fd);return;}fs.writeSync(fd,b.subarray(Math.floor(b.length*i/n),Math.floor(b.length*(i+1)/n)));i++;setTimeout(step,100);};step();`;
    const writer = spawn(process.execPath, ["-e", script, OWID, fifo], { stdio: "ignore" });
    const r = validated([fifo], fifo);
    writer.kill();
    expect(r).toEqual(reference);
  });

  it("empty-standard-input-is-reported-like-an-empty-file", () => {
    tally("streams");
    const empty = path.join(tempDir("bycn-rel-"), "empty.csv");
    writeFileSync(empty, "");
    const file = validated([empty], empty);
    const piped = validated(["-"], "<stdin>", { input: "" });
    expect(piped).toEqual(file);
    expect(piped.report).toMatch(/file_empty/);
  });

  it.each([
    { name: "dev-zero", target: "/dev/zero" },
    { name: "dev-urandom", target: "/dev/urandom" },
    { name: "a-symlink-to-dev-zero", target: "link" },
  ])("$name-is-refused-at-once", ({ target }) => {
    tally("devices");
    let file = target;
    if (target === "link") {
      file = path.join(tempDir("bycn-rel-"), "data.csv");
      symlinkSync("/dev/zero", file);
    }
    const t0 = Date.now();
    const r = bycn(["validate", file], { timeout: 30_000 });
    expect(r.stderr).toMatch(/is a device, not a file/);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it("a-directory-is-refused", () => {
    tally("devices");
    const r = bycn(["validate", tempDir()], { timeout: 30_000 });
    expect(r.stderr).toMatch(/it is a directory/);
    expect(r.status).toBe(2);
  });
});

describe("raw/: devices, FIFOs and links leaving the tree are refused with not_regular_file", () => {
  /** a project copy with the owid data file (or its meta) swapped for something else; build and check on it */
  const tampered = (make: (file: string, raw: string) => void, meta = false) => {
    const { root, raw } = copyProject();
    const file = path.join(raw, "owid/2025-10-29/share-of-individuals-using-the-internet.csv") + (meta ? ".meta.json" : "");
    make(file, raw);
    return root;
  };
  const replaceWith = (f: string, how: (f: string) => void) => {
    rmSync(f);
    how(f);
  };
  const cases: { name: string; make: (file: string, raw: string) => void; meta?: boolean; kind: RegExp }[] = [
    { name: "a-symlink-to-dev-zero", make: (f) => replaceWith(f, (p) => symlinkSync("/dev/zero", p)), kind: /a symlink leaving raw\/ \(to \/dev\/zero\)/ },
    { name: "a-symlink-to-dev-urandom", make: (f) => replaceWith(f, (p) => symlinkSync("/dev/urandom", p)), kind: /a symlink leaving raw\/ \(to \/dev\/urandom\)/ },
    {
      name: "a-symlink-to-the-same-bytes-outside-raw",
      make: (f) => {
        const outside = path.join(tempDir("bycn-rel-outside-"), "copy.csv");
        copyFileSync(f, outside);
        replaceWith(f, (p) => symlinkSync(outside, p));
      },
      kind: /a symlink leaving raw\//,
    },
    { name: "a-fifo-as-data-file", make: (f) => replaceWith(f, (p) => execFileSync("mkfifo", [p])), kind: /is a FIFO/ },
    { name: "a-fifo-as-meta-file", make: (f) => replaceWith(f, (p) => execFileSync("mkfifo", [p])), meta: true, kind: /meta\.json is a FIFO/ },
    { name: "a-dangling-symlink", make: (f) => replaceWith(f, (p) => symlinkSync("nowhere.csv", p)), kind: /a dangling symlink/ },
    {
      name: "a-vintage-folder-linked-outside-raw",
      make: (f) => {
        const vintage = path.dirname(f);
        const outside = path.join(tempDir("bycn-rel-outside-"), "2025-10-29");
        renameSync(vintage, outside);
        symlinkSync(outside, vintage);
      },
      kind: /raw\/owid\/2025-10-29 is a symlink leaving raw\//,
    },
  ];

  it.each(cases)("$name: build exits 2 at once, check reports it, neither hangs", ({ make, meta, kind }) => {
    tally("raw-links");
    const root = tampered(make, meta === true);
    const out = path.join(tempDir("bycn-rel-"), "dist");
    const b = bycn(["build", "--out", out], { cwd: root, timeout: 60_000 });
    expect(b.stderr).toMatch(/not_regular_file/);
    expect(b.stderr).toMatch(kind);
    expect(b.status).toBe(2);
    expect(b.stderr).not.toMatch(STACK);
    expect(readdirSync(path.dirname(out))).toEqual([]);
    const c = bycn(["check", "--format", "json"], { cwd: root, timeout: 60_000 });
    expect(c.status).toBe(1);
    expect(JSON.parse(c.stdout).findings.some((f: { issue: { code: string } }) => f.issue.code === "not_regular_file")).toBe(true);
  });

  it("a-symlink-that-stays-inside-raw-is-followed", () => {
    tally("raw-links");
    const root = tampered((f, raw) => {
      mkdirSync(path.join(raw, ".store"));
      const kept = path.join(raw, ".store", path.basename(f));
      renameSync(f, kept);
      symlinkSync(path.relative(path.dirname(f), kept), f);
    });
    const out = path.join(tempDir("bycn-rel-"), "dist");
    const b = bycn(["build", "--out", out], { cwd: root, timeout: 120_000 });
    expect(b.stderr).not.toMatch(/not_regular_file/);
    expect(b.status).toBe(0);
  });

  it("a-wdi-data-file-linked-to-dev-null-is-never-read", () => {
    tally("raw-links");
    const { root, raw } = copyProject();
    const name = readdirSync(WDI_DIR).find((f) => f.endsWith(".csv") && !f.includes("Metadata"))!;
    const f = path.join(raw, "wdi/2026-02-18", name);
    rmSync(f);
    symlinkSync("/dev/null", f);
    const b = bycn(["build", "--out", path.join(tempDir("bycn-rel-"), "dist")], { cwd: root, timeout: 60_000 });
    expect(b.stderr).toMatch(/a symlink leaving raw\/ \(to \/dev\/null\)/);
    expect(b.status).toBe(2);
  });
});

describe("dist/: bycn report refuses links, devices and FIFOs instead of copying them in", () => {
  const cases: { name: string; make: (dist: string) => void; kind: RegExp }[] = [
    {
      name: "a-symlink-to-a-file-outside",
      make: (d) => {
        const secret = path.join(tempDir("bycn-rel-secret-"), "secret.txt");
        writeFileSync(secret, "not for publishing\n");
        symlinkSync(secret, path.join(d, "data", "extra.csv"));
      },
      kind: /extra\.csv is a symlink/,
    },
    { name: "a-symlink-to-dev-zero", make: (d) => symlinkSync("/dev/zero", path.join(d, "data", "zero.csv")), kind: /zero\.csv is a symlink/ },
    { name: "a-symlink-inside-dist", make: (d) => symlinkSync("claims.csv", path.join(d, "copy.csv")), kind: /copy\.csv is a symlink/ },
    { name: "a-fifo", make: (d) => execFileSync("mkfifo", [path.join(d, "data", "pipe.csv")]), kind: /pipe\.csv is a FIFO/ },
  ];

  it.each(cases)("$name: exit 2 at once, dist as it was", ({ make, kind }) => {
    tally("dist-links");
    const dist = seedDist();
    make(dist);
    const link = readlinkSync(dist);
    const r = bycn(["report", "--dist", dist], { timeout: 60_000 });
    expect(r.stderr).toMatch(/not_regular_file/);
    expect(r.stderr).toMatch(kind);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
    expect(readlinkSync(dist)).toBe(link);
    expect(readdirSync(path.join(path.dirname(dist), ".dist.gen"))).toEqual([path.basename(link)]);
  });

  it.each([
    { name: "a-listed-dataset-linked-to-dev-zero", make: (f: string) => symlinkSync("/dev/zero", f) },
    { name: "a-listed-dataset-that-is-a-fifo", make: (f: string) => execFileSync("mkfifo", [f]) },
  ])("diff-$name: exit 2 at once, never read", ({ make }) => {
    tally("dist-links");
    const dist = seedDist();
    const f = path.join(dist, "data", "owid-indicators.csv");
    rmSync(f);
    make(f);
    const r = bycn(["diff", dist, dist], { timeout: 60_000 });
    expect(r.stderr).toMatch(/owid-indicators\.csv: not a regular file/);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK);
  });
});

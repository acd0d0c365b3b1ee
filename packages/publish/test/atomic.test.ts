// writeDistAtomic, recoverDist at every crash point, and verifyDist on a real folder
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildDist, recoverDist, verifyDist, writeDistAtomic, type DistInput } from "../src/index.js";
import { oldDirName, stageDist, swapDist } from "../src/atomic.js";

const enc = new TextEncoder();
const filesOf = (entries: Record<string, string>): Map<string, Uint8Array> => new Map(Object.entries(entries).map(([k, v]) => [k, enc.encode(v)]));

/** every file under dir, relative posix path → content */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, abs).split(path.sep).join("/")] = await readFile(abs, "utf8");
  }
  return out;
}

/** a pid that surely belonged to a process that has exited */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  if (r.pid === undefined) throw new Error("could not spawn");
  return r.pid;
}

let root: string;
let out: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "bycn-publish-"));
  out = path.join(root, "dist");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const previous = { "datapackage.json": "{\"v\":1}\n", "data/a.csv": "a\n1\n", "stale.txt": "only in the previous dist\n" };
const next = { "datapackage.json": "{\"v\":2}\n", "data/a.csv": "a\n2\n", "data/b.csv": "b\n3\n" };

describe("writeDistAtomic", () => {
  it("first-build-creates-missing-parents", async () => {
    const deep = path.join(root, "x", "y", "dist");
    await writeDistAtomic(deep, filesOf(next));
    expect(await snapshot(deep)).toEqual(next);
  });

  it("replaces-the-previous-dist-fully-and-leaves-nothing-beside-it", async () => {
    await writeDistAtomic(out, filesOf(previous));
    await writeDistAtomic(out, filesOf(next));
    expect(await snapshot(out)).toEqual(next);
    expect(await readdir(root)).toEqual(["dist"]);
  });

  it("unsafe-path-fails-before-touching-the-dist", async () => {
    await writeDistAtomic(out, filesOf(previous));
    await expect(writeDistAtomic(out, filesOf({ "../escape.txt": "x" }))).rejects.toThrow(/relative posix path/);
    await expect(writeDistAtomic(out, filesOf({ "/abs.txt": "x" }))).rejects.toThrow(/relative posix path/);
    expect(await snapshot(out)).toEqual(previous);
    expect(await readdir(root)).toEqual(["dist"]);
  });
});

describe("recoverDist after a simulated crash", () => {
  beforeEach(async () => {
    await writeDistAtomic(out, filesOf(previous));
  });

  it("crash-while-staging: previous dist untouched, stale temp removed", async () => {
    const temp = path.join(root, `.dist.tmp-${deadPid()}-abcdef`);
    await mkdir(path.join(temp, "data"), { recursive: true });
    await writeFile(path.join(temp, "data", "a.csv"), "half-writ");
    const r = await recoverDist(out);
    expect(r.removed).toEqual([path.basename(temp)]);
    expect(r.restored).toBeUndefined();
    expect(await snapshot(out)).toEqual(previous);
    expect(await readdir(root)).toEqual(["dist"]);
  });

  it("crash-between-the-two-renames: previous dist restored byte-identical", async () => {
    const temp = await stageDist(out, filesOf(next));
    await rename(out, oldDirName(out)); // step 1 done, killed before step 2
    expect(await readdir(root)).not.toContain("dist");
    const r = await recoverDist(out);
    expect(r.restored).toBe(path.basename(oldDirName(out)));
    expect(r.removed).toEqual([path.basename(temp)]);
    expect(await snapshot(out)).toEqual(previous);
    expect(await readdir(root)).toEqual(["dist"]);
  });

  it("crash-between-the-two-renames-of-a-dead-process", async () => {
    const pid = deadPid();
    await stageDist(out, filesOf(next));
    await rename(out, oldDirName(out, pid));
    await recoverDist(out);
    expect(await snapshot(out)).toEqual(previous);
    expect(await readdir(root)).toEqual(["dist"]);
  });

  it("crash-after-the-swap-before-removing-old: new dist kept, old removed", async () => {
    const temp = await stageDist(out, filesOf(next));
    await rename(out, oldDirName(out));
    await rename(temp, out);
    const r = await recoverDist(out);
    expect(r.restored).toBeUndefined();
    expect(r.removed).toEqual([path.basename(oldDirName(out))]);
    expect(await snapshot(out)).toEqual(next);
    expect(await readdir(root)).toEqual(["dist"]);
  });

  it("next-build-after-a-crash-recovers-first", async () => {
    await stageDist(out, filesOf({ "x.txt": "never swapped" }));
    await rename(out, oldDirName(out));
    await writeDistAtomic(out, filesOf(next));
    expect(await snapshot(out)).toEqual(next);
    expect(await readdir(root)).toEqual(["dist"]);
  });

  it("leftovers-of-a-live-process-are-left-alone", async () => {
    // the parent of this test worker is alive: its temp dir belongs to a concurrent build
    const live = path.join(root, `.dist.tmp-${process.ppid}-0123ab`);
    await mkdir(live);
    const r = await recoverDist(out);
    expect(r.removed).toEqual([]);
    expect((await readdir(root)).sort()).toEqual([".dist.tmp-" + process.ppid + "-0123ab", "dist"]);
  });

  it("unrelated-siblings-are-never-touched", async () => {
    await mkdir(path.join(root, ".dist.tmp-notapid"));
    await mkdir(path.join(root, ".other.tmp-1-aa"));
    await writeFile(path.join(root, ".dist.old-12-ff"), "");
    await recoverDist(out);
    expect((await readdir(root)).sort()).toEqual([".dist.old-12-ff", ".dist.tmp-notapid", ".other.tmp-1-aa", "dist"]);
  });

  it("nothing-to-do-is-a-no-op", async () => {
    expect(await recoverDist(out)).toEqual({ removed: [] });
    expect(await recoverDist(path.join(root, "missing", "dist"))).toEqual({ removed: [] });
  });

  it("swap-failure-puts-the-previous-dist-back", async () => {
    const temp = await stageDist(out, filesOf(next));
    await rm(temp, { recursive: true }); // the staged dir vanished: rename temp → out fails
    await expect(swapDist(out, temp)).rejects.toThrow();
    expect(await snapshot(out)).toEqual(previous);
  });
});

describe("verifyDist", () => {
  const S = z.object({ id: z.string().min(1), v: z.number() });
  const input: DistInput = {
    datasets: [{ spec: { name: "t", title: "T", description: "d", schema: S, primaryKey: ["id"], sources: [] }, rows: [{ id: "a", v: 1 }, { id: "b", v: -2 }] }],
    rejects: [],
    check: { version: 1 },
    sources: [],
    package: { name: "p", title: "P", version: "1" },
  };

  it("a-fresh-dist-verifies-clean", async () => {
    await writeDistAtomic(out, buildDist(input));
    expect(await verifyDist(out)).toEqual([]);
  });

  it("one-changed-byte-is-a-checksum-mismatch-in-both-manifests", async () => {
    await writeDistAtomic(out, buildDist(input));
    const f = path.join(out, "data", "t.csv");
    const bytes = await readFile(f);
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 1;
    await writeFile(f, bytes);
    const issues = await verifyDist(out);
    expect(issues.map((i) => [i.code, i.at.file, "path" in i ? i.path : ""])).toEqual([
      ["checksum_mismatch", "datapackage.json", "data/t.csv"],
      ["checksum_mismatch", "SHA256SUMS", "data/t.csv"],
    ]);
  });

  it("appended-byte-is-a-size-mismatch-and-missing-file-is-raw-missing", async () => {
    await writeDistAtomic(out, buildDist(input));
    await writeFile(path.join(out, "check.json"), "{\"version\":1}\n\n");
    await rm(path.join(out, "data", "t.json"));
    const codes = (await verifyDist(out)).map((i) => `${i.code} ${i.at.file}${i.at.line ? `:${i.at.line}` : ""} ${"path" in i ? i.path : ""}`);
    expect(codes).toEqual([
      "raw_missing datapackage.json data/t.json",
      "size_mismatch datapackage.json check.json",
      "checksum_mismatch datapackage.json check.json",
      "checksum_mismatch SHA256SUMS:1 check.json",
      "raw_missing SHA256SUMS:3 data/t.json",
    ]);
  });

  it("escaping-or-malformed-paths-are-meta-invalid-never-read", async () => {
    await writeDistAtomic(out, buildDist(input));
    await writeFile(path.join(out, "SHA256SUMS"), `${"0".repeat(64)}  ../outside\nnot a sums line\n`);
    const issues = await verifyDist(out);
    expect(issues.map((i) => `${i.code} ${i.at.file}:${i.at.line}`)).toEqual(["meta_invalid SHA256SUMS:1", "meta_invalid SHA256SUMS:2"]);
  });
});

// writeDistAtomic: dist is a link to a complete generation at every moment; --out refusals; the lock; recovery
import { spawnSync } from "node:child_process";
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildDist, DIST_MARKER, DistRefused, openDist, recoverDist, verifyDist, writeDistAtomic, type DistInput } from "../src/index.js";

const enc = new TextEncoder();
const filesOf = (entries: Record<string, string>): Map<string, Uint8Array> => new Map(Object.entries(entries).map(([k, v]) => [k, enc.encode(v)]));

/** every file under dir but the marker, relative posix path → content */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === DIST_MARKER) continue;
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
const gens = () => path.join(root, ".dist.gen");

describe("writeDistAtomic", () => {
  it("first-build-creates-missing-parents-and-links-a-marked-generation", async () => {
    const deep = path.join(root, "x", "y", "dist");
    await writeDistAtomic(deep, filesOf(next));
    expect(await snapshot(deep)).toEqual(next);
    expect((await lstat(deep)).isSymbolicLink()).toBe(true);
    expect(await readlink(deep)).toMatch(/^\.dist\.gen\/[0-9a-z]{10}-\d+-[0-9a-f]{12}$/);
    expect(await readFile(path.join(deep, DIST_MARKER), "utf8")).toMatch(/written by bycn/);
  });

  it("replaces-the-previous-dist-fully-and-keeps-one-generation", async () => {
    await writeDistAtomic(out, filesOf(previous));
    const first = await readlink(out);
    await writeDistAtomic(out, filesOf(next));
    expect(await snapshot(out)).toEqual(next);
    expect(await readlink(out)).not.toBe(first);
    expect((await readdir(root)).sort()).toEqual([".dist.gen", "dist"]);
    expect(await readdir(gens())).toEqual([path.basename(await readlink(out))]);
  });

  it("unsafe-path-fails-before-touching-the-dist", async () => {
    await writeDistAtomic(out, filesOf(previous));
    await expect(writeDistAtomic(out, filesOf({ "../escape.txt": "x" }))).rejects.toThrow(/relative posix path/);
    await expect(writeDistAtomic(out, filesOf({ "/abs.txt": "x" }))).rejects.toThrow(/relative posix path/);
    await expect(writeDistAtomic(out, filesOf({ [DIST_MARKER]: "forged" }))).rejects.toThrow(/relative posix path/);
    expect(await snapshot(out)).toEqual(previous);
    expect((await readdir(gens())).length).toBe(1);
  });

  it("an-older-bycn-real-dist-folder-becomes-a-link-and-its-files-go", async () => {
    await mkdir(out);
    await writeFile(path.join(out, "datapackage.json"), JSON.stringify({ name: "bycn" }));
    await writeFile(path.join(out, "SHA256SUMS"), "");
    await writeDistAtomic(out, filesOf(next));
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await snapshot(out)).toEqual(next);
    expect(await readdir(gens())).toHaveLength(1);
  });

  it("an-empty-folder-is-replaced", async () => {
    await mkdir(out);
    await writeDistAtomic(out, filesOf(next));
    expect(await snapshot(out)).toEqual(next);
  });
});

describe("--out may only replace what bycn wrote", () => {
  const refused = async (setup: () => Promise<void>, why: RegExp, protect: { path: string; what: string }[] = []) => {
    await setup();
    const before = await readdir(root);
    const err = await writeDistAtomic(out, filesOf(next), { protect }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DistRefused);
    expect((err as Error).message).toMatch(why);
    expect((await readdir(root)).sort()).toEqual(before.sort());
  };

  it("a-regular-file", () => refused(() => writeFile(out, "mine\n"), /not a folder/));
  it("a-folder-of-the-users-files", () => refused(async () => { await mkdir(out); await writeFile(path.join(out, "thesis.tex"), "x"); }, /did not write/));
  it("a-folder-with-a-datapackage-of-another-name", () => refused(async () => { await mkdir(out); await writeFile(path.join(out, "datapackage.json"), "{\"name\":\"mine\"}"); await writeFile(path.join(out, "SHA256SUMS"), ""); }, /did not write/));
  it("a-symlink-bycn-did-not-make", () => refused(() => symlink(os.tmpdir(), out), /symlink to/));
  it("a-marker-that-is-a-folder-is-no-marker", () => refused(async () => { await mkdir(path.join(out, DIST_MARKER), { recursive: true }); await writeFile(path.join(out, "x"), ""); }, /did not write/));
  it("a-folder-holding-the-working-directory", () => refused(async () => { await mkdir(path.join(out, "project"), { recursive: true }); await writeFile(path.join(out, DIST_MARKER), ""); }, /holds the project/, [{ path: path.join(out, "project"), what: "the project" }]));
});

describe("one writer at a time", () => {
  it("a-lock-held-by-a-live-process-refuses-with-its-pid", async () => {
    await writeFile(path.join(root, ".dist.lock"), JSON.stringify({ pid: process.ppid, host: os.hostname(), started: "x" }));
    await expect(writeDistAtomic(out, filesOf(next))).rejects.toThrow(new RegExp(`another bycn run \\(process ${process.ppid} `));
    expect(await readdir(root)).toEqual([".dist.lock"]);
  });

  it("a-lock-left-by-a-dead-process-is-taken-over-and-released", async () => {
    await writeFile(path.join(root, ".dist.lock"), JSON.stringify({ pid: deadPid(), host: os.hostname(), started: "x" }));
    await writeDistAtomic(out, filesOf(next));
    expect((await readdir(root)).sort()).toEqual([".dist.gen", "dist"]);
  });

  it("a-second-writer-in-the-same-process-is-refused-until-the-first-releases", async () => {
    const first = await openDist(out);
    await expect(openDist(out)).rejects.toBeInstanceOf(DistRefused);
    await first.write(filesOf(next));
    await first.release();
    await writeDistAtomic(out, filesOf(previous));
    expect(await snapshot(out)).toEqual(previous);
  });
});

describe("recoverDist after a simulated crash", () => {
  beforeEach(async () => {
    await writeDistAtomic(out, filesOf(previous));
  });

  it("killed-while-staging: dist untouched, the incomplete generation removed", async () => {
    const half = path.join(gens(), "00zzzzzzzz-1-abcdefabcdef");
    await mkdir(path.join(half, "data"), { recursive: true });
    await writeFile(path.join(half, "data", "a.csv"), "half-writ");
    const r = await recoverDist(out);
    expect(r.removed).toEqual([".dist.gen/00zzzzzzzz-1-abcdefabcdef"]);
    expect(await snapshot(out)).toEqual(previous);
  });

  it("dist-removed-by-hand: the newest complete generation is linked back, incomplete ones are not", async () => {
    const kept = await readlink(out);
    await mkdir(path.join(gens(), "zzzzzzzzzz-1-abcdefabcdef")); // newer by name, but without the marker
    await rm(out);
    const r = await recoverDist(out);
    expect(r.relinked).toBe(path.basename(kept));
    expect(await snapshot(out)).toEqual(previous);
    expect(await readdir(gens())).toEqual([path.basename(kept)]);
  });

  it("a-dangling-link-is-pointed-at-a-complete-generation", async () => {
    const kept = await readlink(out);
    await rm(out);
    await symlink(".dist.gen/0000000000-1-000000000000", out);
    await recoverDist(out);
    expect(await readlink(out)).toBe(kept);
  });

  it("killed-with-a-temp-link-made: the link is removed, dist kept", async () => {
    await symlink(".dist.gen/x", path.join(root, ".dist.link-12345"));
    const r = await recoverDist(out);
    expect(r.removed).toEqual([".dist.link-12345"]);
    expect((await readdir(root)).sort()).toEqual([".dist.gen", "dist"]);
  });

  it("an-older-bycn-killed-between-its-two-renames: its set-aside dist is put back", async () => {
    await rm(path.join(root), { recursive: true });
    await mkdir(path.join(root, `.dist.old-${deadPid()}`, "data"), { recursive: true });
    await writeFile(path.join(root, (await readdir(root))[0]!, "data", "a.csv"), "a\n1\n");
    await mkdir(path.join(root, ".dist.tmp-7-abc"));
    const r = await recoverDist(out);
    expect(r.restored).toMatch(/^\.dist\.old-\d+$/);
    expect(r.removed).toEqual([".dist.tmp-7-abc"]);
    expect(await snapshot(out)).toEqual({ "data/a.csv": "a\n1\n" });
  });

  it("unrelated-siblings-are-never-touched", async () => {
    await mkdir(path.join(root, ".dist.tmp-notapid"));
    await mkdir(path.join(root, ".other.tmp-1-aa"));
    await mkdir(path.join(root, ".distx.gen"));
    await writeFile(path.join(root, ".dist.old-12-ff"), "");
    await recoverDist(out);
    expect((await readdir(root)).sort()).toEqual([".dist.gen", ".dist.old-12-ff", ".dist.tmp-notapid", ".distx.gen", ".other.tmp-1-aa", "dist"]);
  });

  it("nothing-to-do-is-a-no-op", async () => {
    expect(await recoverDist(out)).toEqual({ removed: [] });
    expect(await recoverDist(path.join(root, "missing", "dist"))).toEqual({ removed: [] });
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

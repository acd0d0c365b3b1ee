// reproducible archives, read back by the real GNU tar and Info-ZIP unzip; and the data version's rules
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataVersion, tarGz, zip, type ArchiveEntry } from "../src/index.js";

const enc = new TextEncoder();
const dir = mkdtempSync(path.join(tmpdir(), "bycn-archive-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MTIME = Date.UTC(2026, 10, 28) / 1000;
const long = `top/${"d".repeat(60)}/${"e".repeat(60)}/file.csv`;
const entries: ArchiveEntry[] = [
  { path: "top/z.csv", bytes: enc.encode("b,1\n") },
  { path: "top/data/a.csv", bytes: enc.encode("entity,value\nBLR,\"9\n1\"\n") },
  { path: "top/empty.txt", bytes: new Uint8Array(0) },
  { path: "top/exactly512.bin", bytes: new Uint8Array(512).fill(7) },
  { path: "top/Беларусь.csv", bytes: enc.encode("ok\n") },
  { path: long, bytes: enc.encode("long path\n") },
];

function save(name: string, bytes: Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe("tar.gz", () => {
  const file = save("t.tar.gz", tarGz(entries, MTIME));

  it("same-files-and-date-same-bytes-whatever-the-input-order", () => {
    expect(Buffer.from(tarGz([...entries].reverse(), MTIME)).equals(readFileSync(file))).toBe(true);
    expect(Buffer.from(tarGz(entries, MTIME + 86400)).equals(readFileSync(file))).toBe(false);
  });

  it("gnu-tar-lists-sorted-paths-mode-0644-owner-0-and-the-data-date", () => {
    const listing = execFileSync("tar", ["--numeric-owner", "--utc", "-tzvf", file], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } }).trim().split("\n");
    expect(listing.map((l) => l.split(/\s+/).slice(5).join(" "))).toEqual([...entries.map((e) => e.path)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    for (const l of listing) expect(l).toMatch(/^-rw-r--r-- 0\/0 +\d+ 2026-11-28 00:00 /);
  });

  it("gnu-tar-extracts-the-exact-bytes-including-a-path-over-100-bytes", () => {
    const out = mkdtempSync(path.join(dir, "x-"));
    execFileSync("tar", ["-xzf", file, "-C", out]);
    for (const e of entries) expect(readFileSync(path.join(out, e.path)).equals(Buffer.from(e.bytes)), e.path).toBe(true);
    expect(statSync(path.join(out, "top/z.csv")).mtimeMs).toBe(MTIME * 1000);
  });

  it("unsafe-or-duplicate-paths-refused", () => {
    expect(() => tarGz([{ path: "../x", bytes: new Uint8Array() }], MTIME)).toThrow(/plain relative path/);
    expect(() => tarGz([{ path: "/x", bytes: new Uint8Array() }], MTIME)).toThrow(/plain relative path/);
    expect(() => tarGz([entries[0]!, entries[0]!], MTIME)).toThrow(/twice/);
    expect(() => tarGz([{ path: "x".repeat(101), bytes: new Uint8Array() }], MTIME)).toThrow(/too long/);
  });
});

describe("zip", () => {
  const file = save("t.zip", zip(entries, MTIME));

  it("same-files-and-date-same-bytes-whatever-the-input-order", () => {
    expect(Buffer.from(zip([...entries].reverse(), MTIME)).equals(readFileSync(file))).toBe(true);
  });

  it("unzip-tests-clean-and-lists-utf8-names-mode-and-date", () => {
    expect(execFileSync("unzip", ["-tq", file], { encoding: "utf8" })).toMatch(/No errors detected/);
    const z = execFileSync("unzip", ["-Z", "-T", file], { encoding: "utf8" }).trim().split("\n").filter((l) => l.startsWith("-"));
    expect(z).toHaveLength(entries.length);
    for (const l of z) expect(l).toMatch(/^-rw-r--r-- .* 20261128\.000000 /);
    expect(z.some((l) => l.endsWith("top/Беларусь.csv"))).toBe(true);
  });

  it("unzip-extracts-the-exact-bytes", () => {
    for (const e of entries) expect(execFileSync("unzip", ["-p", file, e.path]).equals(Buffer.from(e.bytes)), e.path).toBe(true);
  });
});

describe("data version", () => {
  const snaps = [
    { file: "raw/owid/2025-10-29/a.csv", sha256: "a".repeat(64), vintage: "2025-10-29" },
    { file: "raw/belta/2026-11-28/b.csv", sha256: "b".repeat(64), vintage: "2026-11-28" },
    { file: "raw/wdi/2026-02-18/c.csv", sha256: "c".repeat(64), vintage: "2026-02-18" },
  ];

  it("newest-snapshot-date-and-an-order-free-hash", () => {
    const v = dataVersion(snaps);
    expect(v).toMatch(/^2026\.11\.28-[0-9a-f]{8}$/);
    expect(dataVersion([...snaps].reverse())).toBe(v);
  });

  it("one-changed-sha-or-an-added-file-changes-the-version", () => {
    const v = dataVersion(snaps);
    expect(dataVersion(snaps.map((s, i) => (i === 0 ? { ...s, sha256: "d".repeat(64) } : s)))).not.toBe(v);
    expect(dataVersion([...snaps, { file: "raw/owid/2025-10-29/x.csv", sha256: "e".repeat(64), vintage: "2025-10-29" }])).not.toBe(v);
  });

  it("same-day-second-snapshot-keeps-the-date-and-no-snapshot-is-an-error", () => {
    expect(dataVersion([{ file: "raw/x/2027-01-02.2/a", sha256: "f".repeat(64), vintage: "2027-01-02.2" }])).toMatch(/^2027\.01\.02-/);
    expect(() => dataVersion([])).toThrow(/no snapshots/);
  });
});

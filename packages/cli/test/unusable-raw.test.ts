// issue 16: a raw snapshot that yields nothing must not make a dataset vanish from dist/ with exit 0
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bycn, copyProject, tempDir, treeHashes } from "./_cli.js";

/** replace a snapshot file and keep its meta true, as a refresh that landed bad bytes would */
function replaceSnapshot(raw: string, source: string, name: string, bytes: Uint8Array): string {
  const vintage = readdirSync(path.join(raw, source)).sort().at(-1)!;
  const file = path.join(raw, source, vintage, name);
  writeFileSync(file, bytes);
  const meta = JSON.parse(readFileSync(`${file}.meta.json`, "utf8"));
  meta.sha256 = createHash("sha256").update(bytes).digest("hex");
  meta.bytes = bytes.byteLength;
  writeFileSync(`${file}.meta.json`, JSON.stringify(meta, null, 2));
  return `raw/${source}/${vintage}/${name}`;
}

const binary = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);

describe("a source that yields nothing is an error, never a quiet exit 0", () => {
  const out = path.join(tempDir(), "dist");
  const built = bycn(["build", "--out", out]);

  // each case: tamper with a private raw/, then build onto the good dist/ and check the same raw/
  const cases = [
    {
      name: "owid-file-is-binary",
      tamper: (raw: string) => replaceSnapshot(raw, "owid", "share-of-individuals-using-the-internet.csv", binary(4096)),
      codes: ["binary_content", "source_empty"],
    },
    {
      name: "owid-file-is-nul-bytes",
      tamper: (raw: string) => replaceSnapshot(raw, "owid", "share-of-individuals-using-the-internet.csv", new Uint8Array(2048)),
      codes: ["binary_content", "source_empty"],
    },
    {
      name: "one-datahub-file-of-seven-is-binary",
      tamper: (raw: string) => replaceSnapshot(raw, "itu-datahub", "uas_policy.csv", binary(9000)),
      codes: ["binary_content"],
    },
    {
      name: "idi-file-is-empty",
      tamper: (raw: string) => replaceSnapshot(raw, "itu-idi", "idi2024_scores.csv", new Uint8Array(0)),
      codes: ["file_empty", "source_empty"],
    },
    {
      name: "newest-idi-snapshot-folder-is-empty",
      tamper: (raw: string) => {
        mkdirSync(path.join(raw, "itu-idi", "2099-01-01"));
        return "raw/itu-idi/2099-01-01";
      },
      codes: ["source_empty"],
    },
    {
      name: "source-folder-without-snapshots",
      tamper: (raw: string) => {
        for (const v of readdirSync(path.join(raw, "belta"))) rmSync(path.join(raw, "belta", v), { recursive: true });
        return "raw/belta";
      },
      codes: ["source_empty"],
    },
  ];

  it.each(cases)("$name: build exits 2 with dist/ untouched; check reports it as an error (exit 1)", ({ tamper, codes }) => {
    expect(built.status).toBe(0);
    const { raw } = copyProject();
    const where = tamper(raw);
    const before = treeHashes(out);
    const b = bycn(["build", "--raw", raw, "--out", out]);
    expect(b.status, b.stderr).toBe(2);
    expect(b.stderr).toMatch(/cannot build: .*\(dist\/ untouched\)/);
    for (const code of codes) {
      // source_empty names the snapshot folder; the read codes name the file
      const at = code === "source_empty" && /\.csv$/.test(where) ? path.posix.dirname(where) : where;
      expect(b.stderr).toMatch(new RegExp(`\n${at.replace(/[.]/g, "\\.")}(:\\d+)*: error ${code}: `));
    }
    expect(b.stderr).not.toMatch(/\n\s+at /);
    expect(treeHashes(out)).toEqual(before);

    const c = bycn(["check", "--raw", raw, "--format", "json"]);
    expect(c.status).toBe(1);
    const found = JSON.parse(c.stdout).findings.map((f: { issue: { code: string; severity: string } }) => `${f.issue.code}:${f.issue.severity}`);
    for (const code of codes) expect(found).toContain(`${code}:error`);
  });
});

// bycn release: the same dist gives the same archive bytes; a changed snapshot gives a new version and a CHANGELOG section
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bycn, copyProject, tempDir, treeHashes } from "./_cli.js";

const OWID = "owid/2025-10-29/share-of-individuals-using-the-internet.csv";
const version = (dist: string) => (JSON.parse(readFileSync(path.join(dist, "datapackage.json"), "utf8")) as { version: string }).version;

describe("bycn release", () => {
  const { root, raw } = copyProject();
  const dist1 = path.join(root, "dist1");
  const dist2 = path.join(root, "dist2");
  const changelog = path.join(root, "CHANGELOG.md");
  const built1 = bycn(["build", "--raw", raw, "--out", dist1]);
  const rel1 = bycn(["release", "--dist", dist1, "--out", path.join(root, "r1"), "--changelog", changelog]);
  const changelogAfterFirst = existsSync(changelog) ? readFileSync(changelog, "utf8") : "";
  const rel1again = bycn(["release", "--dist", dist1, "--out", path.join(root, "r1again"), "--changelog", changelog]);

  // one OWID value edited, its meta's sha256 and size following, as a refresh would leave a new snapshot
  const file = path.join(raw, OWID);
  const text = readFileSync(file, "utf8");
  const edited = text.replace("Belarus,BLR,2023,91.5125", "Belarus,BLR,2023,92.4125");
  writeFileSync(file, edited);
  const meta = JSON.parse(readFileSync(`${file}.meta.json`, "utf8")) as { sha256: string; bytes: number };
  writeFileSync(`${file}.meta.json`, JSON.stringify({ ...meta, sha256: createHash("sha256").update(edited).digest("hex"), bytes: Buffer.byteLength(edited) }, null, 2));
  const built2 = bycn(["build", "--raw", raw, "--out", dist2]);
  const rel2 = bycn(["release", "--dist", dist2, "--out", path.join(root, "r2"), "--previous", dist1, "--changelog", changelog]);

  it("builds-and-releases-exit-0", () => {
    for (const r of [built1, rel1, rel1again, built2, rel2]) expect(r.status, r.stderr).toBe(0);
    expect(text).not.toBe(edited);
  });

  it("archives-named-after-the-data-version-with-sha256-files", () => {
    const v = version(dist1);
    expect(v).toMatch(/^\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$/);
    const files = treeHashes(path.join(root, "r1"));
    expect(Object.keys(files).sort()).toEqual([`bycn-data-${v}.tar.gz`, `bycn-data-${v}.tar.gz.sha256`, `bycn-data-${v}.zip`, `bycn-data-${v}.zip.sha256`]);
    for (const ext of ["zip", "tar.gz"]) {
      expect(readFileSync(path.join(root, "r1", `bycn-data-${v}.${ext}.sha256`), "utf8")).toBe(`${files[`bycn-data-${v}.${ext}`]}  bycn-data-${v}.${ext}\n`);
    }
  });

  it("release-twice-on-the-same-dist-byte-identical-and-no-second-changelog-section", () => {
    expect(treeHashes(path.join(root, "r1again"))).toEqual(treeHashes(path.join(root, "r1")));
    expect(readFileSync(changelog, "utf8").split(`## ${version(dist1)} `).length - 1).toBe(1);
    expect(changelogAfterFirst).toMatch(new RegExp(`## ${version(dist1).replace(/\./g, "\\.")} \\(2026-11-28\\)\\n\\nFirst release: \\d+ datasets`));
  });

  it("changed-snapshot-changes-the-version-only-then", () => {
    expect(version(dist2)).not.toBe(version(dist1));
    // the snapshot date did not move, only its bytes: the date part stays
    expect(version(dist2).slice(0, 10)).toBe(version(dist1).slice(0, 10));
    const rebuilt = bycn(["build", "--raw", raw, "--out", path.join(root, "dist2again")]);
    expect(rebuilt.status).toBe(0);
    expect(version(path.join(root, "dist2again"))).toBe(version(dist2));
  });

  it("changelog-gets-a-new-first-section-naming-the-changed-dataset-and-row", () => {
    const log = readFileSync(changelog, "utf8");
    const v2 = log.indexOf(`## ${version(dist2)} `);
    const v1 = log.indexOf(`## ${version(dist1)} `);
    expect(v2).toBeGreaterThan(0);
    expect(v2).toBeLessThan(v1);
    const section = log.slice(v2, v1);
    expect(section).toContain(`Compared with ${version(dist1)}.`);
    expect(section).toMatch(/\| owid-indicators \| 7151 \| 7151 \| 0 \| 0 \| 1 \|/);
    expect(section).toMatch(/\| changed \| BLR · IT\.NET\.USER\.ZS · 2023 \| value 91\.5125 → 92\.4125 \|/);
    expect(section).not.toMatch(/\| wdi-indicators \| \d+ \| \d+ \| \d+ \| \d+ \| [1-9]/);
  });

  it("missing-dist-or-tampered-file-exits-2-and-writes-nothing", () => {
    const dir = tempDir();
    const r = bycn(["release", "--dist", path.join(dir, "nope"), "--out", path.join(dir, "out"), "--changelog", path.join(dir, "C.md")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    writeFileSync(path.join(dist2, "claims.csv"), "tampered\n");
    const t = bycn(["release", "--dist", dist2, "--out", path.join(dir, "out"), "--changelog", path.join(dir, "C.md")]);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/claims\.csv/);
    expect(t.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });
});

// CHANGELOG.md sections: newest first after the intro, one per version, whatever the file held before
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHANGELOG_HEAD, hasSection, prependSection, releaseSection } from "../src/changelog.js";
import { repoRoot } from "./_cli.js";

const first = releaseSection({ version: "2026.01.02-aaaaaaaa", date: "2026-01-02", datasets: [["a", 2], ["b", 3]], first: true });
const second = "## 2026.02.03-bbbbbbbb (2026-02-03)\n\nsecond\n";

describe("changelog", () => {
  it("committed-changelog-is-the-generated-head-so-the-first-release-lands-below-it", () => {
    const committed = readFileSync(path.join(repoRoot, "CHANGELOG.md"), "utf8");
    expect(committed.startsWith(CHANGELOG_HEAD)).toBe(true);
    const out = prependSection(committed, "2026.01.02-aaaaaaaa", first);
    expect(out.startsWith(`${CHANGELOG_HEAD}\n## 2026.01.02-aaaaaaaa (2026-01-02)\n\nFirst release: 2 datasets, 5 rows.`)).toBe(true);
  });

  it("newer-section-goes-above-older-ones-and-below-the-intro", () => {
    const one = prependSection(undefined, "2026.01.02-aaaaaaaa", first);
    const two = prependSection(one, "2026.02.03-bbbbbbbb", second);
    expect(two.indexOf("## 2026.02.03-bbbbbbbb")).toBeGreaterThan(two.indexOf("One section per data release"));
    expect(two.indexOf("## 2026.02.03-bbbbbbbb")).toBeLessThan(two.indexOf("## 2026.01.02-aaaaaaaa"));
    expect(prependSection(two, "2026.02.03-bbbbbbbb", second)).toBe(two);
  });

  it("a-version-is-found-by-its-whole-heading-not-a-prefix", () => {
    const log = prependSection(undefined, "2026.01.02-aaaaaaaa", first);
    expect(hasSection(log, "2026.01.02-aaaaaaaa")).toBe(true);
    expect(hasSection(log, "2026.01.02-aaaaaaa")).toBe(false);
    expect(hasSection(log, "2026.01.02")).toBe(false);
  });

  it("no-previous-release-but-earlier-sections-says-not-compared-instead-of-first", () => {
    const s = releaseSection({ version: "v", date: "d", datasets: [["a", 1]] });
    expect(s).toMatch(/Not compared with an earlier release/);
    expect(s).not.toMatch(/First release/);
  });
});

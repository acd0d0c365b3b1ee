// anyone's figures: bycn claims lint, check|build --claims on the example registry and on malformed ones
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bycn, repoRoot, tempDir } from "./_cli.js";

const EXAMPLE = "examples/claims-peers.csv";

describe("the example registry (figures about other economies)", () => {
  const out = tempDir("bycn-claims-");
  const built = bycn(["build", "--claims", EXAMPLE, "--out", out]);
  const verdicts = (): Record<string, unknown>[] => JSON.parse(readFileSync(path.join(out, "claims.json"), "utf8")) as Record<string, unknown>[];

  it("builds (exit 0) with one verdict per example figure", () => {
    expect(built.stderr).toMatch(/23 claim verdict\(s\)/);
    expect(built.status).toBe(0);
  });

  // verdict, data value (printed unit), year: rankings, shares, growth, a derived gap, a target, about and more-than
  it.each([
    ["KAZ_IDI_2024", "confirmed", 90.1, 2024],
    ["RUS_IDI_2024", "confirmed", 90.6, 2024],
    ["KAZ_IDI_RANK_EAEU", "confirmed", 2, 2024],
    ["POL_IDI_RANK_NEIGHBOURS", "confirmed", 1, 2024],
    ["LTU_IDI_RANK_NEIGHBOURS", "contradicted", 3, 2024],
    ["UZB_FBB_PRICE_RANK", "confirmed", 2, 2022],
    ["KAZ_INTERNET_USERS_2022", "confirmed", 92.2969, 2022],
    ["RUS_HH_INTERNET_2022", "confirmed", 86.5709, 2022],
    ["UZB_LTE_2022", "confirmed", 85, 2022],
    ["KGZ_INTERNET_USERS_2022", "confirmed", 79.7703, 2022],
    ["ARM_INTERNET_USERS_2022", "matches_other_year", 78.6123, 2021],
    ["KAZ_LTE_2022", "confirmed", 87.3, 2022],
    ["KAZ_LTE_2023", "confirmed", 89.2, 2023],
    ["KAZ_LTE_GROWTH", "consistent", 2.1764, 2023],
    ["KOR_HH_INTERNET_2022", "confirmed", 99.9608, 2022],
    ["DEU_HH_INTERNET_2022", "confirmed", 91.4079, 2022],
    ["KOR_DEU_HH_GAP", "consistent", 8.56, 2022],
    ["EST_MBB_2023", "confirmed", 189.118, 2023],
    ["POL_MBB_2022", "confirmed", 210.514, 2022],
    ["RUS_FBB_PRICE_2023", "confirmed", 0.58, 2023],
    ["SGP_FBB_PRICE_2022", "contradicted", 0.640354, 2022],
    ["UZB_LTE_TARGET_2026", "unverifiable", null, null],
    ["RUS_5G_2023", "unverifiable", null, null],
  ])("%s → %s", (id, verdict, value, year) => {
    const v = verdicts().find((x) => x.id === id)!;
    expect(v).toMatchObject({ verdict, data_value: value, data_year: year, claim_file: EXAMPLE });
  });

  it.each(["text", "json", "junit", "github", "markdown"])("check --claims exits 1 (two contradictions) in --format %s", (format) => {
    const r = bycn(["check", "--claims", EXAMPLE, "--format", format]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    // markdown escapes emphasis characters in data, so the id's underscores arrive as \_
    expect(r.stdout).toContain(format === "markdown" ? "LTU\\_IDI\\_RANK\\_NEIGHBOURS" : "LTU_IDI_RANK_NEIGHBOURS");
    // the article's own registry is not checked beside a user's, and its baseline entries are not called stale
    expect(r.stdout).not.toContain("claim CHN_");
    expect(r.stdout).not.toContain("baseline_stale");
  });
});

describe("a malformed user registry", () => {
  const dir = tempDir("bycn-claims-bad-");
  const bad = path.join(dir, "bad.csv");
  writeFileSync(
    bad,
    [
      "id,subject,measure,edition,reference_year,printed,unit,operator,tolerance,citation,section,paraphrase,readings,derived_from,as_of",
      "A1,KAZ,IDI,IDI 2024,2024,90.1,score,=,,1,s,fine,,,",
      "A2,KAZ,IDI,IDI 2024,2024,9o.1,score,=,,1,s,letter o in the number,,,",
      "A3,KAZ,IDI,IDI 2024,24,90.1,score,about,,1,s,two bad cells,,,",
      "A1,KAZ,IDI,IDI 2024,2024,90.1,score,=,,1,s,duplicate id,,,",
      "",
    ].join("\n"),
  );

  it("claims lint: every problem as file:line:col: error code, exit 2, no stack trace", () => {
    const r = bycn(["claims", "lint", bad]);
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${bad}:3:6: error invalid_row: .*printed`)),
      expect.stringMatching(new RegExp(`^${bad}:4:5: error invalid_row: .*reference_year`)),
      expect.stringMatching(new RegExp(`^${bad}:4:8: error invalid_row: .*operator`)),
      expect.stringMatching(new RegExp(`^${bad}:5:1: error duplicate_key: `)),
    ]);
    expect(r.stderr).toMatch(/1 claim\(s\), 4 error\(s\)/);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });

  it("check --claims and build --claims refuse it with the same coded lines (exit 2), dist untouched", () => {
    const c = bycn(["check", "--claims", bad]);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain(`${bad}:3:6: error invalid_row`);
    const out = path.join(dir, "dist");
    const b = bycn(["build", "--claims", bad, "--out", out]);
    expect(b.status).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(b.stderr + c.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it("a missing file or an unknown subcommand is exit 2 with one plain line", () => {
    const m = bycn(["claims", "lint", path.join(dir, "nope.csv")]);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/cannot read claims registry .*nope\.csv: ENOENT/);
    expect(bycn(["claims", "frobnicate"]).status).toBe(2);
  });
});

it("claims schema prints the committed examples/claims-registry.schema.json (generated from the zod schema)", () => {
  const r = bycn(["claims", "schema"]);
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(readFileSync(path.join(repoRoot, "examples/claims-registry.schema.json"), "utf8"));
  const schema = JSON.parse(r.stdout) as { required: string[]; properties: Record<string, { description?: string }> };
  expect(schema.required).not.toContain("note");
  expect(schema.properties.operator!.description).toContain("more than");
});

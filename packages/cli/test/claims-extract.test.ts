// bycn claims extract: a draft registry from an article's text, as CSV (file or stdout) or JSON; bad input exits 2
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DRAFT_COLUMNS } from "@bycn/extract";
import { bycn, tempDir } from "./_cli.js";

const NOTE = "examples/extract/neighbours-note.md";

describe("bycn claims extract", () => {
  it("--out FILE writes the draft CSV with the registry's columns plus review, confidence and offset; exit 0", () => {
    const dir = tempDir();
    const out = path.join(dir, "draft.csv");
    const r = bycn(["claims", "extract", NOTE, "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/11 figure\(s\) proposed/);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(DRAFT_COLUMNS.join(","));
    expect(lines.length).toBe(12);
    // nothing but the draft is left in the folder (the temporary file was renamed)
    expect(readdirSync(dir)).toEqual(["draft.csv"]);
  });

  it("the example note round-trips through the commands: extract → claims lint (exit 0) → check --claims (pinned verdicts)", () => {
    const out = path.join(tempDir(), "draft.csv");
    expect(bycn(["claims", "extract", NOTE, "--out", out]).status).toBe(0);
    const lint = bycn(["claims", "lint", out]);
    expect(lint.stderr).toMatch(/11 claim\(s\), 0 error\(s\)/);
    expect(lint.status).toBe(0);
    const check = bycn(["check", "--claims", out, "--format", "json"]);
    // two contradicted figures are errors: exit 1
    expect(check.status).toBe(1);
    const findings = (JSON.parse(check.stdout) as { findings: { issue: { code: string; claim?: string } }[] }).findings
      .map((f) => f.issue)
      .filter((i) => i.code.startsWith("claim_"))
      .map((i) => [i.claim, i.code])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(findings).toEqual([
      ["ARM_I136MWI_SUBS_IDI", "claim_unverifiable"],
      ["GEO_I271GA", "claim_confirmed"],
      ["KAZ_GROWTH_PCT", "claim_confirmed"],
      ["KAZ_IDI", "claim_confirmed"],
      ["KAZ_XHH6_IDI_2021", "claim_confirmed"],
      ["KAZ_XHH6_IDI_2022", "claim_confirmed"],
      ["LTU_XHH6_IDI", "claim_confirmed"],
      ["POL_IDI", "claim_confirmed"],
      ["RUS_IDI", "claim_contradicted"],
      ["RUS_XHH6_IDI", "claim_matches_other_year"],
      ["UZB_XHH6_IDI", "claim_contradicted"],
    ]);
  });

  it("--format json prints the same rows as JSON on stdout", () => {
    const r = bycn(["claims", "extract", NOTE, "--format", "json"]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, string>[];
    expect(rows.map((x) => [x.id, x.measure, x.printed])).toContainEqual(["GEO_I271GA", "i271GA", "99.7"]);
    expect(Object.keys(rows[0]!)).toEqual([...DRAFT_COLUMNS]);
  });

  it.each([
    ["a missing file", ["claims", "extract", "no-such-article.txt"], /cannot read no-such-article\.txt: ENOENT/],
    ["an unknown format", ["claims", "extract", NOTE, "--format", "xml"], /--format must be one of csv, json/],
    ["no article", ["claims", "extract"], /expects one ARTICLE file/],
    ["an unknown subcommand", ["claims", "guess"], /subcommand/],
  ])("%s: exit 2, one message, no stack trace", (_name, args, message) => {
    const r = bycn(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a binary file: exit 2 with a coded issue naming the file, and no draft written", () => {
    const dir = tempDir();
    const pdf = path.join(dir, "paper.pdf");
    writeFileSync(pdf, Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0x01, 0x02, 0x03]));
    const out = path.join(dir, "draft.csv");
    const r = bycn(["claims", "extract", pdf, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/paper\.pdf: error binary_content/);
    expect(existsSync(out)).toBe(false);
  });
});

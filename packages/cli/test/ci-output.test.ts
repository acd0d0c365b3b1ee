// check output for CI: GitHub's ten-annotations-per-level limit with the full list in the step summary, and JUnit XML
// that a real XSD validator (libxml2's xmllint, compiled to wasm) accepts against a junit-10 style schema
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeIssue, type Issue } from "@bycn/core";
import { validateXML } from "xmllint-wasm";
import { describe, expect, it } from "vitest";
import { buildCheckReport, type CheckReport } from "../src/check/report.js";
import { GITHUB_ANNOTATIONS_PER_LEVEL, renderCheck, renderGithubOutput } from "../src/check/render.js";
import { bycn, tempDir } from "./_cli.js";

const XSD = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "xsd/junit-10.xsd"), "utf8");

async function xsdErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: "check.xml", contents: xml }], schema: [{ fileName: "junit-10.xsd", contents: XSD }] });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

/** 20 errors (invalid numbers, one per line) and 20 warnings (ragged rows), in one raw file */
function fortyFindings(extra: Issue[] = []): CheckReport {
  const file = "raw/itu-datahub/2025-12-28/a.csv";
  const issues: Issue[] = [];
  for (let i = 1; i <= 20; i++) issues.push(makeIssue("invalid_number", { file, line: i + 1, column: 9 }, { value: `x${i}` }, "error"));
  for (let i = 1; i <= 20; i++) issues.push(makeIssue("ragged_row", { file, line: i + 100 }, { expected: 13, found: 14 }, "warning"));
  return buildCheckReport({ version: "0.0.0", inputs: [], issues: [...issues, ...extra], failOn: "error" });
}

const annotations = (commands: string, level: string): string[] => commands.split("\n").filter((l) => l.startsWith(`::${level} `));

describe("--format github under GitHub's annotation limits", () => {
  it("forty-findings: at most ten annotations per level, a step summary with all forty, and a notice saying how many were summarised", () => {
    const gh = renderGithubOutput(fortyFindings(), true);
    expect(annotations(gh.commands, "error")).toHaveLength(GITHUB_ANNOTATIONS_PER_LEVEL);
    expect(annotations(gh.commands, "warning")).toHaveLength(GITHUB_ANNOTATIONS_PER_LEVEL);
    const rows = gh.summary.split("\n").filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(40);
    for (let i = 1; i <= 20; i++) {
      expect(gh.summary).toContain(`a.csv:${i + 1} |`);
      expect(gh.summary).toContain(`a.csv:${i + 100} |`);
    }
    expect(annotations(gh.commands, "notice")).toEqual([expect.stringContaining("20 of 40 findings annotated, 20 summarised only: all of them are in the step summary")]);
    // without a step summary file the notice points to a command that lists them
    expect(renderGithubOutput(fortyFindings(), false).commands).toContain("run bycn check --format markdown for all of them");
  });

  it("most-important-first: an integrity error and a contradicted claim outrank record errors for the ten slots", () => {
    const integrity = makeIssue("checksum_mismatch", { file: "raw/wdi/2026-02-18/w.csv" }, { path: "raw/wdi/2026-02-18/w.csv", expected: "a".repeat(64), actual: "b".repeat(64) });
    const gh = renderGithubOutput(fortyFindings([integrity]), true);
    const errors = annotations(gh.commands, "error");
    expect(errors).toHaveLength(10);
    expect(errors[0]).toContain("title=checksum_mismatch");
    expect(gh.summary.split("\n").filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(41);
  });

  it("few-findings: all annotated, no summarised count in the notice", () => {
    const report = buildCheckReport({
      version: "0.0.0",
      inputs: [],
      issues: [makeIssue("ragged_row", { file: "raw/a.csv", line: 3 }, { expected: 2, found: 3 }, "warning")],
      failOn: "error",
    });
    const gh = renderGithubOutput(report, true);
    expect(annotations(gh.commands, "warning")).toHaveLength(1);
    expect(gh.commands).not.toContain("summarised only");
  });

  it("the CLI appends the summary to $GITHUB_STEP_SUMMARY and keeps stdout within the limits", () => {
    const summary = path.join(tempDir(), "summary.md");
    writeFileSync(summary, "earlier step output\n");
    const r = bycn(["check", "--format", "github"], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(bycn(["check", "--format", "json"]).stdout) as CheckReport;
    const annotated = json.findings.filter((f) => !f.baselined && f.issue.severity !== "info").length;
    expect(annotations(r.stdout, "error").length).toBeLessThanOrEqual(10);
    expect(annotations(r.stdout, "warning").length).toBeLessThanOrEqual(10);
    const written = readFileSync(summary, "utf8");
    expect(written.startsWith("earlier step output\n## bycn check")).toBe(true);
    expect(written.split("\n").filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(annotated);
  });

  it("an unwritable $GITHUB_STEP_SUMMARY is exit 2 with one line, no stack trace", () => {
    const r = bycn(["check", "--format", "github"], { env: { GITHUB_STEP_SUMMARY: path.join(tempDir(), "no/such/dir/summary.md") } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("GITHUB_STEP_SUMMARY");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("--format junit", () => {
  it("junit-xsd: the real check output validates against the junit-10 schema", async () => {
    const r = bycn(["check", "--format", "junit"]);
    expect(r.status).toBe(0);
    expect(await xsdErrors(r.stdout)).toEqual([]);
  });

  it("line-attribute-short-names-and-visible-warnings", async () => {
    const baselined = makeIssue("ragged_row", { file: "raw/b.csv", line: 7 }, { expected: 2, found: 3 }, "warning");
    const report = fortyFindings([baselined]);
    const accepted = report.findings.find((f) => f.issue.at.file === "raw/b.csv");
    if (accepted) accepted.baselined = { reason: "known & <accepted>" };
    const xml = renderCheck(report, "junit");
    expect(await xsdErrors(xml)).toEqual([]);
    // the line is its own attribute, not glued to the file path
    expect(xml).toContain('<testcase classname="bycn.schema" name="invalid_number a.csv:2" file="raw/itu-datahub/2025-12-28/a.csv" line="2">');
    expect(xml).not.toMatch(/file="[^"]*:\d+"/);
    // a warning that does not fail is skipped with its message, not a silent pass
    expect(xml).toContain('<skipped message="warning ragged_row: ');
    expect(xml).toContain('<skipped message="accepted by baseline: known &amp; &lt;accepted&gt;"/>');
    expect(xml).toMatch(/<testsuite name="schema" tests="41" failures="20" errors="0" skipped="21">/);
  });

  it("the validator rejects junit that breaks the schema (the test can fail)", async () => {
    const good = renderCheck(fortyFindings(), "junit");
    expect(await xsdErrors(good.replace('line="2"', 'line="raw/a.csv:2"'))).not.toEqual([]);
    expect(await xsdErrors(good.replace(/<testcase classname="bycn.schema" name="[^"]*"/, '<testcase classname="bycn.schema"'))).not.toEqual([]);
  });
});

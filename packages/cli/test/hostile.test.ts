// issue 16: hostile values (markup, links, forged lines, formulas, workflow commands, bidi, NUL) through every output
// format stay inert: end to end from a raw file with a hostile name and hostile records, then every renderer directly
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeIssue, type Issue } from "@bycn/core";
import { renderDiff, type DistDiff } from "@bycn/diff";
import { afterAll, describe, expect, it } from "vitest";
import { renderCheck } from "../src/check/render.js";
import { buildCheckReport } from "../src/check/report.js";
import { bycn, copyProject, tempDir } from "./_cli.js";
import {
  counts,
  expectInertCsv,
  expectInertGithub,
  expectInertHtml,
  expectInertJunit,
  expectInertMarkdown,
  expectInertText,
  HOSTILE,
  HOSTILE_FILE,
} from "./_inert.js";

const csvField = (s: string): string => `"${s.replace(/"/g, '""')}"`;
// a NUL byte would make the whole file binary (an unreadable-file error): the raw file carries every other payload
const RAW_PAYLOADS = Object.entries(HOSTILE).filter(([k]) => k !== "nul");

describe("hostile values end to end: raw file → build, check, diff, validate, report", () => {
  const { raw } = copyProject();
  const folder = path.join(raw, "owid", "2025-10-29");
  const lines = ["Entity,Code,Year,Individuals using the Internet (% of population)"];
  RAW_PAYLOADS.forEach(([, v], i) => {
    lines.push(`${csvField(v)},,2020,${i + 1}`); // empty Code: published as an aggregate named by the payload
    lines.push(`Belarus,${csvField(v)},2021,${i + 1}`); // unknown code: a reject and an unknown_economy finding
  });
  const bytes = Buffer.from(`${lines.join("\n")}\n`);
  const file = path.join(folder, HOSTILE_FILE);
  writeFileSync(file, bytes);
  const meta = JSON.parse(readFileSync(path.join(folder, "share-of-individuals-using-the-internet.csv.meta.json"), "utf8"));
  writeFileSync(`${file}.meta.json`, JSON.stringify({ ...meta, file: HOSTILE_FILE, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length }));

  const clean = path.join(tempDir(), "dist");
  const dist = path.join(tempDir(), "dist");
  const cleanBuild = bycn(["build", "--out", clean]);
  const build = bycn(["build", "--raw", raw, "--out", dist]);
  const read = (p: string): string => readFileSync(path.join(dist, p), "utf8");

  it("builds (exit 0): the hostile records are published or rejected, and the build log is inert", () => {
    expect(cleanBuild.status).toBe(0);
    expect(build.status, build.stderr).toBe(0);
    expectInertText(build.stderr, "text:build");
  });

  it("csv and json datasets: every payload kept exactly in JSON, formula-escaped in CSV, rows agree", () => {
    const json = read("data/owid-indicators.json");
    const rows = JSON.parse(json) as { entity_name: string; raw_file: string }[];
    const names = new Set(rows.map((r) => r.entity_name));
    for (const [k, v] of RAW_PAYLOADS) if (k !== "bidi" && k !== "newline") expect(names, k).toContain(v.trim());
    expect(rows.some((r) => r.raw_file.endsWith(HOSTILE_FILE))).toBe(true);
    const csv = expectInertCsv(read("data/owid-indicators.csv"), rows.length);
    expect(csv.map((r) => r.entity_name)).toContain(`'${HOSTILE.formula}`);
    const rejects = read("rejects/owid-indicators.csv");
    expect(rejects).toContain("unknown_economy");
    expectInertCsv(rejects);
  });

  it("report.md and report/index.html", () => {
    expectInertMarkdown(read("report.md"), "markdown:report");
    expectInertHtml(read("report/index.html"), readFileSync(path.join(clean, "report/index.html"), "utf8"));
  });

  it.each(["text", "json", "junit", "github", "markdown"])("check --format %s", (format) => {
    const r = bycn(["check", "--raw", raw, "--format", format]);
    expect([0, 1]).toContain(r.status);
    expectInertText(r.stderr, "text:check-stderr");
    if (format === "text") expectInertText(r.stdout, "text:check");
    if (format === "json") expect(JSON.parse(r.stdout).findings.some((f: { issue: Issue }) => f.issue.at.file.endsWith(HOSTILE_FILE))).toBe(true);
    if (format === "junit") expectInertJunit(r.stdout);
    if (format === "github") expectInertGithub(r.stdout);
    if (format === "markdown") expectInertMarkdown(r.stdout, "markdown:check");
  });

  it.each(["text", "json", "markdown"])("diff --format %s", (format) => {
    const r = bycn(["diff", clean, dist, "--format", format]);
    expect(r.status, r.stderr).toBe(1);
    if (format === "text") expectInertText(r.stdout, "text:diff");
    if (format === "json") expect(JSON.stringify(JSON.parse(r.stdout))).toContain("javascript:alert(1)");
    if (format === "markdown") expectInertMarkdown(r.stdout, "markdown:diff");
  });

  it.each(["text", "json"])("validate FILE --format %s on the hostile file name", (format) => {
    const r = bycn(["validate", file, "--format", format]);
    expect([0, 1]).toContain(r.status);
    expectInertText(r.stderr, "text:validate-stderr");
    if (format === "text") expectInertText(r.stdout, "text:validate");
    else expect(JSON.parse(r.stdout).file).toBe(file);
  });
});

describe("error messages naming a hostile path that does not exist (exit 2, one inert line each)", () => {
  const missing = path.join(tempDir(), HOSTILE_FILE);
  it.each([
    ["validate", missing],
    ["build", "--raw", missing, "--out", path.join(tempDir(), "dist")],
    ["check", "--raw", missing],
    ["check", "--baseline", missing],
    ["report", "--dist", missing],
    ["diff", missing, missing],
    ["check", `--${HOSTILE.newline}`],
  ])("bycn %s %s", (...args) => {
    const r = bycn(args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expectInertText(r.stderr, "text:error");
  });
});

describe("hostile values straight through every renderer, NUL included", () => {
  const payloads = Object.entries(HOSTILE);
  const issues: Issue[] = payloads.flatMap(([, v], i) => [
    makeIssue("unknown_economy", { file: v, line: i + 1, column: 2, field: v }, { value: v }),
    makeIssue("invalid_row", { file: `raw/${v}.csv`, line: i + 1 }, { details: [v] }),
    makeIssue("claim_contradicted", { file: "raw/article/claims.csv", line: i + 1 }, { claim: v, printed: v, actual: 1, difference: 1, explanation: v }),
  ]);
  const report = buildCheckReport({ version: "test", inputs: [{ file: HOSTILE_FILE, vintage: "2025-01-01", sha256: "0" }], issues, failOn: "warning" });

  it("check: text, junit, github, markdown", () => {
    expectInertText(renderCheck(report, "text"), "text:check");
    expectInertText(renderCheck(report, "text", true).replace(/\u001b\[[0-9;]*m/g, ""), "text:check");
    expectInertJunit(renderCheck(report, "junit"));
    expectInertGithub(renderCheck(report, "github"));
    expectInertMarkdown(renderCheck(report, "markdown"), "markdown:check");
    expect(JSON.parse(renderCheck(report, "json")).findings).toHaveLength(issues.length);
  });

  it("diff: text and markdown", () => {
    const row = (v: string) => ({ entity: v, year: "2020", value: v });
    const diff: DistDiff = {
      version: 1,
      old: HOSTILE_FILE,
      new: HOSTILE.newline,
      same: false,
      datasets: payloads.map(([, v]) => ({
        name: v,
        key: ["entity", v],
        status: "differs",
        summary: { old: 1, new: 1, added: 1, removed: 1, changed: 1, unchanged: 0, belowPrecision: 0, provenanceOnly: 0 },
        columnsAdded: [v],
        columnsRemoved: [v],
        added: [row(v)],
        removed: [row(v)],
        changed: [{ key: { entity: v }, changes: [{ column: v, old: v, new: v }] }],
        vanished: [],
      })),
      verdicts: payloads.map(([, v]) => ({ id: v, old: v, new: v }) as DistDiff["verdicts"][number]),
      vanished: payloads.flatMap(([, v]) => [
        { dataset: v, column: "entity", value: v },
        { dataset: v, column: "dataset", value: v },
      ]),
    };
    expectInertText(renderDiff(diff, "text"), "text:diff");
    expectInertMarkdown(renderDiff(diff, "markdown"), "markdown:diff");
  });
});

afterAll(() => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`hostile: ${Object.keys(HOSTILE).length} payloads + a hostile file name; ${total} outputs checked inert: ${JSON.stringify(Object.fromEntries(counts))}`);
});

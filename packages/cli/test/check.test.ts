// bycn check: exit codes on main, on a tampered byte, on an edited value, on a missing raw folder; renderings parse
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { bycn, copyProject, tempDir } from "./_cli.js";

function idiFile(raw: string): string {
  const dir = path.join(raw, "itu-idi");
  return path.join(dir, readdirSync(dir)[0]!, "idi2024_scores.csv");
}

/** edit a snapshot and re-seal its meta, as a maintainer fixing a value would */
function editAndReseal(file: string, edit: (text: string) => string): void {
  const text = edit(readFileSync(file, "utf8"));
  writeFileSync(file, text);
  const metaPath = `${file}.meta.json`;
  const meta = JSON.parse(readFileSync(metaPath, "utf8"));
  meta.sha256 = createHash("sha256").update(text).digest("hex");
  meta.bytes = Buffer.byteLength(text);
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
}

describe("bycn check", () => {
  it("exits 0 on main with the committed baseline; the accepted contradictions are marked", () => {
    const r = bycn(["check"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/claim_contradicted: claim CHN_MBB_SUBS.*\[baseline\]/);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(/0 failing at --fail-on error$/);
  });

  it("without the baseline, the real contradictions fail (exit 1)", () => {
    const { root, raw } = copyProject();
    writeFileSync(path.join(root, "baseline.json"), JSON.stringify({ version: 1, entries: [] }));
    const r = bycn(["check", "--raw", raw]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/error claim_contradicted/);
  });

  it("a raw snapshot altered by one byte: exit 1 with checksum_mismatch naming the file", () => {
    const { raw } = copyProject();
    const file = idiFile(raw);
    const bytes = readFileSync(file);
    bytes[10] = bytes[10]! ^ 0x01;
    writeFileSync(file, bytes);
    const r = bycn(["check", "--raw", raw]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/raw\/itu-idi\/[\d-]+\/idi2024_scores\.csv: error checksum_mismatch/);
  });

  it("a value edited so a confirmed claim breaks: exit 1 with claim_contradicted for that claim", () => {
    const { raw } = copyProject();
    editAndReseal(idiFile(raw), (t) => t.replace(/^BLR,88\.5$/m, "BLR,87.5"));
    const r = bycn(["check", "--raw", raw, "--format", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    const f = report.findings.find((x: { fingerprint: string }) => x.fingerprint === "claim_contradicted:BLR_IDI_2024");
    expect(f?.issue.actual).toBe(87.5);
    expect(report.findings.some((x: { issue: { code: string } }) => x.issue.code === "checksum_mismatch")).toBe(false);
  });

  it("a missing raw folder: exit 2, one line, no stack", () => {
    const r = bycn(["check", "--raw", path.join(tempDir(), "missing")]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a stale baseline entry is reported (the source was corrected) without failing", () => {
    const { root, raw } = copyProject();
    const b = JSON.parse(readFileSync(path.join(root, "baseline.json"), "utf8"));
    b.entries.push({ fingerprint: "claim_contradicted:NO_SUCH_CLAIM", reason: "accepted once, the finding has since gone away" });
    writeFileSync(path.join(root, "baseline.json"), JSON.stringify(b, null, 2));
    const r = bycn(["check", "--raw", raw]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/baseline\.json:\d+: warning baseline_stale: baseline entry claim_contradicted:NO_SUCH_CLAIM/);
    expect(bycn(["check", "--raw", raw, "--fail-on", "warning"]).status).toBe(1);
  });

  it("junit output parses as XML, one testcase per finding, baselined ones and non-failing warnings skipped", () => {
    const r = bycn(["check", "--format", "junit"]);
    expect(r.status).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(r.stdout);
    type Case = { skipped?: unknown };
    const suites = [doc.testsuites.testsuite].flat() as { testcase: Case | Case[] }[];
    const cases: Case[] = suites.flatMap((s) => [s.testcase].flat());
    const json = JSON.parse(bycn(["check", "--format", "json"]).stdout);
    expect(cases).toHaveLength(json.findings.length);
    const visible = json.findings.filter((f: { baselined?: unknown; issue: { severity: string } }) => f.baselined || f.issue.severity === "warning").length;
    expect(cases.filter((c) => c.skipped !== undefined)).toHaveLength(visible);
  });

  it("github output follows the workflow-command syntax", () => {
    const r = bycn(["check", "--format", "github"]);
    const lines = r.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) ([a-z]+=[^,:\n]*)(,[a-z]+=[^,:\n]*)*::[^\n]*$/);
    expect(lines.some((l) => l.startsWith("::warning file=raw/"))).toBe(true);
  });

  it("markdown output is a table with the summary", () => {
    const r = bycn(["check", "--format", "markdown"]);
    expect(r.stdout).toMatch(/^## bycn check/);
    expect(r.stdout).toMatch(/\| severity \| check \| code \| where \| message \|/);
  });

  it("usage errors exit 2", () => {
    expect(bycn(["check", "--format", "yaml"]).status).toBe(2);
    expect(bycn(["check", "--fail-on", "info"]).status).toBe(2);
    expect(bycn(["check", "--no-such-flag"]).status).toBe(2);
  });
});

// renderings of a check report: text, json, junit, github workflow commands, markdown
import { escapeControls, formatIssue, mdCell } from "@bycn/core";
import { isFailing, type CheckReport, type Finding } from "./report.js";

export const FORMATS = ["text", "json", "junit", "github", "markdown"] as const;
export type CheckFormat = (typeof FORMATS)[number];

export function renderCheck(report: CheckReport, format: CheckFormat, color = false): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "junit":
      return renderJunit(report);
    case "github":
      return renderGithub(report);
    case "markdown":
      return renderMarkdown(report);
    default:
      return renderText(report, color);
  }
}

function summaryLine(r: CheckReport): string {
  const s = r.summary;
  return `${s.error} error(s), ${s.warning} warning(s), ${s.info} info; ${s.baselined} accepted by the baseline; ${s.failing} failing at --fail-on ${r.fail_on}`;
}

function renderText(r: CheckReport, color: boolean): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    if (f.issue.severity === "info" && f.issue.code !== "claim_confirmed") continue;
    const mark = f.baselined ? " [baseline]" : "";
    const line = `${formatIssue(f.issue)}${mark}`;
    const sgr = f.baselined ? "2" : f.issue.severity === "error" ? "31" : f.issue.severity === "warning" ? "33" : "36";
    lines.push(color ? `\u001b[${sgr}m${line}\u001b[0m` : line);
  }
  lines.push(summaryLine(r));
  return `${lines.join("\n")}\n`;
}

// controls shown escaped first: XML 1.0 forbids most of them even as references, and bidi marks would reorder text
const xml = (s: string): string =>
  escapeControls(s).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string);

/** a short, stable test name: the finding's natural key, or for a plain record issue its code and file:line */
function junitName(f: Finding): string {
  const { code, at } = f.issue;
  if (!f.fingerprint.startsWith(`${code}:${at.file}:`)) return f.fingerprint;
  const base = at.file.slice(at.file.lastIndexOf("/") + 1);
  return at.line === undefined ? `${code} ${base}` : `${code} ${base}:${at.line}`;
}

/**
 * JUnit XML (jenkins xunit's junit-10 layout, with the file and line testcase attributes GitLab and pytest use):
 * one suite per check category, one testcase per finding. A failing finding is a <failure>; a baselined one and a
 * warning that does not fail at --fail-on are <skipped> with a message, so dashboards show them instead of a pass.
 */
function renderJunit(r: CheckReport): string {
  const byCategory = new Map<string, Finding[]>();
  for (const f of r.findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
  const suites: string[] = [];
  for (const [category, findings] of byCategory) {
    let failures = 0;
    let skipped = 0;
    const cases = findings.map((f) => {
      const attrs = [`classname="bycn.${category}"`, `name="${xml(junitName(f))}"`, `file="${xml(f.issue.at.file)}"`];
      if (f.issue.at.line !== undefined) attrs.push(`line="${f.issue.at.line}"`);
      let body = "";
      if (f.baselined) {
        skipped++;
        body = `<skipped message="${xml(`accepted by baseline: ${f.baselined.reason}`)}"/>`;
      } else if (isFailing(f, r.fail_on)) {
        failures++;
        body = `<failure type="${f.issue.code}" message="${xml(f.issue.message)}">${xml(formatIssue(f.issue))}</failure>`;
      } else if (f.issue.severity === "warning") {
        skipped++;
        body = `<skipped message="${xml(`warning ${f.issue.code}: ${f.issue.message}`)}"/>`;
      }
      return `    <testcase ${attrs.join(" ")}>${body}</testcase>`;
    });
    suites.push(
      `  <testsuite name="${category}" tests="${findings.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  const total = r.findings.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bycn check" tests="${total}" failures="${r.summary.failing}">\n${suites.join("\n")}\n</testsuites>\n`;
}

// workflow-command escaping: data and property values differ (see GitHub's toolkit command.ts)
// an annotation is one line: controls (CR and LF too) are shown escaped, so only % is left to encode in data
const ghData = (s: string): string => escapeControls(s).replace(/%/g, "%25");
const ghProp = (s: string): string => ghData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub shows at most this many annotations of each level per step and drops the rest without a word */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;
/** GitHub refuses a step summary over 1 MiB; the table stops short of it and says so */
const STEP_SUMMARY_MAX_BYTES = 1000 * 1000;
// which findings come first when only ten fit: the data cannot be trusted, the article is wrong, the sources disagree, one record
const CATEGORY_RANK: Record<Finding["category"], number> = { integrity: 0, claims: 1, consistency: 2, "cross-source": 3, schema: 4 };

export interface GithubOutput {
  /** workflow commands for stdout: the annotations that fit, then one notice */
  commands: string;
  /** markdown for $GITHUB_STEP_SUMMARY: every annotated finding */
  summary: string;
}

/**
 * The findings a workflow would annotate (not baselined, not info), as at most ten error and ten warning
 * annotations, the most important first, and a step summary listing all of them. `summaryWritten` says whether the
 * caller writes the summary to $GITHUB_STEP_SUMMARY, which the closing notice points to.
 */
export function renderGithubOutput(r: CheckReport, summaryWritten: boolean): GithubOutput {
  const levelOf = (f: Finding): "error" | "warning" => (isFailing(f, r.fail_on) || f.issue.severity === "error" ? "error" : "warning");
  const annotated = r.findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => !f.baselined && f.issue.severity !== "info")
    .sort((a, b) => CATEGORY_RANK[a.f.category] - CATEGORY_RANK[b.f.category] || a.i - b.i)
    .map(({ f }) => f);
  const lines: string[] = [];
  const shown = { error: 0, warning: 0 };
  for (const level of ["error", "warning"] as const) {
    for (const f of annotated.filter((x) => levelOf(x) === level).slice(0, GITHUB_ANNOTATIONS_PER_LEVEL)) {
      const props = [`file=${ghProp(f.issue.at.file)}`];
      if (f.issue.at.line !== undefined) props.push(`line=${f.issue.at.line}`);
      if (f.issue.at.column !== undefined) props.push(`col=${f.issue.at.column}`);
      props.push(`title=${ghProp(f.issue.code)}`);
      lines.push(`::${level} ${props.join(",")}::${ghData(f.issue.message)}`);
      shown[level]++;
    }
  }
  const hidden = annotated.length - shown.error - shown.warning;
  let notice = summaryLine(r);
  if (hidden > 0) {
    const where = summaryWritten ? "all of them are in the step summary" : "run bycn check --format markdown for all of them";
    notice += `; ${shown.error + shown.warning} of ${annotated.length} findings annotated, ${hidden} summarised only: ${where}`;
  }
  lines.push(`::notice title=bycn check::${ghData(notice)}`);
  return { commands: `${lines.join("\n")}\n`, summary: stepSummary(r, annotated, shown.error + shown.warning) };
}

function renderGithub(r: CheckReport): string {
  return renderGithubOutput(r, false).commands;
}

function stepSummary(r: CheckReport, findings: Finding[], annotatedCount: number): string {
  const head = [
    "## bycn check",
    "",
    summaryLine(r),
    "",
    `${findings.length} finding(s) to look at; the first ${annotatedCount} are also annotations (GitHub shows at most ${GITHUB_ANNOTATIONS_PER_LEVEL} errors and ${GITHUB_ANNOTATIONS_PER_LEVEL} warnings per step).`,
    "",
    "| # | severity | check | code | where | message |",
    "|---|---|---|---|---|---|",
  ].join("\n");
  const rows: string[] = [];
  let bytes = Buffer.byteLength(head);
  for (const [i, f] of findings.entries()) {
    const row = `| ${i + 1} | ${isFailing(f, r.fail_on) ? "error" : f.issue.severity} | ${f.category} | \`${f.issue.code}\` | ${mdCell(where(f))} | ${mdCell(f.issue.message)} |`;
    bytes += Buffer.byteLength(row) + 1;
    if (bytes > STEP_SUMMARY_MAX_BYTES) {
      rows.push("", `${findings.length - i} more finding(s) left out: GitHub keeps at most 1 MiB of step summary. \`bycn check --format json\` lists them all.`);
      break;
    }
    rows.push(row);
  }
  return `${head}\n${rows.join("\n")}\n`;
}

const where = (f: Finding): string => [f.issue.at.file, f.issue.at.line].filter((x) => x !== undefined).join(":");

function renderMarkdown(r: CheckReport): string {
  const rows = r.findings
    .filter((f) => f.issue.severity !== "info" || f.issue.code === "claim_confirmed")
    .map(
      (f) =>
        `| ${f.baselined ? "accepted" : f.issue.severity} | ${f.category} | \`${f.issue.code}\` | ${mdCell(where(f))} | ${mdCell(f.issue.message)} |`,
    );
  return [
    "## bycn check",
    "",
    summaryLine(r),
    "",
    "| severity | check | code | where | message |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

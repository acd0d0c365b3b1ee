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

function renderJunit(r: CheckReport): string {
  const byCategory = new Map<string, Finding[]>();
  for (const f of r.findings) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
  const suites: string[] = [];
  for (const [category, findings] of byCategory) {
    const failures = findings.filter((f) => isFailing(f, r.fail_on)).length;
    const skipped = findings.filter((f) => f.baselined).length;
    const cases = findings.map((f) => {
      const name = xml(f.fingerprint);
      const where = xml([f.issue.at.file, f.issue.at.line].filter((x) => x !== undefined).join(":"));
      let body = "";
      if (f.baselined) body = `<skipped message="${xml(`accepted by baseline: ${f.baselined.reason}`)}"/>`;
      else if (isFailing(f, r.fail_on))
        body = `<failure type="${f.issue.code}" message="${xml(f.issue.message)}">${xml(formatIssue(f.issue))}</failure>`;
      return `    <testcase classname="bycn.${category}" name="${name}" file="${where}">${body}</testcase>`;
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

function renderGithub(r: CheckReport): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    if (f.baselined || f.issue.severity === "info") continue;
    const cmd = isFailing(f, r.fail_on) ? "error" : f.issue.severity === "error" ? "error" : "warning";
    const props = [`file=${ghProp(f.issue.at.file)}`];
    if (f.issue.at.line !== undefined) props.push(`line=${f.issue.at.line}`);
    if (f.issue.at.column !== undefined) props.push(`col=${f.issue.at.column}`);
    props.push(`title=${ghProp(f.issue.code)}`);
    lines.push(`::${cmd} ${props.join(",")}::${ghData(f.issue.message)}`);
  }
  lines.push(`::notice title=bycn check::${ghData(summaryLine(r))}`);
  return `${lines.join("\n")}\n`;
}

function renderMarkdown(r: CheckReport): string {
  const rows = r.findings
    .filter((f) => f.issue.severity !== "info" || f.issue.code === "claim_confirmed")
    .map(
      (f) =>
        `| ${f.baselined ? "accepted" : f.issue.severity} | ${f.category} | \`${f.issue.code}\` | ${mdCell([f.issue.at.file, f.issue.at.line].filter((x) => x !== undefined).join(":"))} | ${mdCell(f.issue.message)} |`,
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

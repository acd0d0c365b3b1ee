// the refresh report as text (terminal) or markdown (a pull-request body or a job summary); json is the object itself
import { formatIssue } from "@bycn/core";
import type { RefreshReport } from "./refresh.js";

export function renderRefreshReport(report: RefreshReport, format: "text" | "markdown" | "json"): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  const lines: string[] = [];
  const md = format === "markdown";
  if (md) lines.push("## bycn refresh", "", "| source | status | snapshot |", "|---|---|---|");
  for (const s of report.sources) {
    lines.push(md ? `| ${s.id} | ${s.status} | ${s.snapshot ?? "–"} |` : `${s.id}: ${s.status}${s.snapshot ? ` (${s.snapshot})` : ""}`);
  }
  const issues = [...report.issues, ...report.sources.flatMap((s) => s.issues)];
  if (issues.length > 0) {
    if (md) lines.push("", "### problems", "");
    for (const i of issues) lines.push(md ? `- \`${i.at.file}\`: ${i.message}` : formatIssue(i));
  }
  const verdict =
    report.outcome === "ok" ? "refresh ok" : report.outcome === "source_failed" ? "refresh: some sources failed; their last snapshots are kept" : "refresh could not run";
  lines.push(md ? `\n${verdict}${report.dryRun ? " (dry run)" : ""}` : `${verdict}${report.dryRun ? " (dry run)" : ""}`);
  return `${lines.join("\n")}\n`;
}

// report.md: the verdict, claims and downloads tables as GitHub pipe tables; every data value escaped for a table cell
import { escapeControls, mdCell, mdCode } from "@bycn/core";
import { formatBytes, formatValue } from "./format.js";
import { articleFigure, dataValueText, dateOf, differenceText } from "./html.js";
import type { ReportModel } from "./index.js";
import { verdictStyle } from "./model.js";
import { MIN_RANKED, rankText } from "./rank.js";

/** plain text outside tables gets the same treatment */
export const mdText = mdCell;
export { mdCell };

function table(head: readonly string[], align: readonly ("l" | "r")[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(head.map(mdCell)), line(align.map((a) => (a === "r" ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

/** link to a dist/ file from report.md (which sits at the dist/ root) */
const mdPath = (p: string) => p.split("/").map(encodeURIComponent).join("/");

export function renderMarkdown(m: ReportModel): string {
  const { view } = m;
  const out: string[] = [];
  out.push(`# ${mdText(view.title || "bycn report")}`, "");
  if (view.description) out.push(mdText(view.description), "");
  out.push(`Data package ${mdCode(view.name)} version ${mdText(view.version)}${view.created ? `, built from snapshots up to ${mdText(dateOf(view.created))}` : ""}. Charts: [report/index.html](report/index.html).`, "");

  out.push("## Verdicts", "");
  out.push(table(["Verdict", "Claims"], ["l", "r"], m.verdicts.map(([v, k]) => {
    const s = verdictStyle(v);
    return [mdCell(`${s.symbol} ${s.label}`), String(k)];
  })), "");

  out.push("## Claims", "");
  out.push(table(
    ["Claim", "Subject", "Measure", "Year", "Article's figure", "Verdict", "Data value (year)", "Difference", "Explanation"],
    ["l", "l", "l", "r", "r", "l", "r", "r", "l"],
    m.claims.map((c) => {
      const s = verdictStyle(c.verdict);
      return [
        mdCell(c.id),
        mdCell(c.subject),
        mdCell(c.measure),
        c.referenceYear === undefined ? "" : String(c.referenceYear),
        mdCell(articleFigure(c)),
        mdCell(`${s.symbol} ${s.label}`),
        mdCell(dataValueText(c)),
        mdCell(differenceText(c)),
        mdCell(c.explanation),
      ];
    }),
  ), "");

  if (m.ranks.length > 0) {
    out.push("## Where they rank in the world", "");
    out.push(`Rank among every economy with a value in the subject's latest well-covered year (reported by at least half as many economies as the best-covered year); 1 = highest value; aggregates not ranked; = marks a shared value; series with fewer than ${MIN_RANKED} economies left out.`, "");
    out.push(table(["Series", "Dataset", "Unit", ...m.subjects.map((s) => s.name)], ["l", "l", "l", ...m.subjects.map((): "r" => "r")], m.ranks.map((r) => [
      mdCell(r.indicator),
      mdCell(r.dataset),
      mdCell(r.unit),
      ...r.standings.map((s) => (s === undefined ? "—" : mdCell(`${rankText(s)} (${formatValue(s.value, 4)}, ${s.year})`))),
    ])), "");
  }

  if (m.check.findings.length > 0) {
    out.push("## Data findings", "");
    out.push(table(["Severity", "Code", "Message", "Where"], ["l", "l", "l", "l"], m.check.findings.map((f) => [
      mdCell(f.severity),
      mdCell(f.code),
      mdCell(f.message),
      mdCell(f.file === "" ? "" : `${f.file}${f.line === undefined ? "" : `:${f.line}`}`),
    ])), "");
  }
  if (m.check.elsewhere > 0) {
    out.push(`${m.check.elsewhere} more data finding(s) concern economies outside the comparison set; see check.json.`, "");
  }

  out.push("## Downloads", "");
  out.push(table(["Dataset", "Rows", "CSV", "JSON", "CSV bytes", "CSV sha256"], ["l", "r", "l", "l", "r", "l"], m.downloads.map((d) => [
    mdCell(d.name),
    String(d.rows),
    `[CSV](${mdPath(d.csv.path)})`,
    d.json ? `[JSON](${mdPath(d.json.path)})` : "—",
    mdCell(formatBytes(d.csv.bytes)),
    `\`${d.csv.sha256}\``,
  ])), "");

  out.push("## Provenance", "");
  for (const s of view.sources) {
    const url = /^https?:\/\/[^\s<>]+$/i.test(s.path) && escapeControls(s.path) === s.path ? `<${s.path}>` : mdText(s.path);
    out.push(`- **${mdText(s.title || s.id)}** (${mdText(s.id)}): ${url}; retrieved / version ${mdText(s.version)}; licence: ${mdText(s.licence)}`);
  }
  out.push("");
  if (view.notes.length > 0) {
    out.push("## Reading notes", "", ...view.notes.map((x) => `- ${mdText(x)}`), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

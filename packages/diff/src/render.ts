// a DistDiff as text (terminal), json (the object) or markdown (job summaries, pull requests); pure
import { mdCell, mdCode, textLine } from "@bycn/core";
import type { DatasetDiff, RowChange } from "./datasets.js";
import type { DistDiff } from "./dist.js";

export type DiffFormat = "text" | "json" | "markdown";

export interface RenderOptions {
  /** rows listed per dataset and kind before "… and N more" (default 20; json is never cut) */
  limit?: number | undefined;
}

export function renderDiff(diff: DistDiff, format: DiffFormat, opts: RenderOptions = {}): string {
  if (format === "json") return `${JSON.stringify(diff, null, 2)}\n`;
  return format === "markdown" ? renderMarkdown(diff, opts.limit ?? 20) : renderText(diff, opts.limit ?? 20);
}

function headline(diff: DistDiff): string {
  if (diff.same && diff.vanished.length === 0) return "no data changes";
  const n = diff.datasets.filter((d) => d.status !== "same").length;
  return `${n} dataset${n === 1 ? "" : "s"} changed`;
}

function counts(d: DatasetDiff): string {
  const s = d.summary;
  if (d.status === "added") return `new dataset, ${s.new} rows`;
  if (d.status === "removed") return `dataset removed (had ${s.old} rows)`;
  const parts = [`${s.added} added`, `${s.removed} removed`, `${s.changed} changed`, `${s.unchanged} unchanged`];
  const notes = [
    s.belowPrecision > 0 ? `${s.belowPrecision} below published precision` : "",
    s.provenanceOnly > 0 ? `${s.provenanceOnly} with new provenance only` : "",
  ].filter(Boolean);
  return `${parts.join(", ")}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}

const keyText = (key: string[], row: Record<string, string>): string => key.map((k) => row[k] ?? "").join(" · ");
const changeText = (c: RowChange): string => c.changes.map((x) => `${x.column} ${x.old || "∅"} → ${x.new || "∅"}`).join(", ");
const more = (n: number, limit: number): string[] => (n > limit ? [`… and ${n - limit} more`] : []);

function renderText(diff: DistDiff, limit: number): string {
  const out = [`bycn diff ${diff.old} → ${diff.new}: ${headline(diff)}`];
  for (const d of diff.datasets) {
    out.push(`${d.name}: ${counts(d)}`);
    if (d.columnsAdded.length && d.status === "differs") out.push(`  columns added: ${d.columnsAdded.join(", ")}`);
    if (d.columnsRemoved.length && d.status === "differs") out.push(`  columns removed: ${d.columnsRemoved.join(", ")}`);
    if (d.status !== "differs") continue;
    for (const r of d.added.slice(0, limit)) out.push(`  + ${keyText(d.key, r)}`);
    out.push(...more(d.added.length, limit).map((l) => `  ${l}`));
    for (const r of d.removed.slice(0, limit)) out.push(`  - ${keyText(d.key, r)}`);
    out.push(...more(d.removed.length, limit).map((l) => `  ${l}`));
    for (const c of d.changed.slice(0, limit)) out.push(`  ~ ${keyText(d.key, c.key)}: ${changeText(c)}`);
    out.push(...more(d.changed.length, limit).map((l) => `  ${l}`));
  }
  for (const v of diff.verdicts) out.push(`claim ${v.id}: ${v.old} → ${v.new}`);
  for (const v of diff.vanished) {
    out.push(v.column === "dataset" ? `vanished: dataset ${v.dataset}` : `vanished: ${v.dataset} ${v.column} ${v.value} (in old, not in new)`);
  }
  // every value comes from the two dists: one line each, whatever a value holds
  return `${out.map(textLine).join("\n")}\n`;
}

function renderMarkdown(diff: DistDiff, limit: number): string {
  const out = [`## Data changes: ${headline(diff)}`, ""];
  if (diff.vanished.length > 0) {
    out.push("> [!WARNING]", `> ${diff.vanished.length} economies, years or datasets present before are missing now:`);
    for (const v of diff.vanished) out.push(v.column === "dataset" ? `> - dataset ${mdCode(v.dataset)}` : `> - ${mdCode(v.dataset)} ${mdCell(v.column)} ${mdCell(v.value)}`);
    out.push("");
  }
  out.push("| dataset | rows before | rows after | added | removed | changed | below precision |", "|---|--:|--:|--:|--:|--:|--:|");
  for (const d of diff.datasets) {
    const s = d.summary;
    const name = d.status === "added" ? `${d.name} (new)` : d.status === "removed" ? `${d.name} (removed)` : d.name;
    out.push(`| ${mdCell(name)} | ${s.old} | ${s.new} | ${s.added} | ${s.removed} | ${s.changed} | ${s.belowPrecision} |`);
  }
  if (diff.verdicts.length > 0) {
    out.push("", "### Claim verdicts that changed", "", "| claim | before | after |", "|---|---|---|");
    for (const v of diff.verdicts) out.push(`| ${mdCell(v.id)} | ${mdCell(v.old)} | ${mdCell(v.new)} |`);
  }
  for (const d of diff.datasets) {
    if (d.status !== "differs") continue;
    out.push("", `### ${mdCell(d.name)}`, "");
    if (d.columnsAdded.length) out.push(`Columns added: ${d.columnsAdded.map(mdCode).join(", ")}`, "");
    if (d.columnsRemoved.length) out.push(`Columns removed: ${d.columnsRemoved.map(mdCode).join(", ")}`, "");
    const rows = [
      ...d.added.slice(0, limit).map((r) => `| added | ${mdCell(keyText(d.key, r))} | |`),
      ...d.removed.slice(0, limit).map((r) => `| removed | ${mdCell(keyText(d.key, r))} | |`),
      ...d.changed.slice(0, limit).map((c) => `| changed | ${mdCell(keyText(d.key, c.key))} | ${mdCell(changeText(c))} |`),
    ];
    if (rows.length > 0) out.push(`| | ${mdCell(d.key.join(" · "))} | change |`, "|---|---|---|", ...rows);
    const cut = Math.max(0, d.added.length - limit) + Math.max(0, d.removed.length - limit) + Math.max(0, d.changed.length - limit);
    if (cut > 0) out.push("", `… and ${cut} more rows (see the json diff)`);
  }
  return `${out.join("\n")}\n`;
}

// proposals → a draft claims registry (CSV and JSON) in the registry's format plus review, confidence and offset
import { CLAIM_COLUMNS } from "@bycn/pipeline-article";
import type { Proposal } from "./extract.js";

export const DRAFT_COLUMNS = [...CLAIM_COLUMNS, "review", "confidence", "offset"] as const;
export type DraftColumn = (typeof DRAFT_COLUMNS)[number];
export type DraftRow = Record<DraftColumn, string>;

function idBase(p: Proposal): string {
  const subject = p.subject === "" ? "UNKNOWN" : p.subject;
  const measure = p.measure === "" ? "FIGURE" : p.measure;
  return `${subject}_${measure}`.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/_+$/, "");
}

/** ids the registry accepts, unique: SUBJECT_MEASURE, then with the year, then numbered */
export function draftIds(proposals: readonly Proposal[]): string[] {
  const bases = proposals.map(idBase);
  const count = new Map<string, number>();
  for (const b of bases) count.set(b, (count.get(b) ?? 0) + 1);
  const used = new Set<string>();
  return proposals.map((p, i) => {
    let id = bases[i]!;
    if (count.get(id)! > 1 && p.reference_year !== undefined) id = `${id}_${p.reference_year}`;
    const base = id;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  });
}

/** One draft row per proposal; cells the extractor could not fill stay empty and the review column says so. */
export function draftRows(proposals: readonly Proposal[]): DraftRow[] {
  const ids = draftIds(proposals);
  return proposals.map((p, i) => ({
    id: ids[i]!,
    subject: p.subject,
    measure: p.measure,
    edition: p.edition,
    reference_year: p.reference_year === undefined ? "" : String(p.reference_year),
    printed: p.printed,
    unit: p.unit,
    operator: p.operator,
    tolerance: "",
    citation: p.citation === undefined ? "" : String(p.citation),
    section: `section ${p.section}`,
    paraphrase: p.paraphrase,
    readings: p.readings,
    derived_from: p.derived_from.map((k) => ids[k]!).join(";"),
    as_of: p.as_of,
    review: p.review.join("; "),
    confidence: p.confidence.toFixed(2),
    offset: String(p.offset),
  }));
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** RFC 4180 CSV with the registry's header; cells are data as typed (no formula escape: "=" is an operator). */
export function renderDraftCsv(rows: readonly DraftRow[]): string {
  const lines = [DRAFT_COLUMNS.join(",")];
  for (const r of rows) lines.push(DRAFT_COLUMNS.map((c) => quote(r[c])).join(","));
  return lines.join("\n") + "\n";
}

/** The same rows as a JSON array of objects, one key per column. */
export function renderDraftJson(rows: readonly DraftRow[]): string {
  return JSON.stringify(rows, null, 2) + "\n";
}

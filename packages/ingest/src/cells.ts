// value cells as pipelines read them: a number, or the issue that quarantines the record (missing marker, not a number)
import { makeIssue, type Issue, type Location } from "@bycn/core";
import { parseNumber } from "./numbers.js";

/** a "." decimal cell (the ITU, World Bank and OWID exports): its value, or missing_value / invalid_number at `where` */
export function numberCell(text: string, where: Location): { ok: true; value: number } | { ok: false; issue: Issue } {
  const n = parseNumber(text, { decimal: "." });
  if (n.kind === "number") return { ok: true, value: n.value };
  if (n.kind === "missing") return { ok: false, issue: makeIssue("missing_value", where, { value: n.marker }) };
  return { ok: false, issue: makeIssue("invalid_number", where, { value: text }) };
}

/** wide tables: true when every value column of a record is blank (it would publish nothing) */
export function allBlank(fields: readonly string[], columns: readonly { column: number }[]): boolean {
  return columns.every((c) => (fields[c.column] ?? "").trim() === "");
}

// value cells as pipelines read them: a number, or the issue that quarantines the record (missing marker, not a number)
import { makeIssue, type Issue, type Location } from "@bycn/core";
import type { ParsedNumber } from "./api.js";
import { parseNumber } from "./numbers.js";

/** a "." decimal cell (the ITU, World Bank and OWID exports): its value, or missing_value / invalid_number at `where` */
export function numberCell(text: string, where: Location): { ok: true; value: number } | { ok: false; issue: Issue } {
  const n = parseNumber(text, { decimal: "." });
  return n.kind === "number" ? { ok: true, value: n.value } : { ok: false, issue: notANumber(n, text, where) };
}

/** why a cell that did not parse as a number quarantines its record */
export function notANumber(n: Exclude<ParsedNumber, { kind: "number" }>, text: string, where: Location): Issue {
  return n.kind === "missing" ? makeIssue("missing_value", where, { value: n.marker }) : makeIssue("invalid_number", where, { value: text });
}

/** wide tables: true when every value column of a record is blank (it would publish nothing) */
export function allBlank(fields: readonly string[], columns: readonly { column: number }[]): boolean {
  return columns.every((c) => (fields[c.column] ?? "").trim() === "");
}

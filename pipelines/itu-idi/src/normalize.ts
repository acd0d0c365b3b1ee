// an IDI scores record (iso3, idi_<edition>…) → one idi-scores row per scored edition, or the reject that says why not
import { Observation, makeIssue, resolveEntity } from "@bycn/core";
import type { Snapshot } from "@bycn/core";
import { allBlank, filledCells, keepValid, numberOrReject, type OpenedFile, type RawRecord } from "@bycn/ingest";
import { EDITION_COLUMN, type IdiRecord } from "./schemas.js";

/**
 * The data year an edition mostly uses. Evidence: the IDI 2024 table (Wikipedia, citing ITU's IDI 2024 report)
 * heads its indicator columns "IDI 2024 Indicator values (2022)". Other editions are not asserted.
 */
const EDITION_DATA_YEAR: Readonly<Record<number, number>> = { 2024: 2022 };

export function editionNote(edition: number): string {
  const dataYear = EDITION_DATA_YEAR[edition];
  return dataYear === undefined
    ? `IDI ${edition} edition`
    : `IDI ${edition} edition; its indicator values mostly refer to ${dataYear}, not ${edition}`;
}

/** iso3 plus at least one idi_<year> column */
export function detectIdi(header: readonly string[]): boolean {
  return header.includes("iso3") && header.some((h) => EDITION_COLUMN.test(h));
}

/** one opened IDI file → the function that normalizes each of its records */
export function beginIdiFile(s: Pick<Snapshot, "file" | "vintage">, file: OpenedFile): (r: IdiRecord, rec: RawRecord) => void {
  const editions = file.header
    .map((h, i) => ({ year: Number(EDITION_COLUMN.exec(h)?.[1]), column: i, name: h }))
    .filter((e) => Number.isInteger(e.year));
  const seenUnknownEconomy = new Set<string>();
  return (r, rec) => {
    const iso = r.iso3.trim();
    const entity = resolveEntity("itu", iso, "");
    if (entity === undefined) {
      file.reject(rec, makeIssue("unknown_economy", file.at(rec.line, "iso3"), { value: iso }), !seenUnknownEconomy.has(iso));
      seenUnknownEconomy.add(iso);
      return;
    }
    // one row per non-empty edition cell; an empty cell is an edition that did not score the economy, not a reject.
    // a record scored by no edition would publish nothing: it is quarantined so every input line is accounted for
    if (allBlank(rec.fields, editions)) {
      file.reject(rec, makeIssue("missing_value", { file: s.file, line: rec.line }, { value: "" }, "info"), false);
      return;
    }
    for (const { cell: e, text, where: at } of filledCells(file, rec, editions)) {
      const value = numberOrReject(file, rec, text, at);
      if (value === undefined) continue;
      if (value < 0 || value > 100) {
        file.reject(rec, makeIssue("value_out_of_range", at, { value, min: 0, max: 100 }));
        continue;
      }
      const row: Observation = {
        ...entity,
        indicator: "IDI",
        indicator_name: "ICT Development Index",
        year: e.year,
        value,
        unit: "score",
        source: "itu-idi",
        vintage: s.vintage,
        note: editionNote(e.year),
        source_text: "",
        raw_file: s.file,
        raw_line: rec.line,
      };
      keepValid(file, rec, Observation, row, at);
    }
  };
}

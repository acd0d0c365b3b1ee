// an OWID grapher record (Entity, Code, Year, value columns) → one owid-indicators row per value cell, or a reject (pure)
import { Observation, isAmbiguousName, makeIssue, resolveEntity } from "@bycn/core";
import type { ResolvedEntity, Snapshot } from "@bycn/core";
import { filledCells, keepValid, numberOrReject, rejectBlankRecord, type OpenedFile, type RawRecord } from "@bycn/ingest";
import { owidIndicator, slug } from "./indicators.js";
import { OWID_KEY_COLUMNS, OwidMetadata, type OwidRecord } from "./schemas.js";

export function detectOwid(header: readonly string[]): boolean {
  return header.length > OWID_KEY_COLUMNS.length && OWID_KEY_COLUMNS.every((c, i) => header[i] === c);
}

/**
 * ISO3 codes resolve by code; OWID's own OWID_* codes (OWID_WRL World, OWID_KOS Kosovo) and empty codes by the
 * entity name, under core's entityForSource rules. An empty Code is OWID's mark for a region or income group
 * ("World", "High-income countries", "East Asia and Pacific (WB)"); one the registry does not know is still
 * published, as aggregate owid:<slug> with OWID's name. Exception seen in internet.csv: "Faeroe Islands" has an
 * empty Code but is an economy (FRO); the registry's names decide, not the empty code.
 */
export function resolveOwidEntity(code: string, name: string): ResolvedEntity | undefined {
  const found = resolveEntity("owid", code, name);
  // an ambiguous name ("Congo") must not become an aggregate either
  if (found !== undefined || code.trim() !== "" || isAmbiguousName(name)) return found;
  return { entity: `owid:${slug(name)}`, economy: "", entity_name: name.trim(), is_aggregate: true };
}


/** OWID's `<chart>.metadata.json`, when a snapshot file is one */
export function readOwidMetadata(bytes: Uint8Array): OwidMetadata | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  const parsed = OwidMetadata.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** one opened grapher CSV → the function that normalizes each of its records (`meta`: the chart's metadata, if any) */
export function beginOwidFile(s: Pick<Snapshot, "file" | "vintage">, meta: OwidMetadata | undefined, file: OpenedFile): (r: OwidRecord, rec: RawRecord) => void {
  const values = file.header
    .map((title, column) => ({ title, name: title, column, indicator: owidIndicator(title, meta) }))
    .slice(OWID_KEY_COLUMNS.length);
  for (const v of values) {
    if (v.indicator === undefined) {
      file.issue(makeIssue("unknown_series", { file: s.file, line: file.headerLine, field: v.title, column: v.column + 1 }, { value: v.title }));
    }
  }
  const seenUnknownEconomy = new Set<string>();
  return (r, rec) => {
    const entity = resolveOwidEntity(r.Code, r.Entity);
    if (entity === undefined) {
      const label = r.Code.trim() || r.Entity;
      file.reject(rec, makeIssue("unknown_economy", { file: s.file, line: rec.line, field: "Code", column: 2 }, { value: label }), !seenUnknownEconomy.has(label));
      seenUnknownEconomy.add(label);
      return;
    }
    const yearText = r.Year.trim();
    const year = /^-?\d{1,4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= 1960 && year <= 2100)) {
      file.reject(rec, makeIssue("invalid_year", { file: s.file, line: rec.line, field: "Year", column: 3 }, { value: r.Year }));
      return;
    }
    // one row per non-empty value cell; an empty cell is an absent value. A record whose value cells are all empty
    // (OWID writes entity-years that only another column fills) would publish nothing: it is quarantined as
    // missing_value (info), as WDI does, so every input line stays accounted for and no row has an empty value
    if (rejectBlankRecord(file, rec, values)) return;
    for (const { cell: v, text, where } of filledCells(file, rec, values)) {
      if (v.indicator === undefined) {
        file.reject(rec, makeIssue("unknown_series", where, { value: v.title }), false);
        continue;
      }
      const value = numberOrReject(file, rec, text, where);
      if (value === undefined) continue;
      const row: Observation = {
        ...entity,
        indicator: v.indicator.code,
        indicator_name: v.title,
        year,
        value,
        unit: v.indicator.unit,
        source: "owid",
        vintage: s.vintage,
        note: "",
        source_text: meta?.columns[v.title]?.citationShort ?? "",
        raw_file: s.file,
        raw_line: rec.line,
      };
      keepValid(file, rec, Observation, row, where);
    }
  };
}

// WDI records → rows: the wide data file's records → wdi-indicators (one row per year cell), the metadata files'
// records → wdi-economies and wdi-series, or the rejects that say why not (pure)
import { Observation, makeIssue, resolveEntity } from "@bycn/core";
import type { ResolvedEntity, Snapshot } from "@bycn/core";
import { filledCells, keepValid, numberOrReject, rejectBlankRecord, type OpenedFile, type RawRecord } from "@bycn/ingest";
import type { WdiCountryRecord, WdiDataRecord, WdiEconomy, WdiIndicatorRecord, WdiSeries } from "./schemas.js";
import { wdiUnit } from "./units.js";

const YEAR_COLUMN = /^\d{4}$/;

type Begin<R> = (s: Pick<Snapshot, "file" | "vintage">, file: OpenedFile) => (r: R, rec: RawRecord) => void;

export const beginCountries: Begin<WdiCountryRecord> = (s, file) => (r, rec) => {
  const row: WdiEconomy = {
    code: r["Country Code"].trim(),
    name: r.TableName,
    region: r.Region,
    income_group: r.IncomeGroup,
    // the 48 aggregates of the 2026 copy (AFE, WLD, HIC…) are exactly the rows with both fields empty
    is_aggregate: r.Region.trim() === "" && r.IncomeGroup.trim() === "",
    special_notes: r.SpecialNotes,
    vintage: s.vintage,
    raw_file: s.file,
    raw_line: rec.line,
  };
  file.keep(rec, [row]);
};

export const beginSeries: Begin<WdiIndicatorRecord> = (s, file) => (r, rec) => {
  const row: WdiSeries = {
    indicator: r.INDICATOR_CODE.trim(),
    indicator_name: r.INDICATOR_NAME,
    source_note: r.SOURCE_NOTE,
    source_organization: r.SOURCE_ORGANIZATION,
    vintage: s.vintage,
    raw_file: s.file,
    raw_line: rec.line,
  };
  file.keep(rec, [row]);
};

/**
 * Aggregate or economy: Metadata_Country decides when the snapshot has the code (empty Region and IncomeGroup →
 * aggregate), else the registry. An aggregate unknown to the registry keeps the World Bank's code and name; an
 * economy must be in the registry.
 */
function resolveWdiEntity(code: string, name: string, meta: ReadonlyMap<string, WdiEconomy>): ResolvedEntity | undefined {
  const registered = resolveEntity("wdi", code, name);
  const m = meta.get(code);
  if (m?.is_aggregate === true) {
    return registered?.is_aggregate === true ? registered : { entity: code, economy: "", entity_name: registered?.entity_name ?? (name.trim() || m.name), is_aggregate: true };
  }
  if (m !== undefined) return registered?.is_aggregate === false ? registered : undefined;
  return registered;
}

/** the data file's records, with the snapshot's economies (`meta`) and series names (`names`) when it has them */
export function beginData(meta: ReadonlyMap<string, WdiEconomy>, names: ReadonlyMap<string, string>): Begin<WdiDataRecord> {
  return (s, file) => {
    const years = file.header.map((h, i) => ({ year: Number(h), column: i, name: h })).filter((y) => YEAR_COLUMN.test(y.name));
    const seenUnknownSeries = new Set<string>();
    const seenUnknownEconomy = new Set<string>();
    return (r, rec) => {
      const indicator = r["Indicator Code"].trim();
      const unit = wdiUnit(indicator);
      if (unit === undefined) {
        file.reject(rec, makeIssue("unknown_series", file.at(rec.line, "Indicator Code"), { value: indicator }), !seenUnknownSeries.has(indicator));
        seenUnknownSeries.add(indicator);
        return;
      }
      const code = r["Country Code"].trim();
      const entity = resolveWdiEntity(code, r["Country Name"], meta);
      if (entity === undefined) {
        file.reject(rec, makeIssue("unknown_economy", file.at(rec.line, "Country Code"), { value: code }), !seenUnknownEconomy.has(code));
        seenUnknownEconomy.add(code);
        return;
      }
      // wide → long: one row per non-empty year cell; "" is an absent value, not a reject. a record with no value
      // in any year (the 2026 copy has 20, e.g. INX "Not classified") would publish nothing, so it is quarantined
      // with missing_value (info) to keep every input line accounted for
      if (rejectBlankRecord(file, rec, years)) return;
      for (const { cell: y, text, where } of filledCells(file, rec, years)) {
        // plain decimals, tiny values with upper-case exponents ("9.17E-05")
        const value = numberOrReject(file, rec, text, where);
        if (value === undefined) continue;
        const row: Observation = {
          ...entity,
          indicator,
          indicator_name: names.get(indicator) ?? r["Indicator Name"],
          year: y.year,
          value,
          unit,
          source: "wdi",
          vintage: s.vintage,
          note: "",
          source_text: "",
          raw_file: s.file,
          raw_line: rec.line,
        };
        keepValid(file, rec, Observation, row, where);
      }
    };
  };
}

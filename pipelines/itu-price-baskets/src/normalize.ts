// a tidy long ITU ICT Price Baskets record → one itu-price-baskets row, or the reject that says why not (pure)
import { makeIssue, resolveEntity } from "@bycn/core";
import type { Snapshot, Unit } from "@bycn/core";
import { keepValid, numberOrReject, type OpenedFile, type RawRecord } from "@bycn/ingest";
import { BasketStatus, PRICE_BASKET_KEY_COLUMNS, PriceBasketObservation, type PriceBasketRecord } from "./schemas.js";

/** the code suffix names the unit: i271mb_high_2GB$ (USD), i271mb_high_2GB_GNI, i271mb_high_2GB_PPP */
export function basketUnit(code: string): Unit | undefined {
  if (code.endsWith("$")) return "USD";
  if (code.endsWith("_GNI")) return "% of GNI per capita";
  if (code.endsWith("_PPP")) return "PPP$";
  return undefined;
}

/** the file's own `unit` column (GNIpc, USD, PPP), compared with the code's unit but never used */
const DECLARED: Readonly<Record<string, Unit>> = { GNIpc: "% of GNI per capita", USD: "USD", PPP: "PPP$" };

export function detectPriceBaskets(header: readonly string[]): boolean {
  return PRICE_BASKET_KEY_COLUMNS.every((c) => header.includes(c));
}

/** one opened price-baskets file → the function that normalizes each of its records */
export function beginBasketFile(s: Pick<Snapshot, "file" | "vintage">, file: OpenedFile): (r: PriceBasketRecord, rec: RawRecord) => void {
  const seenUnknownSeries = new Set<string>();
  const seenUnknownEconomy = new Set<string>();
  const seenUnitMismatch = new Set<string>();
  return (r, rec) => {
    const code = r.code.trim();
    const unit = basketUnit(code);
    if (unit === undefined) {
      file.reject(rec, makeIssue("unknown_series", file.at(rec.line, "code"), { value: code }), !seenUnknownSeries.has(code));
      seenUnknownSeries.add(code);
      return;
    }
    const declared = DECLARED[r.unit.trim()];
    if (r.unit.trim() !== "" && declared !== unit && !seenUnitMismatch.has(code)) {
      seenUnitMismatch.add(code);
      file.issue(makeIssue("unit_mismatch", file.at(rec.line, "unit"), { series: code, declared: r.unit, used: unit }));
    }
    const iso = r.iso3.trim();
    const entity = resolveEntity("itu", iso, r.economy);
    if (entity === undefined) {
      file.reject(rec, makeIssue("unknown_economy", file.at(rec.line, "iso3"), { value: iso }), !seenUnknownEconomy.has(iso));
      seenUnknownEconomy.add(iso);
      return;
    }
    const year = /^\d{4}$/.test(r.year.trim()) ? Number(r.year.trim()) : NaN;
    if (!(year >= 1960 && year <= 2100)) {
      file.reject(rec, makeIssue("invalid_year", file.at(rec.line, "year"), { value: r.year }));
      return;
    }
    const value = numberOrReject(file, rec, r.value, file.at(rec.line, "value"));
    if (value === undefined) return;
    const status = BasketStatus.safeParse(r.status.trim());
    const row = {
      ...entity,
      indicator: code,
      indicator_name: r.basket_name,
      year,
      value,
      unit,
      source: "itu-price-baskets" as const,
      vintage: s.vintage,
      // kept in note as well, so readers of the plain Observation columns see it
      note: status.success && status.data !== "official" ? `status: ${status.data}` : "",
      source_text: "",
      raw_file: s.file,
      raw_line: rec.line,
      status: r.status.trim(),
    };
    keepValid(file, rec, PriceBasketObservation, row, { file: s.file, line: rec.line });
  };
}

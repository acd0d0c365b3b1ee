// OWID column title → a stable indicator code and unit; the CSV names a column only by its human title
import { Unit } from "@bycn/core";
import type { OwidMetadata } from "./schemas.js";

export interface OwidIndicator {
  code: string;
  unit: Unit;
}

/**
 * Columns whose original series is known. Evidence for IT.NET.USER.ZS: OWID's metadata for
 * share-of-individuals-using-the-internet cites "International Telecommunication Union (ITU), via World Bank",
 * its shortName is "it_net_user_zs", and the title equals WDI's Indicator Name for IT.NET.USER.ZS.
 */
const KNOWN: Readonly<Record<string, OwidIndicator>> = {
  "Individuals using the Internet (% of population)": { code: "IT.NET.USER.ZS", unit: "%" },
};

/** lower-case ascii slug: "High-income countries" → "high-income-countries" */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * The code and unit for a value column: the known table first; else owid:<metadata shortName or title slug>, with
 * the unit from the metadata when it names one of bycn's units. undefined when no unit can be decided.
 */
export function owidIndicator(title: string, meta: OwidMetadata | undefined): OwidIndicator | undefined {
  const known = KNOWN[title];
  if (known !== undefined) return known;
  const column = meta?.columns[title];
  const unit = [column?.shortUnit, column?.unit].map((u) => Unit.safeParse(u?.trim())).find((p) => p.success)?.data;
  if (unit === undefined) return undefined;
  const name = column?.shortName?.trim() || slug(title);
  return { code: `owid:${name}`, unit };
}

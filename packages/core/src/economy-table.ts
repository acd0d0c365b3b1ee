// the economy registry as a published table (dist/data/economies.*), and the foreign key every `economy` column takes to it
import { z } from "zod";
import { ECONOMIES } from "./_economies.js";
import type { DatasetSpec, ForeignKey } from "./step.js";

const d = (description: string) => ({ description });

/** One economy of bycn's registry: its code and the names the sources and the three languages use for it. */
export const EconomyRow = z.object({
  iso3: z.string().regex(/^[A-Z]{3}$/).meta(d("ISO 3166-1 alpha-3 code (WDI's XKX for Kosovo, CHI for the Channel Islands, ITU's ASC for Ascension).")),
  name: z.string().min(1).meta(d("English short name.")),
  itu_name: z.string().meta(d("ITU DataHub's spelling, where it differs from name.")),
  name_ru: z.string().min(1).meta(d("Russian name.")),
  name_be: z.string().min(1).meta(d("Belarusian name (official orthography).")),
  name_zh: z.string().min(1).meta(d("Chinese name.")),
  other_codes: z.string().meta(d("Other codes sources use for the economy, separated by ; (ITU's AAA for Guernsey, OWID_KOS).")),
});
export type EconomyRow = z.infer<typeof EconomyRow>;

export const ECONOMIES_DATASET = "economies";

export const economiesDataset: DatasetSpec = {
  name: ECONOMIES_DATASET,
  title: "Economies (bycn's economy registry)",
  description:
    "Every economy an ITU, WDI, OWID or IDI file reports on, with the code the datasets' economy columns use and its " +
    "names in English, ITU's spelling, Russian, Belarusian and Chinese. Regions and income groups are not economies and are not listed.",
  schema: EconomyRow,
  primaryKey: ["iso3"],
  sources: [],
};

/** the registry's rows, in registry order (the publisher sorts them by iso3) */
export function economyRows(): EconomyRow[] {
  return ECONOMIES.map((e) => ({
    iso3: e.iso3,
    name: e.name,
    itu_name: e.itu ?? "",
    name_ru: e.ru,
    name_be: e.be,
    name_zh: e.zh,
    other_codes: (e.codes ?? []).join(";"),
  }));
}

/** `economy` → economies.iso3; an empty economy (an aggregate's row) is missing, which a foreign key allows */
export const ECONOMY_FOREIGN_KEY: ForeignKey = { fields: ["economy"], reference: { resource: ECONOMIES_DATASET, fields: ["iso3"] } };

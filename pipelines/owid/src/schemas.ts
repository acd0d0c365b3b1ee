// the OWID grapher CSV as written (Entity, Code, Year, one column per indicator), its metadata JSON, and owid-indicators
import { observationDataset } from "@bycn/core";
import type { DatasetSpec } from "@bycn/core";
import { z } from "zod";

/** One record: entity name, its code ("" for OWID's regions and income groups), year, and value columns as text. */
export const OwidRecord = z
  .object({
    Entity: z.string().min(1),
    Code: z.string(),
    Year: z.string(),
  })
  .catchall(z.string());
export type OwidRecord = z.infer<typeof OwidRecord>;

export const OWID_KEY_COLUMNS = ["Entity", "Code", "Year"] as const;

/** the part of OWID's `<chart>.metadata.json` bycn reads: per value column, its short name and unit */
export const OwidMetadata = z.object({
  columns: z.record(
    z.string(),
    z.looseObject({
      shortName: z.string().optional(),
      shortUnit: z.string().optional(),
      unit: z.string().optional(),
      citationShort: z.string().optional(),
      lastUpdated: z.string().optional(),
    }),
  ),
});
export type OwidMetadata = z.infer<typeof OwidMetadata>;

export const OwidIndicators: DatasetSpec = observationDataset({
  name: "owid-indicators",
  title: "Our World in Data indicators",
  description:
    "OWID grapher series, one row per entity, indicator and year. indicator is the original source's code when " +
    "OWID republishes a known series (\"Individuals using the Internet (% of population)\" is WDI's " +
    "IT.NET.USER.ZS, ITU via World Bank), else owid:<short name>; indicator_name keeps OWID's column title. " +
    "Entities with an empty Code are OWID aggregates.",
  source: "owid",
});

// the three WDI bulk-download files as written (data, Metadata_Country, Metadata_Indicator) and the published datasets
import { observationDataset } from "@bycn/core";
import type { DatasetSpec } from "@bycn/core";
import { z } from "zod";

/** API_<code>_DS2_en_csv_v2_*.csv: one record per economy/aggregate and indicator, one column per year ("1960"…). */
export const WdiDataRecord = z
  .object({
    "Country Name": z.string(),
    "Country Code": z.string().min(1),
    "Indicator Name": z.string(),
    "Indicator Code": z.string().min(1),
  })
  .catchall(z.string());
export type WdiDataRecord = z.infer<typeof WdiDataRecord>;

/** Metadata_Country_*.csv: empty Region and IncomeGroup mark an aggregate (AFE, WLD, HIC…). */
export const WdiCountryRecord = z.object({
  "Country Code": z.string().min(1),
  Region: z.string(),
  IncomeGroup: z.string(),
  SpecialNotes: z.string(),
  TableName: z.string(),
});
export type WdiCountryRecord = z.infer<typeof WdiCountryRecord>;

/** Metadata_Indicator_*.csv: the indicator's name, definition and original source. */
export const WdiIndicatorRecord = z.object({
  INDICATOR_CODE: z.string().min(1),
  INDICATOR_NAME: z.string(),
  SOURCE_NOTE: z.string(),
  SOURCE_ORGANIZATION: z.string(),
});
export type WdiIndicatorRecord = z.infer<typeof WdiIndicatorRecord>;

export const WDI_DATA_KEY_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"] as const;

/** An economy or aggregate as the World Bank classifies it in Metadata_Country. */
export const WdiEconomy = z.object({
  code: z.string().min(1).meta({ description: "World Bank country or aggregate code (ISO3 for economies, e.g. XKX for Kosovo)." }),
  name: z.string().meta({ description: "World Bank's name (TableName)." }),
  region: z.string().meta({ description: "World Bank region; empty for aggregates." }),
  income_group: z.string().meta({ description: "World Bank income group; empty for aggregates." }),
  is_aggregate: z.boolean().meta({ description: "True when Region and IncomeGroup are both empty (a region, income group or the world)." }),
  special_notes: z.string().meta({ description: "World Bank's special notes; free text, kept as text." }),
  vintage: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: "Retrieval date of the raw snapshot." }),
  raw_file: z.string().min(1).meta({ description: "Raw file the row was read from." }),
  raw_line: z.number().int().positive().meta({ description: "Physical line of the record in the raw file." }),
});
export type WdiEconomy = z.infer<typeof WdiEconomy>;

/** A WDI indicator's definition from Metadata_Indicator. */
export const WdiSeries = z.object({
  indicator: z.string().min(1).meta({ description: "WDI indicator code." }),
  indicator_name: z.string().meta({ description: "WDI indicator name." }),
  source_note: z.string().meta({ description: "WDI definition of the indicator; free text." }),
  source_organization: z.string().meta({ description: "Original source named by the World Bank; free text." }),
  vintage: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: "Retrieval date of the raw snapshot." }),
  raw_file: z.string().min(1).meta({ description: "Raw file the row was read from." }),
  raw_line: z.number().int().positive().meta({ description: "Physical line of the record in the raw file." }),
});
export type WdiSeries = z.infer<typeof WdiSeries>;

export const WdiIndicators: DatasetSpec = observationDataset({
  name: "wdi-indicators",
  title: "World Bank WDI indicators",
  description:
    "WDI values, wide years turned long: one row per economy or aggregate, indicator and year with a value; " +
    "empty year cells are absent values and publish nothing. Aggregates are flagged from Metadata_Country when " +
    "the snapshot has it, else from the economy registry.",
  source: "wdi",
});

export const WdiEconomies: DatasetSpec = {
  name: "wdi-economies",
  title: "World Bank WDI economies and aggregates",
  description: "Metadata_Country as published: region, income group and the aggregate flag bycn derives from them.",
  schema: WdiEconomy,
  primaryKey: ["code"],
  sources: ["wdi"],
};

export const WdiSeriesSpec: DatasetSpec = {
  name: "wdi-series",
  title: "World Bank WDI indicator definitions",
  description: "Metadata_Indicator as published: name, definition and original source of each indicator.",
  schema: WdiSeries,
  primaryKey: ["indicator"],
  sources: ["wdi"],
};

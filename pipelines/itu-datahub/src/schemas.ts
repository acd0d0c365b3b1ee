// the ITU DataHub raw record as the file writes it, and the two published datasets
import { CategoricalObservation, ECONOMY_FOREIGN_KEY, observationDataset } from "@bycn/core";
import type { DatasetSpec } from "@bycn/core";
import { z } from "zod";

/** The ITU DataHub "download" CSV columns; every value is a string as in the file (dataValue is %g text). */
export const DatahubRecord = z
  .object({
    seriesID: z.string(),
    seriesCode: z.string().min(1),
    seriesName: z.string(),
    seriesParent: z.string(),
    seriesUnits: z.string(),
    entityID: z.string(),
    entityIso: z.string().min(1),
    entityName: z.string(),
    dataValue: z.string(),
    dataYear: z.string(),
    dataNote: z.string(),
    dataSource: z.string(),
    seriesDescription: z.string(),
  })
  // categorical exports append "dataValue 1" … "dataValue 11" (uas_policy.csv)
  .catchall(z.string());
export type DatahubRecord = z.infer<typeof DatahubRecord>;

/** the columns detect() needs to call a header an ITU DataHub export */
export const DATAHUB_KEY_COLUMNS = ["seriesCode", "entityIso", "dataValue", "dataYear"] as const;
export const DATAHUB_COLUMNS = Object.keys(DatahubRecord.shape) as (keyof typeof DatahubRecord.shape)[];

export const ItuIndicators: DatasetSpec = observationDataset({
  name: "itu-indicators",
  title: "ITU DataHub indicators",
  description:
    "Numeric ITU DataHub series, one row per economy, series code and year. The unit comes from the series code, " +
    "never from the file's seriesUnits column; values are ITU's %g text (6 significant digits) read as numbers.",
  source: "itu-datahub",
});

export const ItuPolicy: DatasetSpec = {
  name: "itu-policy",
  title: "ITU DataHub policy answers",
  description:
    "Categorical ITU DataHub series (ICT regulatory tracker, universal access policy): one row per answer. " +
    "answer_index 0 is dataValue; N is the file's \"dataValue N\" column.",
  schema: CategoricalObservation,
  primaryKey: ["entity", "indicator", "year", "answer_index"],
  sources: ["itu-datahub"],
  foreignKeys: [ECONOMY_FOREIGN_KEY],
};

// the observation datasets are declared alike: one row per entity, indicator and year, economy a foreign key
import { ECONOMY_FOREIGN_KEY } from "./economy-table.js";
import { Observation, type SourceId } from "./schemas.js";
import type { DatasetSpec } from "./step.js";

/** a dataset of `Observation` rows (or a schema extending it) from one source */
export function observationDataset(d: { name: string; title: string; description: string; source: SourceId; schema?: DatasetSpec["schema"] }): DatasetSpec {
  return {
    name: d.name,
    title: d.title,
    description: d.description,
    schema: d.schema ?? Observation,
    primaryKey: ["entity", "indicator", "year"],
    sources: [d.source],
    foreignKeys: [ECONOMY_FOREIGN_KEY],
  };
}

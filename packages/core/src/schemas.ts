// canonical zod schemas: the single source of truth for published rows, snapshot metadata and the source manifest
import { z } from "zod";

const Iso3 = z.string().regex(/^[A-Z]{3}$/, "ISO 3166-1 alpha-3 code");
/** A calendar date, yyyy-mm-dd: published as a Table Schema `date` (json schema format "date"). */
export const IsoDate = z.iso.date();
/** A date, or "" where the row has none (the csv's missing value; null in the json). */
export const IsoDateOrEmpty = z.union([IsoDate, z.literal("")]);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "lower-case hex sha256");

/** Source ids: one per raw/<source>/ folder and per pipeline. */
export const SourceId = z.enum(["itu-datahub", "itu-idi", "itu-price-baskets", "wdi", "owid", "belta", "article"]);
export type SourceId = z.infer<typeof SourceId>;

/** Units bycn publishes; a series' unit is decided from its code, never from the source's unit column. */
export const Unit = z.enum([
  "%",
  "per 100 inhabitants",
  "count",
  "% of GNI per capita",
  "USD",
  "PPP$",
  "bit/s",
  "score",
  "GB",
]);
export type Unit = z.infer<typeof Unit>;

/** One numeric value for one entity, indicator and year, from one source: the canonical long row. */
export const Observation = z.object({
  /** Stable entity key: ISO3 for economies, the source's code or a slug for aggregates. */
  entity: z.string().min(1).meta({ description: "Stable entity key: ISO3 for economies, the source's code or a slug for aggregates." }),
  /** ISO3 code of the economy; empty for aggregates. */
  economy: z.union([Iso3, z.literal("")]).meta({ description: "ISO 3166-1 alpha-3 code of the economy; empty for aggregates." }),
  /** The entity's English name from the registry (the source's own spelling when unknown). */
  entity_name: z.string().min(1).meta({ description: "English name of the entity, from the economy registry." }),
  /** True for regions, income groups and the world: not an economy. */
  is_aggregate: z.boolean().meta({ description: "True for regions, income groups and the world." }),
  /** The source's own series code (ITU seriesCode, WDI Indicator Code, OWID column). */
  indicator: z.string().min(1).meta({ description: "The source's own series code." }),
  /** The source's name for the series. */
  indicator_name: z.string().meta({ description: "The source's name for the series." }),
  /** Reference year the value describes. */
  year: z.number().int().min(1960).max(2100).meta({ description: "Reference year the value describes." }),
  /** The value, exactly as the source printed it, as a number. */
  value: z.number().finite().meta({ description: "The value as the source printed it." }),
  /** Unit, decided from the series code. */
  unit: Unit.meta({ description: "Unit of the value, decided from the series code." }),
  /** Source id (raw/<source>/). */
  source: SourceId.meta({ description: "Source id: the raw/<source>/ folder the row comes from." }),
  /** Retrieval date of the snapshot the row comes from (the data vintage). */
  vintage: IsoDate.meta({ description: "Retrieval date of the raw snapshot (the data vintage)." }),
  /** The source's note on the value (dataNote). */
  note: z.string().meta({ description: "The source's note on this value." }),
  /** The source's attribution text (dataSource); free text, never parsed. */
  source_text: z.string().meta({ description: "The source's attribution text; free text, kept as text." }),
  /** Path of the raw file, relative to the project root. */
  raw_file: z.string().min(1).meta({ description: "Raw file the row was read from, relative to the project." }),
  /** Physical line of the record in the raw file (1-based; quoted newlines count). */
  raw_line: z.number().int().positive().meta({ description: "Physical 1-based line of the record in the raw file." }),
});
export type Observation = z.infer<typeof Observation>;

/** One answer of a categorical (policy) series: dataValue plus its numbered answer columns, one row per answer. */
export const CategoricalObservation = z.object({
  entity: z.string().min(1).meta({ description: "ISO3 code of the economy." }),
  economy: Iso3.meta({ description: "ISO 3166-1 alpha-3 code of the economy." }),
  entity_name: z.string().min(1).meta({ description: "English name of the economy." }),
  indicator: z.string().min(1).meta({ description: "ITU series code." }),
  indicator_name: z.string().meta({ description: "ITU series name." }),
  parent: z.string().meta({ description: "ITU parent series code, if any." }),
  year: z.number().int().min(1960).max(2100).meta({ description: "Reference year." }),
  answer_index: z.number().int().min(0).meta({ description: "0 for dataValue, N for the 'dataValue N' column." }),
  answer: z.string().min(1).meta({ description: "The answer text as published." }),
  source: SourceId.meta({ description: "Source id." }),
  vintage: IsoDate.meta({ description: "Retrieval date of the raw snapshot." }),
  raw_file: z.string().min(1).meta({ description: "Raw file the row was read from." }),
  raw_line: z.number().int().positive().meta({ description: "Physical line of the record in the raw file." }),
});
export type CategoricalObservation = z.infer<typeof CategoricalObservation>;

/** `<file>.meta.json` beside every raw snapshot file. */
export const SnapshotMeta = z.object({
  source: SourceId,
  file: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1),
  origin: z.object({
    /** public URL the data is published at */
    url: z.url(),
    /** repository and path when the bytes came from a public repository copy */
    repository: z.string().optional(),
    path: z.string().optional(),
    commit: z.string().optional(),
  }),
  licence: z.string().min(1),
  retrieved: IsoDate,
  format: z.enum(["csv", "json"]),
  encoding: z.string().min(1),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
  /** how the file was made from the origin: which rows were kept, by which tool */
  derivation: z.string().optional(),
  etag: z.string().optional(),
  last_modified: z.string().optional(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

/** raw/sources.json: every source bycn reads and refreshes. */
export const SourceEntry = z.object({
  id: SourceId,
  title: z.string().min(1),
  publisher: z.string().min(1),
  /** where the publisher serves the data; for manual sources, the page a person reads them from */
  url: z.url({ protocol: /^https?$/ }),
  /** "http": `bycn refresh` fetches the files; "manual": snapshots are written by the project's own tools
   *  (transcriptions, the article's claims registry) and refresh skips the source */
  refresh: z.enum(["http", "manual"]).default("http"),
  licence: z.string().min(1),
  format: z.enum(["csv", "json"]),
  pipeline: z.string().min(1),
  files: z.array(
    z.object({
      name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a plain file name"),
      url: z.url({ protocol: /^https?$/ }).optional(),
    }),
  ),
});
export type SourceEntry = z.infer<typeof SourceEntry>;
const seconds = z.number().positive().max(86_400);

/** `"limits"` in raw/sources.json: what `bycn refresh` may spend, in seconds and bytes as a person writes them */
export const ManifestLimits = z.strictObject({
  connect_timeout_s: seconds.optional(),
  attempt_timeout_s: seconds.optional(),
  file_deadline_s: seconds.optional(),
  run_deadline_s: seconds.optional(),
  min_rate_bytes_per_s: z.number().int().nonnegative().optional(),
  min_rate_window_s: seconds.optional(),
  max_bytes: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(10).optional(),
  max_retry_after_s: seconds.optional(),
  max_shrink_percent: z.number().min(0).max(100).optional(),
});
export type ManifestLimits = z.infer<typeof ManifestLimits>;

// limits is kept loose here (refresh checks it strictly and names the bad key), so a bad block is refresh's finding,
// not a manifest that no command can read
export const SourceManifest = z.object({ version: z.literal(1), sources: z.array(SourceEntry), limits: z.unknown().optional() });
export type SourceManifest = z.infer<typeof SourceManifest>;

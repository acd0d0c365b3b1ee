// the BELTA-style raw record (Russian headers, all strings) and the published great-stone row
import type { DatasetSpec } from "@bycn/core";
import { IsoDate, IsoDateOrEmpty, SourceId, Unit } from "@bycn/core";
import { z } from "zod";

/** The raw table's columns, in file order, by their Russian header names. */
export const BELTA_COLUMNS = {
  date: "Дата",
  precision: "Точность даты",
  measure: "Показатель",
  value: "Значение",
  period: "Период",
  status: "Статус",
  horizon: "Срок",
  source: "Источник",
  note: "Примечание",
} as const;
export type BeltaField = keyof typeof BELTA_COLUMNS;

/** One raw record as the table writes it: every cell a string, keyed by our field names. */
export const BeltaRecord = z.object({
  date: z.string(),
  precision: z.string(),
  measure: z.string(),
  value: z.string(),
  period: z.string(),
  status: z.string(),
  horizon: z.string(),
  source: z.string(),
  note: z.string(),
});
export type BeltaRecord = z.infer<typeof BeltaRecord>;

/** What each figure counts. Flows (new_residents, exited_residents) always carry a period. */
export const Measure = z.enum([
  "residents_total",
  "countries",
  "declared_investment_usd",
  "actual_investment_usd",
  "jobs",
  "new_residents",
  "exited_residents",
]);
export type Measure = z.infer<typeof Measure>;

/** measures that only exist as flows over a period */
export const FLOW_MEASURES: ReadonlySet<Measure> = new Set(["new_residents", "exited_residents"]);

export const MEASURE_UNIT: Record<Measure, Unit> = {
  residents_total: "count",
  countries: "count",
  declared_investment_usd: "USD",
  actual_investment_usd: "USD",
  jobs: "count",
  new_residents: "count",
  exited_residents: "count",
};

/** the Russian names the table uses for each measure (compared after normalizeLabel) */
export const MEASURE_LABELS: Record<Measure, string> = {
  residents_total: "Количество резидентов",
  countries: "Количество стран",
  declared_investment_usd: "Заявленный объём инвестиций",
  actual_investment_usd: "Привлечённые инвестиции",
  jobs: "Рабочие места",
  new_residents: "Новые резиденты",
  exited_residents: "Выбывшие резиденты",
};

export const Precision = z.enum(["day", "month", "half-year", "year", "unknown"]);
export type Precision = z.infer<typeof Precision>;

export const PRECISION_LABELS: Record<Precision, string> = {
  day: "день",
  month: "месяц",
  "half-year": "полугодие",
  year: "год",
  unknown: "неизвестна",
};

export const Status = z.enum(["actual", "plan", "target"]);
export type Status = z.infer<typeof Status>;

export const STATUS_LABELS: Record<Status, string> = { actual: "факт", plan: "план", target: "цель" };

/** How the source bounds the number: "более 1 000" is more_than 1000, "почти 1,35 млрд" is almost 1.35e9. */
export const Qualifier = z.enum(["exact", "about", "more_than", "less_than", "almost"]);
export type Qualifier = z.infer<typeof Qualifier>;

/** the words (lower case) and signs a value cell may open with */
export const QUALIFIER_WORDS: Record<Exclude<Qualifier, "exact">, readonly string[]> = {
  about: ["около", "примерно", "порядка", "~", "≈"],
  more_than: ["более", "свыше", "больше", ">"],
  less_than: ["менее", "меньше", "<"],
  almost: ["почти"],
};


/** One reported figure on the China–Belarus Industrial Park "Great Stone". */
export const GreatStoneRow = z.object({
  as_of: IsoDate.meta({
    description:
      "Date the figure describes: the LAST day of the period the source names (12.2019 → 2019-12-31, 2023 → 2023-12-31, 1st half 2023 → 2023-06-30); the figure held at some day between the period's first day and as_of.",
  }),
  as_of_precision: Precision.meta({
    description: "How wide the date is: day, month, half-year, year; unknown for an approximate date the source gives no width for.",
  }),
  measure: Measure.meta({ description: "What the figure counts (see the dataset description)." }),
  value: z.number().finite().nonnegative().meta({ description: "The figure in base units: USD for investment, a count otherwise." }),
  unit: Unit.meta({ description: "USD or count, decided by the measure." }),
  qualifier: Qualifier.meta({
    description: "exact; about (около); more_than (более: value is a lower bound); less_than (менее); almost (почти: just under value).",
  }),
  status: Status.meta({ description: "actual, or plan / target: plans and targets are never actuals." }),
  period: z.string().meta({
    description:
      "For a flow, the period it covers: 2023, 2023-H1, 2019-10, 2019-07-02, or 2024-01-01/2024-05-18 for a year to the report date; empty for a level as of as_of.",
  }),
  period_start: IsoDateOrEmpty.meta({ description: "First day of period; empty when period is empty." }),
  period_end: IsoDateOrEmpty.meta({ description: "Last day of period; empty when period is empty." }),
  horizon: IsoDateOrEmpty.meta({ description: "For a plan or target, the last day of the period it is set for; empty otherwise or when unstated." }),
  source_url: z.url().meta({ description: "The page that reported the figure." }),
  note: z.string().meta({ description: "The table's note on the figure, as written (Russian)." }),
  source: SourceId.meta({ description: "Source id: belta." }),
  vintage: IsoDate.meta({ description: "Retrieval date of the raw snapshot (the data vintage)." }),
  raw_file: z.string().min(1).meta({ description: "Raw file the row was read from, relative to the project." }),
  raw_line: z.number().int().positive().meta({ description: "Physical 1-based line of the figure in the raw file." }),
});
export type GreatStoneRow = z.infer<typeof GreatStoneRow>;

export const GreatStone: DatasetSpec = {
  name: "great-stone",
  title: "China–Belarus Industrial Park Great Stone: reported figures",
  description:
    "Figures on the Great Stone park as news agencies reported them (BELTA and reprints), one row per figure: residents " +
    "(residents_total, a level), countries of origin (countries), declared and actually attracted investment in USD " +
    "(declared_investment_usd, actual_investment_usd), jobs, and the flows new_residents / exited_residents over their " +
    "period. A level with a period is the amount added during that period (investment made in 2022). Plans and targets " +
    "(status) are kept apart from actuals and never enter the consistency checks. Undated figures are in the rejects.",
  schema: GreatStoneRow,
  primaryKey: ["as_of", "measure", "raw_file", "raw_line"],
  sources: ["belta"],
};

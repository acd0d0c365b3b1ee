// what the checker sees of the published datasets: data points by subject and series, plus snapshot checksums
import { groupBy, type Observation } from "@bycn/core";

/** One value the checker can hold a claim against, with where it came from. */
export interface DataPoint {
  /** published dataset name, e.g. itu-indicators, wdi-indicators, great-stone */
  dataset: string;
  /** source id of the raw folder (itu-datahub, wdi, owid, belta…) */
  source: string;
  /** ISO3 code, or GREAT_STONE for the park */
  subject: string;
  /** display name of the subject */
  subject_name: string;
  /** the source's series code or measure name */
  series: string;
  /** the source's name for the series, when it has one */
  series_name?: string;
  year: number;
  value: number;
  raw_file: string;
  raw_line: number;
  /** retrieval date of the snapshot (yyyy-mm-dd), "" when unknown */
  vintage: string;
  /** date the value describes, when finer than a year (park figures); yyyy, yyyy-mm or yyyy-mm-dd */
  as_of?: string;
  /** earliest day the value may describe when as_of is the end of a wider period (a year, a month) */
  earliest?: string;
  /** the source gives a bound, not a value: "more than 1,000" is a lower bound, "less than"/"almost" an upper one */
  bound?: "lower" | "upper";
  /** why this point is not a plain value for its year (a plan, a target, a part of the year); such points are
   *  only ever an alternative reading, never a confirmation */
  qualifier?: string;
  /** a plan, target, forecast or expectation: never confirms and never "matches another year", context only */
  plan?: boolean;
  /** unit of value as the dataset publishes it (USD, %, count…) */
  unit?: string;
  /** primary: the publisher's own file or its official republication; secondary: a transcription by a third party */
  tier?: Tier;
  /** the value is keyed by a publication edition (IDI 2024), not by the year it describes: never compared across editions */
  edition?: boolean;
  /** the report's date as precisely as the source gives it ("2025, year only"); absent when the year says it all */
  dated?: string;
  /** why the published row is flagged as implausible (its flag column), when it is */
  flag?: string;
}

export type Tier = "primary" | "secondary";

/** sources whose files are not the publisher's own: raw/itu-idi is a Wikipedia table citing ITU (its meta says so) */
export const SECONDARY_SOURCES: ReadonlySet<string> = new Set(["itu-idi"]);

/** datasets whose year is a publication edition: an IDI 2024 score is not an IDI 2023 score one year later */
export const EDITION_DATASETS: ReadonlySet<string> = new Set(["idi-scores"]);

/** Access to every data point the claims may be checked against. */
export interface ClaimData {
  /** every point for a subject and series code, from every dataset and vintage (any order) */
  points(subject: string, series: string): readonly DataPoint[];
  /** sha256 of a raw snapshot file by its path as it appears in raw_file */
  sha256(rawFile: string): string | undefined;
}

/** Turns one dataset's published rows into data points; one adapter per row shape. */
export interface DataAdapter<Row> {
  dataset: string;
  toPoints(rows: readonly Row[]): DataPoint[];
}

/** canonical Observation rows (itu-indicators, idi-scores, wdi-indicators, owid-indicators, itu-price-baskets);
 *  `qualify` names rows that may only be an alternative reading (an experimental price, say) */
export function observationAdapter<Row extends Observation = Observation>(
  dataset: string,
  qualify?: (row: Row) => string | undefined,
): DataAdapter<Row> {
  return {
    dataset,
    toPoints: (rows) =>
      rows
        // aggregates have no ISO3 code and no claim names them
        .filter((r) => r.economy !== "")
        .map((r) => withQualifier(qualify?.(r), {
          dataset,
          source: r.source,
          subject: r.economy,
          subject_name: r.entity_name,
          series: r.indicator,
          series_name: r.indicator_name,
          year: r.year,
          value: r.value,
          raw_file: r.raw_file,
          raw_line: r.raw_line,
          vintage: r.vintage,
          unit: r.unit,
          tier: SECONDARY_SOURCES.has(r.source) ? "secondary" : "primary",
          ...(EDITION_DATASETS.has(dataset) ? { edition: true } : {}),
          ...(flagOf(r) !== "" ? { flag: flagOf(r) } : {}),
        })),
  };
}

/** the flag column observation datasets publish (absent on rows that never went through plausibility) */
function flagOf(r: Observation): string {
  const flag = (r as Observation & { flag?: unknown }).flag;
  return typeof flag === "string" ? flag : "";
}

function withQualifier(qualifier: string | undefined, p: DataPoint): DataPoint {
  if (qualifier !== undefined) p.qualifier = qualifier;
  return p;
}

/** itu-price-baskets rows: only ITU's official prices stand for their year; experimental and out-of-range ones
 *  ("year outside BasketHistory range") are alternatives */
export function priceBasketAdapter(dataset = "itu-price-baskets"): DataAdapter<Observation & { status: string }> {
  return observationAdapter<Observation & { status: string }>(dataset, (r) => (r.status === "official" ? undefined : `${r.status} price`));
}

/** The fields of a Great Stone park row the checker reads (the great-stone dataset's published row). */
export interface ParkRow {
  /** the last day of the period the source names (2023 → 2023-12-31) */
  as_of: string;
  /** day, month, half-year, year or unknown: how far before as_of the figure may describe */
  as_of_precision: string;
  /** residents_total, countries, declared_investment_usd, actual_investment_usd, jobs, new_residents */
  measure: string;
  value: number;
  /** the period a flow covers ("2024", "2023-H1"…); empty for stocks */
  period: string;
  status: string;
  /** exact, about, more_than, less_than, almost */
  qualifier?: string;
  source_url: string;
  raw_file: string;
  raw_line: number;
  vintage?: string;
}

export const PARK = "GREAT_STONE";

/** the park's measures as a reader names them */
const PARK_MEASURE_NAMES: Readonly<Record<string, string>> = {
  residents_total: "number of residents",
  countries: "number of residents' home countries",
  declared_investment_usd: "declared investment",
  actual_investment_usd: "investment attracted",
  jobs: "jobs",
  new_residents: "new residents",
  exited_residents: "residents that left",
};
const YEAR = /^\d{4}$/;
const DATED_FOLDER = /(?:^|\/)(\d{4}-\d{2}-\d{2})\//;

/** Great Stone rows: a flow's year is its period's year; a stock's year is the year of its date */
export function greatStoneAdapter(dataset = "great-stone"): DataAdapter<ParkRow> {
  return {
    dataset,
    toPoints: (rows) =>
      rows.flatMap((r) => {
        const period = r.period.trim();
        const yearText = period !== "" ? period.slice(0, 4) : r.as_of.slice(0, 4);
        if (!YEAR.test(yearText)) return []; // undated figures cannot stand for any year
        const qualifiers: string[] = [];
        const plan = r.status !== "actual";
        if (plan) qualifiers.push(`${r.status} figure`);
        if (period !== "" && !YEAR.test(period)) qualifiers.push(`part of a year (${period})`);
        const point: DataPoint = {
          dataset,
          source: "belta",
          subject: PARK,
          subject_name: "Great Stone park",
          series: r.measure,
          series_name: PARK_MEASURE_NAMES[r.measure] ?? r.measure.replaceAll("_", " "),
          year: Number(yearText),
          value: r.value,
          raw_file: r.raw_file,
          raw_line: r.raw_line,
          vintage: r.vintage ?? DATED_FOLDER.exec(r.raw_file)?.[1] ?? "",
          as_of: r.as_of,
          unit: r.measure.endsWith("_usd") ? "USD" : "count",
          tier: "primary",
          dated: datedText(r.as_of, r.as_of_precision),
        };
        if (plan) point.plan = true;
        if (qualifiers.length > 0) point.qualifier = qualifiers.join(", ");
        const earliest = earliestDay(r.as_of, r.as_of_precision);
        if (earliest !== undefined) point.earliest = earliest;
        if (r.qualifier === "more_than") point.bound = "lower";
        if (r.qualifier === "less_than" || r.qualifier === "almost") point.bound = "upper";
        return [point];
      }),
  };
}

/** a report date as precisely as the source gives it: never a day it does not name */
export function datedText(asOf: string, precision: string): string {
  switch (precision) {
    case "day":
      return asOf;
    case "month":
      return `${asOf.slice(0, 7)} (month only)`;
    case "half-year":
      return `${Number(asOf.slice(5, 7)) <= 6 ? "first" : "second"} half of ${asOf.slice(0, 4)} (no day given)`;
    case "year":
      return `${asOf.slice(0, 4)} (year only, no day given)`;
    default:
      return `about ${asOf} (approximate date)`;
  }
}

/** first day of the period that ends on as_of: 2023-12-31 at year precision → 2023-01-01; unknown width → undefined */
export function earliestDay(asOf: string, precision: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!m) return /^\d{4}(-\d{2})?$/.test(asOf) ? asOf : undefined;
  const [, y, mo] = m;
  switch (precision) {
    case "day":
      return asOf;
    case "month":
      return `${y}-${mo}-01`;
    case "half-year":
      return `${y}-${Number(mo) <= 6 ? "01" : "07"}-01`;
    case "year":
      return `${y}-01-01`;
    default:
      return undefined;
  }
}

/** Index data points by subject and series; sha256 by raw file path. */
export function buildClaimData(points: readonly DataPoint[], sha256: ReadonlyMap<string, string> | Record<string, string>): ClaimData {
  const index = groupBy(points, (p) => `${p.subject}\u0000${p.series}`);
  const sums: ReadonlyMap<string, string> = sha256 instanceof Map ? sha256 : new Map(Object.entries(sha256));
  return {
    points: (subject, series) => index.get(`${subject}\u0000${series}`) ?? [],
    sha256: (rawFile) => sums.get(rawFile),
  };
}

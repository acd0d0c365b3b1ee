// the Great Stone park: reported figures over time, conflicting reports marked
import { num, text, type DistView, type Row } from "./dist.js";
import { RESOURCES, printedValue, type Claim } from "./model.js";
import type { Uncharted } from "./groups.js";

export interface ParkPoint {
  asOf: string;
  /** fractional year of as_of (x position) */
  x: number;
  /** for a figure over a period: fractional year of the period's first day */
  start: number | undefined;
  value: number;
  qualifier: string;
  precision: string;
  period: string;
  sourceUrl: string;
  rawFile: string;
  rawLine: number | undefined;
  /** another actual report for the same period gives a different value */
  conflict: boolean;
}

export interface ParkChart {
  measure: string;
  title: string;
  unit: string;
  points: ParkPoint[];
  marks: { claim: Claim; value: number }[];
  /** plans and targets left out */
  notActual: number;
}

const PARK_MEASURES: Record<string, string> = {
  residents_total: "Residents of the park",
  new_residents: "New residents per period",
  exited_residents: "Residents that left, per period",
  countries: "Countries of origin of residents",
  declared_investment_usd: "Declared investment",
  actual_investment_usd: "Investment actually made",
  jobs: "Jobs",
};

export function parkMeasureTitle(measure: string): string {
  return Object.hasOwn(PARK_MEASURES, measure) ? (PARK_MEASURES[measure] as string) : measure.replace(/_/g, " ");
}

export function parkChartsOf(view: DistView, claims: readonly Claim[]): { charts: ParkChart[]; uncharted: Uncharted[] } {
  const table = view.tables.get(RESOURCES.greatStone);
  const park = claims.filter((c) => !/^[A-Z]{3}$/.test(c.subject) && !c.derived);
  // known measures in the order of PARK_MEASURES (residents first), unknown ones after them in claims order
  const known = Object.keys(PARK_MEASURES);
  const rank = (m: string) => (known.includes(m) ? known.indexOf(m) : known.length);
  const measures = [...new Set(park.map((c) => c.measure))].map((m, i) => ({ m, i })).sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i).map((x) => x.m);
  const charts: ParkChart[] = [];
  const uncharted: Uncharted[] = [];
  for (const measure of measures) {
    const mine = park.filter((c) => c.measure === measure);
    const rows = (table?.rows ?? []).filter((r) => text(r, "measure") === measure);
    const actual = rows.filter((r) => text(r, "status") === "actual" && num(r, "value") !== undefined && yearFraction(text(r, "as_of")) !== undefined);
    if (actual.length === 0) {
      uncharted.push({ what: `${parkMeasureTitle(measure)} (${measure})`, claims: mine.map((c) => c.id), reason: rows.length > 0 ? "the data hold only plans or targets" : "no figure of this measure is in the data" });
      continue;
    }
    const points = markConflicts(actual.map(toParkPoint));
    const marks = mine.flatMap((c) => {
      const value = printedValue(c.printed, c.unit);
      return value === undefined ? [] : [{ claim: c, value }];
    });
    charts.push({ measure, title: parkMeasureTitle(measure), unit: text(actual[0] as Row, "unit"), points, marks, notActual: rows.length - actual.length });
  }
  return { charts, uncharted };
}

/** a level sits at its date; a figure over a period (a flow, or an amount added during a period) sits at the period's end */
function toParkPoint(r: Row): ParkPoint {
  const asOf = text(r, "as_of");
  const start = text(r, "period_start");
  const end = yearFraction(text(r, "period_end"));
  return {
    asOf,
    x: start !== "" && end !== undefined ? end : (yearFraction(asOf) as number),
    start: start === "" ? undefined : yearFraction(start),
    value: num(r, "value") as number,
    qualifier: text(r, "qualifier"),
    precision: text(r, "as_of_precision"),
    period: text(r, "period"),
    sourceUrl: text(r, "source_url"),
    rawFile: text(r, "raw_file"),
    rawLine: num(r, "raw_line"),
    conflict: false,
  };
}

/** reports of one period (a flow's period, a level's date) that disagree are all flagged */
function markConflicts(points: ParkPoint[]): ParkPoint[] {
  const key = (p: ParkPoint) => (p.period !== "" ? `p:${p.period}` : `d:${p.asOf}`);
  const values = new Map<string, Set<number>>();
  for (const p of points) values.set(key(p), (values.get(key(p)) ?? new Set()).add(p.value));
  return points.map((p) => ({ ...p, conflict: (values.get(key(p))?.size ?? 0) > 1 }));
}

/** yyyy-mm-dd → year + fraction of the year elapsed before that day (2024-01-01 → 2024) */
export function yearFraction(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]);
  const t = Date.UTC(y, Number(m[2]) - 1, Number(m[3]));
  const t0 = Date.UTC(y, 0, 1);
  const t1 = Date.UTC(y + 1, 0, 1);
  return y + (t - t0) / (t1 - t0);
}

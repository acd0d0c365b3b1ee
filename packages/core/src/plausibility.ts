// plausibility: values outside physical and historical bounds, or jumping more than a year allows, are published flagged
import { z } from "zod";
import { type Issue, makeIssue } from "./issues.js";
import type { Observation, Unit } from "./schemas.js";
import type { DatasetSpec } from "./step.js";

/** What a believable value of a series looks like; declared per unit here and per series beside each pipeline's units. */
export interface Plausible {
  min: number;
  max: number;
  /** largest believable year-on-year change of a share, in percentage points */
  maxPoints?: number;
  /** largest believable year-on-year ratio of a level (either way) */
  maxRatio?: number;
  /** why these bounds, in a few words (shown in the issue) */
  why: string;
}

/** bounds by unit, for series no pipeline declares bounds for */
export const UNIT_PLAUSIBLE: Readonly<Record<Unit, Plausible>> = {
  // every "%" series bycn publishes is a share of people, households or population
  // no jump rule: coverage shares leap when a network is rolled out (5G in Lithuania: 31.9 to 90.9 in a year)
  "%": { min: 0, max: 100, why: "a share lies in 0–100" },
  // several SIMs per person are common (mobile broadband near 200 in Poland), 400 is not
  // no jump rule: subscriptions multiply from a small base in a launch year
  "per 100 inhabitants": { min: 0, max: 400, why: "per-100 series may exceed 100 but not 400" },
  count: { min: 0, max: 1e10, why: "a count is not negative and not above ten billion" },
  // ITU's poorest economies pay several times their monthly income per capita for a basket, never 10 times it
  "% of GNI per capita": { min: 0, max: 1000, why: "a basket costs 0–1000% of monthly GNI per capita" },
  USD: { min: 0, max: 10000, why: "a monthly basket costs 0–10,000 USD" },
  "PPP$": { min: 0, max: 10000, why: "a monthly basket costs 0–10,000 PPP$" },
  // national averages of fixed-broadband download speed: above 1 Mbit/s since broadband exists, far below 10 Gbit/s
  "bit/s": { min: 1e6, max: 1e10, maxRatio: 20, why: "a national average download speed lies between 1 Mbit/s and 10 Gbit/s" },
  score: { min: 0, max: 100, why: "an index score lies in 0–100" },
  GB: { min: 0, max: 1e5, why: "traffic per subscription per year lies below 100,000 GB" },
};

/** the flag column every observation dataset publishes */
export const Flag = z.string().meta({
  description: "Empty, or why the value is implausible (outside its series' bounds or a jump no year allows); the value stays as the source printed it.",
});

/** observation datasets (entity, indicator, year, value, unit) publish a flag column */
export function withFlag(spec: DatasetSpec): DatasetSpec {
  const shape = spec.schema.shape as Record<string, unknown>;
  if (!["entity", "indicator", "year", "value", "unit"].every((k) => k in shape) || "flag" in shape) return spec;
  return { ...spec, schema: spec.schema.extend({ flag: Flag }) };
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e6 ? x.toExponential().replace("e+", "e") : String(Number(x.toPrecision(6)));
}

/** why one value is implausible against its bounds and the value of the year before, or undefined */
function reasonOf(row: Observation, previous: Observation | undefined, p: Plausible): string | undefined {
  if (row.value < p.min || row.value > p.max) return `outside ${fmt(p.min)}–${fmt(p.max)} ${row.unit} (${p.why})`;
  if (!previous || previous.year !== row.year - 1) return undefined;
  if (p.maxPoints !== undefined && Math.abs(row.value - previous.value) > p.maxPoints) {
    return `moves ${fmt(Math.abs(row.value - previous.value))} points from ${previous.year}, more than ${p.maxPoints} a year`;
  }
  if (p.maxRatio !== undefined && previous.value > 0 && row.value > 0) {
    const ratio = Math.max(row.value / previous.value, previous.value / row.value);
    if (ratio > p.maxRatio) return `changes ${ratio.toPrecision(3)}-fold from ${previous.year}, more than ${p.maxRatio}-fold a year`;
  }
  return undefined;
}

/**
 * Flag implausible values: each row gets `flag` ("" when plausible) and each flagged row one implausible_value warning
 * at its raw line, quoting the raw record. Rows are never dropped or changed: a flagged value is still what the
 * source printed. A jump is judged against the previous year of the same entity, series and file; the previous value
 * is only compared when it is itself within bounds.
 */
export function flagImplausible<R extends Observation>(
  rows: readonly R[],
  plausibleOf: (row: R) => Plausible | undefined,
  rawText: (file: string, line: number) => string,
): { rows: (R & { flag: string })[]; issues: Issue[] } {
  const byKey = new Map<string, R[]>();
  for (const r of rows) {
    const key = `${r.entity}\u0000${r.indicator}\u0000${r.raw_file}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const flags = new Map<R, string>();
  for (const list of byKey.values()) {
    list.sort((a, b) => a.year - b.year);
    let previous: R | undefined;
    for (const r of list) {
      const p = plausibleOf(r);
      const reason = p ? reasonOf(r, previous, p) : undefined;
      if (reason !== undefined) flags.set(r, reason);
      const inBounds = p === undefined || (r.value >= p.min && r.value <= p.max);
      previous = inBounds ? r : undefined;
    }
  }
  const issues: Issue[] = [];
  const out = rows.map((r) => {
    const reason = flags.get(r);
    if (reason !== undefined) {
      issues.push(
        makeIssue("implausible_value", { file: r.raw_file, line: r.raw_line }, {
          series: r.indicator,
          entity: r.entity,
          year: r.year,
          value: r.value,
          unit: r.unit,
          reason,
          raw: rawText(r.raw_file, r.raw_line),
        }),
      );
    }
    return { ...r, flag: reason === undefined ? "" : `implausible_value: ${reason}` };
  });
  return { rows: out, issues };
}

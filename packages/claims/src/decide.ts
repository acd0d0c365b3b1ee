// decide: each claim against every reading, year, source and vintage of the data, as facts keyed on the verdict
import { economyByIso3 } from "@bycn/core";
import { type ClaimData, type DataPoint, PARK } from "./data.js";
import { type Decimal, add, compare, fromNumber, parsePrinted, sub, toNumber } from "./decimal.js";
import { type Reading, parseReadings, sameFigure, seriesPer } from "./series.js";
import { type Target, absDec, fits, fitsValue, targetOf, truncatesTo, byRounding } from "./target.js";
import type { Claim } from "./verdict.js";

/** one value a claim can be held against: a data point, or the mean of several points of one year and file */
export interface Candidate {
  reading: string;
  /** the reading as a reader would name it */
  label: string;
  /** index of the reading in the claim (ordering) */
  order: number;
  year: number;
  /** in the data's unit */
  value: Decimal;
  points: DataPoint[];
  /** plan, target, part-year or unofficial figure: never a confirmation */
  qualifier: string | undefined;
  /** the value's unit when it is not the points' own (a rank) */
  unit?: string;
}

/** what the explanation adds beside the verdict; none of these changes it */
export type Caveat =
  /** a value reported after the latest date the figure can describe: later context only */
  | { kind: "later"; candidate: Candidate }
  /** a plan or target that fits the printed value in number: context only, never a match */
  | { kind: "plan"; candidate: Candidate }
  /** the deciding report is dated only to a month, a year or approximately, a span that reaches past as_of */
  | { kind: "partly_dated"; point: DataPoint }
  /** the registry's wording gives the figure a period its series does not have (monthly vs a yearly total) */
  | { kind: "wording"; said: string; basis: string; series: string };

export type Unverifiable =
  | { kind: "not_a_number" }
  | { kind: "bad_readings"; message: string }
  /** no usable value for the reference year (or by as_of); `years` are the years with usable values */
  | { kind: "no_value"; series: string[]; years: number[]; latest: Candidate | undefined }
  /** values keyed by edition exist only for other editions */
  | { kind: "other_editions"; editions: number[] }
  | { kind: "derived_invalid"; message: string };

interface Base {
  claim: Claim;
  /** the subject as a reader names it */
  name: string;
  caveats: Caveat[];
}

/** The verdict as facts: the numbers, years, readings and evidence that decided it. `explain` words it. */
export type Decision =
  | (Base & { verdict: "confirmed"; target: Target; evidence: Candidate; fit: Candidate[]; misfit: Candidate[]; several: boolean })
  | (Base & { verdict: "matches_other_year"; target: Target; evidence: Candidate; atRef: Candidate[] })
  | (Base & { verdict: "contradicted"; target: Target; evidence: Candidate; others: Candidate[]; otherYears: boolean; truncated: boolean })
  | (Base & { verdict: "unverifiable"; target: Target | undefined; why: Unverifiable })
  | (Base & {
      verdict: "consistent" | "inconsistent";
      target: Target;
      formula: string;
      parts: Claim[];
      /** the formula over the parts' printed values */
      recomputed: Decimal;
      /** the formula over the data values the parts were checked against, when every part has one */
      fromData: { values: number[]; result: number } | undefined;
    });

function sortCandidates(list: Candidate[]): Candidate[] {
  const key = (c: Candidate): [string, string, string, number] => [c.points[0]!.vintage, c.points[0]!.dataset, c.points[0]!.raw_file, c.points[0]!.raw_line];
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return list.sort((a, b) => {
    const [va, da, fa, la] = key(a);
    const [vb, db, fb, lb] = key(b);
    // primary sources first, then newest vintage first
    return a.order - b.order || a.year - b.year || tierRank(a) - tierRank(b) || cmp(vb, va) || cmp(da, db) || cmp(fa, fb) || la - lb;
  });
}

const tierRank = (c: Candidate): number => (c.points.some((p) => p.tier === "secondary") ? 1 : 0);

/** a point dated after the latest date the figure can describe cannot be what it describes */
function postdates(p: DataPoint, asOf: string): boolean {
  // a park figure dated "2025" ends on 2025-12-31 but may describe any day of 2025: compare its earliest day
  const from = p.as_of === undefined ? undefined : p.earliest ?? (p.as_of.length === 10 ? undefined : p.as_of);
  if (asOf === "" || from === undefined || !/^\d{4}/.test(from)) return false;
  const n = Math.min(from.length, asOf.length);
  return from.slice(0, n) > asOf.slice(0, n);
}

/** every value of every reading; points dated after as_of go to `later` */
function candidatesOf(claim: Claim, readings: Reading[], data: ClaimData): { usable: Candidate[]; later: Candidate[] } {
  const usable: Candidate[] = [];
  const later: Candidate[] = [];
  const several = readings.length > 1;
  const put = (c: Candidate): void => {
    (c.points.some((p) => postdates(p, claim.as_of)) ? later : usable).push(c);
  };
  readings.forEach((r, order) => {
    if (r.expr.kind === "series") {
      for (const code of sameFigure(r.expr.series)) {
        const reading = several ? `${r.label} (${code})` : code;
        for (const p of data.points(claim.subject, code)) {
          const named = p.series_name !== undefined && p.series_name !== "" && p.series_name !== code ? `${p.series_name} (${code})` : code;
          put({ reading, label: several ? reading : named, order, year: p.year, value: fromNumber(p.value), points: [p], qualifier: p.qualifier });
        }
      }
      return;
    }
    if (r.expr.kind === "rank") {
      // the subject's place among the group on one series, from values of one year, file and vintage
      const { series, group, ascending } = r.expr;
      const members = group.includes(claim.subject) ? group : [...group, claim.subject];
      const reading = `${r.label} (place by ${series} among ${members.join(", ")}, ${ascending ? "lowest" : "highest"} first)`;
      const label = `place by ${series} among ${members.join(", ")} (${ascending ? "lowest" : "highest"} first)`;
      for (const p of data.points(claim.subject, series)) {
        const values = members.map((m) => data.points(m, series).find((q) => q.year === p.year && q.raw_file === p.raw_file && q.vintage === p.vintage)?.value);
        if (values.some((v) => v === undefined)) continue;
        const rank = 1 + (values as number[]).filter((v) => (ascending ? v < p.value : v > p.value)).length;
        put({ reading, label, order, year: p.year, value: fromNumber(rank), points: [p], qualifier: p.qualifier, unit: "rank" });
      }
      return;
    }
    // mean of series: values of the same year from the same file and vintage
    const [first, ...rest] = r.expr.series;
    const reading = `${r.label} (mean of ${r.expr.series.join(", ")})`;
    for (const p of data.points(claim.subject, first!)) {
      const others = rest.map((code) =>
        data.points(claim.subject, code).find((q) => q.year === p.year && q.raw_file === p.raw_file && q.vintage === p.vintage),
      );
      if (others.some((q) => q === undefined)) continue;
      const parts = [p, ...(others as DataPoint[])];
      const sum = parts.reduce((acc, q) => add(acc, fromNumber(q.value)), { m: 0n, e: 0 } as Decimal);
      const value = fromNumber(toNumber(sum) / parts.length);
      const qualifier = parts.map((q) => q.qualifier).find((q) => q !== undefined);
      put({ reading, label: reading, order, year: p.year, value, points: parts, qualifier });
    }
  });
  return { usable: sortCandidates(usable), later: sortCandidates(later) };
}

const isPlan = (c: Candidate): boolean => c.points.some((p) => p.plan === true);
const fitsCandidate = (c: Candidate, t: Target): boolean => fitsValue(c.value, c.points, t);

/** the series codes a reading reads */
function seriesOf(r: Reading): readonly string[] {
  return r.expr.kind === "series" ? sameFigure(r.expr.series) : r.expr.kind === "mean" ? r.expr.series : [r.expr.series];
}

function nameOf(claim: Claim, data: ClaimData, readings: Reading[]): string {
  for (const r of readings) {
    for (const code of seriesOf(r)) {
      const p = data.points(claim.subject, code)[0];
      if (p) return p.subject_name;
    }
  }
  return claim.subject === PARK ? "Great Stone park" : economyByIso3(claim.subject)?.name ?? claim.subject;
}

function wordingCaveat(claim: Claim, readings: Reading[]): Caveat[] {
  const said = claim.per ?? "";
  if (said === "") return [];
  for (const r of readings) {
    for (const series of seriesOf(r)) {
      const basis = seriesPer(series);
      if (basis !== undefined && basis !== said) return [{ kind: "wording", said, basis, series }];
    }
  }
  return [];
}

/** a deciding report dated so coarsely (a 2025 page) that it may be later than as_of: say so, without a day it lacks */
function partlyDated(c: Candidate, asOf: string): Caveat[] {
  const p = c.points.find((q) => q.dated !== undefined && q.dated !== q.as_of && q.as_of !== undefined && asOf !== "" && q.as_of > asOf);
  return p ? [{ kind: "partly_dated", point: p }] : [];
}

/** Decide a direct claim: confirmed, matches another year, contradicted or unverifiable, with the facts that decided it. */
export function decide(claim: Claim, data: ClaimData): Decision {
  const t = targetOf(claim);
  const readings = parseReadings(claim.readings, claim.measure);
  if (typeof readings === "string") return { verdict: "unverifiable", claim, name: claim.subject, caveats: [], target: t, why: { kind: "bad_readings", message: readings } };
  const name = nameOf(claim, data, readings);
  const caveats = wordingCaveat(claim, readings);
  if (!t) return { verdict: "unverifiable", claim, name, caveats, target: t, why: { kind: "not_a_number" } };
  const ref = claim.reference_year;
  const { usable: all, later } = candidatesOf(claim, readings, data);

  // plans and targets are context, never evidence; a target claim is held against plans and targets only
  const target = claim.status === "target";
  const plans = target ? [] : all.filter(isPlan);
  let usable = target ? all.filter(isPlan).map((c) => ({ ...c, qualifier: undefined, label: `${c.label}, ${c.qualifier ?? "target"}` })) : all.filter((c) => !isPlan(c));
  // the plan nearest the reference year is the one a reader may have in mind
  const planFits = plans.filter((c) => fitsCandidate(c, t)).sort((a, b) => Math.abs(a.year - ref) - Math.abs(b.year - ref) || b.year - a.year);
  if (planFits.length > 0) caveats.push({ kind: "plan", candidate: planFits[0]! });
  const laterAtRef = later.filter((c) => !isPlan(c) && c.year >= ref);
  if (laterAtRef.length > 0) caveats.push({ kind: "later", candidate: [...laterAtRef].sort((a, b) => a.year - b.year)[0]! });

  // a score keyed by edition is held only against the same edition
  const editions = [...new Set(usable.filter((c) => c.points.some((p) => p.edition)).map((c) => c.year))].sort((a, b) => a - b);
  usable = usable.filter((c) => !c.points.some((p) => p.edition) || c.year === ref);
  if (usable.length === 0 && editions.length > 0) return { verdict: "unverifiable", claim, name, caveats, target: t, why: { kind: "other_editions", editions } };

  const atRef = usable.filter((c) => c.year === ref && c.qualifier === undefined);
  const fit = atRef.filter((c) => fitsCandidate(c, t));
  if (fit.length > 0) {
    const evidence = fit[0]!;
    caveats.push(...partlyDated(evidence, claim.as_of));
    const misfit = atRef.filter((c) => !fitsCandidate(c, t));
    return { verdict: "confirmed", claim, name, caveats, target: t, evidence, fit, misfit, several: readings.length > 1 };
  }

  const others = usable
    .filter((c) => (c.year !== ref || c.qualifier !== undefined) && fitsCandidate(c, t))
    .sort((a, b) => (a.qualifier === undefined ? 0 : 1) - (b.qualifier === undefined ? 0 : 1) || Math.abs(a.year - ref) - Math.abs(b.year - ref) || b.year - a.year);
  if (others.length > 0) {
    const evidence = others[0]!;
    caveats.push(...partlyDated(evidence, claim.as_of));
    return { verdict: "matches_other_year", claim, name, caveats, target: t, evidence, atRef };
  }

  if (atRef.length > 0) {
    const evidence = [...atRef].sort((a, b) => compare(absDec(sub(a.value, t.value)), absDec(sub(b.value, t.value))) || a.order - b.order)[0]!;
    return {
      verdict: "contradicted",
      claim,
      name,
      caveats,
      target: t,
      evidence,
      others: atRef.filter((c) => c !== evidence),
      otherYears: usable.some((c) => c.year !== ref),
      truncated: byRounding(t) && truncatesTo(evidence.value, t),
    };
  }

  const series = [...new Set(readings.flatMap(seriesOf))];
  const years = [...new Set(usable.map((c) => c.year))].sort((a, b) => a - b);
  const earlier = usable.filter((c) => c.year < ref && c.qualifier === undefined);
  const latest = earlier.sort((a, b) => b.year - a.year || ((b.points[0]!.as_of ?? "") > (a.points[0]!.as_of ?? "") ? 1 : -1))[0];
  return { verdict: "unverifiable", claim, name, caveats, target: t, why: { kind: "no_value", series, years, latest } };
}

/** derived-claim formulas over the printed values of the claims they are computed from (in order) */
export const FORMULAS: Readonly<Record<string, { arity: number; describe: string; compute: (xs: number[]) => number }>> = {
  growth_pct: { arity: 2, describe: "a change of", compute: ([a, b]) => (b! / a! - 1) * 100 },
  difference: { arity: 2, describe: "a difference of", compute: ([a, b]) => b! - a! },
};

/** Decide a derived claim from the printed values of its parts (and, as context, from their data values). */
export function decideDerived(claim: Claim, byId: ReadonlyMap<string, Claim>, dataValues: ReadonlyMap<string, number | null>): Decision {
  const ids = claim.derived_from.split(";").map((s) => s.trim()).filter((s) => s !== "");
  const t = targetOf(claim);
  const formula = FORMULAS[claim.measure];
  const parts = ids.map((id) => byId.get(id));
  const missing = ids.filter((_, i) => parts[i] === undefined);
  const values = parts.map((p) => (p ? parsePrinted(p.printed) : undefined));
  const invalid = (message: string): Decision => ({ verdict: "unverifiable", claim, name: claim.subject, caveats: [], target: t, why: { kind: "derived_invalid", message } });
  if (!t) return { verdict: "unverifiable", claim, name: claim.subject, caveats: [], target: t, why: { kind: "not_a_number" } };
  if (!formula) return invalid(`no formula is known for the derived measure ${claim.measure}`);
  if (missing.length > 0) return invalid(`it is computed from ${ids.join(", ")}, but ${missing.join(", ")} is not in the registry`);
  if (ids.length !== formula.arity) return invalid(`${claim.measure} is computed from ${formula.arity} claims, the registry names ${ids.length}`);
  if (values.some((v) => v === undefined)) return invalid("a claim it is computed from has no numeric printed value");
  // six significant digits is far finer than any printed figure
  const recomputed = fromNumber(Number(formula.compute((values as Decimal[]).map(toNumber)).toPrecision(6)));
  const fromParts = ids.map((id) => dataValues.get(id) ?? null);
  const fromData = fromParts.every((x) => x !== null) ? { values: fromParts as number[], result: formula.compute(fromParts as number[]) } : undefined;
  return {
    verdict: fits(recomputed, t) ? "consistent" : "inconsistent",
    claim,
    name: claim.subject,
    caveats: [],
    target: t,
    formula: claim.measure,
    parts: parts as Claim[],
    recomputed,
    fromData,
  };
}

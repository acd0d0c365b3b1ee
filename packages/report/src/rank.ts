// where the subject economies stand in the world on each series: rank among economies (never aggregates), ties shared
import type { Obs } from "./model.js";

export interface Standing {
  economy: string;
  year: number;
  value: number;
  /** 1 = highest value; economies with the same value share the best rank of the group (1, 2, 2, 4) */
  rank: number;
  /** economies with a value for that series and year */
  of: number;
  /** other economies with exactly the same value */
  tied: number;
}

export interface WorldRank {
  dataset: string;
  indicator: string;
  indicatorName: string;
  unit: string;
  /** one per subject, in subjects order; undefined when the subject has no value in the series */
  standings: (Standing | undefined)[];
}

/** fewer economies than this in the ranking year make a rank that says nothing about the world */
export const MIN_RANKED = 10;

/**
 * One row per dataset and series that holds any subject: each subject ranked in its latest reported year against
 * every economy with a value that year. Aggregates (regions, income groups, the world) are not ranked. The latest
 * year of a series is often reported by few economies yet, so a subject is ranked in its latest year that at least
 * half as many economies report as the series' best-covered year (its latest year when none is). A series whose
 * rankings would all count fewer than MIN_RANKED economies is left out.
 */
export function worldRanksOf(obs: readonly Obs[], subjects: readonly string[]): WorldRank[] {
  const bySeries = new Map<string, Obs[]>();
  for (const o of obs) {
    if (o.isAggregate || !Number.isFinite(o.value)) continue;
    const key = `${o.dataset}\u0000${o.indicator}`;
    const list = bySeries.get(key);
    if (list) list.push(o);
    else bySeries.set(key, [o]);
  }
  const out: WorldRank[] = [];
  for (const key of [...bySeries.keys()].sort()) {
    const rows = bySeries.get(key) as Obs[];
    const standings = subjects.map((s) => standingOf(rows, s, coveredYears(rows)));
    if (standings.every((s) => s === undefined || s.of < MIN_RANKED)) continue;
    const first = rows[0] as Obs;
    out.push({ dataset: first.dataset, indicator: first.indicator, indicatorName: first.indicatorName, unit: first.unit, standings });
  }
  return out;
}

/** the years at least half as many economies report as the best-covered year */
function coveredYears(rows: readonly Obs[]): Set<number> {
  const perYear = new Map<number, Set<string>>();
  for (const o of rows) (perYear.get(o.year) ?? perYear.set(o.year, new Set()).get(o.year)!).add(o.entity);
  const best = Math.max(...[...perYear.values()].map((e) => e.size));
  return new Set([...perYear].filter(([, e]) => e.size * 2 >= best).map(([y]) => y));
}

function standingOf(rows: readonly Obs[], economy: string, covered: ReadonlySet<number>): Standing | undefined {
  const own = rows.filter((o) => o.entity === economy);
  if (own.length === 0) return undefined;
  const pick = (list: readonly Obs[]) => list.reduce((a, b) => (b.year > a.year ? b : a));
  const inCovered = own.filter((o) => covered.has(o.year));
  const latest = pick(inCovered.length > 0 ? inCovered : own);
  // one value per economy and year (the datasets' primary key); a duplicate would count twice, so keep the first
  const field = new Map<string, number>();
  for (const o of rows) if (o.year === latest.year && !field.has(o.entity)) field.set(o.entity, o.value);
  const values = [...field.values()];
  const above = values.filter((v) => v > latest.value).length;
  const same = values.filter((v) => v === latest.value).length;
  return { economy, year: latest.year, value: latest.value, rank: above + 1, of: values.length, tied: same - 1 };
}

/** "12 of 180", "=12 of 180" when others share the value */
export function rankText(s: Standing): string {
  return `${s.tied > 0 ? "=" : ""}${s.rank} of ${s.of}`;
}

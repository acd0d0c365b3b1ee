// consistency findings over great-stone rows: conflicting reports, falling stocks, stocks that disagree with flows, plans
import { makeIssue, type Issue } from "@bycn/core";
import { addDays } from "./dates.js";
import type { GreatStoneRow, Measure } from "./schemas.js";

/**
 * The interval a printed figure allows. exact v → [v, v]; about v (около) → [0.95v, 1.05v]; almost v (почти) →
 * [0.9v, v]; more_than v (более) → [v, ∞); less_than v (менее) → [0, v]. Two reports agree when their intervals meet.
 */
export function valueRange(r: Pick<GreatStoneRow, "value" | "qualifier">): [number, number] {
  const v = r.value;
  switch (r.qualifier) {
    case "exact":
      return [v, v];
    case "about":
      return [v * 0.95, v * 1.05];
    case "almost":
      return [v * 0.9, v];
    case "more_than":
      return [v, Infinity];
    case "less_than":
      return [0, v];
  }
}

/**
 * A level and the flows that move it. residents_total moves by new_residents in and exited_residents out;
 * actual_investment_usd (cumulative) moves by actual_investment_usd reported for a period.
 */
export interface Balance {
  stock: Measure;
  inflow: Measure;
  outflow?: Measure;
}

export const BALANCES: readonly Balance[] = [
  { stock: "residents_total", inflow: "new_residents", outflow: "exited_residents" },
  { stock: "actual_investment_usd", inflow: "actual_investment_usd" },
];

/** levels that can only fall when a resident leaves */
export const EXIT_BOUND_STOCKS: readonly Measure[] = ["residents_total", "countries"];

const at = (r: GreatStoneRow) => ({ file: r.raw_file, line: r.raw_line });
const rawOrder = (a: GreatStoneRow, b: GreatStoneRow): number =>
  a.raw_file < b.raw_file ? -1 : a.raw_file > b.raw_file ? 1 : a.raw_line - b.raw_line;
const byDate = (a: GreatStoneRow, b: GreatStoneRow): number => (a.as_of < b.as_of ? -1 : a.as_of > b.as_of ? 1 : rawOrder(a, b));

const isStock = (r: GreatStoneRow, m: Measure): boolean => r.status === "actual" && r.measure === m && r.period === "";
const isFlow = (r: GreatStoneRow, m: Measure): boolean => r.status === "actual" && r.measure === m && r.period !== "";

/** the first day the figure may describe: as_of for a day, the period's first day otherwise; unknown width → none */
function earliest(r: GreatStoneRow): string | undefined {
  switch (r.as_of_precision) {
    case "day":
      return r.as_of;
    case "month":
      return `${r.as_of.slice(0, 7)}-01`;
    case "half-year":
      return r.as_of.slice(5, 7) === "06" ? `${r.as_of.slice(0, 4)}-01-01` : `${r.as_of.slice(0, 4)}-07-01`;
    case "year":
      return `${r.as_of.slice(0, 4)}-01-01`;
    case "unknown":
      return undefined;
  }
}

function name(r: GreatStoneRow, other: GreatStoneRow): string {
  return r.source_url === other.source_url ? `${r.source_url} (${r.raw_file}:${r.raw_line})` : r.source_url;
}

/**
 * source_conflict: two actual reports of one measure for the same period whose intervals (valueRange) do not meet.
 * A flow's period is its period; a level's is its day, so only day-precise levels of the same day are compared
 * (two "12.2019" levels may be different days of December).
 */
export function findConflicts(rows: readonly GreatStoneRow[]): Issue[] {
  const groups = new Map<string, GreatStoneRow[]>();
  for (const r of rows) {
    if (r.status !== "actual") continue;
    let key: string;
    if (r.period !== "") key = `${r.measure}\u0000${r.period_start}/${r.period_end}`;
    else if (r.as_of_precision === "day") key = `${r.measure}\u0000${r.as_of}`;
    else continue;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: Issue[] = [];
  for (const g of groups.values()) {
    g.sort(rawOrder);
    for (let i = 0; i < g.length; i++) {
      for (let j = i + 1; j < g.length; j++) {
        const a = g[i] as GreatStoneRow;
        const b = g[j] as GreatStoneRow;
        const [alo, ahi] = valueRange(a);
        const [blo, bhi] = valueRange(b);
        if (ahi >= blo && bhi >= alo) continue;
        out.push(
          makeIssue("source_conflict", at(b), {
            measure: a.measure,
            period: a.period !== "" ? a.period : a.as_of,
            a: name(a, b),
            a_value: a.value,
            b: name(b, a),
            b_value: b.value,
          }),
        );
      }
    }
  }
  return out;
}

/** actual flows of a measure inside (from, to], chosen greedily so that no two overlap, `first` kept first */
function flowsInside(rows: readonly GreatStoneRow[], m: Measure, from: string, to: string, first?: GreatStoneRow): GreatStoneRow[] {
  const candidates = rows
    .filter((r) => r !== first && isFlow(r, m) && r.period_start > from && r.period_end <= to)
    .sort((a, b) => (a.period_start < b.period_start ? -1 : a.period_start > b.period_start ? 1 : a.period_end < b.period_end ? -1 : a.period_end > b.period_end ? 1 : rawOrder(a, b)));
  const chosen: GreatStoneRow[] = first ? [first] : [];
  for (const c of candidates) {
    if (chosen.every((x) => c.period_end < x.period_start || x.period_end < c.period_start)) chosen.push(c);
  }
  return chosen;
}

function sumRange(flows: readonly GreatStoneRow[]): [number, number] {
  return flows.reduce<[number, number]>(
    (acc, f) => {
      const [lo, hi] = valueRange(f);
      return [acc[0] + lo, acc[1] + hi];
    },
    [0, 0],
  );
}

/** do the flows' periods cover every day from `from` to `to`? */
function covers(flows: readonly GreatStoneRow[], from: string, to: string): boolean {
  let next = from;
  for (const f of [...flows].sort((a, b) => (a.period_start < b.period_start ? -1 : a.period_start > b.period_start ? 1 : 0))) {
    if (f.period_start > next) return false;
    if (f.period_end >= next) next = addDays(f.period_end, 1);
    if (next > to) return true;
  }
  return next > to;
}

/**
 * stock_flow_mismatch. For each actual inflow F with period [a, b]: t1 is the latest actual level dated before a,
 * t2 the earliest dated on or after b (dates are as_of, the last day the level may describe). The reported
 * movement N = inflows − outflows over (t1, t2] (F plus every other flow inside, no two overlapping); the level
 * moved by D = v2 − v1. Both are intervals (valueRange). Findings:
 *  - N certainly exceeds D: more came in than the level shows, and no reported exit explains it
 *    (sb.by, 2023: 23 new residents while the count went from 99 to 118);
 *  - D certainly exceeds N although the inflows cover every day t1 may have been counted on up to t2: growth
 *    with no reported entry (only day-precise t1 can be covered).
 */
export function findStockFlowMismatches(rows: readonly GreatStoneRow[], balances: readonly Balance[] = BALANCES): Issue[] {
  const out: Issue[] = [];
  for (const bal of balances) {
    const stocks = rows.filter((r) => isStock(r, bal.stock)).sort(byDate);
    const seen = new Set<string>();
    for (const f of rows.filter((r) => isFlow(r, bal.inflow)).sort(rawOrder)) {
      const t1 = stocks.filter((s) => s.as_of < f.period_start).at(-1);
      const t2 = stocks.find((s) => s.as_of >= f.period_end);
      if (!t1 || !t2) continue;
      const inflows = flowsInside(rows, bal.inflow, t1.as_of, t2.as_of, f);
      const outflows = bal.outflow ? flowsInside(rows, bal.outflow, t1.as_of, t2.as_of) : [];
      const key = [t1, t2, ...inflows].map((r) => `${r.raw_file}:${r.raw_line}`).sort().join(" ");
      if (seen.has(key)) continue;
      seen.add(key);
      const [inLo, inHi] = sumRange(inflows);
      const [outLo, outHi] = sumRange(outflows);
      const [n1lo, n1hi] = valueRange(t1);
      const [n2lo, n2hi] = valueRange(t2);
      const movedLo = n2lo - n1hi;
      const movedHi = n2hi - n1lo;
      const netLo = inLo - outHi;
      const netHi = inHi - outLo;
      const first = earliest(t1);
      const covered = first !== undefined && covers(inflows, addDays(first, 1), t2.as_of);
      if (netLo > movedHi || (covered && movedLo > netHi)) {
        out.push(
          makeIssue("stock_flow_mismatch", at(f), {
            measure: bal.stock,
            stock_change: t2.value - t1.value,
            flow: inflows.reduce((s, r) => s + r.value, 0) - outflows.reduce((s, r) => s + r.value, 0),
            from_date: t1.as_of,
            to_date: t2.as_of,
          }),
        );
      }
    }
  }
  return out;
}

/**
 * stock_fell: consecutive actual levels (by as_of) of residents_total or countries where the later is certainly
 * lower (intervals) and the exits reported over (t1, t2] do not account for the fall (for countries: none reported).
 */
export function findStockFalls(rows: readonly GreatStoneRow[], measures: readonly Measure[] = EXIT_BOUND_STOCKS): Issue[] {
  const out: Issue[] = [];
  for (const m of measures) {
    const stocks = rows.filter((r) => isStock(r, m)).sort(byDate);
    for (let i = 1; i < stocks.length; i++) {
      const a = stocks[i - 1] as GreatStoneRow;
      const b = stocks[i] as GreatStoneRow;
      if (b.as_of === a.as_of) continue; // same day: a conflict, not a fall
      const [alo] = valueRange(a);
      const [, bhi] = valueRange(b);
      if (bhi >= alo) continue;
      const exits = flowsInside(rows, "exited_residents", a.as_of, b.as_of);
      const [, exitHi] = sumRange(exits);
      const explained = m === "residents_total" ? alo - bhi <= exitHi : exits.length > 0;
      if (explained) continue;
      out.push(makeIssue("stock_fell", at(b), { measure: m, from: a.value, to: b.value, from_date: a.as_of, to_date: b.as_of }));
    }
  }
  return out;
}

/** plan_not_actual: every plan or target, said once, so a reader sees it was kept apart */
export function findPlans(rows: readonly GreatStoneRow[]): Issue[] {
  return [...rows].filter((r) => r.status !== "actual").sort(rawOrder).map((r) => makeIssue("plan_not_actual", at(r), { measure: r.measure, value: r.value }));
}

/** Every consistency finding over the rows of one or more tables (pure). Order: conflicts, falls, stock/flow, plans. */
export function checkGreatStone(rows: readonly GreatStoneRow[]): Issue[] {
  return [...findConflicts(rows), ...findStockFalls(rows), ...findStockFlowMismatches(rows), ...findPlans(rows)];
}

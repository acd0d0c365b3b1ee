// bar groups (one chart per claimed measure and year) and time series (subjects against their peers)
import { PLAIN_CODE, TIME_SERIES, nameOf, printedValue, type Claim, type Obs } from "./model.js";

export interface BarDatum {
  economy: string;
  series: string;
  seriesLabel: string;
  obs: Obs;
}

export interface ClaimMark {
  claim: Claim;
  economy: string;
  value: number;
}

export interface BarGroup {
  measure: string;
  year: number;
  title: string;
  unit: string;
  economies: { code: string; name: string }[];
  series: { code: string; label: string }[];
  bars: BarDatum[];
  marks: ClaimMark[];
  /** (economy, series) pairs with no value for the year */
  missing: { economy: string; series: string }[];
}

export interface Uncharted {
  what: string;
  claims: string[];
  reason: string;
}

export function barGroupsOf(claims: readonly Claim[], obs: readonly Obs[]): { groups: BarGroup[]; uncharted: Uncharted[] } {
  const bySeries = new Map<string, Obs[]>();
  for (const o of obs) {
    const list = bySeries.get(o.indicator) ?? [];
    list.push(o);
    bySeries.set(o.indicator, list);
  }
  const keyed = new Map<string, Claim[]>();
  for (const c of claims) {
    if (!/^[A-Z]{3}$/.test(c.subject) || c.derived || c.referenceYear === undefined) continue;
    const key = `${c.measure}\u0000${c.referenceYear}`;
    keyed.set(key, [...(keyed.get(key) ?? []), c]);
  }
  const groups: BarGroup[] = [];
  const uncharted: Uncharted[] = [];
  for (const list of keyed.values()) {
    const first = list[0] as Claim;
    const year = first.referenceYear as number;
    const series = seriesFor(list, bySeries);
    const economies = [...new Set(list.map((c) => c.subject))];
    const bars: BarDatum[] = [];
    const missing: { economy: string; series: string }[] = [];
    for (const economy of economies) {
      const evidence = list.find((c) => c.subject === economy)?.evidenceDataset ?? "";
      for (const s of series) {
        const candidates = (bySeries.get(s.code) ?? []).filter((o) => o.entity === economy && o.year === year);
        const pick = candidates.find((o) => o.dataset === evidence) ?? candidates[0];
        if (pick) bars.push({ economy, series: s.code, seriesLabel: s.label, obs: pick });
        else missing.push({ economy, series: s.code });
      }
    }
    const ids = list.map((c) => c.id);
    if (bars.length === 0) {
      uncharted.push({
        what: `${first.measure} (${year})`,
        claims: ids,
        reason: series.length === 0 ? "no series of this code is in the data" : `no ${year} value in the data`,
      });
      continue;
    }
    const marks = list.flatMap((c) => {
      const value = printedValue(c.printed, c.unit);
      return value === undefined ? [] : [{ claim: c, economy: c.subject, value }];
    });
    const units = [...new Set(bars.map((b) => b.obs.unit))];
    const names = [...new Set(bars.map((b) => b.obs.indicatorName).filter((x) => x !== ""))];
    const title = series.length === 1 ? (names[0] ?? first.measure) : `${first.measure}: ${series.map((s) => s.label).join(", ")}`;
    groups.push({
      measure: first.measure,
      year,
      title,
      unit: units.length === 1 ? (units[0] as string) : first.unit,
      economies: economies.map((code) => ({ code, name: nameOf(code, obs) })),
      series,
      bars,
      marks,
      missing,
    });
  }
  return { groups, uncharted };
}

/** the series behind a claimed measure: the registry's readings, else the measure code, else the series the checker read */
function seriesFor(list: readonly Claim[], bySeries: ReadonlyMap<string, Obs[]>): { code: string; label: string }[] {
  const out: { code: string; label: string }[] = [];
  const add = (code: string, label: string) => {
    if (bySeries.has(code) && !out.some((s) => s.code === code)) out.push({ code, label });
  };
  for (const c of list) for (const r of c.readings) add(r.code, r.label);
  if (out.length > 0) return out;
  const label = (code: string) => bySeries.get(code)?.[0]?.indicatorName || code;
  add(list[0]?.measure ?? "", label(list[0]?.measure ?? ""));
  if (out.length > 0) return out;
  // the registry names ITU's code (i99H); the checker may have read the same figure under another code (IT.NET.USER.ZS)
  for (const c of list) if (PLAIN_CODE.test(c.reading)) add(c.reading, label(c.reading));
  return out;
}

// ---- time series: subject economies highlighted against their peers ----

export interface SeriesLine {
  entity: string;
  name: string;
  /** index among the subject economies, or -1 for a peer */
  highlight: number;
  points: { year: number; value: number; flag: string }[];
}

export interface TimeSeriesChart {
  series: string;
  title: string;
  unit: string;
  dataset: string;
  lines: SeriesLine[];
  /** other datasets that carry the same series */
  alsoIn: string[];
}

/** subjects and peers only: the data hold every economy, the charts show the comparison set */
export function timeSeriesOf(obs: readonly Obs[], subjects: readonly string[], peers: readonly string[]): { charts: TimeSeriesChart[]; uncharted: Uncharted[] } {
  const shown = new Set([...subjects, ...peers]);
  const charts: TimeSeriesChart[] = [];
  const uncharted: Uncharted[] = [];
  for (const spec of TIME_SERIES) {
    const rows = obs.filter((o) => o.indicator === spec.series && !o.isAggregate && shown.has(o.entity));
    const datasets = [...new Set(rows.map((o) => o.dataset))];
    const dataset = spec.prefer.find((d) => datasets.includes(d)) ?? datasets[0];
    if (dataset === undefined) {
      uncharted.push({ what: `${spec.series} over time`, claims: [], reason: "the series is not in the data" });
      continue;
    }
    const mine = rows.filter((o) => o.dataset === dataset);
    const entities = [...new Set(mine.map((o) => o.entity))].sort();
    const lines = entities.map((entity) => {
      const points = mine.filter((o) => o.entity === entity).sort((a, b) => a.year - b.year).map((o) => ({ year: o.year, value: o.value, flag: o.flag }));
      return { entity, name: nameOf(entity, mine), highlight: subjects.indexOf(entity), points };
    });
    // peers first so the subject lines are drawn on top
    lines.sort((a, b) => (a.highlight < 0 ? -1 : a.highlight) - (b.highlight < 0 ? -1 : b.highlight) || (a.entity < b.entity ? -1 : 1));
    charts.push({
      series: spec.series,
      title: mine[0]?.indicatorName || spec.series,
      unit: mine[0]?.unit ?? "",
      dataset,
      lines,
      alsoIn: datasets.filter((d) => d !== dataset),
    });
  }
  return { charts, uncharted };
}

// what the report shows, derived from the dist view alone: claims, bar groups, time series, park series, downloads, findings
import { num, text, type DistView, type Row, type Table } from "./dist.js";

/** resource names of the dist/ contract the report looks for */
export const RESOURCES = { claims: "claims", articleClaims: "article-claims", greatStone: "great-stone" } as const;

/**
 * The long time series drawn for the subject economies against their peers, and where to look first:
 * WDI before OWID because the claims checker reads internet use from WDI (OWID republishes the same ITU series).
 */
export const TIME_SERIES: readonly { series: string; prefer: readonly string[] }[] = [
  { series: "IT.NET.USER.ZS", prefer: ["wdi-indicators", "owid-indicators"] },
  { series: "xHH6_IDI", prefer: ["itu-indicators"] },
];

export interface Claim {
  id: string;
  subject: string;
  measure: string;
  edition: string;
  printed: string;
  operator: string;
  unit: string;
  referenceYear: number | undefined;
  verdict: string;
  dataValue: number | undefined;
  dataYear: number | undefined;
  difference: number | undefined;
  relativeDifference: number | undefined;
  reading: string;
  explanation: string;
  evidenceDataset: string;
  evidenceFile: string;
  evidenceLine: number | undefined;
  evidenceVintage: string;
  /** from the article's claims registry: derived figures are recomputed from other claims, never read from data */
  derived: boolean;
  /** labelled series codes the registry lists as possible readings (3G=i271G) */
  readings: { label: string; code: string }[];
  /** from the registry: the latest date the figure can describe (the article's publication), "" when not set */
  asOf: string;
}

export interface Obs {
  dataset: string;
  entity: string;
  entityName: string;
  isAggregate: boolean;
  indicator: string;
  indicatorName: string;
  year: number;
  value: number;
  unit: string;
  status: string;
  rawFile: string;
  rawLine: number | undefined;
  /** "" or why the value is implausible (the dataset's flag column): shown beside the value wherever it is shown */
  flag: string;
}

export interface VerdictStyle {
  label: string;
  symbol: string;
  tone: "good" | "warn" | "bad" | "none";
}

const VERDICTS: Record<string, VerdictStyle> = {
  confirmed: { label: "confirmed", symbol: "✓", tone: "good" },
  consistent: { label: "consistent", symbol: "✓", tone: "good" },
  matches_other_year: { label: "matches another year", symbol: "↻", tone: "warn" },
  contradicted: { label: "contradicted", symbol: "✗", tone: "bad" },
  inconsistent: { label: "inconsistent", symbol: "✗", tone: "bad" },
  unverifiable: { label: "unverifiable", symbol: "?", tone: "none" },
};
const VERDICT_ORDER = Object.keys(VERDICTS);

/** the badge of a verdict; an unknown verdict keeps its own text with a neutral look */
export function verdictStyle(verdict: string): VerdictStyle {
  return Object.hasOwn(VERDICTS, verdict) ? (VERDICTS[verdict] as VerdictStyle) : { label: verdict.replace(/_/g, " ") || "(none)", symbol: "•", tone: "none" };
}

/** verdict → count, known verdicts in a fixed order first, then unknown ones alphabetically */
export function verdictCounts(claims: readonly Claim[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  const rank = (v: string) => (VERDICT_ORDER.includes(v) ? VERDICT_ORDER.indexOf(v) : VERDICT_ORDER.length);
  return [...counts.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function claimsOf(view: DistView): Claim[] {
  const table = view.tables.get(RESOURCES.claims);
  if (!table) return [];
  const registry = new Map((view.tables.get(RESOURCES.articleClaims)?.rows ?? []).map((r) => [text(r, "id"), r]));
  return table.rows.map((r) => {
    const id = text(r, "id");
    const reg = registry.get(id);
    return {
      id,
      subject: text(r, "subject"),
      measure: text(r, "measure"),
      edition: text(r, "edition"),
      printed: text(r, "printed"),
      operator: text(r, "operator"),
      unit: text(r, "unit"),
      referenceYear: num(r, "reference_year"),
      verdict: text(r, "verdict"),
      dataValue: num(r, "data_value"),
      dataYear: num(r, "data_year"),
      difference: num(r, "difference"),
      relativeDifference: num(r, "relative_difference"),
      reading: text(r, "reading"),
      explanation: text(r, "explanation"),
      evidenceDataset: text(r, "evidence_dataset"),
      evidenceFile: text(r, "evidence_file"),
      evidenceLine: num(r, "evidence_line"),
      evidenceVintage: text(r, "evidence_vintage"),
      derived: reg !== undefined && text(reg, "derived_from") !== "",
      readings: reg === undefined ? [] : parseReadings(text(reg, "readings")),
      asOf: reg === undefined ? "" : text(reg, "as_of"),
    };
  });
}

const PLAIN_CODE = /^[A-Za-z0-9_.$]+$/;

/** "3G=i271G;4G/LTE=i271GA;mean of 3G and 4G/LTE=mean(i271G,i271GA)" → the plain series readings (3G, 4G/LTE) */
export function parseReadings(s: string): { label: string; code: string }[] {
  return s
    .split(";")
    .map((part) => {
      const eq = part.lastIndexOf("=");
      return { label: part.slice(0, eq).trim(), code: part.slice(eq + 1).trim() };
    })
    .filter((r) => r.label !== "" && PLAIN_CODE.test(r.code));
}

/** the printed figure as a number in data units: thousands commas dropped, "USD bn" scaled to USD */
export function printedValue(printed: string, unit: string): number | undefined {
  const cleaned = printed.replace(/[\s,\u00a0\u202f]/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return undefined;
  return Number(cleaned) * unitScale(unit);
}

/** scale words in a claim's unit: the data keep base units (USD, count) */
export function unitScale(unit: string): number {
  const u = unit.toLowerCase();
  if (/\b(bn|billion)\b/.test(u)) return 1e9;
  if (/\b(m|mn|million)\b/.test(u)) return 1e6;
  if (/\b(k|thousand)\b/.test(u)) return 1e3;
  return 1;
}

/** every numeric observation of every data/ table with the observation columns (entity, indicator, year, value) */
export function observationsOf(view: DistView): Obs[] {
  const out: Obs[] = [];
  for (const [name, table] of view.tables) {
    if (!isObservationTable(table)) continue;
    for (const r of table.rows) {
      const year = num(r, "year");
      const value = num(r, "value");
      if (year === undefined || value === undefined) continue;
      out.push({
        dataset: name,
        entity: text(r, "entity"),
        entityName: text(r, "entity_name") || text(r, "entity"),
        isAggregate: r.is_aggregate === true,
        indicator: text(r, "indicator"),
        indicatorName: text(r, "indicator_name"),
        year,
        value,
        unit: text(r, "unit"),
        status: text(r, "status"),
        rawFile: text(r, "raw_file"),
        rawLine: num(r, "raw_line"),
        flag: text(r, "flag"),
      });
    }
  }
  return out;
}

function isObservationTable(t: Table): boolean {
  const names = new Set(t.resource.fields.map((f) => f.name));
  return t.resource.path.startsWith("data/") && ["entity", "indicator", "year", "value"].every((k) => names.has(k));
}

/** the economies the article is about: ISO3 subjects of its claims, in claims order */
export function subjectsOf(claims: readonly Claim[]): string[] {
  const out: string[] = [];
  for (const c of claims) if (/^[A-Z]{3}$/.test(c.subject) && !out.includes(c.subject)) out.push(c.subject);
  return out;
}

export function nameOf(code: string, obs: readonly Obs[]): string {
  return obs.find((o) => o.entity === code && o.entityName !== "")?.entityName ?? code;
}

// ---- bar groups: one chart per claimed measure and year, subject economies side by side ----

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

// ---- the Great Stone park: reported figures over time ----

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

// ---- downloads and findings ----

export interface FileLink {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Download {
  name: string;
  title: string;
  rows: number;
  csv: FileLink;
  json: FileLink | undefined;
  kind: "data" | "claims" | "rejects";
}

export function downloadsOf(view: DistView): Download[] {
  const out: Download[] = [];
  for (const [name, t] of view.tables) {
    const jsonPath = t.resource.path.replace(/\.csv$/, ".json");
    const jsonRes = view.resources.find((r) => r.format === "json" && r.path === jsonPath);
    const jsonFile = jsonRes ? view.files.get(jsonPath) : undefined;
    out.push({
      name,
      title: t.resource.title,
      rows: t.rows.length,
      csv: { path: t.resource.path, bytes: t.bytes, sha256: t.sha256 },
      json: jsonFile ? { path: jsonPath, ...jsonFile } : undefined,
      kind: t.resource.path.startsWith("rejects/") ? "rejects" : t.resource.path.startsWith("data/") ? "data" : "claims",
    });
  }
  const rank = { claims: 0, data: 1, rejects: 2 };
  // stable: claims first, then datasets, then rejects, each in datapackage order
  return out.map((d, i) => ({ d, i })).sort((a, b) => rank[a.d.kind] - rank[b.d.kind] || a.i - b.i).map((x) => x.d);
}

export interface Finding {
  category: string;
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number | undefined;
}

export interface CheckSummary {
  counts: [string, number][];
  findings: Finding[];
  /** data findings about economies outside the comparison set: counted here, listed in check.json */
  elsewhere: number;
}

/**
 * check.json's data findings (claims have their own table): errors and warnings, in check.json order. A finding
 * about one economy (its payload names it) is listed only when the economy is in `shown`; the rest are counted.
 */
export function checkSummaryOf(check: unknown, shown?: ReadonlySet<string>): CheckSummary {
  const o = (check && typeof check === "object" ? check : {}) as Record<string, unknown>;
  const summary = (o.summary && typeof o.summary === "object" ? o.summary : {}) as Record<string, unknown>;
  const counts = ["error", "warning", "info"].flatMap((k): [string, number][] => (typeof summary[k] === "number" ? [[k, summary[k] as number]] : []));
  let elsewhere = 0;
  const findings = (Array.isArray(o.findings) ? o.findings : []).flatMap((f: unknown): Finding[] => {
    if (!f || typeof f !== "object") return [];
    const fo = f as Record<string, unknown>;
    const issue = (fo.issue && typeof fo.issue === "object" ? fo.issue : {}) as Record<string, unknown>;
    const at = (issue.at && typeof issue.at === "object" ? issue.at : {}) as Record<string, unknown>;
    const category = typeof fo.category === "string" ? fo.category : "";
    const severity = typeof issue.severity === "string" ? issue.severity : "";
    if (category === "claims" || (severity !== "error" && severity !== "warning")) return [];
    if (shown && typeof issue.economy === "string" && !shown.has(issue.economy)) {
      elsewhere++;
      return [];
    }
    return [{
      category,
      code: typeof issue.code === "string" ? issue.code : "",
      severity,
      message: typeof issue.message === "string" ? issue.message : "",
      file: typeof at.file === "string" ? at.file : "",
      line: typeof at.line === "number" ? at.line : undefined,
    }];
  });
  return { counts, findings, elsewhere };
}

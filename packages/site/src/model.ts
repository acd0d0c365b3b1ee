// the site's model, from the dist view alone: every indicator of the observation datasets, grouped by code, one series per source
import { samePrinted } from "@bycn/diff";
import { plainNumber } from "@bycn/publish";
import { num, text, type DistView, type Row, type Table } from "@bycn/report";

export interface Point {
  /** entity key: ISO3 for economies, the source's code or a slug for aggregates */
  code: string;
  name: string;
  aggregate: boolean;
  year: number;
  value: number;
  unit: string;
  /** "" or why the value is implausible (the dataset's flag column) */
  flag: string;
}

/** one source's series of an indicator (WDI's and OWID's copies of IT.NET.USER.ZS are two) */
export interface Series {
  /** the rows' source id; labels the series in file columns and on pages */
  source: string;
  dataset: string;
  datasetTitle: string;
  sourceTitle: string;
  sourceUrl: string;
  licence: string;
  /** newest retrieval date among the series' rows */
  vintage: string;
  unit: string;
  /** sorted by aggregate last, name, code, year */
  points: Point[];
  coverage: Coverage;
}

export interface Coverage {
  economies: number;
  aggregates: number;
  first: number | undefined;
  last: number | undefined;
}

export interface Disagreement {
  code: string;
  name: string;
  year: number;
  /** value per series, in the order of Indicator.series */
  values: [number, number];
}

export interface Comparison {
  /** the two series' sources */
  sources: [string, string];
  /** economy-years both publish */
  compared: number;
  /** those that differ by more than the coarser printed precision, largest gap first */
  differ: Disagreement[];
}

export interface Indicator {
  code: string;
  /** file and page name: the code with characters a url or file system could mangle replaced */
  slug: string;
  name: string;
  definition: string;
  definitionFrom: string;
  unit: string;
  series: Series[];
  coverage: Coverage;
  comparisons: Comparison[];
}

export interface EconomyEntry {
  indicator: Indicator;
  series: Series;
  points: Point[];
}

export interface Economy {
  code: string;
  name: string;
  entries: EconomyEntry[];
}

export interface SiteModel {
  indicators: Indicator[];
  /** economies (not aggregates) with an ISO3 code, by name */
  economies: Economy[];
  /** rows without a value (empty or null), which no download can show */
  skipped: number;
}

const OBS_FIELDS = ["entity", "indicator", "year", "value"];
const ISO3 = /^[A-Z]{3}$/;

/** datasets shaped as observations: entity, indicator, year and a numeric value */
export function observationTables(view: DistView): Table[] {
  return [...view.tables.values()].filter((t) => {
    const f = new Map(t.resource.fields.map((x) => [x.name, x.type]));
    return t.resource.path.startsWith("data/") && OBS_FIELDS.every((k) => f.has(k)) && (f.get("value") === "number" || f.get("value") === "integer");
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const pointOrder = (a: Point, b: Point) => Number(a.aggregate) - Number(b.aggregate) || cmp(a.name, b.name) || cmp(a.code, b.code) || a.year - b.year;

/** a file-safe name for an indicator code: "$" reads as "-usd", any other unsafe character as "-" and its hex code */
export function slugOf(code: string): string {
  const s = code.replace(/[^A-Za-z0-9._-]/g, (c) => (c === "$" ? "-usd" : `-${(c.codePointAt(0) ?? 0).toString(16)}`));
  return /^[A-Za-z0-9]/.test(s) ? s : `x${s}`;
}

const isTrue = (r: Row, k: string) => r[k] === true || r[k] === "true";

export function buildSiteModel(view: DistView): SiteModel {
  const definitions = new Map((view.tables.get("wdi-series")?.rows ?? []).map((r) => [text(r, "indicator"), text(r, "source_note")]));
  const sources = new Map(view.sources.map((s) => [s.id, s]));
  // code → dataset → rows
  const byCode = new Map<string, Map<string, { table: Table; rows: Row[] }>>();
  let skipped = 0;
  for (const table of observationTables(view)) {
    for (const r of table.rows) {
      if (num(r, "value") === undefined || num(r, "year") === undefined) {
        skipped++;
        continue;
      }
      const code = text(r, "indicator");
      const perDataset = byCode.get(code) ?? new Map<string, { table: Table; rows: Row[] }>();
      byCode.set(code, perDataset);
      const entry = perDataset.get(table.resource.name) ?? { table, rows: [] };
      perDataset.set(table.resource.name, entry);
      entry.rows.push(r);
    }
  }

  const slugs = new Set<string>();
  const indicators: Indicator[] = [];
  for (const code of [...byCode.keys()].sort(cmp)) {
    const perDataset = byCode.get(code) as Map<string, { table: Table; rows: Row[] }>;
    const series: Series[] = [];
    for (const name of [...perDataset.keys()].sort(cmp)) {
      const { table, rows } = perDataset.get(name) as { table: Table; rows: Row[] };
      // a dataset holding two sources of one code would be two series; in practice each dataset is one source
      const bySource = new Map<string, Row[]>();
      for (const r of rows) {
        const key = text(r, "source") || name;
        const list = bySource.get(key) ?? [];
        bySource.set(key, list);
        list.push(r);
      }
      for (const [source, list] of [...bySource.entries()].sort(([a], [b]) => cmp(a, b))) {
        const meta = sources.get(source);
        const points = list
          .map((r) => ({ code: text(r, "entity"), name: text(r, "entity_name") || text(r, "entity"), aggregate: isTrue(r, "is_aggregate"), year: num(r, "year") as number, value: num(r, "value") as number, unit: text(r, "unit"), flag: text(r, "flag") }))
          .sort(pointOrder);
        series.push({
          source,
          dataset: name,
          datasetTitle: table.resource.title,
          sourceTitle: meta?.title ?? source,
          sourceUrl: meta?.path ?? "",
          licence: meta?.licence ?? "",
          vintage: list.map((r) => text(r, "vintage")).sort(cmp).at(-1) ?? "",
          unit: mostCommon(points.map((p) => p.unit)),
          points,
          coverage: coverageOf(points),
        });
      }
    }
    // two sources with the same label (one source in two datasets) are told apart by dataset
    const labels = series.map((s) => s.source);
    for (const s of series) if (labels.filter((l) => l === s.source).length > 1) s.source = `${s.source}:${s.dataset}`;
    let slug = slugOf(code);
    for (let i = 2; slugs.has(slug.toLowerCase()); i++) slug = `${slugOf(code)}-${i}`;
    slugs.add(slug.toLowerCase());
    const firstName = series.flatMap((s) => s.points).length > 0 ? nameOf(perDataset, code) : code;
    const definition = definitions.get(code) ?? "";
    indicators.push({
      code,
      slug,
      name: firstName,
      definition: definition || firstName,
      definitionFrom: definition ? "World Bank WDI series metadata" : "the source's series name (the data carries no longer definition)",
      unit: mostCommon(series.map((s) => s.unit)),
      series,
      coverage: coverageOf(series.flatMap((s) => s.points)),
      comparisons: comparisonsOf(series),
    });
  }
  return { indicators, economies: economiesOf(indicators), skipped };
}

function nameOf(perDataset: Map<string, { rows: Row[] }>, code: string): string {
  for (const { rows } of perDataset.values()) for (const r of rows) if (text(r, "indicator_name") !== "") return text(r, "indicator_name");
  return code;
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || cmp(a, b))[0]?.[0] ?? "";
}

export function coverageOf(points: readonly Point[]): Coverage {
  const economies = new Set<string>();
  const aggregates = new Set<string>();
  let first: number | undefined;
  let last: number | undefined;
  for (const p of points) {
    (p.aggregate ? aggregates : economies).add(p.code);
    if (first === undefined || p.year < first) first = p.year;
    if (last === undefined || p.year > last) last = p.year;
  }
  return { economies: economies.size, aggregates: aggregates.size, first, last };
}

/** every pair of series, compared on the economy-years both publish, at the coarser printed precision */
function comparisonsOf(series: readonly Series[]): Comparison[] {
  const out: Comparison[] = [];
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const a = series[i] as Series;
      const b = series[j] as Series;
      const other = new Map(b.points.map((p) => [`${p.code}\u0000${p.year}`, p]));
      let compared = 0;
      const differ: Disagreement[] = [];
      for (const p of a.points) {
        const q = other.get(`${p.code}\u0000${p.year}`);
        if (q === undefined) continue;
        compared++;
        if (!samePrinted(plainNumber(p.value), plainNumber(q.value))) differ.push({ code: p.code, name: p.name, year: p.year, values: [p.value, q.value] });
      }
      differ.sort((x, y) => Math.abs(y.values[0] - y.values[1]) - Math.abs(x.values[0] - x.values[1]) || cmp(x.code, y.code) || x.year - y.year);
      out.push({ sources: [a.source, b.source], compared, differ });
    }
  }
  return out;
}

function economiesOf(indicators: readonly Indicator[]): Economy[] {
  const map = new Map<string, Economy>();
  for (const indicator of indicators) {
    for (const series of indicator.series) {
      const mine = new Map<string, Point[]>();
      for (const p of series.points) {
        if (p.aggregate || !ISO3.test(p.code)) continue;
        const list = mine.get(p.code) ?? [];
        mine.set(p.code, list);
        list.push(p);
      }
      for (const [code, points] of mine) {
        const e = map.get(code) ?? { code, name: points[0]?.name ?? code, entries: [] };
        map.set(code, e);
        e.entries.push({ indicator, series, points });
      }
    }
  }
  return [...map.values()].sort((a, b) => cmp(a.name, b.name) || cmp(a.code, b.code));
}

/** the year a world comparison uses: the latest with at least half as many economies as the best-covered year */
export function rankYear(series: Series): number | undefined {
  const counts = new Map<number, number>();
  for (const p of series.points) if (!p.aggregate) counts.set(p.year, (counts.get(p.year) ?? 0) + 1);
  const peak = Math.max(0, ...counts.values());
  const years = [...counts.entries()].filter(([, k]) => k * 2 >= peak).map(([y]) => y);
  return years.length === 0 ? undefined : Math.max(...years);
}

export interface Ranked {
  point: Point;
  /** 1 = highest value; ties share a rank */
  rank: number;
}

/** economies (not aggregates) of one year, highest value first */
export function ranking(series: Series, year: number): Ranked[] {
  const pts = series.points.filter((p) => !p.aggregate && p.year === year).sort((a, b) => b.value - a.value || cmp(a.code, b.code));
  const out: Ranked[] = [];
  pts.forEach((p, i) => {
    const prev = out[i - 1];
    out.push({ point: p, rank: prev !== undefined && prev.point.value === p.value ? prev.rank : i + 1 });
  });
  return out;
}

// the people-shaped downloads: per indicator a tidy csv, a wide csv and json; per economy one csv with every indicator
import { escapeFormula, plainNumber, quoteField } from "@bycn/publish";
import { pointOrder, type Economy, type Indicator, type Point, type Series } from "./model.js";

const encoder = new TextEncoder();

/** a text cell: the same spreadsheet formula guard as the full datasets, then minimal quoting */
const textCell = (s: string) => quoteField(escapeFormula(s));
const line = (cells: readonly string[]) => `${cells.join(",")}\n`;

export const TIDY_COLUMNS = ["economy_code", "economy_name", "is_aggregate", "year", "value", "unit", "source"] as const;
export const WIDE_KEY_COLUMNS = ["economy_code", "economy_name", "is_aggregate", "source"] as const;
export const ECONOMY_COLUMNS = ["economy_code", "economy_name", "indicator", "indicator_name", "source", "year", "value", "unit"] as const;

/** every series' points, tagged with their source, in download order: economies by name, then aggregates; year; source */
function tagged(ind: Indicator): { p: Point; s: Series }[] {
  const all = ind.series.flatMap((s) => s.points.map((p) => ({ p, s })));
  return all.sort((a, b) => pointOrder(a.p, b.p) || (a.s.source < b.s.source ? -1 : a.s.source > b.s.source ? 1 : 0));
}

export function tidyCsv(ind: Indicator): Uint8Array {
  const out = [line([...TIDY_COLUMNS])];
  for (const { p, s } of tagged(ind)) {
    out.push(line([textCell(p.code), textCell(p.name), String(p.aggregate), String(p.year), plainNumber(p.value), textCell(p.unit), textCell(s.source)]));
  }
  return encoder.encode(out.join(""));
}

/** one row per economy and source, one column per year (empty where that source has no value) */
export function wideCsv(ind: Indicator): Uint8Array {
  const years = [...new Set(ind.series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
  const rows = new Map<string, { p: Point; s: Series; values: Map<number, number> }>();
  for (const { p, s } of tagged(ind)) {
    const key = `${p.code}\u0000${s.source}`;
    const row = rows.get(key) ?? { p, s, values: new Map<number, number>() };
    rows.set(key, row);
    row.values.set(p.year, p.value);
  }
  const out = [line([...WIDE_KEY_COLUMNS, ...years.map(String)])];
  for (const { p, s, values } of rows.values()) {
    const cells = years.map((y) => (values.has(y) ? plainNumber(values.get(y) as number) : ""));
    out.push(line([textCell(p.code), textCell(p.name), String(p.aggregate), textCell(s.source), ...cells]));
  }
  return encoder.encode(out.join(""));
}

/** the tidy rows as json (exact text, no formula guard) with what the indicator is and where each series comes from; one row a line */
export function indicatorJson(ind: Indicator): Uint8Array {
  const head = {
    indicator: ind.code,
    name: ind.name,
    definition: ind.definition,
    unit: ind.unit,
    sources: ind.series.map((s) => ({ source: s.source, dataset: s.dataset, title: s.sourceTitle, url: s.sourceUrl, licence: s.licence, vintage: s.vintage })),
    columns: TIDY_COLUMNS,
  };
  const rows = tagged(ind).map(({ p, s }) => JSON.stringify({ economy_code: p.code, economy_name: p.name, is_aggregate: p.aggregate, year: p.year, value: p.value, unit: p.unit, source: s.source }));
  const top = JSON.stringify(head, null, 1).replace(/\n}$/, "");
  return encoder.encode(`${top},\n "rows": [\n${rows.join(",\n")}\n ]\n}\n`);
}

export function economyCsv(e: Economy): Uint8Array {
  const out = [line([...ECONOMY_COLUMNS])];
  for (const { indicator, series, points } of e.entries) {
    for (const p of points) {
      out.push(line([textCell(e.code), textCell(e.name), textCell(indicator.code), textCell(indicator.name), textCell(series.source), String(p.year), plainNumber(p.value), textCell(p.unit)]));
    }
  }
  return encoder.encode(out.join(""));
}

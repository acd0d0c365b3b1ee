// series that are the same figure under another code: republications of ITU series and the IDI's own codes
/** Each group names one figure; any member's data may stand for any other (the verdict says which one matched). */
export const SAME_FIGURE: readonly (readonly string[])[] = [
  // WDI's metadata names ITU's ICT Indicators Database as the source of IT.NET.USER.ZS; OWID's metadata says
  // "ITU via World Bank" and uses the WDI series name as its column header
  ["i99H", "IT.NET.USER.ZS", "Individuals using the Internet (% of population)"],
  // the IDI structure (DataHub API get-idi-structure) names its indicators with an _IDI suffix
  ["i271G", "i271G_IDI"],
  ["i271GA", "i271GA_IDI"],
  ["i911mw", "i911mw_IDI"],
  // IDI affordability uses the time series of the high-consumption mobile basket and the fixed-broadband basket
  ["i271mb_high_2GB_GNI", "i271mb_high_ts_GNI_IDI"],
  ["i154_FBB5_GNI", "i154_FBB_ts_GNI_IDI"],
];

const BY_CODE = new Map<string, readonly string[]>();
for (const group of SAME_FIGURE) for (const code of group) BY_CODE.set(code, group);

/** the series itself first, then the other codes of the same figure */
export function sameFigure(series: string): readonly string[] {
  const group = BY_CODE.get(series);
  return group ? [series, ...group.filter((c) => c !== series)] : [series];
}

/** One way to read a claim's wording: a series, the mean of series in the same year and file, or the subject's rank
 *  in a named group of economies on one series (1 = highest; rank_asc: 1 = lowest, for prices). */
export type ReadingExpr =
  | { kind: "series"; series: string }
  | { kind: "mean"; series: string[] }
  | { kind: "rank"; series: string; group: string[]; ascending: boolean };

export interface Reading {
  label: string;
  expr: ReadingExpr;
}

const MEAN = /^mean\(([^()]+)\)$/;
const RANK = /^(rank|rank_asc)\(([^()]+)\)$/;
const ISO3 = /^[A-Z]{3}$/;
const CODE = /^[^\s;=(),]+(?: [^\s;=(),]+)*$/;

function parseExpr(text: string): ReadingExpr | undefined {
  const rank = RANK.exec(text);
  if (rank) {
    const [series, ...group] = rank[2]!.split(",").map((s) => s.trim());
    const ok = series !== undefined && CODE.test(series) && group.length >= 2 && group.every((g) => ISO3.test(g));
    return ok ? { kind: "rank", series, group, ascending: rank[1] === "rank_asc" } : undefined;
  }
  const mean = MEAN.exec(text);
  if (mean) {
    const series = mean[1]!.split(",").map((s) => s.trim());
    return series.length >= 2 && series.every((s) => CODE.test(s)) ? { kind: "mean", series } : undefined;
  }
  return CODE.test(text) ? { kind: "series", series: text } : undefined;
}

/** `label=expr;label=expr`, where expr is a series code, mean(a,b) or rank(series,ISO3,ISO3,…); empty → the measure.
 *  returns a message instead when the text does not parse */
export function parseReadings(text: string, measure: string): Reading[] | string {
  if (text.trim() === "") return [{ label: measure, expr: { kind: "series", series: measure } }];
  const out: Reading[] = [];
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    const label = (eq >= 0 ? part.slice(0, eq) : part).trim();
    const body = (eq >= 0 ? part.slice(eq + 1) : part).trim();
    const expr = parseExpr(body);
    if (label === "" || !expr) return `reading ${JSON.stringify(part.trim())} is not label=series, label=mean(a,b) or label=rank(series,ISO3,ISO3…)`;
    out.push({ label, expr });
  }
  return out;
}

/** the time basis of series whose values are totals over a period: ITU's traffic-per-subscription indicators are GB
 *  per subscription per year (IDI 2024 methodology), so a figure the article calls monthly contradicts its own series */
const SERIES_PER: Readonly<Record<string, string>> = {
  i136mwi_subs: "year",
  i135tfb_subs: "year",
};

/** the period a series' values are totals over ("year"), undefined when it has none or bycn does not know it */
export function seriesPer(series: string): string | undefined {
  return SERIES_PER[series.endsWith("_IDI") ? series.slice(0, -"_IDI".length) : series];
}

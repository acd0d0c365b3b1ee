// what the report shows, derived from the dist view alone: claims, observations, verdict styles (charts in groups.ts and
// park.ts, links and findings in downloads.ts)
import { num, text, type DistView, type Table } from "./dist.js";

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

/** a reading that names one series code, not a formula */
export const PLAIN_CODE = /^[A-Za-z0-9_.$]+$/;

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

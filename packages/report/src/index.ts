// @bycn/report: dist/ files in (read only through `read`) → report/index.html and report.md out
import { PEERS } from "@bycn/core";
import { readDistView, type DistView } from "./dist.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { checkSummaryOf, downloadsOf, type CheckSummary, type Download } from "./downloads.js";
import { barGroupsOf, timeSeriesOf, type BarGroup, type TimeSeriesChart, type Uncharted } from "./groups.js";
import { claimsOf, nameOf, observationsOf, subjectsOf, verdictCounts, type Claim } from "./model.js";
import { parkChartsOf, type ParkChart } from "./park.js";
import { worldRanksOf, type WorldRank } from "./rank.js";

export { mdCell } from "./markdown.js";
export { CSP, CSS, REPORT_PLACEMENT, renderHtml, htmlHead, safeLink, dateOf, type HtmlPlacement } from "./html.js";
// the pieces the static site (@bycn/site) builds its pages from, so it reads dist/ and draws charts the same way
export { readDistView, parseCsv, text, num, type DistView, type Table, type Row, type Cell, type Resource, type Source } from "./dist.js";
export { formatValue, formatBytes, withUnit } from "./format.js";
export { timeSeriesFigure } from "./charts.js";
export * as svg from "./svg.js";
export { escapeXml } from "./svg.js";
export type { TimeSeriesChart, SeriesLine } from "./groups.js";
export { worldRanksOf, rankText, type Standing, type WorldRank } from "./rank.js";

export interface ReportModel {
  view: DistView;
  claims: Claim[];
  verdicts: [string, number][];
  bars: { groups: BarGroup[]; uncharted: Uncharted[] };
  series: { charts: TimeSeriesChart[]; uncharted: Uncharted[] };
  park: { charts: ParkChart[]; uncharted: Uncharted[] };
  downloads: Download[];
  check: CheckSummary;
  /** where each subject economy ranks among all economies, per series */
  ranks: WorldRank[];
  /** the economies the article is about, with their names, in claims order */
  subjects: { code: string; name: string }[];
  /** the peers the subjects are charted against */
  peers: string[];
}

export interface ReportOptions {
  /** ISO3 codes of the peer economies (default: the comparison set of @bycn/core) */
  peers?: readonly string[];
}

/** everything the report shows, from dist/ files alone (pure: same files, same model) */
export function buildReportModel(read: (path: string) => Uint8Array | undefined, opts: ReportOptions = {}): ReportModel {
  const view = readDistView(read);
  const claims = claimsOf(view);
  const obs = observationsOf(view);
  const subjects = subjectsOf(claims);
  const peers = (opts.peers ?? PEERS.map((p) => p.iso3)).filter((p) => !subjects.includes(p));
  return {
    view,
    claims,
    verdicts: verdictCounts(claims),
    bars: barGroupsOf(claims, obs),
    series: timeSeriesOf(obs, subjects, peers),
    park: parkChartsOf(view, claims),
    downloads: downloadsOf(view),
    check: checkSummaryOf(view.check, new Set([...subjects, ...peers])),
    ranks: worldRanksOf(obs, subjects),
    subjects: subjects.map((code) => ({ code, name: nameOf(code, obs) })),
    peers,
  };
}

const encoder = new TextEncoder();

/**
 * The human report, read from dist/ like any downloader would (datapackage.json first, then the files it lists).
 * Returns exactly "report/index.html" and "report.md" (paths relative to dist/); deterministic for the same files.
 */
export function renderReport(read: (path: string) => Uint8Array | undefined, opts: ReportOptions = {}): Map<string, Uint8Array> {
  const model = buildReportModel(read, opts);
  return new Map([
    ["report.md", encoder.encode(renderMarkdown(model))],
    ["report/index.html", encoder.encode(renderHtml(model))],
  ]);
}

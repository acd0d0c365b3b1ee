// one analysis run over raw/: integrity, every pipeline on its latest snapshot, consistency, cross-source, claims
import { economiesDataset, economyRows, makeIssue, type DatasetRows, type Issue, type Observation, type Reject, type Snapshot, type SourceId, UNIT_PLAUSIBLE, flagImplausible, withFlag } from "@bycn/core";
import { datahubPlausible } from "@bycn/pipeline-itu-datahub";
import {
  buildClaimData,
  claimFindings,
  decideClaims,
  verdictRow,
  wordingFindings,
  claimsDataset,
  crossSourceFindings,
  greatStoneAdapter,
  observationAdapter,
  priceBasketAdapter,
  type Claim,
  type DataPoint,
  type ParkRow,
} from "@bycn/claims";
import { checkGreatStone, type GreatStoneRow } from "@bycn/pipeline-great-stone";
import { revisionsDataset, revisionsFrom, type Revision } from "@bycn/diff";
import { PIPELINES } from "./pipelines.js";
import { latestVintage, loadSnapshots, scanRaw, type RawIndex } from "./raw.js";
import { CliError } from "./output.js";
import { readUserRegistry } from "./registry.js";

export interface Analysis {
  index: RawIndex;
  /** every snapshot that was read, with its sha256 (for evidence and check.json inputs) */
  snapshots: Snapshot[];
  datasets: DatasetRows[];
  claims: DatasetRows | undefined;
  rejects: Reject[];
  issues: Issue[];
  /** data records read from every raw file: each is published or rejected */
  dataRecords: number;
}

export interface AnalyzeOptions {
  rawDir: string;
  only?: SourceId;
  /** a user's claims registry to check instead of raw/article (bycn check|build --claims FILE) */
  claims?: string;
  progress?: (line: string) => void;
}

// datasets whose rows are canonical observations the claims and cross-source checks read
const OBSERVATION_DATASETS = ["itu-indicators", "idi-scores", "wdi-indicators", "owid-indicators"];

type VintageRow = Observation & { dataset: string };

function observationRows(sets: DatasetRows[]): VintageRow[] {
  return sets
    .filter((d) => OBSERVATION_DATASETS.includes(d.spec.name) || d.spec.name === "itu-price-baskets")
    .flatMap((d) => (d.rows as Observation[]).map((r) => ({ ...r, dataset: d.spec.name })));
}

/** the physical lines of each raw file, decoded once, for quoting a record in an issue */
function rawLines(snapshots: readonly Snapshot[]): (file: string, line: number) => string {
  const cache = new Map<string, string[]>();
  return (file, line) => {
    let lines = cache.get(file);
    if (!lines) {
      const s = snapshots.find((x) => x.file === file);
      lines = s ? new TextDecoder("utf-8").decode(s.bytes).split(/\r?\n/) : [];
      cache.set(file, lines);
    }
    return lines[line - 1] ?? "";
  };
}

/** every observation dataset gets its flag column; implausible values are warnings quoting the raw line */
function flagDatasets(datasets: DatasetRows[], snapshots: readonly Snapshot[], issues: Issue[]): void {
  const text = rawLines(snapshots);
  for (const [i, d] of datasets.entries()) {
    const spec = withFlag(d.spec);
    if (spec === d.spec) continue;
    const flagged = flagImplausible(
      d.rows as unknown as Observation[],
      (r) => (r.source === "itu-datahub" ? datahubPlausible(r.indicator, r.unit) : UNIT_PLAUSIBLE[r.unit]),
      text,
    );
    issues.push(...flagged.issues);
    datasets[i] = { spec, rows: flagged.rows as unknown as Record<string, unknown>[] };
  }
}

export function analyze(opts: AnalyzeOptions): Analysis {
  const index = scanRaw(opts.rawDir);
  const issues: Issue[] = [...index.issues];
  const datasets: DatasetRows[] = [];
  const rejects: Reject[] = [];
  const snapshots: Snapshot[] = [];
  let dataRecords = 0;
  const sources = index.manifest.sources
    .map((s) => s.id)
    .filter((id) => (!opts.only || id === opts.only) && !(opts.claims !== undefined && id === "article"));
  if (opts.only && sources.length === 0) throw new CliError(`--only ${opts.only}: no such source in raw/sources.json`, 2);

  // older vintages are read too: their values feed the revisions dataset and let a verdict name the vintage that
  // matches; only the latest vintage is published
  const earlierPoints: DataPoint[] = [];
  const revisions: Revision[] = [];
  for (const id of sources) {
    const latest = latestVintage(index, id);
    // a source folder without any snapshot (a missing folder is raw_missing already)
    if (!latest) {
      if (index.sources.get(id) !== undefined && !index.issues.some((i) => i.code === "raw_missing" && i.at.file === `raw/${id}`))
        issues.push(makeIssue("source_empty", { file: `raw/${id}` }, { source: id, folder: `raw/${id}`, files: 0 }));
      continue;
    }
    opts.progress?.(`${id}: ${latest.vintage} (${latest.files.length} file(s))`);
    const loaded = loadSnapshots(latest.files);
    issues.push(...loaded.issues);
    snapshots.push(...loaded.snapshots);
    const result = PIPELINES[id].run(loaded.snapshots);
    issues.push(...result.issues);
    rejects.push(...result.rejects);
    datasets.push(...result.datasets);
    dataRecords += result.dataRecords;
    // a source that yields no row and no reject would vanish from dist/ without a word: an error, never a quiet 0
    if (result.rejects.length === 0 && result.datasets.every((d) => d.rows.length === 0)) {
      const folder = `raw/${id}/${latest.vintage}`;
      issues.push(makeIssue("source_empty", { file: folder }, { source: id, folder, files: latest.files.length }));
    }

    let newer = observationRows(result.datasets);
    let newerVintage = latest.vintage.slice(0, 10);
    for (const vintage of [...(index.sources.get(id)?.keys() ?? [])].reverse().slice(1)) {
      const old = loadSnapshots(index.sources.get(id)?.get(vintage) ?? []);
      issues.push(...old.issues);
      snapshots.push(...old.snapshots);
      const oldRows = observationRows(PIPELINES[id].run(old.snapshots).datasets);
      revisions.push(...revisionsFrom(oldRows, newer, vintage.slice(0, 10), newerVintage));
      earlierPoints.push(...oldRows.flatMap((r) => observationAdapter(r.dataset).toPoints([r])));
      newer = oldRows;
      newerVintage = vintage.slice(0, 10);
    }
  }
  if (!opts.only || revisions.length > 0) datasets.push({ spec: revisionsDataset, rows: revisions as unknown as Record<string, unknown>[] });
  // the registry every economy column refers to (its foreign key), published with the data
  datasets.push({ spec: economiesDataset, rows: economyRows() });

  flagDatasets(datasets, snapshots, issues);

  const rowsOf = <R>(name: string): R[] => (datasets.find((d) => d.spec.name === name)?.rows ?? []) as R[];
  const park = rowsOf<GreatStoneRow>("great-stone");
  if (park.length > 0) issues.push(...checkGreatStone(park));

  const observations = OBSERVATION_DATASETS.flatMap((name) => rowsOf<Observation>(name));
  issues.push(...crossSourceFindings(observations));

  if (opts.claims !== undefined) {
    const user = readUserRegistry(opts.claims);
    datasets.push(...user.datasets);
    issues.push(...user.issues);
  }
  let claims: DatasetRows | undefined;
  const registry = rowsOf<Claim>("article-claims");
  if (registry.length > 0) {
    const points: DataPoint[] = [
      ...earlierPoints,
      ...OBSERVATION_DATASETS.flatMap((name) => observationAdapter(name).toPoints(rowsOf<Observation>(name))),
      ...priceBasketAdapter().toPoints(rowsOf<Observation & { status: string }>("itu-price-baskets")),
      ...greatStoneAdapter().toPoints(park as unknown as ParkRow[]),
    ];
    const data = buildClaimData(points, new Map(snapshots.map((s) => [s.file, s.sha256])));
    const decisions = decideClaims(registry, data);
    const verdicts = decisions.map((d) => verdictRow(d, data));
    claims = { spec: claimsDataset, rows: verdicts as unknown as Record<string, unknown>[] };
    issues.push(...claimFindings(verdicts), ...wordingFindings(decisions));
  }
  return { index, snapshots, datasets, claims, rejects, issues, dataRecords };
}

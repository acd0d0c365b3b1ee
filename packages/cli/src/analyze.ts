// one analysis run over raw/: integrity, every pipeline on its latest snapshot, consistency, cross-source, claims
import type { DatasetRows, Issue, Reject, Snapshot, SourceId } from "@bycn/core";
import { PIPELINES } from "./pipelines.js";
import { latestVintage, loadSnapshots, scanRaw, type RawIndex } from "./raw.js";
import { CliError } from "./output.js";
import { checkClaims, claimFindings, crossSourceFindings, type ClaimData } from "@bycn/claims";
import { checkGreatStone } from "@bycn/pipeline-great-stone";

export interface Analysis {
  index: RawIndex;
  /** every snapshot that was read, with its sha256 (for evidence and check.json inputs) */
  snapshots: Snapshot[];
  datasets: DatasetRows[];
  claims: DatasetRows | undefined;
  rejects: Reject[];
  issues: Issue[];
}

export interface AnalyzeOptions {
  rawDir: string;
  only?: SourceId;
  progress?: (line: string) => void;
}

export function analyze(opts: AnalyzeOptions): Analysis {
  const index = scanRaw(opts.rawDir);
  const issues: Issue[] = [...index.issues];
  const datasets: DatasetRows[] = [];
  const rejects: Reject[] = [];
  const snapshots: Snapshot[] = [];
  const sources = index.manifest.sources.map((s) => s.id).filter((id) => !opts.only || id === opts.only);
  if (opts.only && sources.length === 0) throw new CliError(`--only ${opts.only}: no such source in raw/sources.json`, 2);

  for (const id of sources) {
    const latest = latestVintage(index, id);
    if (!latest) continue;
    opts.progress?.(`${id}: ${latest.vintage} (${latest.files.length} file(s))`);
    const loaded = loadSnapshots(latest.files);
    issues.push(...loaded.issues);
    snapshots.push(...loaded.snapshots);
    const result = PIPELINES[id].run(loaded.snapshots);
    issues.push(...result.issues);
    rejects.push(...result.rejects);
    datasets.push(...result.datasets);
  }

  const rowsOf = (name: string) => datasets.find((d) => d.spec.name === name)?.rows ?? [];
  const park = rowsOf("great-stone");
  if (park.length > 0) issues.push(...checkGreatStone(park as never));

  const observations = datasets
    .filter((d) => "indicator" in d.spec.schema.shape && "value" in d.spec.schema.shape && "entity" in d.spec.schema.shape)
    .flatMap((d) => d.rows.map((r) => ({ ...r, dataset: d.spec.name })));
  issues.push(...crossSourceFindings(observations as never));

  let claims: DatasetRows | undefined;
  const registry = datasets.find((d) => d.spec.name === "article-claims");
  if (registry) {
    const data: ClaimData = {
      observations: observations as never,
      park: park as never,
      sha256: new Map(snapshots.map((s) => [s.file, s.sha256])),
    };
    const verdicts = checkClaims(registry.rows as never, data);
    claims = verdicts;
    issues.push(...claimFindings(verdicts.rows as never));
  }
  return { index, snapshots, datasets, claims, rejects, issues };
}

// what a build publishes from an analysis: the gates that stop it (dist/ untouched), and the sources dist/ credits
import { formatIssue, type Issue, type SourceId } from "@bycn/core";
import type { DistSource } from "@bycn/publish";
import type { Analysis } from "./analyze.js";
import { CliError } from "./output.js";
import { latestVintage } from "./raw.js";

const INTEGRITY = new Set(["checksum_mismatch", "size_mismatch", "raw_missing", "meta_missing", "meta_invalid", "not_regular_file"]);
// a newest-snapshot file that cannot be read at all, or a source that yields nothing: publishing would drop its
// records (or whole datasets) from dist/ while exiting 0, so the build stops instead (only the newest snapshot is
// run through the pipelines, so these codes name newest files)
const UNUSABLE = new Set(["source_empty", "file_empty", "file_unreadable", "binary_content", "encoding_undetermined", "header_missing", "header_unrecognized"]);

/** throws (exit 2) when raw/ does not match its meta, or holds newest snapshots that would publish nothing */
export function refuseUnbuildable(issues: readonly Issue[]): void {
  const broken = issues.filter((i) => INTEGRITY.has(i.code));
  if (broken.length > 0) {
    throw new CliError(`cannot build: raw snapshots do not match their meta (dist/ untouched)\n${broken.map(formatIssue).join("\n")}`, 2);
  }
  const unusable = issues.filter((i) => UNUSABLE.has(i.code));
  if (unusable.length > 0) {
    throw new CliError(`cannot build: raw snapshots that yield nothing (dist/ untouched)\n${unusable.map(formatIssue).join("\n")}`, 2);
  }
}

/** each built source with its newest snapshot's files; a user's registry (claimsFile) stands in for the article */
export function distSources(analysis: Analysis, only: SourceId | undefined, claimsFile: string | undefined): DistSource[] {
  const sources: DistSource[] = [];
  for (const entry of analysis.index.manifest.sources) {
    const latest = latestVintage(analysis.index, entry.id);
    if (!latest || (only && entry.id !== only) || (claimsFile !== undefined && entry.id === "article")) continue;
    const files = analysis.snapshots.filter((s) => s.vintage === latest.vintage && s.file.startsWith(`raw/${entry.id}/`));
    sources.push({
      id: entry.id,
      title: entry.title,
      path: entry.url,
      licence: entry.licence,
      retrieved: latest.vintage.slice(0, 10),
      files: files.map((f) => ({ path: f.file, sha256: f.sha256 })),
    });
  }
  return sources;
}

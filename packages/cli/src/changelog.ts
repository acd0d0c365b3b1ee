// CHANGELOG.md: one section per data release, newest first, written from the diff against the previous release
import { renderDiff, type DistDiff } from "@bycn/diff";

export const CHANGELOG_HEAD =
  "# Changelog\n\nOne section per data release, newest first. `bycn release` writes each from `bycn diff` against the previous release; " +
  "a version is the date of the newest raw snapshot and a hash of every snapshot, so it changes when the data change and only then.\n";

export interface ReleaseFacts {
  version: string;
  /** yyyy-mm-dd of the newest snapshot */
  date: string;
  /** the previous release and its diff to this one; absent for a first release */
  previous?: { version: string; diff: DistDiff };
  /** dataset name → rows, listed when there is no previous release to compare with */
  datasets: [string, number][];
  /** no earlier section in the changelog either: this is the first release */
  first?: boolean;
}

const heading = (version: string) => `## ${version}`;

/** whether the changelog already has this version's section (a rerun of the same release adds nothing) */
export function hasSection(changelog: string, version: string): boolean {
  return changelog.split("\n").some((l) => l === heading(version) || l.startsWith(`${heading(version)} `));
}

/** the section of one release: what changed since the previous one, as the diff's markdown one heading level down */
export function releaseSection(f: ReleaseFacts): string {
  const out = [`${heading(f.version)} (${f.date})`, ""];
  if (f.previous) {
    out.push(`Compared with ${f.previous.version}.`, "");
    out.push(renderDiff(f.previous.diff, "markdown", { limit: 10 }).replace(/^(#{2,}) /gm, "#$1 ").trimEnd());
  } else {
    const rows = f.datasets.reduce((n, [, k]) => n + k, 0);
    const what = `${f.datasets.length} datasets, ${rows} rows`;
    out.push(f.first ? `First release: ${what}.` : `Not compared with an earlier release (none was given to bycn release --previous): ${what}.`, "");
    out.push("| dataset | rows |", "|---|--:|", ...f.datasets.map(([name, k]) => `| ${name} | ${k} |`));
  }
  return `${out.join("\n")}\n`;
}

/** the changelog with the section put first (after the title and intro); unchanged when the version is there */
export function prependSection(changelog: string | undefined, version: string, section: string): string {
  const current = changelog && changelog.trim() !== "" ? changelog : CHANGELOG_HEAD;
  if (hasSection(current, version)) return current;
  const lines = current.split("\n");
  const first = lines.findIndex((l) => l.startsWith("## "));
  if (first === -1) return `${current.trimEnd()}\n\n${section}`;
  const before = lines.slice(0, first).join("\n").trimEnd();
  const after = lines.slice(first).join("\n");
  return `${before}\n\n${section}\n${after}`;
}

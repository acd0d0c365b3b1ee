// the one rule for raw/<source>/<folder> names: read by cli's raw/ scan, written by refresh
/**
 * `yyyy-mm-dd` (UTC date of the retrieval); a second snapshot on the same day is `yyyy-mm-dd.02`, then `.03` …
 * `.99`. Two digits keep plain string order equal to time order (`2026-11-28` < `2026-11-28.02` < `2026-11-28.10`
 * < `2026-11-29`), and the date part stays the data vintage. Any other name is not a snapshot and is never read.
 */
export const SNAPSHOT_FOLDER = /^(\d{4}-\d{2}-\d{2})(?:\.(\d{2}))?$/;

export function isSnapshotFolder(name: string): boolean {
  return SNAPSHOT_FOLDER.test(name);
}

/** the data vintage a folder stands for (`2026-11-28.02` → `2026-11-28`) */
export function snapshotDate(folder: string): string {
  return folder.slice(0, 10);
}

/** oldest first; for folder names string order is time order */
export function compareSnapshotFolders(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** snapshot folders among directory entries, oldest first */
export function sortSnapshotFolders(names: readonly string[]): string[] {
  return names.filter(isSnapshotFolder).sort(compareSnapshotFolders);
}

/** The name for a new snapshot taken on `date`; undefined when no name would sort after every existing folder. */
export function nextSnapshotFolder(date: string, existing: readonly string[]): string | undefined {
  const latest = sortSnapshotFolders(existing).at(-1);
  if (latest === undefined || snapshotDate(latest) < date) return date;
  if (snapshotDate(latest) > date) return undefined;
  const m = SNAPSHOT_FOLDER.exec(latest);
  const next = Number(m?.[2] ?? 1) + 1;
  return next > 99 ? undefined : `${date}.${String(next).padStart(2, "0")}`;
}

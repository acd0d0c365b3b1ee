// the data version: calendar date of the newest snapshot plus a short hash of every snapshot's path and sha256
import { sha256Hex } from "@bycn/core";

export interface VersionInput {
  /** raw/<source>/<vintage>/<name> */
  file: string;
  sha256: string;
  /** yyyy-mm-dd (a same-day `.N` suffix is ignored for the date) */
  vintage: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * yyyy.mm.dd-<8 hex>: changes when any snapshot's bytes, name or set changes, and only then (the tool's own version,
 * the clock and the order snapshots are listed in do not enter). The date is the newest snapshot's.
 */
export function dataVersion(snapshots: readonly VersionInput[]): string {
  if (snapshots.length === 0) throw new Error("no snapshots: a data version needs at least one raw file");
  const dates = snapshots.map((s) => {
    const m = DATE.exec(s.vintage);
    if (!m) throw new Error(`${s.file}: vintage "${s.vintage}" is not a date`);
    return `${m[1]}.${m[2]}.${m[3]}`;
  });
  const newest = dates.sort().at(-1) as string;
  const lines = snapshots.map((s) => `${s.file}\t${s.sha256}\n`).sort();
  const hash = sha256Hex(lines.join("")).slice(0, 8);
  return `${newest}-${hash}`;
}

/** the archive name of a data version: bycn-data-<version> */
export const releaseName = (version: string): string => `bycn-data-${version}`;

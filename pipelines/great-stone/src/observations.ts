// the claims checker's view of the park: every row, in date order
import type { GreatStoneRow } from "./schemas.js";

/**
 * Park observations for the claims checker: the great-stone rows sorted by as_of, then measure, then raw line.
 * Columns (all of GreatStoneRow): as_of (last day of the named period) + as_of_precision; measure; value in base
 * units (USD or count) + unit; qualifier (exact | about | more_than | less_than | almost); status (actual | plan |
 * target: only actual confirms a claim, a plan may match a "planned" claim); period / period_start / period_end for
 * flows (period "2023", "2023-H1", "2024-01-01/2024-05-18": its first four characters are always the year);
 * horizon for plans; source_url; note; source; vintage; raw_file + raw_line (the evidence). Pure: returns a new array.
 */
export function parkObservations(rows: readonly GreatStoneRow[]): GreatStoneRow[] {
  return [...rows].sort((a, b) =>
    a.as_of !== b.as_of
      ? a.as_of < b.as_of ? -1 : 1
      : a.measure !== b.measure
        ? a.measure < b.measure ? -1 : 1
        : a.raw_file !== b.raw_file
          ? a.raw_file < b.raw_file ? -1 : 1
          : a.raw_line - b.raw_line,
  );
}

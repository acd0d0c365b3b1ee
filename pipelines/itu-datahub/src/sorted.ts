// the key-order step of the DataHub: candidates in key order → rows, duplicates rejected, unit breaks flagged (pure)
import { groupBy, keyText, makeIssue, rejectFor } from "@bycn/core";
import type { Candidate, Issue, Observation, RowSink, SortedStep } from "@bycn/core";
import { ItuIndicators } from "./schemas.js";

/** Adjacent values of one series for one economy that differ by this factor are reported as a unit break. */
export const UNIT_BREAK_FACTOR = 500;

const INDICATORS = ItuIndicators.name;

/** candidates of one dataset by key: entity, indicator, year (the primary key without answer_index) */
export const KEY = ["entity", "indicator", "year"] as const;
/**
 * compareBy(KEY) written out: the sort and the merge call it many times a record, and the generic loop's keyed
 * property reads show in profiles (bench/README.md). Same order: strings by code unit, years as numbers.
 */
function byKey(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ea = a.entity as string;
  const eb = b.entity as string;
  if (ea !== eb) return ea < eb ? -1 : 1;
  const ia = a.indicator as string;
  const ib = b.indicator as string;
  if (ia !== ib) return ia < ib ? -1 : 1;
  return (a.year as number) - (b.year as number);
}
export function compareDatahub(_dataset: string): (a: Candidate, b: Candidate) => number {
  return (a, b) => byKey(a.rows[0]!, b.rows[0]!);
}

/** an unresolved value ratio between two adjacent years of one series for one economy (see findUnitBreaks) */
function unitBreak(prev: Observation, cur: Observation): Issue | undefined {
  if (prev.value <= 0 || cur.value <= 0) return undefined;
  const ratio = cur.value / prev.value;
  if (Math.max(ratio, 1 / ratio) < UNIT_BREAK_FACTOR) return undefined;
  return makeIssue("unit_break", { file: cur.raw_file, line: cur.raw_line, field: "dataValue" }, { series: cur.indicator, economy: cur.entity, year: cur.year, ratio });
}

/**
 * One dataset's candidates in key order (ties by file, then line) → rows in primary-key order. Of equal keys the
 * first is kept and the later ones are rejected naming it; adjacent years of one series and economy are checked for
 * unit breaks (itu-indicators).
 */
export function sortedDatahub(dataset: string, files: readonly string[], sink: RowSink): SortedStep {
  let first: Candidate | undefined;
  let prevRow: Observation | undefined;
  return {
    push(c) {
      if (first !== undefined && byKey(first.rows[0]!, c.rows[0]!) === 0) {
        const r = c.rows[0]!;
        const key = keyText(r, KEY);
        const shown = first.file === c.file ? key : `${key} (first in ${files[first.file]!})`;
        const issue = makeIssue("duplicate_key", { file: files[c.file]!, line: c.line }, { key: shown, first_line: first.line });
        sink.issue(issue);
        sink.reject(rejectFor(dataset, { file: files[c.file]! }, c.line, c.raw, issue));
        return;
      }
      first = c;
      if (dataset === INDICATORS) {
        const row = c.rows[0] as Observation;
        if (prevRow !== undefined && prevRow.entity === row.entity && prevRow.indicator === row.indicator) {
          const issue = unitBreak(prevRow, row);
          if (issue !== undefined) sink.issue(issue);
        }
        prevRow = row;
      }
      for (const row of c.rows) sink.row(row);
    },
    end() {},
  };
}

/**
 * Adjacent observations (in year order, gaps allowed) of one series for one economy whose ratio is at least
 * UNIT_BREAK_FACTOR. Zeros are skipped: 0 → 21000 subscriptions is a launch, not a unit change.
 * Evidence: average_download_throughput_fixed_broadband.csv, i147dl CHN 2020 "257331" then 2021 "3.15621e+008".
 * Real launches stay below it: IND i271G 0.08 (2009) → 36.53 (2012) is a factor of 457.
 */
export function findUnitBreaks(rows: readonly Observation[]): Issue[] {
  const groups = groupBy(rows, (r) => `${r.entity}\u0000${r.indicator}`);
  const issues: Issue[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.year - b.year);
    for (let i = 1; i < g.length; i++) {
      const issue = unitBreak(g[i - 1]!, g[i]!);
      if (issue !== undefined) issues.push(issue);
    }
  }
  return issues;
}


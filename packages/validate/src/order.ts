// the orders the validate paths agree on: issues by line, rejects as dist's rejects files; what stops publishing
import type { Issue, Reject } from "@bycn/core";
import { compareRowsBy, REJECT_ORDER } from "@bycn/publish";

/** issues after which nothing of the file is published (the whole-file path words them) */
export const FATAL: ReadonlySet<string> = new Set(["binary_content", "encoding_undetermined", "file_unreadable", "invalid_utf8"]);

export interface Numbered {
  n: number;
  issue: Issue;
}

/** issues in file order: by line (file-level ones first), then in the order they were found */
export function byLine(a: Numbered, b: Numbered): number {
  return (a.issue.at?.line ?? 0) - (b.issue.at?.line ?? 0) || a.n - b.n;
}

/** an issue waiting for the final order: by line, file-level (0) first; reading before merging; then as found */
export interface OrderedIssue {
  l: number;
  p: 1 | 2;
  n: number;
  /** once-per-file key (RecordSink.issue): of one key only the lowest line is reported */
  o?: string;
  i: Issue;
}

export const byIssueOrder = (a: OrderedIssue, b: OrderedIssue): number => a.l - b.l || a.p - b.p || a.n - b.n;
const rejectOrder = compareRowsBy(REJECT_ORDER);
/** rejects in the order of dist's rejects files */
export const byReject = (a: Reject, b: Reject): number => rejectOrder(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>);

/** a deep copy: strings of a record are slices of the reader's 64 KiB text pieces, and a kept issue would pin its piece */
export function copy<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

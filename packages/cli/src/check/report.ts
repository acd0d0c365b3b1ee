// check.json: the versioned report of every finding; text, JUnit, GitHub and Markdown are renderings of it
import { SEVERITY_RANK, type Issue, type IssueCode, type Severity } from "@bycn/core";

export const CHECK_REPORT_VERSION = 1;

export type CheckCategory = "integrity" | "schema" | "consistency" | "cross-source" | "claims";

export interface Finding {
  /** stable across rebuilds and line shifts where the finding has a natural key (claim id, economy/year) */
  fingerprint: string;
  category: CheckCategory;
  issue: Issue;
  /** set when the baseline accepts this finding */
  baselined?: { reason: string };
}

export interface CheckReport {
  version: typeof CHECK_REPORT_VERSION;
  tool: { name: "bycn"; version: string };
  inputs: { file: string; vintage: string; sha256: string }[];
  summary: Record<Severity, number> & { baselined: number; stale_baseline: number; failing: number };
  fail_on: Severity;
  findings: Finding[];
}

const CATEGORY: Partial<Record<IssueCode, CheckCategory>> = {
  raw_missing: "integrity",
  meta_missing: "integrity",
  not_regular_file: "integrity",
  meta_invalid: "integrity",
  checksum_mismatch: "integrity",
  size_mismatch: "integrity",
  source_empty: "integrity",
  baseline_stale: "integrity",
  cross_source_mismatch: "cross-source",
  source_conflict: "consistency",
  stock_fell: "consistency",
  stock_flow_mismatch: "consistency",
  plan_not_actual: "consistency",
  unit_break: "consistency",
  claim_confirmed: "claims",
  claim_matches_other_year: "claims",
  claim_contradicted: "claims",
  claim_unverifiable: "claims",
  claim_inconsistent: "claims",
  claim_wording_contradicted: "claims",
  implausible_value: "consistency",
};

export function categoryOf(code: IssueCode): CheckCategory {
  return CATEGORY[code] ?? "schema";
}

/** the natural key of a finding: what stays the same when unrelated lines move */
export function fingerprintOf(i: Issue): string {
  switch (i.code) {
    case "claim_confirmed":
    case "claim_matches_other_year":
    case "claim_contradicted":
    case "claim_unverifiable":
    case "claim_inconsistent":
    case "claim_wording_contradicted":
      return `${i.code}:${i.claim}`;
    case "implausible_value":
      return `${i.code}:${i.series}:${i.entity}:${i.year}`;
    case "cross_source_mismatch":
      return `${i.code}:${i.economy}:${i.year}:${i.a}:${i.b}`;
    case "source_conflict":
      return `${i.code}:${i.measure}:${i.period}:${i.a_value}:${i.b_value}`;
    case "stock_fell":
    case "stock_flow_mismatch":
      return `${i.code}:${i.measure}:${i.from_date}:${i.to_date}`;
    case "unit_break":
      return `${i.code}:${i.series}:${i.economy}:${i.year}`;
    case "checksum_mismatch":
    case "size_mismatch":
    case "raw_missing":
    case "meta_missing":
    case "not_regular_file":
    case "meta_invalid":
      return `${i.code}:${i.path}`;
    default:
      return `${i.code}:${i.at.file}:${i.at.line ?? 0}:${i.at.column ?? 0}`;
  }
}

export function isFailing(f: Finding, failOn: Severity): boolean {
  return !f.baselined && SEVERITY_RANK[f.issue.severity] >= SEVERITY_RANK[failOn];
}

const CATEGORY_ORDER: CheckCategory[] = ["integrity", "schema", "consistency", "cross-source", "claims"];

export function buildCheckReport(args: {
  version: string;
  inputs: CheckReport["inputs"];
  issues: Issue[];
  failOn: Severity;
  accept?: (fingerprint: string) => string | undefined;
}): CheckReport {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const issue of args.issues) {
    let fingerprint = fingerprintOf(issue);
    // two findings with one natural key (rare: two rows on one line) stay apart
    for (let n = 2; seen.has(fingerprint); n++) fingerprint = `${fingerprintOf(issue)}#${n}`;
    seen.add(fingerprint);
    const reason = args.accept?.(fingerprint);
    findings.push({ fingerprint, category: categoryOf(issue.code), issue, ...(reason !== undefined ? { baselined: { reason } } : {}) });
  }
  findings.sort(
    (a, b) =>
      CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
      SEVERITY_RANK[b.issue.severity] - SEVERITY_RANK[a.issue.severity] ||
      (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0),
  );
  const count = (s: Severity) => findings.filter((f) => f.issue.severity === s).length;
  return {
    version: CHECK_REPORT_VERSION,
    tool: { name: "bycn", version: args.version },
    inputs: [...args.inputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    summary: {
      error: count("error"),
      warning: count("warning"),
      info: count("info"),
      baselined: findings.filter((f) => f.baselined).length,
      stale_baseline: findings.filter((f) => f.issue.code === "baseline_stale").length,
      failing: findings.filter((f) => isFailing(f, args.failOn)).length,
    },
    fail_on: args.failOn,
    findings,
  };
}

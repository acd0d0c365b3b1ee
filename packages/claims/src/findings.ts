// verdicts and cross-source comparisons as issues (findings for bycn check)
import { type Issue, type Observation, makeIssue } from "@bycn/core";
import { type Decimal, add, compare, fromNumber, halfUnit, sub, toNumber } from "./decimal.js";
import { SAME_FIGURE } from "./series.js";
import type { ClaimVerdict } from "./verdict.js";
import type { Decision } from "./decide.js";

/** One finding per verdict, located at the claim's line in the registry; its message is the verdict's explanation. */
export function claimFindings(verdicts: readonly ClaimVerdict[]): Issue[] {
  return verdicts.map((v) => {
    const at = { file: v.claim_file, line: v.claim_line };
    const base = { claim: v.id, printed: v.printed, explanation: v.explanation };
    const actual = v.data_value ?? Number.NaN;
    switch (v.verdict) {
      case "confirmed":
      case "consistent":
        return makeIssue("claim_confirmed", at, { ...base, actual });
      case "matches_other_year":
        return makeIssue("claim_matches_other_year", at, { ...base, actual, year: v.data_year ?? v.reference_year });
      case "contradicted":
        return makeIssue("claim_contradicted", at, { ...base, actual, difference: v.difference ?? Number.NaN });
      case "inconsistent":
        return makeIssue("claim_inconsistent", at, { ...base, actual });
      case "unverifiable":
        return makeIssue("claim_unverifiable", at, { claim: v.id, printed: v.printed, missing: v.explanation });
    }
  });
}

/** Registry wording the data contradict on their own terms (a figure called monthly whose series is yearly). */
export function wordingFindings(decisions: readonly Decision[]): Issue[] {
  return decisions.flatMap((d) =>
    d.caveats.flatMap((k) =>
      k.kind === "wording"
        ? [makeIssue("claim_wording_contradicted", { file: d.claim.raw_file, line: d.claim.raw_line, field: "per" }, { claim: d.claim.id, said: k.said, series: k.series, basis: k.basis })]
        : [],
    ),
  );
}

/** how far apart two printed values may be and still describe one number: each stands for the interval its last
 *  printed digit rounds (81.8842 is [81.88415, 81.88425)), and two values agree when those intervals meet, so a
 *  difference of rounding noise (81.8842 vs 81.8843) is no finding */
function roundingNoise(a: Decimal, b: Decimal): Decimal {
  return add(halfUnit(a), halfUnit(b));
}

function label(o: Observation): string {
  return `${o.source} ${o.indicator} (${o.raw_file} line ${o.raw_line}, retrieved ${o.vintage})`;
}

/**
 * The same figure published by two sources (ITU's i99H, WDI's IT.NET.USER.ZS, OWID's internet-users column…)
 * for one economy and year must agree at their printed precisions (see roundingNoise); else cross_source_mismatch.
 * Rows of one source (several vintages) are not compared with each other: that is a revision, not a disagreement.
 */
export function crossSourceFindings(observations: readonly Observation[]): Issue[] {
  const groupOf = new Map<string, number>();
  SAME_FIGURE.forEach((g, i) => g.forEach((code) => groupOf.set(code, i)));
  const byKey = new Map<string, Observation[]>();
  for (const o of observations) {
    const g = groupOf.get(o.indicator);
    if (g === undefined || o.economy === "") continue;
    const key = `${g}\u0000${o.economy}\u0000${o.year}`;
    const list = byKey.get(key);
    if (list) list.push(o);
    else byKey.set(key, [o]);
  }
  const issues: Issue[] = [];
  const keys = [...byKey.keys()].sort();
  for (const key of keys) {
    const rows = byKey
      .get(key)!
      .slice()
      .sort((x, y) => (x.source < y.source ? -1 : x.source > y.source ? 1 : x.raw_file < y.raw_file ? -1 : x.raw_file > y.raw_file ? 1 : x.raw_line - y.raw_line));
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const a = rows[i]!;
        const b = rows[j]!;
        if (a.source === b.source) continue;
        const da = fromNumber(a.value);
        const db = fromNumber(b.value);
        const diff = sub(db, da);
        const abs = diff.m < 0n ? { m: -diff.m, e: diff.e } : diff;
        if (compare(abs, roundingNoise(da, db)) <= 0) continue;
        issues.push(
          makeIssue("cross_source_mismatch", { file: b.raw_file, line: b.raw_line }, {
            economy: a.economy,
            year: a.year,
            a: label(a),
            a_value: a.value,
            b: label(b),
            b_value: b.value,
            difference: toNumber(diff),
          }),
        );
      }
    }
  }
  return issues;
}

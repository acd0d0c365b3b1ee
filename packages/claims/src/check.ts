// the checker: decide each claim, explain the decision once, and lay both out as a published verdict row
import type { ClaimData } from "./data.js";
import { type Decision, decide, decideDerived } from "./decide.js";
import { shift, sub, toNumber } from "./decimal.js";
import { explain } from "./explain.js";
import { byRounding, truncatesTo } from "./target.js";
import type { Claim, ClaimVerdict } from "./verdict.js";

function base(claim: Claim): Omit<ClaimVerdict, "verdict" | "explanation"> {
  return {
    id: claim.id,
    subject: claim.subject,
    measure: claim.measure,
    edition: claim.edition,
    printed: claim.printed,
    operator: claim.operator,
    unit: claim.unit,
    reference_year: claim.reference_year,
    data_value: null,
    data_year: null,
    difference: null,
    relative_difference: null,
    would_match_truncated: null,
    reading: null,
    evidence_dataset: null,
    evidence_file: null,
    evidence_line: null,
    evidence_sha256: null,
    evidence_vintage: null,
    evidence_value: null,
    evidence_unit: null,
    evidence_tier: null,
    claim_file: claim.raw_file,
    claim_line: claim.raw_line,
  };
}

/** the decision laid out as a verdict row: data_value and difference in the printed unit, the raw value in evidence_* */
export function verdictRow(d: Decision, data: ClaimData): ClaimVerdict {
  const claim = d.claim;
  const v: ClaimVerdict = { ...base(claim), verdict: d.verdict, explanation: explain(d) };
  switch (d.verdict) {
    case "unverifiable":
      if (claim.derived_from.trim() !== "") v.reading = derivedReading(claim);
      return v;
    case "consistent":
    case "inconsistent": {
      const diff = sub(d.recomputed, d.target.printed);
      v.reading = derivedReading(claim);
      v.data_value = toNumber(d.recomputed);
      v.data_year = claim.reference_year;
      v.difference = toNumber(diff);
      v.relative_difference = d.target.printed.m === 0n ? null : toNumber(diff) / toNumber(d.target.printed);
      return v;
    }
    default: {
      const { evidence: c, target: t } = d;
      const p = c.points[0]!;
      const diff = shift(sub(c.value, t.value), -t.scale);
      v.data_value = toNumber(shift(c.value, -t.scale));
      v.data_year = c.year;
      v.difference = toNumber(diff);
      v.relative_difference = t.printed.m === 0n ? null : toNumber(diff) / toNumber(t.printed);
      v.would_match_truncated = byRounding(t) ? truncatesTo(c.value, t) : null;
      v.reading =
        d.verdict === "confirmed" && d.several
          ? [...new Set(d.fit.map((x) => x.reading))].join("; ")
          : c.qualifier
            ? `${c.reading}, ${c.qualifier}`
            : c.reading;
      v.evidence_dataset = p.dataset;
      v.evidence_file = p.raw_file;
      v.evidence_line = p.raw_line;
      v.evidence_sha256 = data.sha256(p.raw_file) ?? null;
      v.evidence_vintage = p.vintage === "" ? null : p.vintage;
      v.evidence_value = toNumber(c.value);
      v.evidence_unit = c.unit ?? p.unit ?? null;
      v.evidence_tier = c.points.some((q) => q.tier === "secondary") ? "secondary" : "primary";
      return v;
    }
  }
}

function derivedReading(claim: Claim): string {
  const ids = claim.derived_from.split(";").map((s) => s.trim()).filter((s) => s !== "");
  return `${claim.measure}(${ids.join(", ")})`;
}

/** Decide every claim: direct claims against the data, derived claims from the claims they come from. */
export function decideClaims(claims: readonly Claim[], data: ClaimData): Decision[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const decisions = new Map<string, Decision>();
  const dataValues = new Map<string, number | null>();
  const derived = (c: Claim): boolean => c.derived_from.trim() !== "";
  for (const claim of claims) {
    if (derived(claim)) continue;
    const d = decide(claim, data);
    decisions.set(claim.id, d);
    // only a value of the part's own year stands for it
    dataValues.set(claim.id, d.verdict === "confirmed" || d.verdict === "contradicted" ? toNumber(shift(d.evidence.value, -d.target.scale)) : null);
  }
  for (const claim of claims) if (derived(claim)) decisions.set(claim.id, decideDerived(claim, byId, dataValues));
  return claims.map((c) => decisions.get(c.id)!);
}

/** Check every claim: one verdict row per claim, in registry order. */
export function checkClaims(claims: readonly Claim[], data: ClaimData): ClaimVerdict[] {
  return decideClaims(claims, data).map((d) => verdictRow(d, data));
}

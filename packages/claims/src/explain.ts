// explain: one place that turns a decision's facts into one or two plain sentences (CSV, JSON, report, check output)
import { type Candidate, type Caveat, type Decision, FORMULAS, type Unverifiable } from "./decide.js";
import type { DataPoint } from "./data.js";
import { type Decimal, roundTo, shift, sub, toNumber, toText } from "./decimal.js";
import { type Target, absDec, byRounding, trim } from "./target.js";
import type { Claim } from "./verdict.js";

const OPERATOR_WORD: Record<Claim["operator"], string> = {
  "=": "",
  "≈": "about ",
  ">": "more than ",
  "≥": "at least ",
  "<": "less than ",
  "≤": "at most ",
};

const RELATION: Record<Claim["operator"], string> = {
  "=": "rounds to",
  "≈": "rounds to",
  ">": "is more than",
  "≥": "is at least",
  "<": "is less than",
  "≤": "is at most",
};

/** the printed figure as a reader would say it: "about 2%", "more than 3,000", "107.8 per 100 inhabitants" */
export function printedText(claim: Pick<Claim, "printed" | "operator" | "unit">): string {
  return `${OPERATOR_WORD[claim.operator]}${claim.printed}${unitSuffix(claim.unit)}`;
}

/** " GB", "%", "" for counts and scores: the claim's unit as it follows a number */
function unitSuffix(unit: string): string {
  if (unit === "" || unit === "count" || unit === "score" || unit === "rank") return "";
  return unit.startsWith("%") ? unit : ` ${unit}`;
}

/** a value in the data's unit, in the claim's unit as plain text */
export function inClaimUnit(x: Decimal, t: Target): string {
  return toText(trim(shift(x, -t.scale)));
}

function valueText(c: Candidate, t: Target, unit: string): string {
  const bound = c.points.length === 1 ? c.points[0]!.bound : undefined;
  return `${bound === "lower" ? "more than " : bound === "upper" ? "less than " : ""}${inClaimUnit(c.value, t)}${unitSuffix(unit)}`;
}

function pointText(p: DataPoint): string {
  const parts = [`${p.dataset}, ${p.raw_file} line ${p.raw_line}`];
  if (p.tier === "secondary") parts.push("a secondary transcription");
  if (p.flag !== undefined) parts.push(`flagged as implausible: ${p.flag.replace(/^implausible_value: /, "")}`);
  if (p.dated !== undefined) parts.push(`reported ${p.dated}`);
  if (p.vintage !== "") parts.push(`retrieved ${p.vintage}`);
  return parts.join("; ");
}

function evidenceText(c: Candidate): string {
  const [p, ...rest] = c.points;
  if (rest.length === 0) return pointText(p!);
  const parts = c.points.map((q) => `${q.series} ${q.value}`).join(" and ");
  if (rest.every((q) => q.raw_file === p!.raw_file && q.dataset === p!.dataset)) {
    const vintage = p!.vintage !== "" ? `; retrieved ${p!.vintage}` : "";
    return `${parts}: ${p!.dataset}, ${p!.raw_file} lines ${c.points.map((q) => q.raw_line).join(" and ")}${vintage}`;
  }
  return c.points.map((q) => `${q.series} ${q.value} at ${pointText(q)}`).join("; ");
}

function relationText(t: Target, claim: Claim): string {
  if (t.operator === "≈" && t.tolerance) return `is within ${claim.tolerance} of`;
  // a place in a ranking is a whole number: it is the printed place or not
  if (claim.unit === "rank" && t.operator === "=") return "is";
  return RELATION[t.operator];
}

function pct(r: number): string {
  const p = Math.abs(r * 100);
  return `${p >= 10 ? p.toFixed(1) : p.toPrecision(2)}%`;
}

const secondary = (c: Candidate): boolean => c.points.some((p) => p.tier === "secondary");
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const quoted = (claim: Claim): string => `the printed "${printedText(claim)}"`;

/** "2016–2024", "2024" */
function span(years: readonly number[]): string {
  return years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`;
}

function caveatText(k: Caveat, t: Target, claim: Claim): string {
  switch (k.kind) {
    case "later":
      return `a later report gives ${valueText(k.candidate, t, claim.unit)} (${pointText(k.candidate.points[0]!)}), after ${claim.as_of}: context only, not evidence`;
    case "plan": {
      const p = k.candidate.points[0]!;
      return `the ${k.candidate.qualifier ?? "plan"} of ${valueText(k.candidate, t, claim.unit)} for ${k.candidate.year} (${pointText(p)}) fits the number but is not a reported figure`;
    }
    case "partly_dated":
      return `that report is dated only as ${k.point.dated}, so it may be later than ${claim.as_of}${k.point.year < Number(claim.as_of.slice(0, 4)) ? `, though the ${k.point.year} figure it gives describes a year that had ended by then` : ""}`;
    case "wording":
      return `the article calls the figure ${periodly(k.said)}, but ${k.series} is a ${periodly(k.basis)} total, so that wording is contradicted by the series itself`;
  }
}

function periodly(per: string): string {
  return per === "day" ? "daily" : `${per}ly`;
}

/** the rest of the explanation after its first sentence: context joined into one sentence */
function tail(parts: string[]): string {
  const kept = parts.filter((p) => p !== "");
  return kept.length === 0 ? "" : ` ${cap(kept.join("; "))}.`;
}

function roundsTo(c: Candidate, t: Target): string {
  return toText(shift(roundTo(c.value, t.value.e), -t.scale));
}

function unverifiableText(d: Extract<Decision, { verdict: "unverifiable" }>, why: Unverifiable): string {
  const claim = d.claim;
  const P = quoted(claim);
  switch (why.kind) {
    case "not_a_number":
      return `Unverifiable: the printed value ${JSON.stringify(claim.printed)} is not a number.`;
    case "bad_readings":
      return `Unverifiable: the claim's readings cannot be used (${why.message}).`;
    case "derived_invalid":
      return `Unverifiable: ${why.message}.`;
    case "other_editions": {
      const prefix = claim.edition.replace(/\s*\d{4}\s*$/, "");
      const held = why.editions.map((y) => `${prefix} ${y}`).join(", ");
      return `Unverifiable: ${P} is from the ${claim.edition} edition, and the data hold only ${held}; scores of different editions are not compared.`;
    }
    case "no_value": {
      const t = d.target!;
      const by = claim.as_of === "" ? "" : ` reported by ${claim.as_of}`;
      const what = claim.status === "target" ? "plan or target" : "value";
      const head = `Unverifiable: the data hold no ${claim.reference_year} ${what}${by} for ${d.name} in ${why.series.join(", ")}, so ${P} cannot be checked.`;
      const context: string[] = [];
      if (why.years.length > 0) {
        const c = why.latest;
        const latest = c ? `, the latest earlier being ${valueText(c, t, claim.unit)} for ${c.year} (${evidenceText(c)})` : "";
        context.push(`values for ${span(why.years)} do not fit it${latest}`);
      }
      context.push(...d.caveats.map((k) => caveatText(k, t, claim)));
      return head + tail(context);
    }
  }
}

/** One or two sentences a journalist can quote: the verdict, the printed value, the data value with its year and
 *  source, and the reason. */
export function explain(d: Decision): string {
  const claim = d.claim;
  const ref = claim.reference_year;
  switch (d.verdict) {
    case "unverifiable":
      return unverifiableText(d, d.why);
    case "confirmed": {
      const { target: t, evidence: c } = d;
      const by = secondary(c) ? " by a secondary source" : "";
      const head = `Confirmed${by}: ${d.name}'s ${c.label} for ${ref} is ${valueText(c, t, claim.unit)} (${evidenceText(c)}), which ${relationText(t, claim)} ${quoted(claim)}.`;
      const context: string[] = [];
      if (d.several) {
        context.push(`readings that fit: ${[...new Set(d.fit.map((x) => x.reading))].join(", ")}`);
        const mis = [...new Set(d.misfit.map((x) => `${x.label} ${valueText(x, t, claim.unit)}`))];
        if (mis.length > 0) context.push(`readings that do not: ${mis.join(", ")}`);
      } else if (d.misfit.length > 0) {
        const m = d.misfit[0]!;
        context.push(`another source or vintage gives ${valueText(m, t, claim.unit)} (${evidenceText(m)})`);
      }
      context.push(...d.caveats.map((k) => caveatText(k, t, claim)));
      return head + tail(context);
    }
    case "matches_other_year": {
      const { target: t, evidence: c } = d;
      const what = c.qualifier ? `the ${c.qualifier} for ${c.year}` : String(c.year);
      const head = `Matches ${what}, not ${ref}: ${d.name}'s ${c.label} for ${c.year} is ${valueText(c, t, claim.unit)} (${evidenceText(c)}), which ${relationText(t, claim)} ${quoted(claim)}.`;
      const context: string[] = [];
      if (d.atRef.length > 0) {
        const values = [...new Set(d.atRef.map((x) => `${x.label} ${valueText(x, t, claim.unit)}${byRounding(t) ? `, which rounds to ${roundsTo(x, t)}` : ""}`))];
        context.push(`for ${ref} the data give ${values.join("; ")}`);
      } else context.push(`the data hold no ${ref} value${claim.as_of === "" ? "" : ` reported by ${claim.as_of}`}`);
      context.push(...d.caveats.map((k) => caveatText(k, t, claim)));
      return head + tail(context);
    }
    case "contradicted": {
      const { target: t, evidence: c } = d;
      const diff = sub(c.value, t.value);
      const rel = t.value.m === 0n ? "" : ` (${pct(toNumber(diff) / toNumber(t.value))} relative)`;
      const unit = claim.unit.startsWith("%") ? " percentage points" : unitSuffix(claim.unit);
      const by = secondary(c) ? " by a secondary source" : "";
      const rounding = byRounding(t) ? `, and it rounds to ${roundsTo(c, t)}` : "";
      const head =
        `Contradicted${by}: ${d.name}'s ${c.label} for ${ref} is ${valueText(c, t, claim.unit)} (${evidenceText(c)}), ` +
        `${inClaimUnit(absDec(diff), t)}${unit} ${diff.m > 0n ? "higher" : "lower"} than ${quoted(claim)}${rel}${rounding}.`;
      const context: string[] = [];
      if (d.others.length > 0) context.push(`other readings or sources for ${ref}: ${[...new Set(d.others.map((x) => `${x.label} ${valueText(x, t, claim.unit)}`))].join(", ")}`);
      if (d.otherYears) context.push("no other year in the data fits either");
      if (d.truncated) context.push(`cutting ${inClaimUnit(c.value, t)} after the last printed digit gives ${claim.printed}, so the figure looks truncated rather than rounded`);
      if (secondary(c)) context.push("the primary publication should be checked before quoting a correction");
      context.push(...d.caveats.map((k) => caveatText(k, t, claim)));
      return head + tail(context);
    }
    case "consistent":
    case "inconsistent": {
      const chain = d.parts.map((p) => `${p.printed} (${p.id})`).join(" to ");
      const pctSign = claim.unit === "%" ? "%" : "";
      const verb = d.verdict === "consistent" ? "fits" : "does not fit";
      const head = `${cap(d.verdict)}: from the article's own figures, ${chain} is ${describe(d.formula)} ${toText(trim(roundTo(d.recomputed, -2)))}${pctSign}, which ${verb} ${quoted(claim)}.`;
      const context = d.fromData
        ? [`from the data values its parts were checked against (${d.fromData.values.join(" to ")}) it is ${d.fromData.result.toFixed(2)}${pctSign}`]
        : ["this checks the article's arithmetic only, as the data do not hold every part"];
      return head + tail(context);
    }
  }
}

function describe(formula: string): string {
  return FORMULAS[formula]?.describe ?? formula;
}

// the checker: each claim against every reading, year, source and vintage of the data, rounding- and operator-aware
import { type ClaimData, type DataPoint, PARK } from "./data.js";
import {
  type Decimal,
  add,
  compare,
  fromNumber,
  halfUnit,
  parsePrinted,
  roundTo,
  shift,
  sub,
  toNumber,
  toText,
  truncateTo,
} from "./decimal.js";
import { type Reading, parseReadings, sameFigure } from "./series.js";
import type { Claim, ClaimVerdict, VerdictKind } from "./verdict.js";

/** printed units that are a power of ten of the data's unit (the park publishes USD, the article prints USD bn) */
export const UNIT_SCALE: Readonly<Record<string, number>> = {
  "USD bn": 9,
  "USD m": 6,
  thousand: 3,
  million: 6,
  billion: 9,
};

/** The printed figure as exact bounds in the data's unit. */
export interface Target {
  printed: Decimal;
  /** printed × 10^scale: the figure in the data's unit */
  value: Decimal;
  scale: number;
  operator: Claim["operator"];
  tolerance: Decimal | undefined;
}

export function targetOf(claim: Pick<Claim, "printed" | "unit" | "operator" | "tolerance">): Target | undefined {
  const printed = parsePrinted(claim.printed);
  if (!printed) return undefined;
  const scale = UNIT_SCALE[claim.unit] ?? 0;
  const tolerance = claim.tolerance === null ? undefined : shift(fromNumber(claim.tolerance), scale);
  return { printed, value: shift(printed, scale), scale, operator: claim.operator, tolerance };
}

/** does x (in the data's unit) fit the printed figure? "=" and "≈" use [p − ½ unit, p + ½ unit) of the last digit */
export function fits(x: Decimal, t: Target): boolean {
  const c = compare(x, t.value);
  switch (t.operator) {
    case ">":
      return c > 0;
    case "≥":
      return c >= 0;
    case "<":
      return c < 0;
    case "≤":
      return c <= 0;
    case "≈":
      if (t.tolerance) return compare(absDec(sub(x, t.value)), t.tolerance) <= 0;
      return inRounding(x, t);
    case "=":
      return inRounding(x, t);
  }
}

/** a bound from the source ("more than 1,000") fits only a claim bounded the same way and at least as loosely */
function fitsCandidate(c: Candidate, t: Target): boolean {
  const bound = c.points.length === 1 ? c.points[0]!.bound : undefined;
  if (bound === undefined) return fits(c.value, t);
  const cmp = compare(c.value, t.value);
  if (bound === "lower") return (t.operator === ">" || t.operator === "≥") && cmp >= 0;
  return (t.operator === "<" || t.operator === "≤") && cmp <= 0;
}

function inRounding(x: Decimal, t: Target): boolean {
  const h = halfUnit(t.value);
  return compare(x, sub(t.value, h)) >= 0 && compare(x, add(t.value, h)) < 0;
}

/** would cutting x off after the printed last digit (instead of rounding) give the printed figure? */
export function truncatesTo(x: Decimal, t: Target): boolean {
  return compare(truncateTo(x, t.value.e), t.value) === 0;
}

function absDec(a: Decimal): Decimal {
  return a.m < 0n ? { m: -a.m, e: a.e } : a;
}

/** drop trailing zeros after the decimal point */
function trim(a: Decimal): Decimal {
  let { m, e } = a;
  while (e < 0 && m % 10n === 0n && m !== 0n) {
    m /= 10n;
    e += 1;
  }
  return { m, e };
}

/** one value a claim can be held against: a data point, or the mean of several points of one year and file */
interface Candidate {
  reading: string;
  /** the reading as a reader would name it */
  label: string;
  /** index of the reading in the claim (ordering) */
  order: number;
  year: number;
  value: Decimal;
  points: DataPoint[];
  /** plan, target or part-year figure: an alternative reading only */
  qualifier: string | undefined;
}

function pointText(p: DataPoint): string {
  const vintage = p.vintage !== "" ? `; retrieved ${p.vintage}` : "";
  const asOf = p.as_of !== undefined && p.as_of !== String(p.year) ? `, as of ${p.as_of}` : "";
  return `${p.dataset}, ${p.raw_file} line ${p.raw_line}${vintage}${asOf}`;
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

function sortCandidates(list: Candidate[]): Candidate[] {
  return list.sort(
    (a, b) =>
      a.order - b.order ||
      a.year - b.year ||
      // newest vintage first
      (a.points[0]!.vintage > b.points[0]!.vintage ? -1 : a.points[0]!.vintage < b.points[0]!.vintage ? 1 : 0) ||
      (a.points[0]!.dataset < b.points[0]!.dataset ? -1 : a.points[0]!.dataset > b.points[0]!.dataset ? 1 : 0) ||
      (a.points[0]!.raw_file < b.points[0]!.raw_file ? -1 : a.points[0]!.raw_file > b.points[0]!.raw_file ? 1 : 0) ||
      a.points[0]!.raw_line - b.points[0]!.raw_line,
  );
}

/** a point dated after the latest date the figure can describe cannot be what it describes */
function postdates(p: DataPoint, asOf: string): boolean {
  // a park figure dated "2025" ends on 2025-12-31 but may describe any day of 2025: compare its earliest day
  const from = p.as_of === undefined ? undefined : p.earliest ?? (p.as_of.length === 10 ? undefined : p.as_of);
  if (asOf === "" || from === undefined || !/^\d{4}/.test(from)) return false;
  const n = Math.min(from.length, asOf.length);
  return from.slice(0, n) > asOf.slice(0, n);
}

function candidatesOf(claim: Claim, readings: Reading[], data: ClaimData, excluded: DataPoint[]): Candidate[] {
  const out: Candidate[] = [];
  const several = readings.length > 1;
  readings.forEach((r, order) => {
    const keep = (p: DataPoint): boolean => {
      if (!postdates(p, claim.as_of)) return true;
      excluded.push(p);
      return false;
    };
    if (r.expr.kind === "series") {
      for (const code of sameFigure(r.expr.series)) {
        const reading = several ? `${r.label} (${code})` : code;
        for (const p of data.points(claim.subject, code).filter(keep)) {
          const named = p.series_name !== undefined && p.series_name !== "" && p.series_name !== code ? `${p.series_name} (${code})` : code;
          const label = several ? reading : named;
          out.push({ reading, label, order, year: p.year, value: fromNumber(p.value), points: [p], qualifier: p.qualifier });
        }
      }
      return;
    }
    // mean of series: values of the same year from the same file and vintage
    const [first, ...rest] = r.expr.series;
    const reading = `${r.label} (mean of ${r.expr.series.join(", ")})`;
    for (const p of data.points(claim.subject, first!).filter(keep)) {
      const others = rest.map((code) =>
        data.points(claim.subject, code).find((q) => q.year === p.year && q.raw_file === p.raw_file && q.vintage === p.vintage),
      );
      if (others.some((q) => q === undefined)) continue;
      const parts = [p, ...(others as DataPoint[])];
      const sum = parts.reduce((acc, q) => add(acc, fromNumber(q.value)), { m: 0n, e: 0 } as Decimal);
      const value = fromNumber(toNumber(sum) / parts.length);
      const qualifier = parts.map((q) => q.qualifier).find((q) => q !== undefined);
      out.push({ reading, label: reading, order, year: p.year, value, points: parts, qualifier });
    }
  });
  return sortCandidates(out);
}

const RELATION: Record<Claim["operator"], string> = {
  "=": "rounds to",
  "≈": "rounds to",
  ">": "is more than",
  "≥": "is at least",
  "<": "is less than",
  "≤": "is at most",
};

const OPERATOR_WORD: Record<Claim["operator"], string> = {
  "=": "",
  "≈": "about ",
  ">": "more than ",
  "≥": "at least ",
  "<": "less than ",
  "≤": "at most ",
};

/** the printed figure as a reader would say it: "about 2%", "more than 3,000", "107.8 per 100 inhabitants" */
export function printedText(claim: Pick<Claim, "printed" | "operator" | "unit">): string {
  return `${OPERATOR_WORD[claim.operator]}${claim.printed}${unitSuffix(claim.unit)}`;
}

/** a data value in the claim's unit, as plain text */
function inClaimUnit(x: Decimal, t: Target): string {
  return toText(trim(shift(x, -t.scale)));
}

/** " GB", "%", "" for counts and scores: the claim's unit as it follows a number */
function unitSuffix(unit: string): string {
  if (unit === "" || unit === "count" || unit === "score") return "";
  return unit.startsWith("%") ? unit : ` ${unit}`;
}

/** a candidate's value in the claim's unit, as the source gives it: "more than 1000" for a lower bound */
function valueText(c: Candidate, t: Target, unit: string): string {
  const bound = c.points.length === 1 ? c.points[0]!.bound : undefined;
  return `${bound === "lower" ? "more than " : bound === "upper" ? "less than " : ""}${inClaimUnit(c.value, t)}${unitSuffix(unit)}`;
}

function relationText(t: Target, claim: Claim): string {
  if (t.operator === "≈" && t.tolerance) return `is within ${claim.tolerance} of`;
  return RELATION[t.operator];
}

function pct(r: number): string {
  const p = Math.abs(r * 100);
  return `${p >= 10 ? p.toFixed(1) : p.toPrecision(2)}%`;
}

interface Built {
  verdict: VerdictKind;
  candidate?: Candidate;
  explanation: string;
  target?: Target;
  reading?: string;
}

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
    claim_file: claim.raw_file,
    claim_line: claim.raw_line,
  };
}

function toVerdict(claim: Claim, b: Built, data: ClaimData): ClaimVerdict {
  const v: ClaimVerdict = { ...base(claim), verdict: b.verdict, explanation: b.explanation };
  const c = b.candidate;
  const t = b.target;
  if (b.reading !== undefined) v.reading = b.reading;
  if (!c || !t) return v;
  // a reading list (several readings fit) wins over the single candidate's own reading
  const p = c.points[0]!;
  const diff = sub(c.value, t.value);
  v.data_value = toNumber(c.value);
  v.data_year = c.year;
  v.difference = toNumber(diff);
  v.relative_difference = t.value.m === 0n ? null : toNumber(diff) / toNumber(t.value);
  v.would_match_truncated = t.operator === "=" || (t.operator === "≈" && !t.tolerance) ? truncatesTo(c.value, t) : null;
  v.reading = b.reading ?? (c.qualifier ? `${c.reading}, ${c.qualifier}` : c.reading);
  v.evidence_dataset = p.dataset;
  v.evidence_file = p.raw_file;
  v.evidence_line = p.raw_line;
  v.evidence_sha256 = data.sha256(p.raw_file) ?? null;
  v.evidence_vintage = p.vintage === "" ? null : p.vintage;
  return v;
}

function nameOf(claim: Claim, cands: Candidate[]): string {
  return cands[0]?.points[0]?.subject_name ?? (claim.subject === PARK ? "Great Stone park" : claim.subject);
}

function checkDirect(claim: Claim, data: ClaimData): Built {
  const t = targetOf(claim);
  if (!t) return { verdict: "unverifiable", explanation: `The printed value ${JSON.stringify(claim.printed)} is not a number, so it cannot be checked.` };
  const readings = parseReadings(claim.readings, claim.measure);
  if (typeof readings === "string") return { verdict: "unverifiable", explanation: `The claim's readings cannot be used: ${readings}.` };
  const excluded: DataPoint[] = [];
  const all = candidatesOf(claim, readings, data, excluded);
  const name = nameOf(claim, all);
  const P = `the printed "${printedText(claim)}"`;
  const Cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
  const ref = claim.reference_year;
  const atRef = all.filter((c) => c.year === ref && c.qualifier === undefined);
  const fitting = atRef.filter((c) => fitsCandidate(c, t));
  const valueAt = (c: Candidate): string => `${c.label} ${valueText(c, t, claim.unit)}`;

  if (fitting.length > 0) {
    const c = fitting[0]!;
    let text = `${name}, ${ref}: ${c.label} is ${valueText(c, t, claim.unit)} (${evidenceText(c)}), which ${relationText(t, claim)} ${P}.`;
    const misfits = atRef.filter((x) => !fitsCandidate(x, t));
    let reading: string | undefined;
    if (readings.length > 1) {
      const fitLabels = [...new Set(fitting.map((x) => x.reading))];
      const misLabels = [...new Set(misfits.map(valueAt))];
      reading = fitLabels.join("; ");
      text += ` Readings that fit: ${fitLabels.join(", ")}.`;
      if (misLabels.length > 0) text += ` Readings that do not: ${misLabels.join(", ")}.`;
    } else if (misfits.length > 0) {
      const m = misfits[0]!;
      text += ` Another source or vintage gives ${valueText(m, t, claim.unit)} (${evidenceText(m)}).`;
    }
    const built: Built = { verdict: "confirmed", candidate: c, target: t, explanation: text };
    if (reading !== undefined) built.reading = reading;
    return built;
  }

  const refText = (): string => {
    if (atRef.length === 0) {
      const late = excluded.find((p) => p.year === ref && p.qualifier === undefined);
      return late === undefined
        ? `the data hold no ${ref} value`
        : `the data hold no ${ref} value dated by ${claim.as_of}; the one dated ${late.as_of} is ${inClaimUnit(fromNumber(late.value), t)}${unitSuffix(claim.unit)}`;
    }
    const values = [...new Set(atRef.map((c) => (t.operator === "=" || t.operator === "≈") && !t.tolerance
      ? `${valueAt(c)}, which rounds to ${toText(shift(roundTo(c.value, t.value.e), -t.scale))}`
      : valueAt(c)))];
    return `its ${ref} value is ${values.join("; ")}`;
  };

  const others = all
    .filter((c) => (c.year !== ref || c.qualifier !== undefined) && fitsCandidate(c, t))
    .sort((a, b) => (a.qualifier === undefined ? 0 : 1) - (b.qualifier === undefined ? 0 : 1) || Math.abs(a.year - ref) - Math.abs(b.year - ref) || b.year - a.year);
  if (others.length > 0) {
    const c = others[0]!;
    const what = c.qualifier ? `the ${c.qualifier} for ${c.year}` : String(c.year);
    return {
      verdict: "matches_other_year",
      candidate: c,
      target: t,
      explanation:
        `${Cap(P)} does not fit ${name} in ${ref} (${refText()}), but ${c.label} for ${c.year} is ${valueText(c, t, claim.unit)} ` +
        `(${evidenceText(c)}), which ${relationText(t, claim)} it: ` +
        (t.operator === "=" || t.operator === "≈" ? `the figure appears to describe ${what}, not ${ref}.` : `only ${what} satisfies it, not ${ref}.`),
    };
  }

  if (atRef.length > 0) {
    const c = [...atRef].sort((a, b) => compare(absDec(sub(a.value, t.value)), absDec(sub(b.value, t.value))) || a.order - b.order)[0]!;
    const diff = sub(c.value, t.value);
    const rel = t.value.m === 0n ? "" : ` (${pct(toNumber(diff) / toNumber(t.value))} relative)`;
    const rounding = (t.operator === "=" || t.operator === "≈") && !t.tolerance;
    let text =
      `${Cap(P)} does not fit the data: ${name}'s ${c.label} for ${ref} is ${valueText(c, t, claim.unit)} (${evidenceText(c)}), ` +
      `${inClaimUnit(absDec(diff), t)}${claim.unit.startsWith("%") ? " percentage points" : unitSuffix(claim.unit)} ${diff.m > 0n ? "higher" : "lower"}${rel}`;
    if (rounding) text += `; it rounds to ${toText(shift(roundTo(c.value, t.value.e), -t.scale))}`;
    text += ".";
    const otherValues = atRef.filter((x) => x !== c);
    if (otherValues.length > 0) text += ` Other readings or sources for ${ref}: ${[...new Set(otherValues.map(valueAt))].join(", ")}.`;
    if (all.some((x) => x.year !== ref)) text += " No other year in the data fits either.";
    if (rounding && truncatesTo(c.value, t)) {
      text += ` Cutting ${inClaimUnit(c.value, t)} off after the last printed digit instead of rounding it gives ${claim.printed}, so the figure looks truncated rather than rounded.`;
    }
    return { verdict: "contradicted", candidate: c, target: t, explanation: text };
  }

  const codes = readings.flatMap((r) => (r.expr.kind === "series" ? sameFigure(r.expr.series) : r.expr.series));
  let text = `No ${ref} value for ${name} in series ${[...new Set(codes)].join(", ")} is in the loaded data, so ${P} cannot be checked.`;
  const years = [...new Set(all.map((c) => c.year))].sort((a, b) => a - b);
  if (years.length > 0) {
    text += ` Values exist for ${years.length === 1 ? years[0] : `${years[0]}–${years[years.length - 1]}`}`;
    const qualified = all.filter((c) => c.year === ref && c.qualifier !== undefined);
    text += qualified.length > 0 ? ` (for ${ref} only as ${qualified[0]!.qualifier})` : "";
    text += ", and none fits.";
  }
  const late = excluded.filter((p) => p.year === ref);
  if (late.length > 0) {
    const p = late[0]!;
    text += ` The ${ref} value ${inClaimUnit(fromNumber(p.value), t)} (${pointText(p)}) is dated after ${claim.as_of}, the latest date the figure can describe.`;
  }
  return { verdict: "unverifiable", explanation: text };
}

/** derived-claim formulas over the printed values of the claims they are computed from (in order) */
export const FORMULAS: Readonly<Record<string, { arity: number; describe: string; compute: (xs: number[]) => number }>> = {
  growth_pct: { arity: 2, describe: "a change of", compute: ([a, b]) => (b! / a! - 1) * 100 },
  difference: { arity: 2, describe: "a difference of", compute: ([a, b]) => b! - a! },
};

function derivedVerdict(claim: Claim, byId: ReadonlyMap<string, Claim>, verdicts: ReadonlyMap<string, ClaimVerdict>): ClaimVerdict {
  const ids = claim.derived_from.split(";").map((s) => s.trim()).filter((s) => s !== "");
  const out: ClaimVerdict = { ...base(claim), reading: `${claim.measure}(${ids.join(", ")})`, verdict: "unverifiable", explanation: "" };
  const t = targetOf(claim);
  const formula = FORMULAS[claim.measure];
  const parts = ids.map((id) => byId.get(id));
  const missing = ids.filter((_, i) => parts[i] === undefined);
  const values = parts.map((p) => (p ? parsePrinted(p.printed) : undefined));
  if (!t) out.explanation = `The printed value ${JSON.stringify(claim.printed)} is not a number, so it cannot be checked.`;
  else if (!formula) out.explanation = `No formula is known for the derived measure ${claim.measure}.`;
  else if (missing.length > 0) out.explanation = `The claim is computed from ${ids.join(", ")}, but ${missing.join(", ")} is not in the registry.`;
  else if (ids.length !== formula.arity) out.explanation = `${claim.measure} is computed from ${formula.arity} claims, the registry names ${ids.length}.`;
  else if (values.some((v) => v === undefined)) out.explanation = "A claim it is computed from has no numeric printed value.";
  if (!t || !formula || out.explanation !== "") return out;

  const nums = (values as Decimal[]).map(toNumber);
  // six significant digits is far finer than any printed figure
  const r = fromNumber(Number(formula.compute(nums).toPrecision(6)));
  const ok = fits(r, t);
  const diff = sub(r, t.value);
  const chain = (parts as Claim[]).map((p) => `${p.printed} (${p.id})`).join(" to ");
  const pctSign = claim.unit === "%" ? "%" : "";
  let text =
    `From the article's own figures, ${chain} is ${formula.describe} ${toText(trim(roundTo(r, -2)))}${pctSign}, ` +
    `which ${ok ? "fits" : "does not fit"} the printed "${printedText(claim)}".`;
  const fromData = ids.map((id) => verdicts.get(id)?.data_value ?? null);
  if (fromData.every((x) => x !== null)) {
    const d = formula.compute(fromData as number[]);
    text += ` From the data values the parts were checked against (${fromData.join(" to ")}) it is ${d.toFixed(2)}${pctSign}.`;
  }
  return {
    ...out,
    verdict: ok ? "consistent" : "inconsistent",
    data_value: toNumber(r),
    data_year: claim.reference_year,
    difference: toNumber(diff),
    relative_difference: t.value.m === 0n ? null : toNumber(diff) / toNumber(t.value),
    explanation: text,
  };
}

/** Check every claim: direct claims against the data, derived claims against the claims they come from. */
export function checkClaims(claims: readonly Claim[], data: ClaimData): ClaimVerdict[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const verdicts = new Map<string, ClaimVerdict>();
  const derived = (c: Claim): boolean => c.derived_from.trim() !== "";
  for (const claim of claims) if (!derived(claim)) verdicts.set(claim.id, toVerdict(claim, checkDirect(claim, data), data));
  for (const claim of claims) if (derived(claim)) verdicts.set(claim.id, derivedVerdict(claim, byId, verdicts));
  return claims.map((c) => verdicts.get(c.id)!);
}

// interval, operator, reading and derived-claim rules of the checker, on small inline rows
import { describe, expect, it } from "vitest";
import type { Observation } from "@bycn/core";
import {
  type Claim,
  ClaimVerdict,
  type ParkRow,
  buildClaimData,
  checkClaims,
  claimFindings,
  decideClaims,
  fits,
  fromNumber,
  greatStoneAdapter,
  observationAdapter,
  targetOf,
  wordingFindings,
} from "../src/index.js";

const FILE = "raw/itu-datahub/2025-12-28/x.csv";
const SHA = "a".repeat(64);

function obs(economy: string, indicator: string, year: number, value: number, line: number, extra: Partial<Observation> = {}): Observation {
  return {
    entity: economy,
    economy,
    entity_name: economy === "CHN" ? "China" : economy === "BLR" ? "Belarus" : economy,
    is_aggregate: false,
    indicator,
    indicator_name: indicator,
    year,
    value,
    unit: "%",
    source: "itu-datahub",
    vintage: "2025-12-28",
    note: "",
    source_text: "",
    raw_file: FILE,
    raw_line: line,
    ...extra,
  };
}

let line = 1;
function claim(over: Partial<Claim> & Pick<Claim, "printed">): Claim {
  line += 1;
  return {
    id: `C${line}`,
    subject: "CHN",
    measure: "S",
    edition: "IDI 2024",
    reference_year: 2022,
    unit: "%",
    operator: "=",
    tolerance: null,
    readings: "",
    derived_from: "",
    as_of: "",
    raw_file: "raw/article/2025-06-16/claims.csv",
    raw_line: line,
    ...over,
  };
}

function check(c: Claim, rows: Observation[]) {
  const data = buildClaimData(observationAdapter("itu-indicators").toPoints(rows), { [FILE]: SHA });
  const [v] = checkClaims([c], data);
  expect(ClaimVerdict.safeParse(v).success).toBe(true);
  return v!;
}

describe("printed precision sets the interval", () => {
  it.each([
    ["84.4", 84.35, true],
    ["84.4", 84.4499999, true],
    ["84.4", 84.45, false],
    ["84.4", 84.3499999, false],
    ["1", 0.5, true],
    ["1", 1.4999, true],
    ["1", 1.5, false],
    ["1", 0.4999, false],
    ["2,575.1", 2575.05, true],
    ["2,575.1", 2575.149, true],
    ["2,575.1", 2575.15, false],
    ["0.5", 0.45, true],
    ["0.5", 0.448559, false],
  ])("half-open-interval %s vs %f → %s", (printed, value, ok) => {
    const t = targetOf({ printed, unit: "%", operator: "=", tolerance: null })!;
    expect(fits(fromN(value), t)).toBe(ok);
  });

  it("binary-float-edge 84.35 is the lower bound, not 84.34999…", () => {
    // 84.35 has no exact binary form; the checker compares its shortest decimal text
    const t = targetOf({ printed: "84.4", unit: "%", operator: "=", tolerance: null })!;
    expect(fits(fromN(84.35), t)).toBe(true);
  });

  it("107.8-vs-107.894 contradicted, would match if truncated", () => {
    const v = check(claim({ printed: "107.8", measure: "i911mw", unit: "per 100 inhabitants" }), [
      obs("CHN", "i911mw", 2021, 101.601, 10),
      obs("CHN", "i911mw", 2022, 107.894, 11),
      obs("CHN", "i911mw", 2023, 128.247, 12),
    ]);
    expect(v.verdict).toBe("contradicted");
    expect(v.data_value).toBe(107.894);
    expect(v.data_year).toBe(2022);
    expect(v.difference).toBeCloseTo(0.094, 10);
    expect(v.relative_difference).toBeCloseTo(0.094 / 107.8, 10);
    expect(v.would_match_truncated).toBe(true);
    expect(v.evidence_line).toBe(11);
    expect(v.evidence_sha256).toBe(SHA);
    expect(v.evidence_vintage).toBe("2025-12-28");
    expect(v.explanation).toContain("107.894");
    expect(v.explanation).toContain("rounds to 107.9");
    expect(v.explanation).toContain("truncated");
  });

  it("0.5-vs-0.448559 matches the year before (0.500183)", () => {
    const v = check(claim({ printed: "0.5", measure: "i154_FBB5_GNI", unit: "% of GNI per capita" }), [
      obs("CHN", "i154_FBB5_GNI", 2020, 0.51, 20),
      obs("CHN", "i154_FBB5_GNI", 2021, 0.500183, 21),
      obs("CHN", "i154_FBB5_GNI", 2022, 0.448559, 22),
    ]);
    expect(v.verdict).toBe("matches_other_year");
    expect(v.data_year).toBe(2021);
    expect(v.data_value).toBe(0.500183);
    expect(v.evidence_line).toBe(21);
    expect(v.explanation).toContain("2021");
    expect(v.explanation).toContain("0.448559");
  });

  it("1-vs-0.99 confirmed", () => {
    const v = check(claim({ printed: "1", measure: "i271mb_high_2GB_GNI" }), [obs("CHN", "i271mb_high_2GB_GNI", 2022, 0.99, 5)]);
    expect(v.verdict).toBe("confirmed");
    expect(v.data_value).toBe(0.99);
    expect(v.would_match_truncated).toBe(false);
    expect(v.explanation).toContain("is 0.99% (");
    expect(v.explanation).toContain("rounds to the printed \"1%\"");
  });

  it("thousands-comma 2,575.1 is 2575.1", () => {
    const rows = [obs("CHN", "T", 2022, 2575.12, 3)];
    expect(check(claim({ printed: "2,575.1", measure: "T", unit: "GB" }), rows).verdict).toBe("confirmed");
    expect(check(claim({ printed: "2,575.2", measure: "T", unit: "GB" }), rows).verdict).toBe("contradicted");
  });

  it("truncation-note-only-when-it-helps: 0.99 vs 1 is rounding, 1.02 vs 1 is both", () => {
    expect(check(claim({ printed: "1.1", measure: "S" }), [obs("CHN", "S", 2022, 1.19, 1)]).would_match_truncated).toBe(true);
    expect(check(claim({ printed: "1.1", measure: "S" }), [obs("CHN", "S", 2022, 1.2, 1)]).would_match_truncated).toBe(false);
  });
});

describe("operators", () => {
  const rows = [obs("CHN", "S", 2022, 3000, 1)];
  it.each([
    [">", "3,000", "contradicted"],
    [">", "2,999", "confirmed"],
    ["≥", "3,000", "confirmed"],
    ["≥", "3,001", "contradicted"],
    ["<", "3,001", "confirmed"],
    ["≤", "2,999", "contradicted"],
    ["≈", "3,000", "confirmed"],
  ] as const)("operator %s %s vs 3000 → %s", (operator, printed, verdict) => {
    expect(check(claim({ printed, operator, unit: "count" }), rows).verdict).toBe(verdict);
  });

  it("approx-without-tolerance allows only the rounding of its last digit", () => {
    expect(check(claim({ printed: "2", operator: "≈" }), [obs("CHN", "S", 2022, 2.49, 1)]).verdict).toBe("confirmed");
    expect(check(claim({ printed: "2", operator: "≈" }), [obs("CHN", "S", 2022, 2.5, 1)]).verdict).toBe("contradicted");
  });

  it("approx-with-tolerance uses the registry's tolerance", () => {
    expect(check(claim({ printed: "2", operator: "≈", tolerance: 1 }), [obs("CHN", "S", 2022, 2.9, 1)]).verdict).toBe("confirmed");
    expect(check(claim({ printed: "2", operator: "≈", tolerance: 0.1 }), [obs("CHN", "S", 2022, 2.2, 1)]).verdict).toBe("contradicted");
  });

  it("inequality verdicts carry no truncation flag", () => {
    expect(check(claim({ printed: "2,999", operator: ">", unit: "count" }), rows).would_match_truncated).toBeNull();
  });
});

describe("readings of ambiguous wording", () => {
  const readings = "3G=i271G;4G/LTE=i271GA;mean of 3G and 4G/LTE=mean(i271G,i271GA)";
  it("3g-lte-one-reading-matches: the verdict names it", () => {
    const v = check(claim({ printed: "98", measure: "Coverage", readings }), [
      obs("BLR", "x", 2022, 1, 1), // another subject: ignored
      obs("CHN", "i271G", 2022, 99.9, 30),
      obs("CHN", "i271GA", 2022, 98, 31),
    ]);
    expect(v.verdict).toBe("confirmed");
    expect(v.reading).toBe("4G/LTE (i271GA)");
    expect(v.evidence_line).toBe(31);
    expect(v.explanation).toContain("Readings that fit: 4G/LTE (i271GA)");
    expect(v.explanation).toContain("3G (i271G) 99.9");
  });

  it("3g-lte-mean-reading-matches", () => {
    const v = check(claim({ printed: "99", measure: "Coverage", readings }), [
      obs("CHN", "i271G", 2022, 99.9, 30),
      obs("CHN", "i271GA", 2022, 98.1, 31),
    ]);
    expect(v.verdict).toBe("confirmed");
    expect(v.reading).toBe("mean of 3G and 4G/LTE (mean of i271G, i271GA)");
    expect(v.data_value).toBe(99);
  });

  it("3g-lte-no-reading-matches: contradicted with every reading listed", () => {
    const v = check(claim({ printed: "98.8", measure: "Coverage", readings }), [
      obs("BLR", "i271G", 2022, 99.9, 30),
      obs("BLR", "i271GA", 2022, 98, 31),
    ].map((o) => ({ ...o, economy: "CHN" })));
    expect(v.verdict).toBe("contradicted");
    // nearest of 99.9, 98 and 98.95 is the mean
    expect(v.data_value).toBe(98.95);
    expect(v.explanation).toContain("3G (i271G) 99.9");
    expect(v.explanation).toContain("4G/LTE (i271GA) 98");
  });

  it("same-figure-other-source: WDI's IT.NET.USER.ZS stands for ITU's i99H and the verdict says so", () => {
    const v = check(claim({ printed: "75.6", measure: "i99H" }), [
      obs("CHN", "IT.NET.USER.ZS", 2022, 75.6113, 40, { source: "wdi", raw_file: "raw/wdi/2026-02-18/w.csv" }),
    ]);
    expect(v.verdict).toBe("confirmed");
    expect(v.reading).toBe("IT.NET.USER.ZS");
    expect(v.evidence_file).toBe("raw/wdi/2026-02-18/w.csv");
    // no sha256 was given for that file
    expect(v.evidence_sha256).toBeNull();
  });
});

describe("unverifiable", () => {
  it("no-series: says which series and year are missing", () => {
    const v = check(claim({ printed: "174.8", measure: "i136mwi_subs_IDI", unit: "GB" }), [obs("CHN", "i911mw", 2022, 1, 1)]);
    expect(v.verdict).toBe("unverifiable");
    expect(v.data_value).toBeNull();
    expect(v.evidence_file).toBeNull();
    expect(v.explanation).toContain("i136mwi_subs_IDI");
    expect(v.explanation).toContain("2022");
  });

  it("other-years-only-none-fits: unverifiable, listing the years there are", () => {
    const v = check(claim({ printed: "50" }), [obs("CHN", "S", 2019, 40, 1), obs("CHN", "S", 2021, 45, 2)]);
    expect(v.verdict).toBe("unverifiable");
    expect(v.explanation).toContain("2019–2021");
    expect(v.explanation).toContain("the latest earlier being 45% for 2021");
  });
});

describe("derived claims", () => {
  const a = claim({ id: "IDI_2023", printed: "82.7", measure: "IDI", reference_year: 2023, unit: "score" });
  const b = claim({ id: "IDI_2024", printed: "84.4", measure: "IDI", reference_year: 2024, unit: "score" });
  const data = buildClaimData([], {});

  it("growth-82.7-to-84.4-is-about-2%-consistent", () => {
    const g = claim({ id: "G", printed: "2", operator: "≈", measure: "growth_pct", derived_from: "IDI_2023;IDI_2024", reference_year: 2024 });
    const v = checkClaims([a, b, g], data)[2]!;
    expect(v.verdict).toBe("consistent");
    expect(v.data_value).toBeCloseTo(2.05562, 4);
    expect(v.explanation).toContain("2.06%");
    expect(v.reading).toBe("growth_pct(IDI_2023, IDI_2024)");
  });

  it("growth-stated-as-3%-inconsistent", () => {
    const g = claim({ id: "G", printed: "3", operator: "≈", measure: "growth_pct", derived_from: "IDI_2023;IDI_2024", reference_year: 2024 });
    const v = checkClaims([g, a, b], data)[0]!;
    expect(v.verdict).toBe("inconsistent");
    expect(v.difference).toBeCloseTo(2.05562 - 3, 4);
    expect(claimFindings([v])[0]!.code).toBe("claim_inconsistent");
  });

  it("growth-from-a-missing-claim-unverifiable", () => {
    const g = claim({ id: "G", printed: "2", operator: "≈", measure: "growth_pct", derived_from: "IDI_2023;NOPE" });
    const v = checkClaims([a, g], data)[1]!;
    expect(v.verdict).toBe("unverifiable");
    expect(v.explanation).toContain("NOPE");
  });

  it("growth-also-recomputed-from-data-when-both-parts-have-values", () => {
    const rows = [obs("CHN", "IDI", 2023, 82.7, 1), obs("CHN", "IDI", 2024, 85.8, 2)];
    const d = buildClaimData(observationAdapter("idi-scores").toPoints(rows), {});
    const g = claim({ id: "G", printed: "2", operator: "≈", measure: "growth_pct", derived_from: "IDI_2023;IDI_2024" });
    const v = checkClaims([a, b, g], d)[2]!;
    expect(v.verdict).toBe("consistent");
    expect(v.explanation).toContain("(82.7 to 85.8) it is 3.75%");
  });
});

describe("great stone rows through the park adapter", () => {
  const file = "raw/belta/2026-01-30/great-stone.csv";
  // rows shaped like the great-stone dataset: as_of is the last day of the period the source names
  const park = (as_of: string, as_of_precision: string, measure: string, value: number, raw_line: number, over: Partial<ParkRow> = {}): ParkRow => ({
    as_of,
    as_of_precision,
    measure,
    value,
    period: "",
    status: "actual",
    qualifier: "exact",
    source_url: "https://example.org/x",
    raw_file: file,
    raw_line,
    ...over,
  });
  const rows = [
    park("2024-02-22", "day", "countries", 14, 2),
    park("2024-02-20", "day", "jobs", 3500, 3, { status: "target" }),
    park("2025-12-31", "year", "new_residents", 30, 4, { period: "2024" }),
    park("2024-05-18", "day", "new_residents", 14, 5, { period: "2024-01-01/2024-05-18" }),
    park("2025-12-31", "day", "residents_total", 171, 6),
    park("2025-12-31", "day", "declared_investment_usd", 1.7e9, 7),
    park("2025-03-01", "day", "declared_investment_usd", 1.55e9, 8),
    park("2021-02-12", "day", "jobs", 1000, 9, { qualifier: "more_than" }),
    park("2025-12-31", "day", "countries", 16, 10),
  ];
  const data = buildClaimData(greatStoneAdapter().toPoints(rows), { [file]: "b".repeat(64) });
  const gs = (over: Partial<Claim> & Pick<Claim, "printed" | "measure">): Claim =>
    claim({ subject: "GREAT_STONE", edition: "BELTA 2025", reference_year: 2025, unit: "count", as_of: "2025-06-10", ...over });

  it("flow-by-period: 30 new residents in 2024 confirmed from a 2025 page", () => {
    const [v] = checkClaims([gs({ printed: "30", measure: "new_residents", reference_year: 2024 })], data);
    expect(v!.verdict).toBe("confirmed");
    expect(v!.evidence_line).toBe(4);
    expect(v!.evidence_vintage).toBe("2026-01-30");
    expect(v!.evidence_sha256).toBe("b".repeat(64));
  });

  it("part-year-flow-is-not-the-year: 14 new residents to May 2024 does not confirm 14 for 2024", () => {
    const [v] = checkClaims([gs({ printed: "14", measure: "new_residents", reference_year: 2024 })], data);
    expect(v!.verdict).toBe("matches_other_year");
    expect(v!.reading).toContain("part of a year");
  });

  it("year-precision-date-may-describe-any-day: a 2025 page is not after a June-2025 article", () => {
    const [v] = checkClaims([gs({ printed: "30", measure: "new_residents", reference_year: 2024, as_of: "2025-02-01" })], data);
    expect(v!.verdict).toBe("confirmed");
  });

  it("stock-dated-after-the-article: the end-2025 count is not what a June-2025 article describes", () => {
    const [v] = checkClaims([gs({ printed: "144", measure: "residents_total" })], data);
    expect(v!.verdict).toBe("unverifiable");
    expect(v!.explanation).toContain("171");
    expect(v!.explanation).toContain("2025-06-10");
  });

  it("stock-of-the-year-before: 14 countries matches 2024", () => {
    const [v] = checkClaims([gs({ printed: "14", measure: "countries" })], data);
    expect(v!.verdict).toBe("matches_other_year");
    expect(v!.data_year).toBe(2024);
    // the end-2025 value is named, and why it was not used
    expect(v!.explanation).toContain("no 2025 value reported by 2025-06-10; a later report gives 16");
    expect(v!.explanation).toContain("context only, not evidence");
  });

  it("unit-scale: USD bn printed against USD data; data_value and difference in USD bn, the raw USD in evidence_*", () => {
    const [v] = checkClaims([gs({ printed: "1.5", measure: "declared_investment_usd", unit: "USD bn", operator: ">" })], data);
    expect(v!.verdict).toBe("confirmed");
    expect(v!.data_value).toBe(1.55);
    expect(v!.difference).toBeCloseTo(0.05, 10);
    expect(v!.evidence_value).toBe(1.55e9);
    expect(v!.evidence_unit).toBe("USD");
    expect(v!.explanation).toContain("is 1.55 USD bn (");
  });

  it("target-matched-in-value-is-context: more than 3,000 jobs fits only a target, so unverifiable, never another year", () => {
    const [v] = checkClaims([gs({ printed: "3,000", measure: "jobs", operator: ">", reference_year: 2024 })], data);
    expect(v!.verdict).toBe("unverifiable");
    expect(v!.data_value).toBeNull();
    expect(v!.explanation).toContain("the target figure of 3500 for 2024");
    expect(v!.explanation).toContain("is not a reported figure");
  });

  it("source-gives-a-lower-bound: 'more than 1,000' fits '> 1,000' and '≥ 900' but not '= 1,000'", () => {
    const at = (printed: string, operator: Claim["operator"]) =>
      checkClaims([gs({ printed, measure: "jobs", operator, reference_year: 2021, as_of: "" })], data)[0]!.verdict;
    expect(at("1,000", ">")).toBe("confirmed");
    expect(at("900", "≥")).toBe("confirmed");
    expect(at("1,000", "=")).toBe("contradicted");
    expect(at("4,000", ">")).toBe("contradicted");
  });
});

describe("findings", () => {
  it("one issue per verdict at the claim's registry line, with the catalogue code", () => {
    const rows = [obs("CHN", "S", 2022, 0.99, 1), obs("CHN", "S", 2021, 0.5, 2)];
    const data = buildClaimData(observationAdapter("d").toPoints(rows), {});
    const cs = [claim({ printed: "1" }), claim({ printed: "0.5" }), claim({ printed: "2" }), claim({ printed: "1", measure: "none" })];
    const issues = claimFindings(checkClaims(cs, data));
    expect(issues.map((i) => i.code)).toEqual(["claim_confirmed", "claim_matches_other_year", "claim_contradicted", "claim_unverifiable"]);
    expect(issues[1]!.at).toEqual({ file: "raw/article/2025-06-16/claims.csv", line: cs[1]!.raw_line });
    expect(issues[1]!.message).toContain("2021");
  });
});

function fromN(x: number) {
  return fromNumber(x);
}

describe("verdict rules a fact-checker signs (issue 12)", () => {
  const idi = (economy: string, year: number, value: number, line: number): Observation =>
    obs(economy, "IDI", year, value, line, { source: "itu-idi", unit: "score", raw_file: "raw/itu-idi/2026-08-25/idi.csv" });
  const checkIdi = (c: Claim, rows: Observation[]) => checkClaims([c], buildClaimData(observationAdapter("idi-scores").toPoints(rows), {}))[0]!;

  it("greater-than-at-the-boundary: 'more than 3,000' is not 3,000, but 3,001 is", () => {
    expect(check(claim({ printed: "3,000", operator: ">", unit: "count" }), [obs("CHN", "S", 2022, 3000, 1)]).verdict).toBe("contradicted");
    expect(check(claim({ printed: "3,000", operator: ">", unit: "count" }), [obs("CHN", "S", 2022, 3001, 1)]).verdict).toBe("confirmed");
  });

  it("cross-edition-scores: an IDI 2023 score is never held against the IDI 2024 edition", () => {
    const v = checkIdi(claim({ printed: "86.9", measure: "IDI", edition: "IDI 2023", reference_year: 2023, unit: "score" }), [idi("BLR", 2024, 86.9, 4)].map((o) => ({ ...o, economy: "CHN" })));
    // 86.9 equals the 2024 edition's value, yet it is no "match of another year"
    expect(v.verdict).toBe("unverifiable");
    expect(v.data_value).toBeNull();
    expect(v.explanation).toContain("from the IDI 2023 edition, and the data hold only IDI 2024");
  });

  it("secondary-source: the tier is in the row and the wording says contradicted by a secondary source", () => {
    const v = checkIdi(claim({ printed: "84.4", measure: "IDI", edition: "IDI 2024", reference_year: 2024, unit: "score" }), [idi("CHN", 2024, 85.8, 5)]);
    expect(v.verdict).toBe("contradicted");
    expect(v.evidence_tier).toBe("secondary");
    expect(v.explanation).toMatch(/^Contradicted by a secondary source: /);
    expect(v.explanation).toContain("a secondary transcription");
    const p = check(claim({ printed: "84.4" }), [obs("CHN", "S", 2022, 85.8, 1)]);
    expect(p.evidence_tier).toBe("primary");
    expect(p.explanation).toMatch(/^Contradicted: /);
  });

  it("wording-contradicted-by-its-series: a traffic figure called monthly whose series is a yearly total is a finding", () => {
    const c = claim({ printed: "143.5", measure: "i136mwi_subs_IDI", unit: "GB", per: "month" });
    const decisions = decideClaims([c], buildClaimData([], {}));
    const [f] = wordingFindings(decisions);
    expect(f).toMatchObject({ code: "claim_wording_contradicted", claim: c.id, said: "month", basis: "year", at: { file: c.raw_file, line: c.raw_line, field: "per" } });
    expect(checkClaims([c], buildClaimData([], {}))[0]!.explanation).toContain("calls the figure monthly, but i136mwi_subs_IDI is a yearly total");
    expect(wordingFindings(decideClaims([claim({ printed: "143.5", measure: "i136mwi_subs_IDI", unit: "GB", per: "year" })], buildClaimData([], {})))).toEqual([]);
  });
});

describe("dates a report does not give (issue 12)", () => {
  const file = "raw/belta/2026-01-30/great-stone.csv";
  const row = (as_of: string, as_of_precision: string, measure: string, value: number, raw_line: number, over: Partial<ParkRow> = {}): ParkRow => ({
    as_of, as_of_precision, measure, value, period: "", status: "actual", qualifier: "exact", source_url: "https://example.org/x", raw_file: file, raw_line, ...over,
  });
  const data = buildClaimData(
    greatStoneAdapter().toPoints([
      row("2025-12-31", "year", "new_residents", 30, 4, { period: "2024" }),
      row("2021-01-01", "unknown", "countries", 14, 5),
      row("2025-06-30", "day", "countries", 15, 6),
    ]),
    {},
  );
  const gs = (over: Partial<Claim> & Pick<Claim, "printed" | "measure">): Claim =>
    claim({ subject: "GREAT_STONE", edition: "BELTA 2025", reference_year: 2025, unit: "count", as_of: "2025-06-10", ...over });

  it("partly-dated-report: a page dated only to 2025 says so, and never gets the 2025-12-31 it does not name", () => {
    const v = checkClaims([gs({ printed: "30", measure: "new_residents", reference_year: 2024 })], data)[0]!;
    expect(v.verdict).toBe("confirmed");
    expect(v.explanation).toContain("reported 2025 (year only, no day given)");
    expect(v.explanation).toContain("may be later than 2025-06-10");
    expect(v.explanation).not.toContain("2025-12-31");
  });

  it("approximate-date: an undated-to-the-day report is named as approximate", () => {
    const v = checkClaims([gs({ printed: "14", measure: "countries", reference_year: 2021, as_of: "" })], data)[0]!;
    expect(v.verdict).toBe("confirmed");
    expect(v.explanation).toContain("reported about 2021-01-01 (approximate date)");
  });

  it("evidence-after-as_of-neither-supports-nor-contradicts: 15 countries at 2025-06-30 is later context for a 2025-06-10 figure", () => {
    for (const printed of ["15", "99"]) {
      const v = checkClaims([gs({ printed, measure: "countries" })], data)[0]!;
      expect(v.verdict).not.toBe("confirmed");
      expect(v.verdict).not.toBe("contradicted");
      expect(v.evidence_line).not.toBe(6);
      expect(v.explanation).toContain("a later report gives 15");
    }
  });
});

it("flagged-evidence-says-so: a value the data flag as implausible is named as such in the explanation", () => {
  const row = { ...obs("BLR", "i147dl", 2022, 1.11479e12, 13), flag: "implausible_value: outside 1e6–1e10 bit/s" };
  const v = checkClaims([claim({ subject: "BLR", printed: "1,114,790,000,000", measure: "i147dl", unit: "bit/s" })], buildClaimData(observationAdapter("itu-indicators").toPoints([row]), {}))[0]!;
  expect(v.verdict).toBe("confirmed");
  expect(v.explanation).toContain("flagged as implausible: outside 1e6–1e10 bit/s");
});

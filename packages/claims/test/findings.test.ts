// cross-source agreement within the precision of the less precise source, and the registry end to end on no data
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Observation } from "@bycn/core";
import { runArticle } from "@bycn/pipeline-article";
import type { Claim as RegistryClaim } from "@bycn/pipeline-article";
import { repoRoot } from "../../core/test-support/real.js";
import { type Claim, ClaimVerdict, buildClaimData, checkClaims, claimFindings, claimsDataset, crossSourceFindings } from "../src/index.js";

function obs(source: Observation["source"], indicator: string, economy: string, year: number, value: number, raw_file: string, vintage = "2025-01-01"): Observation {
  return {
    entity: economy || "WLD",
    economy,
    entity_name: economy || "World",
    is_aggregate: economy === "",
    indicator,
    indicator_name: indicator,
    year,
    value,
    unit: "%",
    source,
    vintage,
    note: "",
    source_text: "",
    raw_file,
    raw_line: 2,
  };
}

describe("crossSourceFindings", () => {
  const W = "raw/wdi/2026-02-18/w.csv";
  const O = "raw/owid/2025-10-29/o.csv";
  const I = "raw/itu-datahub/2025-12-28/i.csv";

  it.each([
    ["same-to-the-coarser-precision: 75.6113 vs 75.6", 75.6113, 75.6, 0],
    ["exactly-half-a-unit-apart-agrees: 75.65 vs 75.6", 75.65, 75.6, 0],
    ["just-over-half-a-unit-disagrees: 75.66 vs 75.6", 75.66, 75.6, 1],
    ["vintage-revision-between-sources: 90.6 vs 77.4827", 90.6, 77.4827, 1],
    ["integer-printed-source-allows-half: 92 vs 92.4", 92, 92.4, 0],
    // OWID and WDI print Georgia 2023 one unit apart in the fourth decimal: both roundings of one number
    ["rounding-noise-in-the-last-digit-is-no-finding: 81.8842 vs 81.8843", 81.8842, 81.8843, 0],
    ["eleven-units-in-the-last-digit-is-a-finding: 94.2863 vs 94.2852", 94.2863, 94.2852, 1],
  ])("%s", (_name, a, b, n) => {
    expect(crossSourceFindings([obs("wdi", "IT.NET.USER.ZS", "CHN", 2023, a, W), obs("owid", "IT.NET.USER.ZS", "CHN", 2023, b, O)])).toHaveLength(n);
  });

  it("names both values and files", () => {
    const [f] = crossSourceFindings([obs("owid", "IT.NET.USER.ZS", "CHN", 2023, 77.4827, O), obs("wdi", "IT.NET.USER.ZS", "CHN", 2023, 90.6, W)]);
    expect(f).toMatchObject({ code: "cross_source_mismatch", economy: "CHN", year: 2023, a_value: 77.4827, b_value: 90.6, at: { file: W, line: 2 } });
    expect(f!.message).toContain(O);
    expect(f!.message).toContain(W);
  });

  it("itu-i99H-is-the-same-figure-as-wdi", () => {
    expect(crossSourceFindings([obs("itu-datahub", "i99H", "BLR", 2022, 89.5, I), obs("wdi", "IT.NET.USER.ZS", "BLR", 2022, 91, W)])).toHaveLength(1);
  });

  it("one-source-two-vintages-is-a-revision-not-a-mismatch", () => {
    expect(crossSourceFindings([obs("wdi", "IT.NET.USER.ZS", "CHN", 2023, 77.4827, W, "2025-01-01"), obs("wdi", "IT.NET.USER.ZS", "CHN", 2023, 90.6, W, "2026-02-18")])).toEqual([]);
  });

  it("other-years-economies-series-and-aggregates-are-not-compared", () => {
    expect(
      crossSourceFindings([
        obs("wdi", "IT.NET.USER.ZS", "CHN", 2022, 1, W),
        obs("owid", "IT.NET.USER.ZS", "CHN", 2023, 2, O),
        obs("owid", "IT.NET.USER.ZS", "BLR", 2022, 3, O),
        obs("itu-datahub", "i911mw", "CHN", 2022, 4, I),
        obs("wdi", "IT.NET.USER.ZS", "", 2022, 5, W),
        obs("owid", "IT.NET.USER.ZS", "", 2022, 6, O),
      ]),
    ).toEqual([]);
  });
});

describe("the committed registry through the checker", () => {
  const file = "raw/article/2025-06-16/claims.csv";
  const bytes = readFileSync(path.join(repoRoot, file));
  const result = runArticle([{ file, bytes, vintage: "2025-06-16", sha256: createHash("sha256").update(bytes).digest("hex") }]);
  // the pipeline's rows are the checker's claims, without conversion
  const claims: Claim[] = result.datasets[0]!.rows as RegistryClaim[];

  it("no-data-at-all: every direct claim unverifiable, the growth claim still consistent", () => {
    const verdicts = checkClaims(claims, buildClaimData([], {}));
    expect(verdicts).toHaveLength(26);
    for (const v of verdicts) expect(ClaimVerdict.safeParse(v).success).toBe(true);
    expect(verdicts.filter((v) => v.verdict !== "unverifiable").map((v) => [v.id, v.verdict])).toEqual([["CHN_IDI_GROWTH", "consistent"]]);
    const issues = claimFindings(verdicts);
    const growth = issues.find((i) => i.code === "claim_confirmed")!;
    expect(growth.at).toEqual({ file, line: claims.find((c) => c.id === "CHN_IDI_GROWTH")!.raw_line });
  });

  it("verdict-spec-is-the-claims-dataset keyed by id", () => {
    expect(claimsDataset.name).toBe("claims");
    expect(claimsDataset.primaryKey).toEqual(["id"]);
    expect(Object.keys(claimsDataset.schema.shape)).toEqual(
      expect.arrayContaining(["id", "subject", "measure", "printed", "operator", "reference_year", "verdict", "data_value", "data_year", "difference", "explanation", "evidence_dataset", "evidence_file", "evidence_line", "evidence_sha256", "evidence_vintage", "reading", "relative_difference", "would_match_truncated"]),
    );
  });
});

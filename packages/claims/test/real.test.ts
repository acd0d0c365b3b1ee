// the registry checked against the real public files read through the pipelines (skipped locally without them)
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import type { Observation, Pipeline, Snapshot } from "@bycn/core";
import { type Claim, pipeline as article } from "@bycn/pipeline-article";
import { type GreatStoneRow, pipeline as greatStone } from "@bycn/pipeline-great-stone";
import { pipeline as datahub } from "@bycn/pipeline-itu-datahub";
import { pipeline as idi } from "@bycn/pipeline-itu-idi";
import { pipeline as baskets } from "@bycn/pipeline-itu-price-baskets";
import { pipeline as owid } from "@bycn/pipeline-owid";
import { pipeline as wdi } from "@bycn/pipeline-wdi";
import { describeReal, repoRoot } from "../../core/test-support/real.js";
import {
  ClaimVerdict,
  buildClaimData,
  checkClaims,
  claimFindings,
  crossSourceFindings,
  greatStoneAdapter,
  observationAdapter,
  priceBasketAdapter,
} from "../src/index.js";

describeReal("the article's figures against the real ITU, WDI, OWID, IDI files and the committed park snapshot", (real) => {
  const sums = new Map<string, string>();
  // file names in evidence are relative to shared/data/real (or to the project for raw/ snapshots)
  const snaps = (dir: string, label: string, vintage: string, keep: (f: string) => boolean): Snapshot[] =>
    readdirSync(dir)
      .filter(keep)
      .map((f) => {
        const bytes = readFileSync(path.join(dir, f));
        const file = `${label}/${f}`;
        const sha256 = createHash("sha256").update(bytes).digest("hex");
        sums.set(file, sha256);
        return { file, bytes, vintage, sha256 };
      });
  const rowsOf = (p: Pipeline, s: Snapshot[], name: string): Record<string, unknown>[] =>
    p.run(s).datasets.find((d) => d.spec.name === name)!.rows;
  const csv = (f: string): boolean => f.endsWith(".csv");

  let memo: { verdicts: ClaimVerdict[]; observations: Observation[] } | undefined;
  const build = () => {
    if (memo) return memo;
    const itu = rowsOf(datahub, snaps(path.join(real, "itu-datahub-csv"), "itu-datahub-csv", "2025-12-28", csv), "itu-indicators") as Observation[];
    const w = rowsOf(wdi, snaps(path.join(real, "world-bank-wdi"), "world-bank-wdi", "2026-02-18", csv), "wdi-indicators") as Observation[];
    const o = rowsOf(owid, snaps(path.join(real, "owid"), "owid", "2025-10-29", () => true), "owid-indicators") as Observation[];
    const b = rowsOf(baskets, snaps(path.join(real, "itu-price-baskets"), "itu-price-baskets", "2026-09-27", csv), "itu-price-baskets");
    const i = rowsOf(idi, snaps(path.join(real, "transcribed"), "transcribed", "2026-08-25", (f) => f.startsWith("idi")), "idi-scores") as Observation[];
    const g = rowsOf(greatStone, snaps(path.join(repoRoot, "raw/belta/2026-11-28"), "raw/belta/2026-11-28", "2026-11-28", csv), "great-stone");
    const c = rowsOf(article, snaps(path.join(repoRoot, "raw/article/2025-06-16"), "raw/article/2025-06-16", "2025-06-16", csv), "article-claims");
    const points = [
      ...observationAdapter("itu-indicators").toPoints(itu),
      ...observationAdapter("wdi-indicators").toPoints(w),
      ...observationAdapter("owid-indicators").toPoints(o),
      ...priceBasketAdapter().toPoints(b as (Observation & { status: string })[]),
      ...observationAdapter("idi-scores").toPoints(i),
      ...greatStoneAdapter().toPoints(g as GreatStoneRow[]),
    ];
    memo = { verdicts: checkClaims(c as Claim[], buildClaimData(points, sums)), observations: [...itu, ...w, ...o] };
    return memo;
  };

  // verdict, year of the deciding value, the value (undefined: none)
  it.each([
    ["CHN_IDI_2023", "unverifiable", undefined, undefined],
    ["CHN_IDI_2024", "contradicted", 2024, 85.8],
    ["CHN_IDI_GROWTH", "consistent", 2024, 2.05562],
    ["CHN_INTERNET_USERS", "confirmed", 2022, 75.6113],
    ["CHN_HH_INTERNET", "matches_other_year", 2021, 81.2356],
    ["CHN_COVERAGE", "confirmed", 2022, 99.9],
    ["CHN_MBB_SUBS", "contradicted", 2022, 107.894],
    ["CHN_MOBILE_TRAFFIC", "unverifiable", undefined, undefined],
    ["CHN_FIXED_TRAFFIC", "unverifiable", undefined, undefined],
    ["CHN_MOBILE_PRICE", "confirmed", 2022, 0.99],
    ["CHN_FIXED_PRICE", "matches_other_year", 2021, 0.500183],
    ["BLR_IDI_2023", "unverifiable", undefined, undefined],
    ["BLR_IDI_2024", "confirmed", 2024, 88.5],
    ["BLR_INTERNET_USERS", "confirmed", 2022, 89.5073],
    ["BLR_HH_INTERNET", "confirmed", 2022, 89.4918],
    ["BLR_COVERAGE", "contradicted", 2022, 98.95],
    ["BLR_MBB_SUBS", "contradicted", 2022, 101.619],
    ["BLR_MOBILE_TRAFFIC", "unverifiable", undefined, undefined],
    ["BLR_FIXED_TRAFFIC", "unverifiable", undefined, undefined],
    ["BLR_MOBILE_PRICE", "confirmed", 2022, 1.57],
    ["BLR_FIXED_PRICE", "confirmed", 2022, 0.73],
    ["GS_RESIDENTS", "unverifiable", undefined, undefined],
    ["GS_COUNTRIES", "matches_other_year", 2024, 14],
    // a target (1.5 bn for 2020, 3,500 jobs for 2024) never makes a figure match another year
    ["GS_DECLARED_INVESTMENT", "unverifiable", undefined, undefined],
    ["GS_JOBS", "unverifiable", undefined, undefined],
    ["GS_NEW_RESIDENTS_2024", "confirmed", 2024, 30],
  ] as const)("%s → %s", (id, verdict, year, value) => {
    const v = build().verdicts.find((x) => x.id === id)!;
    expect(ClaimVerdict.safeParse(v).success).toBe(true);
    expect(v.verdict).toBe(verdict);
    expect(v.data_year ?? undefined).toBe(year);
    expect(v.data_value ?? undefined).toBe(value);
    if (v.evidence_file !== null) expect(v.evidence_sha256).toBe(sums.get(v.evidence_file));
  });

  it("chn-mbb-107.8-would-match-if-truncated (ITU DataHub 107.894)", () => {
    const v = build().verdicts.find((x) => x.id === "CHN_MBB_SUBS")!;
    expect(v.would_match_truncated).toBe(true);
    expect(v.evidence_file).toBe("itu-datahub-csv/active_mobile_broadband_subscriptions.csv");
  });

  it("chn-coverage-fits-3g-lte-and-their-mean; blr-98.8-fits-no-reading", () => {
    const vs = build().verdicts;
    expect(vs.find((x) => x.id === "CHN_COVERAGE")!.reading).toBe(
      "3G (i271G); 4G/LTE (i271GA); mean of 3G and 4G/LTE (mean of i271G, i271GA)",
    );
    const blr = vs.find((x) => x.id === "BLR_COVERAGE")!;
    expect(blr.explanation).toContain("3G (i271G) 99.9%");
    expect(blr.explanation).toContain("4G/LTE (i271GA) 98%");
  });

  it("park-figure-after-the-article-is-not-used: 171 residents at end-2025", () => {
    const v = build().verdicts.find((x) => x.id === "GS_RESIDENTS")!;
    expect(v.explanation).toContain("171");
    expect(v.explanation).toContain("2025-06-10");
  });

  it("one finding per claim, at its registry line", () => {
    const issues = claimFindings(build().verdicts);
    expect(issues).toHaveLength(26);
    expect(new Set(issues.map((i) => i.at.file))).toEqual(new Set(["raw/article/2025-06-16/claims.csv"]));
  });

  it("cross-source: WDI's 2026 vintage revises China 2023 internet users to 90.6, OWID's Jan-2025 copy says 77.4827", () => {
    const found = crossSourceFindings(build().observations).filter((f) => f.code === "cross_source_mismatch");
    const chn = found.filter((f) => f.code === "cross_source_mismatch" && f.economy === "CHN");
    expect(chn).toHaveLength(1);
    expect(chn[0]).toMatchObject({ year: 2023, a_value: 77.4827, b_value: 90.6 });
    expect(chn[0]!.message).toContain("owid/internet.csv");
    expect(chn[0]!.message).toContain("world-bank-wdi/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv");
    // Belarus agrees in every shared year
    expect(found.filter((f) => f.code === "cross_source_mismatch" && f.economy === "BLR")).toEqual([]);
  });
});

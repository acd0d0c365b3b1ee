// world ranks and the comparison set: the data hold every economy, the report shows Belarus, China and peers
import { describe, expect, it } from "vitest";
import { renderReport } from "../src/index.js";
import { checkSummaryOf, timeSeriesOf, type Obs } from "../src/model.js";
import { rankText, worldRanksOf } from "../src/rank.js";
import { FAKE_PEERS, hostileDist, reader } from "./fake-dist.js";

const o = (entity: string, year: number, value: number, over: Partial<Obs> = {}): Obs => ({
  dataset: "itu-indicators",
  entity,
  entityName: entity,
  isAggregate: false,
  indicator: "xHH6_IDI",
  indicatorName: "Households with internet",
  year,
  value,
  unit: "%",
  status: "",
  rawFile: "raw/x.csv",
  rawLine: 2,
  ...over,
});

describe("world ranks", () => {
  it("tied-values-share-the-best-rank-and-the-next-rank-skips", () => {
    const obs = [o("AAA", 2022, 90), o("BLR", 2022, 80), o("CCC", 2022, 80), o("CHN", 2022, 70), o("DDD", 2022, 60)];
    const [r] = worldRanksOf(obs, ["BLR", "CHN"]);
    expect(r?.standings.map((s) => s && rankText(s))).toEqual(["=2 of 5", "4 of 5"]);
    expect(r?.standings[0]?.tied).toBe(1);
  });

  it("aggregates-are-never-ranked-nor-counted", () => {
    const obs = [o("WLD", 2022, 99, { isAggregate: true }), o("BLR", 2022, 80), o("CCC", 2022, 70)];
    const [r] = worldRanksOf(obs, ["BLR"]);
    expect(r?.standings[0]).toMatchObject({ rank: 1, of: 2, tied: 0 });
  });

  it("each-subject-ranked-in-its-own-latest-year-against-that-year-only", () => {
    const obs = [o("BLR", 2021, 50), o("BLR", 2023, 75), o("AAA", 2023, 80), o("AAA", 2021, 10), o("CHN", 2021, 60), o("BBB", 2022, 99)];
    const [r] = worldRanksOf(obs, ["BLR", "CHN"]);
    expect(r?.standings[0]).toMatchObject({ year: 2023, value: 75, rank: 2, of: 2 });
    expect(r?.standings[1]).toMatchObject({ year: 2021, value: 60, rank: 1, of: 3 });
  });

  it("same-series-in-two-datasets-ranked-apart-and-absent-subject-is-undefined", () => {
    const obs = [o("BLR", 2022, 80), o("AAA", 2022, 90), o("AAA", 2022, 50, { dataset: "wdi-indicators" }), o("CHN", 2022, 40, { dataset: "wdi-indicators" })];
    const ranks = worldRanksOf(obs, ["BLR", "CHN"]);
    expect(ranks.map((r) => r.dataset)).toEqual(["itu-indicators", "wdi-indicators"]);
    expect(ranks[0]?.standings[1]).toBeUndefined();
    expect(ranks[1]?.standings[0]).toBeUndefined();
    expect(ranks[1]?.standings[1]).toMatchObject({ rank: 2, of: 2 });
  });

  it("series-without-any-subject-is-left-out", () => {
    expect(worldRanksOf([o("AAA", 2022, 1), o("BBB", 2022, 2)], ["BLR"])).toEqual([]);
  });
});

describe("comparison set", () => {
  it("time-series-draw-subjects-and-peers-only-not-every-economy", () => {
    const obs = [o("BLR", 2022, 80), o("CHN", 2022, 70), o("POL", 2022, 85), o("ZZZ", 2022, 10)];
    const { charts } = timeSeriesOf(obs, ["BLR", "CHN"], ["POL"]);
    expect(charts.find((c) => c.series === "xHH6_IDI")?.lines.map((l) => l.entity)).toEqual(["POL", "BLR", "CHN"]);
  });

  it("findings-about-other-economies-counted-not-listed", () => {
    const finding = (economy: string) => ({ category: "consistency", issue: { code: "unit_break", severity: "warning", message: economy, at: { file: "f", line: 1 }, economy } });
    const check = { summary: { warning: 3 }, findings: [finding("BLR"), finding("ZZZ"), finding("YYY"), { category: "consistency", issue: { code: "stock_fell", severity: "warning", message: "park" } }] };
    const s = checkSummaryOf(check, new Set(["BLR", "CHN"]));
    expect(s.findings.map((f) => f.message)).toEqual(["BLR", "park"]);
    expect(s.elsewhere).toBe(2);
  });

  it("report-page-has-a-world-rank-row-per-series-with-the-subjects", () => {
    const html = new TextDecoder().decode(renderReport(reader(hostileDist()), { peers: FAKE_PEERS }).get("report/index.html"));
    const section = html.slice(html.indexOf('<section id="ranks">'), html.indexOf('<section id="findings">'));
    // xHH6_IDI: BLR 80 in 2022 against XSA..XSC (82, 83, 84): 4th of 4; CHN's latest is 2021 (76 of 75..79): 4th of 5
    expect(section).toContain("<code>xHH6_IDI</code>");
    expect(section).toMatch(/4 of 4<\/strong><span class="rel">80 in 2022/);
    expect(section).toMatch(/4 of 5<\/strong><span class="rel">76 in 2021/);
  });
});

// world ranks and the comparison set: the data hold every economy, the report shows Belarus, China and peers
import { describe, expect, it } from "vitest";
import { ranksTable } from "../src/html.js";
import { renderReport } from "../src/index.js";
import { checkSummaryOf } from "../src/downloads.js";
import { timeSeriesOf } from "../src/groups.js";
import type { Obs } from "../src/model.js";
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
  flag: "",
  rawFile: "raw/x.csv",
  rawLine: 2,
  ...over,
});

/** n filler economies (F00, F01…) with values below every subject value used here */
const field = (n: number, year: number, over: Partial<Obs> = {}) => Array.from({ length: n }, (_, i) => o(`F${String(i).padStart(2, "0")}`, year, i / 100, over));

describe("world ranks", () => {
  it("tied-values-share-the-best-rank-and-the-next-rank-skips", () => {
    const obs = [o("AAA", 2022, 90), o("BLR", 2022, 80), o("CCC", 2022, 80), o("CHN", 2022, 70), o("DDD", 2022, 60), ...field(10, 2022)];
    const [r] = worldRanksOf(obs, ["BLR", "CHN"]);
    expect(r?.standings.map((s) => s && rankText(s))).toEqual(["=2 of 15", "4 of 15"]);
    expect(r?.standings[0]?.tied).toBe(1);
  });

  it("aggregates-are-never-ranked-nor-counted", () => {
    const obs = [o("WLD", 2022, 99, { isAggregate: true }), o("BLR", 2022, 80), o("CCC", 2022, 70), ...field(10, 2022)];
    const [r] = worldRanksOf(obs, ["BLR"]);
    expect(r?.standings[0]).toMatchObject({ rank: 1, of: 12, tied: 0 });
  });

  it("ranked-in-the-latest-year-most-economies-report-not-a-thinly-reported-newest-year", () => {
    // 2023: 24 economies report; 2024: BLR and 10 others, under half of 24, so BLR is ranked in 2023
    const obs = [o("BLR", 2023, 50), ...field(23, 2023), o("BLR", 2024, 75), ...field(10, 2024)];
    const [r] = worldRanksOf(obs, ["BLR"]);
    expect(r?.standings[0]).toMatchObject({ year: 2023, value: 50, rank: 1, of: 24 });
    // one more economy in 2024 makes it half: the newer year is used
    const more = worldRanksOf([...obs, o("G99", 2024, 99)], ["BLR"]);
    expect(more[0]?.standings[0]).toMatchObject({ year: 2024, value: 75, rank: 2, of: 12 });
  });

  it("subject-absent-from-the-well-covered-years-is-ranked-in-its-own-latest-year", () => {
    const obs = [...field(30, 2020), o("CHN", 2024, 40), ...field(10, 2024)];
    const [r] = worldRanksOf(obs, ["BLR", "CHN"]);
    expect(r?.standings[0]).toBeUndefined();
    expect(r?.standings[1]).toMatchObject({ year: 2024, rank: 1, of: 11 });
  });

  it("same-series-in-two-datasets-ranked-apart", () => {
    const wdi = { dataset: "wdi-indicators" };
    const obs = [o("BLR", 2022, 80), ...field(10, 2022), o("CHN", 2022, 40, wdi), ...field(10, 2022, wdi)];
    const ranks = worldRanksOf(obs, ["BLR", "CHN"]);
    expect(ranks.map((r) => r.dataset)).toEqual(["itu-indicators", "wdi-indicators"]);
    expect(ranks[0]?.standings[1]).toBeUndefined();
    expect(ranks[1]?.standings[0]).toBeUndefined();
    expect(ranks[1]?.standings[1]).toMatchObject({ rank: 1, of: 11 });
  });

  it("series-without-a-subject-or-with-under-10-economies-left-out", () => {
    expect(worldRanksOf([...field(12, 2022)], ["BLR"])).toEqual([]);
    expect(worldRanksOf([o("BLR", 2022, 1), ...field(8, 2022)], ["BLR"])).toEqual([]);
    expect(worldRanksOf([o("BLR", 2022, 1), ...field(9, 2022)], ["BLR"])).toHaveLength(1);
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

  it("report-page-rank-cells-show-rank-count-value-and-year-escaped", () => {
    const html = ranksTable(
      [{ dataset: "itu-indicators", indicator: "x<y", indicatorName: "<b>n</b>", unit: "%", standings: [{ economy: "BLR", year: 2022, value: 80, rank: 4, of: 12, tied: 1 }, undefined] }],
      [{ code: "BLR", name: "Belarus" }, { code: "CHN", name: "<i>China</i>" }],
    );
    expect(html).toContain("<code>x&lt;y</code>");
    expect(html).toContain("&lt;i&gt;China&lt;/i&gt;");
    expect(html).toMatch(/=4 of 12<\/strong><span class="rel">80 in 2022/);
    expect(html).toContain('<td class="none">—</td>');
  });

  it("report-page-on-a-five-economy-dist-ranks-nothing-and-says-why", () => {
    const html = new TextDecoder().decode(renderReport(reader(hostileDist()), { peers: FAKE_PEERS }).get("report/index.html"));
    const section = html.slice(html.indexOf('<section id="ranks">'), html.indexOf('<section id="findings">'));
    expect(section).toContain("fewer than 10 economies are left out");
    expect(section).not.toContain("<code>xHH6_IDI</code>");
  });
});

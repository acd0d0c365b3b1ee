// consistency findings: conflicting reports, a count that falls, stocks against flows, plans kept apart
import { describe, expect, it } from "vitest";
import { checkGreatStone, findConflicts, findStockFalls, findStockFlowMismatches, normalize, type GreatStoneRow } from "@bycn/pipeline-great-stone";
import { committed, HEADER, line, snapshotOf, URL_A, URL_B } from "./_table.js";

/** rows from table lines, failing the test on any reject so a fixture typo cannot pass silently */
function rowsOf(lines: string[]): GreatStoneRow[] {
  const r = normalize(snapshotOf([HEADER, ...lines]));
  expect(r.rejects).toEqual([]);
  return r.rows;
}
const stock = (date: string, value: string, extra: Partial<Parameters<typeof line>[0]> = {}) => line({ date, measure: "Количество резидентов", value, ...extra });
const flow = (date: string, value: string, period: string, extra: Partial<Parameters<typeof line>[0]> = {}) =>
  line({ date, measure: "Новые резиденты", value, period, ...extra });
const exits = (date: string, value: string, period: string) => line({ date, measure: "Выбывшие резиденты", value, period });
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe("the committed data", () => {
  const rows = normalize(committed()).rows;
  const findings = checkGreatStone(rows);

  it("2023-conflict-23-vs-26: source_conflict naming both pages", () => {
    const c = findings.find((f) => f.code === "source_conflict" && f.measure === "new_residents");
    expect(c).toMatchObject({
      period: "2023",
      a: "https://sb.by/en/private-investments-in-great-stone-park-development-exceeds-budget-costs-8-fold.html",
      a_value: 23,
      b: "https://www.sb.by/en/economy-ministry-net-profit-of-great-stone-residents-doubled-in-2023.html",
      b_value: 26,
    });
  });

  it("headline-vs-body-on-one-page: 363m vs 393m is a conflict naming the two lines", () => {
    const c = findings.find((f) => f.code === "source_conflict" && f.measure === "actual_investment_usd");
    expect(c && "a" in c && [c.a_value, c.b_value]).toEqual([363e6, 393e6]);
    expect(c && "a" in c && c.a !== c.b).toBe(true);
  });

  it("findings-by-code (golden): what the committed reports say about each other", () => {
    const count = (code: string) => findings.filter((f) => f.code === code).length;
    expect({
      source_conflict: count("source_conflict"),
      stock_fell: count("stock_fell"),
      stock_flow_mismatch: count("stock_flow_mismatch"),
      plan_not_actual: count("plan_not_actual"),
    }).toEqual({ source_conflict: 2, stock_fell: 1, stock_flow_mismatch: 4, plan_not_actual: 8 });
    // 13 new residents in 2020 while the count went 60 → 68
    expect(findings).toContainEqual(expect.objectContaining({ code: "stock_flow_mismatch", stock_change: 8, flow: 13, from_date: "2019-12-31", to_date: "2021-01-01" }));
    // countries 15 (12.2019) → 14 (start of 2021) with no exit reported
    expect(findings).toContainEqual(expect.objectContaining({ code: "stock_fell", measure: "countries", from: 15, to: 14 }));
  });

  it("plans-never-count-as-actuals: targets of 170 and 270 residents enter no stock check", () => {
    const stockFindings = findings.filter((f) => f.code === "stock_fell" || f.code === "stock_flow_mismatch");
    expect(stockFindings.every((f) => "to" in f ? f.to !== 170 && f.to !== 270 : true)).toBe(true);
    expect(findings.filter((f) => f.code === "plan_not_actual").map((f) => "value" in f && f.value)).toEqual(expect.arrayContaining([170, 270, 1.5e9, 14000]));
  });
});

describe("stock_fell", () => {
  it("count-falls-without-exit", () => {
    const f = findStockFalls(rowsOf([stock("01.01.2024", "100"), stock("01.06.2024", "95")]));
    expect(f).toMatchObject([{ code: "stock_fell", measure: "residents_total", from: 100, to: 95, from_date: "2024-01-01", to_date: "2024-06-01", at: { line: 3 } }]);
  });

  it("count-falls-with-reported-exits: five leaving explain a fall of five, three do not", () => {
    expect(findStockFalls(rowsOf([stock("01.01.2024", "100"), exits("01.06.2024", "5", "02.2024"), stock("01.06.2024", "95")]))).toEqual([]);
    expect(codes(findStockFalls(rowsOf([stock("01.01.2024", "100"), exits("01.06.2024", "3", "02.2024"), stock("01.06.2024", "95")])))).toEqual(["stock_fell"]);
  });

  it("exit-outside-the-window-does-not-count", () => {
    expect(codes(findStockFalls(rowsOf([stock("01.01.2024", "100"), exits("01.06.2024", "5", "2023"), stock("01.06.2024", "95")])))).toEqual(["stock_fell"]);
  });

  it("lower-bound-is-not-a-fall: 'более 100' then 'более 95' says nothing", () => {
    expect(findStockFalls(rowsOf([stock("01.01.2024", "более 100"), stock("01.06.2024", "более 95")]))).toEqual([]);
  });

  it("a-target-below-the-count-is-not-a-fall", () => {
    expect(findStockFalls(rowsOf([stock("01.01.2024", "100"), stock("01.06.2024", "90", { status: "цель", horizon: "2030" })]))).toEqual([]);
  });
});

describe("stock_flow_mismatch", () => {
  it("flow-exceeds-growth: 13 new in 2020 but the count rose by 8", () => {
    const f = findStockFlowMismatches(rowsOf([stock("12.2019", "60", { precision: "месяц" }), flow("15.01.2021", "13", "2020"), stock("15.01.2021", "68")]));
    expect(f).toMatchObject([{ code: "stock_flow_mismatch", measure: "residents_total", stock_change: 8, flow: 13 }]);
  });

  it("flow-within-growth-is-fine: unreported entries can explain more growth", () => {
    expect(findStockFlowMismatches(rowsOf([stock("12.2019", "60", { precision: "месяц" }), flow("15.01.2021", "5", "2020"), stock("15.01.2021", "68")]))).toEqual([]);
  });

  it("reported-exits-explain-the-excess", () => {
    const rows = rowsOf([stock("31.12.2019", "60"), flow("15.01.2021", "13", "2020"), exits("15.01.2021", "5", "2020"), stock("15.01.2021", "68")]);
    expect(findStockFlowMismatches(rows)).toEqual([]);
  });

  it("growth-exceeds-covering-flows: day-precise ends and flows over every day between", () => {
    const rows = rowsOf([stock("31.12.2023", "100"), flow("30.06.2024", "4", "1 пол. 2024"), stock("30.06.2024", "110")]);
    expect(findStockFlowMismatches(rows)).toMatchObject([{ stock_change: 10, flow: 4 }]);
  });

  it("growth-exceeds-partial-flows-is-fine: a year-precise start leaves days uncovered", () => {
    const rows = rowsOf([stock("2023", "100", { precision: "год" }), flow("30.06.2024", "4", "1 пол. 2024"), stock("30.06.2024", "110")]);
    expect(findStockFlowMismatches(rows)).toEqual([]);
  });

  it("overlapping-flows-are-not-added: H1 and the full year are alternatives, not a sum", () => {
    const rows = rowsOf([
      stock("31.12.2022", "100"),
      flow("30.06.2023", "5", "1 пол. 2023"),
      flow("31.12.2023", "10", "2023", { source: URL_B }),
      stock("31.12.2023", "110"),
    ]);
    expect(findStockFlowMismatches(rows)).toEqual([]);
  });

  it("upper-bound-level-leaves-room: 'более 877' cannot be exceeded by a flow", () => {
    const inv = (date: string, value: string, extra: Partial<Parameters<typeof line>[0]> = {}) => line({ date, measure: "Привлечённые инвестиции", value, ...extra });
    const rows = rowsOf([inv("12.02.2021", "650 млн долл."), inv("10.10.2022", "393 млн долл.", { period: "2022 (на дату)" }), inv("20.02.2024", "более 877 млн долл.")]);
    expect(findStockFlowMismatches(rows)).toEqual([]);
    const exact = rowsOf([inv("12.02.2021", "650 млн долл."), inv("10.10.2022", "393 млн долл.", { period: "2022 (на дату)" }), inv("20.02.2024", "877 млн долл.")]);
    expect(findStockFlowMismatches(exact)).toMatchObject([{ measure: "actual_investment_usd", stock_change: 227e6, flow: 393e6 }]);
  });

  it("planned-flow-is-ignored: 11 to be registered today do not count", () => {
    const rows = rowsOf([stock("12.04.2019", "43"), flow("02.07.2019", "11", "02.07.2019", { status: "план" }), stock("02.07.2019", "44")]);
    expect(findStockFlowMismatches(rows)).toEqual([]);
  });
});

describe("source_conflict", () => {
  it("same-period-different-values", () => {
    const rows = rowsOf([flow("31.12.2023", "23", "2023"), flow("22.02.2024", "26", "2023", { source: URL_B })]);
    expect(findConflicts(rows)).toMatchObject([{ code: "source_conflict", measure: "new_residents", period: "2023", a: URL_A, a_value: 23, b: URL_B, b_value: 26 }]);
  });

  it("bounds-that-meet-are-no-conflict: 'около 1,25 млрд' and 1,2 млрд on the same day", () => {
    const inv = (value: string, source: string) => line({ date: "10.10.2022", measure: "Заявленный объём инвестиций", value, source });
    expect(findConflicts(rowsOf([inv("около 1,25 млрд долл.", URL_A), inv("1,2 млрд долл.", URL_B)]))).toEqual([]);
    expect(codes(findConflicts(rowsOf([inv("1,25 млрд долл.", URL_A), inv("1,2 млрд долл.", URL_B)])))).toEqual(["source_conflict"]);
  });

  it("month-precise-levels-are-not-compared: two 12.2019 counts may be different days", () => {
    expect(findConflicts(rowsOf([stock("12.2019", "58", { precision: "месяц" }), stock("12.2019", "60", { precision: "месяц", source: URL_B })]))).toEqual([]);
  });

  it("different-periods-are-not-a-conflict: 8 to 20 Feb and 14 to 18 May 2024", () => {
    expect(findConflicts(rowsOf([flow("20.02.2024", "8", "2024 (на дату)"), flow("18.05.2024", "14", "2024 (на дату)", { source: URL_B })]))).toEqual([]);
  });
});

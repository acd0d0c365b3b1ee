// report dates and flow periods: forms, precision words, and the last-day convention for as_of
import { describe, expect, it } from "vitest";
import { parsePeriod, parseReportDate, parseSpan } from "@bycn/pipeline-great-stone";

describe("parseReportDate", () => {
  it.each([
    ["day", "26.05.2018", "day", { as_of: "2018-05-26", start: "2018-05-26", precision: "day" }],
    ["month-last-day", "12.2019", "month", { as_of: "2019-12-31", start: "2019-12-01", precision: "month" }],
    ["february-leap-year", "02.2024", "month", { as_of: "2024-02-29", start: "2024-02-01", precision: "month" }],
    ["year-last-day", "2023", "year", { as_of: "2023-12-31", start: "2023-01-01", precision: "year" }],
    ["first-half", "1 пол. 2023", "half-year", { as_of: "2023-06-30", start: "2023-01-01", precision: "half-year" }],
    ["second-half-roman", "II пол. 2023", "half-year", { as_of: "2023-12-31", start: "2023-07-01", precision: "half-year" }],
    ["approximate-day", "01.01.2021", "unknown", { as_of: "2021-01-01", start: "2021-01-01", precision: "unknown" }],
  ] as const)("%s", (_name, text, precision, want) => {
    expect(parseReportDate(text, precision)).toEqual({ ok: true, value: want });
  });

  it.each([
    ["precision-disagrees-with-form", "12.2019", "day"],
    ["no-such-day", "31.02.2023", "day"],
    ["month-13", "13.2019", "month"],
    ["iso-form", "2019-12-31", "day"],
    ["missing-precision-word", "2023", undefined],
  ] as const)("invalid: %s", (_name, text, precision) => {
    expect(parseReportDate(text, precision).ok).toBe(false);
  });
});

describe("parsePeriod", () => {
  it.each([
    ["year", "2023", "2024-02-22", { label: "2023", start: "2023-01-01", end: "2023-12-31" }],
    ["half-year", "1 пол. 2023", "2023-06-30", { label: "2023-H1", start: "2023-01-01", end: "2023-06-30" }],
    ["one-day", "03.11.2022", "2022-11-03", { label: "2022-11-03", start: "2022-11-03", end: "2022-11-03" }],
    ["year-to-report-date", "2024 (на дату)", "2024-05-18", { label: "2024-01-01/2024-05-18", start: "2024-01-01", end: "2024-05-18" }],
    ["month", "10.2019", "2019-12-31", { label: "2019-10", start: "2019-10-01", end: "2019-10-31" }],
  ] as const)("%s", (_name, text, report, want) => {
    expect(parsePeriod(text, report)).toEqual({ ok: true, value: want });
  });

  it("to-date-outside-its-year: '2023 (на дату)' cannot end on a 2024 report date", () => {
    expect(parsePeriod("2023 (на дату)", "2024-02-20").ok).toBe(false);
  });

  it("unknown-form", () => {
    expect(parseSpan("весна 2023")).toBeUndefined();
    expect(parsePeriod("весна 2023", "2023-06-30").ok).toBe(false);
  });
});

// a value the data flag as implausible keeps its number and is marked wherever the report shows it
import { expect, it } from "vitest";
import { timeSeriesFigure } from "../src/charts.js";

it("flagged-value-marked-in-the-chart-label-and-its-table", () => {
  const flag = "implausible_value: outside 1e6–1e10 bit/s (a national average download speed lies between 1 Mbit/s and 10 Gbit/s)";
  const html = timeSeriesFigure(
    {
      series: "i147dl",
      title: "Average Download Throughput for Fixed Broadband",
      unit: "bit/s",
      dataset: "itu-indicators",
      alsoIn: [],
      lines: [
        { entity: "BLR", name: "Belarus", highlight: 0, points: [{ year: 2021, value: 1.00824e12, flag }, { year: 2022, value: 1.11479e12, flag }] },
        { entity: "UZB", name: "Uzbekistan", highlight: -1, points: [{ year: 2021, value: 3.496e7, flag: "" }, { year: 2022, value: 4.451e7, flag: "" }] },
      ],
    },
    "t",
  );
  expect(html).toContain("⚠ implausible in 2022");
  expect(html).toContain("(flagged: implausible, outside 1e6–1e10 bit/s");
  // the plausible peer carries no mark
  expect(html.match(/flagged: /g)).toHaveLength(2);
});

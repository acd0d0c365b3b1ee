// svg kit: scales, nice ticks, axes and marks, and escaping of every text that reaches the svg
import { describe, expect, it } from "vitest";
import {
  axisBottom,
  axisLeft,
  bandScale,
  escapeXml,
  formatTick,
  hbar,
  linePath,
  linearScale,
  markerLine,
  niceTicks,
  point,
  svgDocument,
  yearTicks,
  type Frame,
} from "../src/svg.js";

describe("linearScale", () => {
  it.each([
    { name: "middle", domain: [0, 100], range: [40, 440], v: 50, out: 240 },
    { name: "inverted-range-for-y", domain: [0, 100], range: [300, 20], v: 25, out: 230 },
    { name: "outside-the-domain-extrapolates", domain: [0, 10], range: [0, 100], v: 12, out: 120 },
    { name: "zero-width-domain-maps-to-the-middle", domain: [5, 5], range: [0, 100], v: 5, out: 50 },
  ] as const)("$name", ({ domain, range, v, out }) => {
    expect(linearScale(domain, range)(v)).toBeCloseTo(out, 9);
  });
});

describe("niceTicks", () => {
  it.each([
    { name: "percent-0-100", min: 0, max: 100, values: [0, 20, 40, 60, 80, 100], decimals: 0 },
    { name: "just-above-a-hundred", min: 0, max: 107.894, values: [0, 50, 100, 150], decimals: 0 },
    { name: "small-fractions", min: 0, max: 0.8, values: [0, 0.2, 0.4, 0.6, 0.8], decimals: 1 },
    { name: "no-float-noise-at-0.3", min: 0, max: 0.3, values: [0, 0.1, 0.2, 0.3], decimals: 1 },
    { name: "negative-to-positive", min: -3, max: 7, values: [-4, -2, 0, 2, 4, 6, 8], decimals: 0 },
    { name: "one-positive-value-gets-a-zero-base", min: 5, max: 5, values: [0, 1, 2, 3, 4, 5], decimals: 0 },
    { name: "all-zero", min: 0, max: 0, values: [0, 0.2, 0.4, 0.6, 0.8, 1], decimals: 1 },
    { name: "reversed-arguments", min: 100, max: 0, values: [0, 20, 40, 60, 80, 100], decimals: 0 },
    { name: "billions", min: 0, max: 1.7e9, values: [0, 0.5e9, 1e9, 1.5e9, 2e9], decimals: 0 },
  ])("$name", ({ min, max, values, decimals }) => {
    const t = niceTicks(min, max, 5);
    expect(t.values).toEqual(values);
    expect(t.decimals).toBe(decimals);
  });

  it("ticks-enclose-the-data", () => {
    for (const [min, max] of [[0.448559, 0.733524], [1990, 2024], [8, 171], [-0.0082, 36.419]] as const) {
      const t = niceTicks(min, max, 5);
      expect(t.values[0]).toBeLessThanOrEqual(min);
      expect(t.values[t.values.length - 1]).toBeGreaterThanOrEqual(max);
      expect(t.values.length).toBeLessThanOrEqual(12);
    }
  });
});

describe("yearTicks", () => {
  it("decades-for-a-long-series", () => {
    expect(yearTicks(1990, 2024, 6).values).toEqual([1990, 2000, 2010, 2020, 2030]);
  });
  it("never-a-fractional-year", () => {
    expect(yearTicks(2022.5, 2023.2, 6).values).toEqual([2022, 2023, 2024]);
    expect(yearTicks(2024, 2024, 6).values.every(Number.isInteger)).toBe(true);
  });
});

describe("formatTick", () => {
  it.each([
    { v: 12345.6, d: 1, out: "12\u202f345.6" },
    { v: 1234, d: 0, out: "1234" },
    { v: 1500000000, d: 0, out: "1\u202f500\u202f000\u202f000" },
    { v: -5, d: 0, out: "\u22125" },
    { v: 0.5, d: 2, out: "0.50" },
  ])("$v with $d decimals", ({ v, d, out }) => {
    expect(formatTick(v, d)).toBe(out);
  });
});

describe("bandScale", () => {
  it("equal-slots-with-padding", () => {
    const b = bandScale(["a", "b"], [0, 100], 0.2);
    expect(b.get("a")).toEqual({ key: "a", start: 5, size: 40, center: 25 });
    expect(b.get("b")).toEqual({ key: "b", start: 55, size: 40, center: 75 });
  });
});

describe("marks", () => {
  const band = { key: "k", start: 10, size: 20, center: 20 };
  const x = linearScale([-10, 10], [0, 200]);

  it("bar-from-zero-for-positive-and-negative-values", () => {
    expect(hbar(x, band, 5, { cls: "bar" })).toBe(`<rect class="bar" x="100" y="10" width="50" height="20"></rect>`);
    expect(hbar(x, band, -5, { cls: "bar" })).toBe(`<rect class="bar" x="50" y="10" width="50" height="20"></rect>`);
  });

  it("line-breaks-at-gaps", () => {
    expect(linePath([{ x: 0, y: 0 }, { x: 1.257, y: 1 }, null, { x: 3, y: 3 }])).toBe("M0,0L1.26,1M3,3");
    expect(linePath([])).toBe("");
  });

  it("diamond-and-circle-points", () => {
    expect(point(10, 10, 4, "circle", { cls: "p" })).toBe(`<circle class="p" cx="10" cy="10" r="4"></circle>`);
    expect(point(10, 10, 4, "diamond", { cls: "p" })).toMatch(/^<path class="p" d="M10,4.8L15.2,10L10,15.2L4.8,10Z">/);
  });

  it("titles-and-labels-escaped", () => {
    const m = markerLine(0, 0, 10, 0, { cls: "mark", title: `<script>alert(1)</script>`, label: `"><img src=x onerror=alert(1)>` });
    expect(m).not.toContain("<script");
    expect(m).not.toContain("<img");
    expect(m).toContain("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>");
    expect(m).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("escapeXml", () => {
  it("all-five-specials", () => {
    expect(escapeXml(`<a href="x" title='y'>&amp;</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  });
  it("plain-text-unchanged", () => {
    expect(escapeXml("Belarus 89.5% — Беларусь 中国")).toBe("Belarus 89.5% — Беларусь 中国");
  });
});

describe("axes and the document", () => {
  const frame: Frame = { width: 400, height: 300, margin: { top: 20, right: 20, bottom: 40, left: 40 } };

  it("axis-ticks-and-title-with-unit", () => {
    const t = niceTicks(0, 100, 5);
    const xAxis = axisBottom(linearScale([0, 100], [40, 380]), frame, { ticks: t, label: "Value in 2022 (%)" });
    expect(xAxis.match(/class="tick-label"/g)).toHaveLength(6);
    expect(xAxis).toContain(">Value in 2022 (%)</text>");
    const yAxis = axisLeft(linearScale([0, 100], [260, 20]), frame, { ticks: t, label: `<b>units</b>`, grid: true });
    expect(yAxis.match(/class="grid"/g)).toHaveLength(6);
    expect(yAxis).toContain("&lt;b&gt;units&lt;/b&gt;");
  });

  it("svg-has-role-img-labelled-by-title-and-desc", () => {
    const s = svgDocument("c1", frame, `China <script>`, "a & b", "");
    expect(s).toMatch(/^<svg [^>]*viewBox="0 0 400 300"[^>]*width="100%"[^>]*role="img" aria-labelledby="c1-title c1-desc">/);
    expect(s).toContain(`<title id="c1-title">China &lt;script&gt;</title><desc id="c1-desc">a &amp; b</desc>`);
  });

  it("svg-id-must-be-a-plain-token", () => {
    expect(() => svgDocument(`x" onload="alert(1)`, frame, "t", "d", "")).toThrow(/plain token/);
  });
});

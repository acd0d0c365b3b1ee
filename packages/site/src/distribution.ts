// the world distribution of one indicator in one year: a histogram of every economy, the focus economies marked with their rank
import { escapeXml as esc, formatValue, svg, withUnit } from "@bycn/report";
import type { Ranked } from "./model.js";

const { axisBottom, axisLeft, linearScale, markerLine, niceTicks, plotArea, rect, svgDocument } = svg;

export interface Marked {
  name: string;
  /** colour slot of the report's palette (s0 Belarus, s1 China) */
  slot: number;
  ranked: Ranked;
}

/** a figure with the histogram and, as its text alternative, the bins and the marked economies */
export function distributionFigure(id: string, title: string, unit: string, year: number, ranked: readonly Ranked[], marked: readonly Marked[]): string {
  const frame = { width: 480, height: 260, margin: { top: 46, right: 20, bottom: 48, left: 40 } };
  const { x0, x1, y0, y1 } = plotArea(frame);
  const values = ranked.map((r) => r.point.value);
  const xt = niceTicks(Math.min(...values), Math.max(...values), 10);
  const lo = xt.values[0] as number;
  const hi = xt.values[xt.values.length - 1] as number;
  const bins = Math.max(1, Math.round((hi - lo) / xt.step));
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / xt.step)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const x = linearScale([lo, hi === lo ? lo + 1 : hi], [x0, x1]);
  const yt = niceTicks(0, Math.max(1, ...counts), 4);
  const y = linearScale([0, yt.values[yt.values.length - 1] as number], [y1, y0]);
  const axisX = axisBottom(x, frame, { ticks: { ...xt, values: xt.values.filter((_, i) => xt.values.length <= 6 || i % 2 === 0) }, label: unit ? `Value (${unit})` : "Value" });
  const parts = [axisLeft(y, frame, { ticks: { ...yt, decimals: 0, values: yt.values.filter((v) => Number.isInteger(v)) }, label: "", grid: true }), axisX];
  counts.forEach((k, i) => {
    const a = lo + i * xt.step;
    const b = a + xt.step;
    parts.push(rect(x(a) + 0.5, y(k), x(b) - x(a) - 1, y1 - y(k), { cls: "hist", title: `${k} economies from ${formatValue(a)} to ${formatValue(b)}` }));
  });
  marked.forEach((m, i) => {
    const mx = x(m.ranked.point.value);
    const right = mx > (x0 + x1) / 2;
    const ly = y0 - 28 + i * 16;
    parts.push(markerLine(mx, ly + 4, mx, y1, {
      cls: `focus-mark s${m.slot}`,
      title: `${m.name}: ${withUnit(formatValue(m.ranked.point.value), unit)}, rank ${m.ranked.rank} of ${ranked.length}`,
      label: `${m.name} ${formatValue(m.ranked.point.value, 4)} (#${m.ranked.rank})`,
      anchor: right ? "end" : "start",
      labelAt: { x: right ? mx - 4 : mx + 4, y: ly },
    }));
  });
  const desc = `Histogram of ${ranked.length} economies in ${year}; ${marked.map((m) => `${m.name} ranks ${m.ranked.rank}`).join(", ")} (1 = highest value).`;
  const body = svgDocument(id, frame, `${title}, ${year}: every economy`, desc, parts.join(""));
  const rows = counts
    .map((k, i) => `<tr><td class="num">${esc(formatValue(lo + i * xt.step))} – ${esc(formatValue(lo + (i + 1) * xt.step))}</td><td class="num">${k}</td></tr>`)
    .join("");
  const legend = marked.map((m) => `<span class="key line-key s${m.slot}"></span> ${esc(m.name)}`).join(" ");
  return (
    `<figure class="chart" id="fig-${id}" data-chart="distribution" data-key="${esc(String(year))}">` +
    `<figcaption><span class="fig-title">${esc(`World distribution, ${year}`)}</span> <span class="fig-sub">${esc(`number of economies per range of values; ${ranked.length} economies (aggregates left out); rank 1 is the highest value`)}</span></figcaption>` +
    body +
    (legend === "" ? "" : `<p class="legend">${legend}</p>`) +
    `<details><summary>Data shown in this chart</summary><div class="scroll"><table><thead><tr><th scope="col">Range</th><th scope="col">Economies</th></tr></thead><tbody>${rows}</tbody></table></div></details>` +
    `</figure>`
  );
}

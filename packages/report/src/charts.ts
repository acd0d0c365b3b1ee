// chart figures: inline svg built with svg.ts, a caption, and the drawn data as a table (the text alternative)
import { formatValue, withUnit } from "./format.js";
import {
  axisBottom,
  axisLeft,
  escapeXml as esc,
  formatTick,
  hbar,
  line,
  linearScale,
  markerLine,
  n,
  niceTicks,
  plotArea,
  point,
  svgDocument,
  text,
  yearTicks,
  type Frame,
  type Ticks,
} from "./svg.js";
import type { BarGroup, TimeSeriesChart } from "./groups.js";
import { yearFraction, type ParkChart, type ParkPoint } from "./park.js";

const WIDTH = 480;

/** one figure: `kind` and the counted marks (.mark) are what tests and readers rely on */
function figure(id: string, kind: string, key: string, title: string, sub: string, svg: string, legend: string, table: string): string {
  return (
    `<figure class="chart" id="${id}" data-chart="${kind}" data-key="${esc(key)}">` +
    `<figcaption><span class="fig-title">${esc(title)}</span>${sub === "" ? "" : ` <span class="fig-sub">${esc(sub)}</span>`}</figcaption>` +
    svg +
    (legend === "" ? "" : `<p class="legend">${legend}</p>`) +
    `<details><summary>Data shown in this chart</summary><div class="scroll">${table}</div></details>` +
    `</figure>`
  );
}

const th = (s: string, scope: "col" | "row" = "col") => `<th scope="${scope}">${esc(s)}</th>`;
const td = (s: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${esc(s)}</td>`;
const rawAt = (file: string, line: number | undefined) => (file === "" ? "" : line === undefined ? file : `${file}:${line}`);

/** unit words for an axis: base units of money are shown in millions or billions when the values are large */
function axisUnit(unit: string, max: number): { factor: number; unit: string } {
  if (unit === "USD" && max >= 1e9) return { factor: 1e9, unit: "USD bn" };
  if (unit === "USD" && max >= 1e6) return { factor: 1e6, unit: "USD m" };
  return { factor: 1, unit };
}

function axisTitle(what: string, unit: string): string {
  return unit === "" || unit === "count" ? what : `${what} (${unit})`;
}

function scaledTicks(min: number, max: number, factor: number, count: number): { ticks: Ticks; format: (v: number) => string } {
  const t = niceTicks(min / factor, max / factor, count);
  return { ticks: { ...t, values: t.values.map((v) => v * factor) }, format: (v: number) => formatTick(v / factor, t.decimals) };
}

// ---- Belarus vs China on one measure: horizontal bars, the article's figure as a marker across each economy ----

export function barFigure(g: BarGroup, id: string): string {
  const BAR = 22;
  const GAP = 6;
  const HEAD = 18;
  const BLOCK_GAP = 10;
  const multi = g.series.length > 1;
  const frame: Frame = { width: WIDTH, height: 0, margin: { top: 6, right: 52, bottom: 48, left: multi ? 96 : 16 } };
  let y = frame.margin.top;
  const blocks = g.economies.map((e) => {
    const bars = g.bars.filter((b) => b.economy === e.code);
    const top = y;
    const rows = Math.max(1, bars.length);
    y += HEAD + rows * BAR + (rows - 1) * GAP + BLOCK_GAP;
    return { e, bars, top };
  });
  frame.height = y - BLOCK_GAP + frame.margin.bottom;
  const { x0, x1 } = plotArea(frame);
  const values = [...g.bars.map((b) => b.obs.value), ...g.marks.map((m) => m.value)];
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  const x = linearScale([ticks.values[0] as number, ticks.values[ticks.values.length - 1] as number], [x0, x1]);
  const unitText = g.unit === "" ? "" : g.unit;
  const parts = [axisBottom(x, frame, { ticks, label: axisTitle(`Value in ${g.year}`, unitText), grid: true })];
  for (const { e, bars, top } of blocks) {
    parts.push(text(frame.margin.left > 16 ? 4 : frame.margin.left, top + 13, e.name, "block-label"));
    bars.forEach((b, i) => {
      const by = top + HEAD + i * (BAR + GAP);
      const band = { key: "", start: by, size: BAR, center: by + BAR / 2 };
      const label = b.seriesLabel;
      const v = `${withUnit(formatValue(b.obs.value), b.obs.unit)}${flagNote(b.obs.flag)}`;
      if (multi) parts.push(text(x0 - 8, band.center + 4, label, "band-label", "end"));
      parts.push(hbar(x, band, b.obs.value, { cls: `mark bar s${Math.max(0, g.economies.indexOf(e))}`, title: `${e.name}, ${b.seriesLabel} (${b.series}), ${g.year}: ${v}` }));
      // the value sits right of both the bar and the economy's marker, so the marker never strikes through it
      const markX = Math.max(-Infinity, ...g.marks.filter((mk) => mk.economy === e.code).map((mk) => x(mk.value) + 3));
      parts.push(text(Math.max(x(b.obs.value), markX) + 4, band.center + 4, `${formatValue(b.obs.value, 4)}${flagMark(b.obs.flag)}`, "value-label"));
    });
    if (bars.length === 0) parts.push(text(x0 + 4, top + HEAD + BAR / 2 + 4, `no ${g.year} value in the data`, "no-data"));
    const rows = Math.max(1, bars.length);
    const y1 = top + HEAD + rows * BAR + (rows - 1) * GAP;
    for (const m of g.marks.filter((mk) => mk.economy === e.code)) {
      const mx = x(m.value);
      const right = mx > (x0 + x1) / 2;
      const label = `article: ${m.claim.operator === "=" ? "" : `${m.claim.operator} `}${m.claim.printed}`;
      parts.push(markerLine(mx, top + HEAD - 4, mx, y1 + 3, {
        cls: "mark article-mark",
        title: `${e.name}: the article's figure ${withUnit(m.claim.printed, m.claim.unit)} (${m.claim.id})`,
        label,
        anchor: right ? "end" : "start",
        labelAt: { x: right ? mx - 4 : mx + 4, y: top + HEAD - 6 },
      }));
    }
  }
  const desc = `Horizontal bars: ${g.bars.length} values for ${g.year}; a vertical marker shows the article's figure for each economy.`;
  const svg = svgDocument(id, frame, `${g.title}, ${g.year}`, desc, parts.join(""));
  const legend =
    g.economies.map((e, i) => `<span class="key bar-key s${i}"></span> ${esc(e.name)}`).join(" ") +
    ` <span class="key marker-key"></span> the article's figure`;
  const head = ["Economy", "Series", "Year", "Value", "Unit", "Article's figure", "Dataset", "Raw file and line"].map((h) => th(h)).join("");
  const rows: string[] = [];
  for (const e of g.economies) {
    const mark = g.marks.find((m) => m.economy === e.code);
    const article = mark ? withUnit(`${mark.claim.operator === "=" ? "" : `${mark.claim.operator} `}${mark.claim.printed}`, mark.claim.unit) : "";
    for (const s of g.series) {
      const b = g.bars.find((bb) => bb.economy === e.code && bb.series === s.code);
      rows.push(
        `<tr>${th(e.name, "row")}${td(`${s.label} (${s.code})`)}${td(String(g.year))}` +
          `${b ? td(`${formatValue(b.obs.value)}${flagNote(b.obs.flag)}`, "num") : td("no value", "none")}${td(b?.obs.unit ?? "")}${td(article)}` +
          `${td(b?.obs.dataset ?? "")}${td(b ? rawAt(b.obs.rawFile, b.obs.rawLine) : "")}</tr>`,
      );
    }
  }
  const sub = `${g.economies.map((e) => e.name).join(" and ")}; ${g.series.map((s) => s.code).join(", ")}`;
  return figure(`fig-${id}`, "bars", `${g.measure} ${g.year}`, `${g.title}, ${g.year}`, sub, svg, legend, `<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`);
}

// ---- a long series: subject economies in colour with end labels, every other economy thin and grey ----

export function timeSeriesFigure(c: TimeSeriesChart, id: string): string {
  const frame: Frame = { width: WIDTH, height: 320, margin: { top: 30, right: 104, bottom: 48, left: 40 } };
  const { x0, x1, y0, y1 } = plotArea(frame);
  const years = c.lines.flatMap((l) => l.points.map((p) => p.year));
  const values = c.lines.flatMap((l) => l.points.map((p) => p.value));
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years);
  const xt = yearTicks(minYear, maxYear, 6);
  const xTicks = { ...xt, values: xt.values.filter((v) => v >= minYear && v <= maxYear) };
  const x = linearScale([minYear, maxYear === minYear ? minYear + 1 : maxYear], [x0, x1]);
  const yt = niceTicks(Math.min(0, ...values), Math.max(...values), 5);
  const y = linearScale([yt.values[0] as number, yt.values[yt.values.length - 1] as number], [y1, y0]);
  const parts = [
    axisLeft(y, frame, { ticks: yt, label: c.unit === "%" ? "Percent" : c.unit, grid: true }),
    axisBottom(x, frame, { ticks: xTicks, label: "Year", format: (v) => String(v) }),
  ];
  const ends: { y: number; name: string; value: string; cls: string }[] = [];
  for (const l of c.lines) {
    const cls = l.highlight >= 0 ? `mark line subject s${l.highlight}` : "mark line peer";
    const last = l.points[l.points.length - 1];
    const title = `${l.name}: ${l.points.length} values, ${l.points[0]?.year ?? ""}–${last?.year ?? ""}`;
    parts.push(line(l.points.map((p) => ({ x: x(p.year), y: y(p.value) })), { cls, title }));
    if (l.points.length === 1 && last) parts.push(point(x(last.year), y(last.value), l.highlight >= 0 ? 3 : 1.5, "circle", { cls: l.highlight >= 0 ? `dot s${l.highlight}` : "dot peer" }));
    if (l.highlight >= 0 && last) ends.push({ y: y(last.value), name: l.name, value: `${formatValue(last.value, 3)}${flagMark(last.flag)} in ${last.year}`, cls: `end-label s${l.highlight}` });
  }
  // two-line end labels pushed apart so two close series stay readable
  ends.sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) {
    const prev = ends[i - 1] as (typeof ends)[number];
    const cur = ends[i] as (typeof ends)[number];
    if (cur.y - prev.y < 34) cur.y = prev.y + 34;
  }
  for (const e of ends) parts.push(text(x1 + 6, e.y, e.name, e.cls), text(x1 + 6, e.y + 15, e.value, `${e.cls} end-value`));
  const subjects = c.lines.filter((l) => l.highlight >= 0).sort((a, b) => a.highlight - b.highlight);
  const peers = c.lines.filter((l) => l.highlight < 0);
  const desc = `Lines over ${minYear}–${maxYear}: ${subjects.map((l) => l.name).join(", ")} highlighted, ${peers.length} peer economies in grey.`;
  const svg = svgDocument(id, frame, `${c.title} (${c.series})`, desc, parts.join(""));
  const legend =
    subjects.map((l) => `<span class="key line-key s${l.highlight}"></span> ${esc(l.name)}`).join(" ") +
    ` <span class="key line-key peer"></span> peers (${peers.length})`;
  const allYears = [...new Set(years)].sort((a, b) => a - b);
  const head = `<tr>${th("Economy")}${allYears.map((yy) => th(String(yy))).join("")}</tr>`;
  const body = [...subjects, ...peers]
    .map((l) => {
      const byYear = new Map(l.points.map((p) => [p.year, p]));
      return `<tr>${th(l.name, "row")}${allYears.map((yy) => { const p = byYear.get(yy); return p ? td(`${formatValue(p.value, 4)}${flagNote(p.flag)}`, "num") : td(""); }).join("")}</tr>`;
    })
    .join("");
  const also = c.alsoIn.length > 0 ? `; the same series is also in ${c.alsoIn.join(", ")}` : "";
  return figure(`fig-${id}`, "lines", c.series, `${c.title} (${c.series}), ${minYear}–${maxYear}`, `dataset ${c.dataset}${also}; unit: ${c.unit || "none"}`, svg, legend, `<table class="wide"><thead>${head}</thead><tbody>${body}</tbody></table>`);
}

/** a flagged value keeps its number and says why it is implausible; in a chart label only a mark fits */
function flagNote(flag: string): string {
  return flag === "" ? "" : ` (flagged: ${flag.replace(/^implausible_value: /, "implausible, ")})`;
}

function flagMark(flag: string): string {
  return flag === "" ? "" : " ⚠ implausible";
}

// ---- the park's reported figures: points by report date, periods as whiskers, conflicts as diamonds, the article's figure as a line ----

export function parkFigure(c: ParkChart, id: string): string {
  const frame: Frame = { width: WIDTH, height: 320, margin: { top: 30, right: 20, bottom: 48, left: 48 } };
  const { x0, x1, y0, y1 } = plotArea(frame);
  const xs = c.points.flatMap((p) => (p.start === undefined ? [p.x] : [p.x, p.start]));
  const cutoffs = [...new Set(c.marks.map((m) => m.claim.asOf))].flatMap((d) => {
    const fx = yearFraction(d);
    return fx === undefined ? [] : [{ date: d, x: fx }];
  });
  const xsAll = [...xs, ...cutoffs.map((k) => k.x), ...c.marks.flatMap((m) => (m.claim.referenceYear === undefined ? [] : [m.claim.referenceYear + 0.5]))];
  const minX = Math.floor(Math.min(...xsAll));
  const maxX = Math.ceil(Math.max(...xsAll) + 1e-9);
  const xt = yearTicks(minX, maxX, 6);
  const x = linearScale([minX, maxX === minX ? minX + 1 : maxX], [x0, x1]);
  const values = [...c.points.map((p) => p.value), ...c.marks.map((m) => m.value)];
  const { factor, unit } = axisUnit(c.unit, Math.max(...values));
  // headroom above the highest value keeps the marker label clear of the frame
  const { ticks: yt, format } = scaledTicks(Math.min(0, ...values), Math.max(...values) * 1.08, factor, 5);
  const y = linearScale([yt.values[0] as number, yt.values[yt.values.length - 1] as number], [y1, y0]);
  const parts = [
    axisLeft(y, frame, { ticks: yt, label: axisTitle(c.title, unit), grid: true, format }),
    axisBottom(x, frame, { ticks: { ...xt, values: xt.values.filter((v) => v >= minX && v <= maxX) }, label: "Date the figure refers to", format: (v) => String(v) }),
  ];
  const show = (v: number) => (factor === 1 ? formatValue(v) : `${formatValue(v / factor, 4)}`);
  // levels reported without a period read as one series: a faint line guides the eye, it is not data
  const levels = c.points.filter((p) => p.start === undefined).sort((a, b) => a.x - b.x);
  if (levels.length > 1) parts.push(`<path class="trend" d="${levels.map((p, i) => `${i ? "L" : "M"}${n(x(p.x))},${n(y(p.value))}`).join("")}" fill="none"/>`);
  // the article cannot describe anything after its own date: a vertical line there
  for (const k of cutoffs) {
    const kx = x(k.x);
    parts.push(markerLine(kx, y0, kx, y1, { cls: "cutoff", title: `the article's figure describes a date up to ${k.date}`, label: `article date ${k.date}`, anchor: kx > (x0 + x1) / 2 ? "end" : "start", labelAt: { x: kx > (x0 + x1) / 2 ? kx - 4 : kx + 4, y: y1 - 6 } }));
  }
  for (const m of c.marks) {
    const my = y(m.value);
    parts.push(markerLine(x0, my, x1, my, {
      cls: "mark article-mark",
      title: `the article's figure ${withUnit(m.claim.printed, m.claim.unit)} for ${m.claim.referenceYear ?? "?"} (${m.claim.id})`,
      label: `article: ${m.claim.operator === "=" ? "" : `${m.claim.operator} `}${m.claim.printed}${m.claim.unit && m.claim.unit !== "count" ? ` ${m.claim.unit}` : ""} (${m.claim.referenceYear ?? "?"})`,
      anchor: "end",
      labelAt: { x: x1 - 2, y: my - 5 },
    }));
  }
  for (const p of c.points) {
    const px = x(p.x);
    const py = y(p.value);
    if (p.start !== undefined && x(p.start) < px - 1) parts.push(`<line class="period" x1="${n(x(p.start))}" x2="${n(px)}" y1="${n(py)}" y2="${n(py)}"/>`);
    const title = `${p.asOf}${p.period ? ` (period ${p.period})` : ""}: ${withUnit(show(p.value), unit)}${p.qualifier && p.qualifier !== "exact" ? ` (${p.qualifier.replace(/_/g, " ")})` : ""}${p.conflict ? "; another report for the same period differs" : ""}`;
    parts.push(point(px, py, p.conflict ? 5 : 4, p.conflict ? "diamond" : "circle", { cls: p.conflict ? "mark point conflict" : "mark point", title }));
  }
  const conflicts = c.points.filter((p) => p.conflict).length;
  const desc = `${c.points.length} reported figures (actuals only)${conflicts ? `, ${conflicts} of them in disagreement with another report for the same period` : ""}; a horizontal line marks the article's figure.`;
  const svg = svgDocument(id, frame, c.title, desc, parts.join(""));
  const whiskers = c.points.some((p) => p.start !== undefined);
  const legend =
    `<span class="key point-key"></span> reported figure` +
    (whiskers ? ` <span class="key period-key"></span> its period` : "") +
    (conflicts ? ` <span class="key conflict-key"></span> reports of the same period that disagree` : "") +
    ` <span class="key marker-key h"></span> the article's figure` +
    (cutoffs.length > 0 ? ` <span class="key cutoff-key"></span> the article's date` : "") +
    (c.notActual > 0 ? `; ${c.notActual} plan or target figure${c.notActual === 1 ? "" : "s"} not drawn` : "");
  const head = ["Date", "Precision", "Period", "Value", "Qualifier", "Conflict", "Reported by", "Raw file and line"].map((h) => th(h)).join("");
  const body = [...c.points]
    .sort((a, b) => a.x - b.x || a.value - b.value)
    .map((p: ParkPoint) => `<tr>${th(p.asOf, "row")}${td(p.precision)}${td(p.period)}${td(formatValue(p.value), "num")}${td(p.qualifier)}${p.conflict ? `<td class="conflict">◆ yes</td>` : td("")}${td(p.sourceUrl)}${td(rawAt(p.rawFile, p.rawLine))}</tr>`)
    .join("");
  const sub = `dataset great-stone, measure ${c.measure}, status actual; unit: ${c.unit}`;
  return figure(`fig-${id}`, "park", c.measure, `Great Stone: ${c.title}`, sub, svg, legend, `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
}

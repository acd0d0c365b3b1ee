// a small svg kit for the report's charts: scales, nice ticks, axes, bars, lines, points, marker lines; every text escaped

/** Escape text for XML/HTML text and double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export interface LinearScale {
  (value: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** Map [d0, d1] linearly onto [r0, r1]; a zero-width domain maps everything to the middle of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = ((v: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0))) as LinearScale;
  f.domain = domain;
  f.range = range;
  return f;
}

export interface Ticks {
  /** the tick values, from the first multiple of step at or below min to the first at or above max */
  values: number[];
  step: number;
  /** decimals needed to print every tick exactly */
  decimals: number;
}

/** Round step to 1, 2 or 5 × 10^k so that about `count` intervals cover [min, max]. */
export function niceStep(min: number, max: number, count: number): number {
  const span = Math.abs(max - min);
  if (span === 0 || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const m = raw / power;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return nice * power;
}

/** Nice ticks that enclose [min, max]: the first and last tick are the nice domain. */
export function niceTicks(min: number, max: number, count = 5): Ticks {
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    // one value: a unit interval around it (or 0..1 for zero) so the axis still has a scale
    if (min === 0) max = 1;
    else if (min > 0) min = 0;
    else max = 0;
  }
  const step = niceStep(min, max, count);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(round(i * step, decimals));
  return { values, step, decimals };
}

/** Integer-step ticks for years (never a fractional year label). */
export function yearTicks(min: number, max: number, count = 6): Ticks {
  const t = niceTicks(min, max, count);
  if (t.step >= 1) return t;
  const lo = Math.floor(min);
  const hi = Math.ceil(max === min ? max + 1 : max);
  const values: number[] = [];
  for (let y = lo; y <= hi; y++) values.push(y);
  return { values, step: 1, decimals: 0 };
}

function round(v: number, decimals: number): number {
  const r = Number(v.toFixed(Math.min(20, decimals)));
  return Object.is(r, -0) ? 0 : r;
}

/** Plain number text with a fixed number of decimals, thousands grouped with thin spaces; deterministic (no locale). */
export function formatTick(value: number, decimals: number): string {
  return groupThousands(value.toFixed(decimals));
}

export function groupThousands(fixed: string): string {
  const neg = fixed.startsWith("-");
  const body = neg ? fixed.slice(1) : fixed;
  const [int = "", frac] = body.split(".");
  const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") : int;
  return `${neg ? "\u2212" : ""}${grouped}${frac === undefined ? "" : `.${frac}`}`;
}

export interface Band {
  key: string;
  start: number;
  size: number;
  center: number;
}

/** Split [r0, r1] into equal bands, one per key, with `padding` (0..1) of each slot left empty. */
export function bandScale(keys: readonly string[], range: readonly [number, number], padding = 0.2): Map<string, Band> {
  const [r0, r1] = range;
  const slot = keys.length === 0 ? 0 : (r1 - r0) / keys.length;
  const size = slot * (1 - padding);
  return new Map(keys.map((key, i) => {
    const start = r0 + i * slot + (slot - size) / 2;
    return [key, { key, start, size, center: start + size / 2 }] as const;
  }));
}

/** numbers in svg attributes: at most two decimals, no trailing zeros */
export function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

export interface Frame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export function plotArea(f: Frame): { x0: number; x1: number; y0: number; y1: number } {
  return { x0: f.margin.left, x1: f.width - f.margin.right, y0: f.margin.top, y1: f.height - f.margin.bottom };
}

export interface AxisOptions {
  ticks: Ticks;
  /** axis title, with the unit */
  label: string;
  format?: (v: number) => string;
  /** draw light grid lines across the plot */
  grid?: boolean;
}

const rule = (cls: string, x1: number, x2: number, y1: number, y2: number): string =>
  `<line class="${cls}" x1="${n(x1)}" x2="${n(x2)}" y1="${n(y1)}" y2="${n(y2)}"/>`;
const caption = (cls: string, x: number, y: number, anchor: string, text: string): string =>
  `<text class="${cls}" x="${n(x)}" y="${n(y)}" text-anchor="${anchor}">${escapeXml(text)}</text>`;

/** one axis: its domain line, per tick an optional grid line, the tick and its label, then the title */
function axis(kind: "x" | "y", o: AxisOptions, domain: string, tick: (v: number, text: string) => string[], title: string): string {
  const fmt = o.format ?? ((v: number) => formatTick(v, o.ticks.decimals));
  const parts = [`<g class="axis axis-${kind}">`, domain];
  for (const v of o.ticks.values) parts.push(...tick(v, fmt(v)));
  parts.push(title, `</g>`);
  return parts.join("");
}

/** x axis along the bottom of the plot area: baseline, ticks, tick labels, title. */
export function axisBottom(scale: LinearScale, frame: Frame, o: AxisOptions): string {
  const { x0, x1, y0, y1 } = plotArea(frame);
  const tick = (v: number, text: string): string[] => {
    const x = scale(v);
    return [...(o.grid ? [rule("grid", x, x, y0, y1)] : []), rule("tick", x, x, y1, y1 + 5), caption("tick-label", x, y1 + 18, "middle", text)];
  };
  return axis("x", o, rule("domain", x0, x1, y1, y1), tick, caption("axis-label", (x0 + x1) / 2, frame.height - 6, "middle", o.label));
}

/** y axis along the left of the plot area; the title sits above the axis (readable on a phone, unlike rotated text). */
export function axisLeft(scale: LinearScale, frame: Frame, o: AxisOptions): string {
  const { x0, x1, y0, y1 } = plotArea(frame);
  const tick = (v: number, text: string): string[] => {
    const y = scale(v);
    return [...(o.grid ? [rule("grid", x0, x1, y, y)] : []), rule("tick", x0 - 5, x0, y, y), caption("tick-label", x0 - 8, y + 4, "end", text)];
  };
  return axis("y", o, rule("domain", x0, x0, y0, y1), tick, caption("axis-label", x0, Math.max(12, y0 - 10), "start", o.label));
}

/** category labels down the left side, one per band (for horizontal bars) */
export function bandLabels(bands: Map<string, Band>, labels: ReadonlyMap<string, string>, x: number): string {
  const parts: string[] = [];
  for (const b of bands.values()) {
    parts.push(`<text class="band-label" x="${n(x)}" y="${n(b.center + 4)}" text-anchor="end">${escapeXml(labels.get(b.key) ?? b.key)}</text>`);
  }
  return parts.join("");
}

export interface MarkOptions {
  /** css class(es) for styling and counting; fixed words, never data */
  cls: string;
  /** tooltip text (escaped) */
  title?: string;
}

const titled = (title: string | undefined): string => (title === undefined ? "" : `<title>${escapeXml(title)}</title>`);

export function rect(x: number, y: number, w: number, h: number, o: MarkOptions): string {
  return `<rect class="${o.cls}" x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(Math.max(0, h))}">${titled(o.title)}</rect>`;
}

/** a horizontal bar from value 0 (or the domain's start) to `value` inside a band */
export function hbar(x: LinearScale, band: Band, value: number, o: MarkOptions): string {
  const base = x(Math.max(x.domain[0], Math.min(0, x.domain[1])));
  const end = x(value);
  return rect(Math.min(base, end), band.start, Math.abs(end - base), band.size, o);
}

/** svg path through the points, in the given order; points with a gap (null) break the line */
export function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${n(p.x)},${n(p.y)}`;
    pen = true;
  }
  return d;
}

export function line(points: readonly ({ x: number; y: number } | null)[], o: MarkOptions): string {
  return `<path class="${o.cls}" d="${linePath(points)}" fill="none">${titled(o.title)}</path>`;
}

export type Shape = "circle" | "diamond" | "square";

export function point(x: number, y: number, r: number, shape: Shape, o: MarkOptions): string {
  if (shape === "circle") return `<circle class="${o.cls}" cx="${n(x)}" cy="${n(y)}" r="${n(r)}">${titled(o.title)}</circle>`;
  if (shape === "square") return rect(x - r, y - r, 2 * r, 2 * r, o);
  const d = `M${n(x)},${n(y - r * 1.3)}L${n(x + r * 1.3)},${n(y)}L${n(x)},${n(y + r * 1.3)}L${n(x - r * 1.3)},${n(y)}Z`;
  return `<path class="${o.cls}" d="${d}">${titled(o.title)}</path>`;
}

/** a straight marker line (a reference value) with an optional label at its end */
export function markerLine(x1: number, y1: number, x2: number, y2: number, o: MarkOptions & { label?: string; anchor?: "start" | "middle" | "end"; labelAt?: { x: number; y: number } }): string {
  const lbl = o.label === undefined
    ? ""
    : `<text class="marker-label" x="${n(o.labelAt?.x ?? x2)}" y="${n(o.labelAt?.y ?? y2)}" text-anchor="${o.anchor ?? "start"}">${escapeXml(o.label)}</text>`;
  return `<g class="${o.cls}"><line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}">${titled(o.title)}</line>${lbl}</g>`;
}

export function text(x: number, y: number, s: string, cls: string, anchor: "start" | "middle" | "end" = "start"): string {
  return `<text class="${cls}" x="${n(x)}" y="${n(y)}" text-anchor="${anchor}">${escapeXml(s)}</text>`;
}

/**
 * The outer svg: scales with its container (viewBox, width 100%), role="img" and aria-labelledby pointing at
 * the title and description inside it. `id` must be a fixed, generated token (never data).
 */
export function svgDocument(id: string, frame: Frame, title: string, desc: string, body: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new Error(`svg id ${JSON.stringify(id)} is not a plain token`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(frame.width)} ${n(frame.height)}" width="100%" ` +
    `preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>${body}</svg>`
  );
}

// micro-benchmark of csvLine and jsonLine on itu-indicators-like rows: the old algorithms (a verbatim copy below) against
// the current ones in packages/publish/src. Not a test: it prints µs per row and asserts nothing about time.
// run: npx tsx bench/src/render-bench.ts   env: RENDER_ROWS (default 200000), RENDER_ROUNDS (default 7)
import { Observation } from "../../packages/core/src/schemas.js";
import { columnsOf, csvLine, type CsvColumn } from "../../packages/publish/src/csv.js";
import { PublishError } from "../../packages/publish/src/errors.js";
import { escapeFormula } from "../../packages/publish/src/formula.js";
import { jsonKeysOf, jsonLine, type JsonKey } from "../../packages/publish/src/json.js";
import type { TableFieldType } from "../../packages/publish/src/table-schema.js";

const ROWS = Number(process.env.RENDER_ROWS ?? 200_000);
const ROUNDS = Number(process.env.RENDER_ROUNDS ?? 7);

// ---- the old code, as it was before the fast paths (csv.ts and json.ts at b91e382) ----

function oldPlainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new PublishError(`cannot publish non-finite number ${n}`);
  if (n === 0) return "0";
  const s = String(n);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const sign = s.startsWith("-") ? "-" : "";
  const mantissa = s.slice(sign.length, e);
  const exponent = Number(s.slice(e + 1));
  const [int = "", frac = ""] = mantissa.split(".");
  const digits = int + frac;
  const point = int.length + exponent;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
const NEEDS_QUOTES = /[",\r\n]|^[ \t]|[ \t]$/;
const oldQuoteField = (text: string): string => (NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const LONE_SURROGATE = /\p{Cs}/u;
function oldFormatCell(value: unknown, type: TableFieldType, column: string, escape = true): string {
  if (value === undefined || value === null) return "";
  switch (type) {
    case "integer":
    case "number":
    case "year":
      if (typeof value !== "number") throw new PublishError(`column ${column}: ${typeof value} in a ${type} column`);
      return oldPlainNumber(value);
    case "boolean":
      if (typeof value !== "boolean") throw new PublishError(`column ${column}: ${typeof value} in a boolean column`);
      return value ? "true" : "false";
    case "date":
    case "datetime":
    case "string":
      if (typeof value !== "string") throw new PublishError(`column ${column}: ${typeof value} in a ${type} column`);
      if (LONE_SURROGATE.test(value)) throw new PublishError(`column ${column}: text holds a lone surrogate, not encodable as utf-8`);
      return type === "string" && escape ? escapeFormula(value) : value;
  }
}
function oldCsvLine(columns: readonly CsvColumn[], row: Record<string, unknown>): string {
  const cells = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const text = oldFormatCell(row[c.name], c.type, c.name, c.escape);
    cells[i] = c.type === "string" || c.type === "date" || c.type === "datetime" ? oldQuoteField(text) : text;
  }
  const line = cells.join(",");
  return columns.length === 1 && line === "" ? '""' : line;
}
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
const orderSafe = new WeakMap<readonly JsonKey[], boolean>();
function oldJsonLine(keys: readonly JsonKey[], row: Record<string, unknown>): string {
  let safe = orderSafe.get(keys);
  if (safe === undefined) orderSafe.set(keys, (safe = keys.every(({ k }) => !INDEX_KEY.test(k) && k !== "__proto__")));
  if (safe) {
    const ordered: Record<string, unknown> = {};
    for (const { k } of keys) {
      const v = row[k];
      if (v === undefined) continue;
      if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
      ordered[k] = v;
    }
    return JSON.stringify(ordered);
  }
  const parts: string[] = [];
  for (const { k, prefix } of keys) {
    const v = row[k];
    if (v === undefined) continue;
    if (typeof v === "number" && !Number.isFinite(v)) throw new PublishError(`column ${k}: cannot publish non-finite number ${v}`);
    parts.push(prefix + JSON.stringify(v));
  }
  return `{${parts.join(",")}}`;
}

// ---- rows shaped like bycn validate's itu-indicators output ----

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTITIES = [
  ["BLR", "Belarus"],
  ["CHN", "China"],
  ["HKG", "Hong Kong, China"],
  ["KOR", "Korea (Rep. of)"],
  ["CIV", "Côte d'Ivoire"],
  ["USA", "United States"],
  ["DEU", "Germany"],
  ["BRA", "Brazil"],
] as const;
const SERIES = [
  ["i271mw", "Active mobile-broadband subscriptions", "count", 1000, 2e9],
  ["i99H", "Individuals using the Internet", "%", 0.1, 100],
  ["i911mw", "Active mobile-broadband subscriptions per 100 inhabitants", "per 100 inhabitants", 0.01, 180],
  ["i154_FBB51$", "FBB5 basket, tier 1", "USD", 0.5, 120],
  ["i136mwi_subs", "Mobile broadband traffic per mobile broadband subscription", "GB", 0.01, 300],
] as const;

/**
 * rows in the order bycn validate renders them, the file's: series, then economy, then year (~70 % of the years
 * present), so text cells repeat from row to row as they do in a real run. As in pipelines/itu-datahub, the cells
 * that come from the economy registry, the unit table or the snapshot (entity, names, unit, source, vintage, raw file)
 * are shared strings, while those read from the record (series code and name, note, source text) are fresh strings
 * for every row, equal in content only.
 */
function makeRows(n: number): Record<string, unknown>[] {
  const rnd = prng(1);
  const fresh = (s: string): string => ` ${s}`.slice(1);
  const rows: Record<string, unknown>[] = [];
  for (let k = 0; rows.length < n; k++) {
    const [code0, sname, unit, lo, hi] = SERIES[k % SERIES.length]!;
    const code = k < SERIES.length ? code0 : `${code0}_${k}`;
    const file = `raw/itu-datahub/2025-12-28/${code}.csv`;
    for (const [iso, name] of ENTITIES) {
      const base = lo + rnd() * (hi - lo);
      for (let year = 1990; year < 2025 && rows.length < n; year++) {
        if (rnd() > 0.7) continue;
        const raw = base * (1 + (year - 1990) * 0.02);
        // integers for counts, 6 significant digits otherwise, like the %g values in the files; now and then a tiny one
        const value = unit === "count" ? Math.round(raw) : rnd() < 0.001 ? 1.5e-7 : Number(raw.toPrecision(6));
        const r = rnd();
        rows.push({
          entity: iso,
          economy: iso,
          entity_name: name,
          is_aggregate: false,
          indicator: fresh(code),
          indicator_name: fresh(sname),
          year,
          value,
          unit,
          source: "itu-datahub",
          vintage: "2025-12-28",
          note: r < 0.02 ? fresh('Break in series: "estimate"\nsee notes') : r < 0.1 ? fresh("ITU estimate.") : fresh(""),
          source_text: r > 0.95 ? fresh("National regulator, Ministry of Communications") : fresh(""),
          raw_file: file,
          raw_line: rows.length + 2,
        });
      }
    }
  }
  return rows;
}

/** the same rows in a random order: no text cell repeats from the row before, the fast paths' worst case */
function shuffled<T>(xs: readonly T[]): T[] {
  const rnd = prng(2);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---- timing ----

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * µs per row, median of ROUNDS passes over the rows. The last 4096 lines stay referenced, so nothing is optimized away
 * but the old generation does not fill with lines (which would time the garbage collector more than the renderer).
 * With `encode`, each line is also encoded to utf-8 as a writer would: that flattens a line built by concatenation.
 */
function time(render: (row: Record<string, unknown>) => string, rows: readonly Record<string, unknown>[], encode: boolean): number {
  const keep = new Array<string>(4096);
  const buf = new Uint8Array(64 * 1024);
  const encoder = new TextEncoder();
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const t0 = process.hrtime.bigint();
    let bytes = 0;
    for (let i = 0; i < rows.length; i++) {
      const line = render(rows[i]!);
      keep[i & 4095] = line;
      if (encode) bytes += encoder.encodeInto(line, buf).written;
    }
    const t1 = process.hrtime.bigint();
    if (encode && bytes === 0) throw new Error("nothing encoded");
    if (round > 0) samples.push(Number(t1 - t0) / 1000 / rows.length); // round 0 warms up
  }
  return median(samples);
}

const spec = { schema: Observation };
const columns = columnsOf(spec);
const keys = jsonKeysOf(spec);
const ordered = makeRows(ROWS);

// the same text first, or the numbers mean nothing
for (const row of ordered) {
  if (csvLine(columns, row) !== oldCsvLine(columns, row)) throw new Error(`csv differs on ${JSON.stringify(row)}`);
  if (jsonLine(keys, row) !== oldJsonLine(keys, row)) throw new Error(`json differs on ${JSON.stringify(row)}`);
}

console.log(`${ROWS} itu-indicators rows (${columns.length} columns), µs per row, median of ${ROUNDS} rounds, node ${process.version}`);
const fmt = (x: number): string => x.toFixed(3).padStart(6);
const line = (label: string, before: number, after: number): void =>
  console.log(`  ${label.padEnd(22)} before ${fmt(before)}   after ${fmt(after)}   ${(before / after).toFixed(1)}x`);
for (const [order, rows] of [["file order", ordered], ["shuffled", shuffled(ordered)]] as const) {
  for (const encode of [false, true]) {
    console.log(`${order}, ${encode ? "render + utf-8 encode" : "render only"}:`);
    line("csvLine", time((r) => oldCsvLine(columns, r), rows, encode), time((r) => csvLine(columns, r), rows, encode));
    line("jsonLine", time((r) => oldJsonLine(keys, r), rows, encode), time((r) => jsonLine(keys, r), rows, encode));
    // what bycn validate does per row: both, the json after the csv (a value's digits are then cached by V8)
    line("csvLine + jsonLine", time((r) => oldCsvLine(columns, r) + oldJsonLine(keys, r), rows, encode), time((r) => csvLine(columns, r) + jsonLine(keys, r), rows, encode));
  }
}

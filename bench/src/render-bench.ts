// micro-benchmark of csvLine and jsonLine on itu-indicators-like rows: the readable references (csvLineReference, jsonLineReference) against
// the current ones in packages/publish/src. Not a test: it prints µs per row and asserts nothing about time.
// run: node --conditions=@bycn/source --import tsx bench/src/render-bench.ts   env: RENDER_ROWS (default 200000), RENDER_ROUNDS (default 7)
import { Observation } from "@bycn/core";
import { columnsOf, csvLine, csvLineReference as refCsvLine, jsonKeysOf, jsonLine, jsonLineReference as refJsonLine } from "@bycn/publish";
import { prng } from "./generate.js";

const ROWS = Number(process.env.RENDER_ROWS ?? 200_000);
const ROUNDS = Number(process.env.RENDER_ROUNDS ?? 7);

// ---- rows shaped like bycn validate's itu-indicators output ----


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
  if (csvLine(columns, row) !== refCsvLine(columns, row)) throw new Error(`csv differs on ${JSON.stringify(row)}`);
  if (jsonLine(keys, row) !== refJsonLine(keys, row)) throw new Error(`json differs on ${JSON.stringify(row)}`);
}

console.log(`${ROWS} itu-indicators rows (${columns.length} columns), µs per row, median of ${ROUNDS} rounds, node ${process.version}`);
const fmt = (x: number): string => x.toFixed(3).padStart(6);
const line = (label: string, before: number, after: number): void =>
  console.log(`  ${label.padEnd(22)} before ${fmt(before)}   after ${fmt(after)}   ${(before / after).toFixed(1)}x`);
for (const [order, rows] of [["file order", ordered], ["shuffled", shuffled(ordered)]] as const) {
  for (const encode of [false, true]) {
    console.log(`${order}, ${encode ? "render + utf-8 encode" : "render only"}:`);
    line("csvLine", time((r) => refCsvLine(columns, r), rows, encode), time((r) => csvLine(columns, r), rows, encode));
    line("jsonLine", time((r) => refJsonLine(keys, r), rows, encode), time((r) => jsonLine(keys, r), rows, encode));
    // what bycn validate does per row: both, the json after the csv (a value's digits are then cached by V8)
    line("csvLine + jsonLine", time((r) => refCsvLine(columns, r) + refJsonLine(keys, r), rows, encode), time((r) => csvLine(columns, r) + jsonLine(keys, r), rows, encode));
  }
}

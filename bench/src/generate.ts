// synthetic ITU DataHub long exports at any row count, deterministic from a seed, with the real files' quirks
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { economies, entityForSource } from "@bycn/core";

export interface GenerateOptions {
  /** data records to write (ragged and duplicate rows included) */
  rows: number;
  seed: number;
  /** share of invalid records, spread over the kinds in INVALID_KINDS (default 0.002) */
  invalidRate?: number;
}

/** kinds of invalid records, in the order they are drawn; each ends as a reject with this issue code */
export const INVALID_KINDS = ["invalid_number", "unknown_economy", "ragged_row", "duplicate_key", "invalid_year"] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];

export interface GenerateStats {
  rows: number;
  bytes: number;
  invalid: Record<InvalidKind, number>;
}

// the real export's header: every name quoted, utf-8 with a BOM (population_coverage_mobile_network.csv)
const HEADER =
  '"seriesID","seriesCode","seriesName","seriesParent","seriesUnits","entityID","entityIso","entityName","dataValue","dataYear","dataNote","dataSource","seriesDescription"';

/** mulberry32: small, fast, and the same sequence on every platform */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * C's `%g` as ITU's Windows export prints it: 6 significant digits, trailing zeros dropped, a 3-digit exponent
 * ("9.32177e+006", "3.15621e+008", "1.5e-007") when the exponent is below -4 or at least 6.
 */
export function formatG(x: number): string {
  if (x === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(x)));
  const [m, e] = x.toExponential(5).split("e") as [string, string];
  const realExp = Number(e);
  if (realExp < -4 || realExp >= 6 || exp >= 6) {
    const mant = m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m;
    const sign = realExp < 0 ? "-" : "+";
    return `${mant}e${sign}${String(Math.abs(realExp)).padStart(3, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, 5 - realExp));
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

interface Series {
  id: number;
  code: string;
  name: string;
  units: string;
  description: string;
  /** value scale: [min, max) */
  lo: number;
  hi: number;
}

// the numeric series bycn knows by code (pipelines/itu-datahub/src/units.ts), with the files' own names and units
const KNOWN: ReadonlyArray<Omit<Series, "id">> = [
  // first: counts print with 3-digit exponents, so even a small file has them
  { code: "i271mw", name: "Active mobile-broadband subscriptions", units: "count", description: "", lo: 1000, hi: 2e9 },
  { code: "i99H", name: "Individuals using the Internet", units: "%", description: "", lo: 0.1, hi: 100 },
  { code: "xHH6", name: "Households with Internet access at home", units: "%", description: "", lo: 1, hi: 100 },
  { code: "i271pop", name: "At least 2G", units: "%", description: "Refers to the percentage of inhabitants within range of a mobile-cellular signal, irrespective of whether or not they are subscribers or users", lo: 10, hi: 100 },
  { code: "i271G", name: "At least 3G", units: "%", description: "", lo: 1, hi: 100 },
  { code: "i271GA", name: "At least LTE/WiMAX", units: "%", description: "", lo: 1, hi: 100 },
  { code: "i271G5_pop", name: "At least 5G", units: "%", description: "", lo: 0, hi: 100 },
  { code: "i147dl", name: "Average download throughput, fixed broadband", units: "bits", description: "Bits per second, median of tests", lo: 1e5, hi: 4e8 },
  { code: "i911mw", name: "Active mobile-broadband subscriptions", units: "count", description: "", lo: 0.01, hi: 180 },
  { code: "xHH18", name: "Individuals owning a mobile phone", units: "%", description: "", lo: 5, hi: 100 },
  { code: "i136mwi_subs", name: "Mobile broadband traffic per mobile broadband subscription", units: "GB", description: "", lo: 0.01, hi: 300 },
  { code: "i135tfb_subs", name: "Fixed broadband traffic per fixed broadband subscription", units: "GB", description: "", lo: 1, hi: 3000 },
];
const BASKETS = ["FBB5", "MB2", "MBB70", "DO5", "MV140", "MLB"] as const;
const PRICE_UNITS: ReadonlyArray<readonly [string, string, number, number]> = [
  ["$", "USD", 0.5, 120],
  ["_GNI", "% GNI per capita", 0.05, 60],
  ["_PPP", "PPP$", 1, 200],
];

/** as many distinct numeric series as the row count needs: the known codes, their _IDI copies, then price baskets */
function seriesList(count: number): Series[] {
  const out: Series[] = [];
  let id = 100;
  const push = (s: Omit<Series, "id">): void => void out.push({ ...s, id: id++ });
  for (const s of KNOWN) push(s);
  for (const s of KNOWN) push({ ...s, code: `${s.code}_IDI`, name: `${s.name} (IDI)` });
  for (let k = 1; out.length < count; k++) {
    for (const basket of BASKETS) {
      for (const [suffix, units, lo, hi] of PRICE_UNITS) {
        // names with commas are quoted by the export: "Fixed-broadband basket, 5 GB"
        push({ code: `i154_${basket}${k}${suffix}`, name: `${basket} basket, tier ${k}`, units, description: `Price of the ${basket} basket, tier ${k}, in ${units}`, lo, hi });
      }
    }
  }
  return out.slice(0, count);
}

const ENTITIES = economies
  .map((e) => ({ iso: e.iso3, name: e.itu ?? e.name }))
  .filter((e) => entityForSource("itu", e.iso, e.name)?.kind === "economy");

const YEARS = Array.from({ length: 35 }, (_, i) => 1990 + i);
const DENSITY = 0.7;
const UNKNOWN = [
  { iso: "ZZA", name: "Atlantis" },
  { iso: "ZZB", name: "Lemuria, Sunken" },
];

function q(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * The file as utf-8 text chunks of about 64 KiB: BOM, quoted header, then records in the real export's order
 * (series, then economy, then year; ~70 % of the combinations present). Quirks, as in the real downloads:
 * %g values with 3-digit exponents, quoted names with commas ("Hong Kong, China"), CRLF inside quoted dataSource
 * in an LF file (LKA 2010), LF and doubled quotes inside dataNote (MEX 2010), and `invalidRate` invalid records.
 */
export function* datahubChunks(opts: GenerateOptions, stats?: GenerateStats): Generator<string> {
  const rnd = prng(opts.seed);
  const invalidRate = opts.invalidRate ?? 0.002;
  const perSeries = Math.max(1, Math.floor(ENTITIES.length * YEARS.length * DENSITY));
  const series = seriesList(Math.ceil(opts.rows / perSeries) + 1);
  let buf = `\uFEFF${HEADER}\n`;
  let written = 0;
  let last: { s: Series; e: { iso: string; name: string }; year: number } | undefined;
  const s0 = stats ?? { rows: 0, bytes: 0, invalid: {} as Record<InvalidKind, number> };
  for (const k of INVALID_KINDS) s0.invalid[k] = 0;

  const record = (s: Series, e: { iso: string; name: string }, entityId: number, value: string, year: string, note: string, source: string): string =>
    `${s.id},${q(s.code)},${q(s.name)},,${q(s.units)},${entityId},${q(e.iso)},${q(e.name)},${q(value)},${year},${q(note)},${q(source)},${q(s.description)}`;

  outer: for (const s of series) {
    for (let ei = 0; ei < ENTITIES.length; ei++) {
      const e = ENTITIES[ei]!;
      // one level per series and economy, drifting a few percent a year: real series have no jumps of 500×
      const level = s.lo + (s.hi - s.lo) * rnd() ** 2;
      for (const year of YEARS) {
        if (written >= opts.rows) break outer;
        if (rnd() >= DENSITY) continue;
        const x = level * (0.5 + (year - YEARS[0]!) / YEARS.length) * (0.9 + 0.2 * rnd());
        let value = formatG(x);
        const r = rnd();
        let note = r < 0.05 ? "Estimate." : "";
        let source = r < 0.2 ? "ITU estimate." : "";
        if (r > 0.998) source = "TRCSL.\r\n\r\nTRCSL"; // CRLF inside a quoted field of an LF file
        else if (r > 0.996) note = 'IFT "México":\nincludes M2M, 8,406,608 lines'; // LF and doubled quotes
        let line: string;
        let entity = e;
        let yearText = String(year);
        let suffix = "";
        if (rnd() < invalidRate) {
          const drawn = INVALID_KINDS[Math.floor(rnd() * INVALID_KINDS.length)]!;
          const kind = drawn === "duplicate_key" && last === undefined ? "invalid_number" : drawn;
          s0.invalid[kind]++;
          if (kind === "invalid_number") value = rnd() < 0.5 ? "12..5" : "n.a.x";
          else if (kind === "unknown_economy") entity = UNKNOWN[Math.floor(rnd() * UNKNOWN.length)]!;
          else if (kind === "ragged_row") suffix = `,${q("extra")}`;
          else if (kind === "invalid_year") yearText = "20x1";
          else if (kind === "duplicate_key" && last !== undefined) {
            // the previous record's key again, with another value: the first in file order wins
            line = record(last.s, last.e, ENTITIES.indexOf(last.e) + 1, formatG(x), String(last.year), note, source);
            buf += `${line}\n`;
            written++;
            if (buf.length >= 65536) {
              yield buf;
              buf = "";
            }
            if (written >= opts.rows) break outer;
          }
        }
        line = record(s, entity, ei + 1, value, yearText, note, source) + suffix;
        buf += `${line}\n`;
        written++;
        last = { s, e, year };
        if (buf.length >= 65536) {
          yield buf;
          buf = "";
        }
      }
    }
  }
  if (written < opts.rows) throw new Error(`generator ran out of combinations at ${written} of ${opts.rows} rows`);
  if (buf) yield buf;
  s0.rows = written;
}

/** Write a generated file; resolves with its stats (rows, bytes, invalid records by kind). */
export async function writeDatahub(file: string, opts: GenerateOptions): Promise<GenerateStats> {
  const stats: GenerateStats = { rows: 0, bytes: 0, invalid: {} as Record<InvalidKind, number> };
  const out = createWriteStream(file);
  for (const chunk of datahubChunks(opts, stats)) {
    const bytes = Buffer.from(chunk, "utf8");
    stats.bytes += bytes.length;
    if (!out.write(bytes)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return stats;
}

/** The whole file in memory (tests, small row counts). */
export function generateDatahub(opts: GenerateOptions): Uint8Array {
  return Buffer.from([...datahubChunks(opts)].join(""), "utf8");
}

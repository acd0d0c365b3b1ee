// series code → unit for ITU DataHub series: the file's seriesUnits is per file, not per series, so it is never trusted
import { type Plausible, type Unit, UNIT_PLAUSIBLE } from "@bycn/core";

/** What a series code says about its values: a number in a unit, or text answers (policy series). */
export type SeriesKind = { kind: "numeric"; unit: Unit } | { kind: "categorical" };

/** exact codes (after an `_IDI` suffix is stripped), checked before the suffix rules */
const BY_CODE: Readonly<Record<string, Unit>> = {
  // active mobile-broadband subscriptions per 100 inhabitants; active_mobile_broadband_subscriptions.csv says "count"
  i911mw: "per 100 inhabitants",
  // active mobile-broadband subscriptions, absolute number (the same file's other series, same seriesName)
  i271mw: "count",
  // households with internet access at home, % of households
  xHH6: "%",
  // individuals owning a mobile phone, % of individuals (IDI 2024 indicator)
  xHH18: "%",
  // individuals using the internet, % of population
  i99H: "%",
  // population covered by at least 2G / 3G / LTE-WiMAX / 5G, % of population
  i271pop: "%",
  i271G: "%",
  i271GA: "%",
  i271G5_pop: "%",
  // average download throughput of fixed broadband; the file says "bits", the description says bits per second
  i147dl: "bit/s",
  // mobile and fixed broadband traffic per subscription (IDI 2024 indicators), in GB
  i136mwi_subs: "GB",
  i135tfb_subs: "GB",
};

/** bounds beside the unit, for series whose unit alone says too little (exact codes, after `_IDI` is stripped);
 *  every other series uses its unit's bounds (UNIT_PLAUSIBLE in @bycn/core) */
const PLAUSIBLE: Readonly<Record<string, Plausible>> = {
  // active mobile-broadband subscriptions per 100 inhabitants: Poland is near 215 in 2023; above 400 is an error
  i911mw: { min: 0, max: 400, why: "active mobile-broadband subscriptions per 100 people lie in 0–400" },
  // households and people online grow by a few points a year; 40 in one year is a break in the series
  xHH6: { min: 0, max: 100, maxPoints: 40, why: "household internet access grows by a few points a year" },
  i99H: { min: 0, max: 100, maxPoints: 40, why: "internet use grows by a few points a year" },
  // average fixed-broadband download throughput, bit/s: national averages run from a few Mbit/s to about 1 Gbit/s;
  // average_download_throughput_fixed_broadband.csv has Belarus at 1.00824e+012 (1 Tbit/s) and China 2020 at 257331
  i147dl: { min: 1e6, max: 1e10, maxRatio: 20, why: "a national average download speed lies between 1 Mbit/s and 10 Gbit/s" },
};

/** the plausible range of a series' values: its own bounds, else its unit's */
export function plausibleOf(code: string, unit: Unit): Plausible {
  const base = code.endsWith("_IDI") ? code.slice(0, -"_IDI".length) : code;
  return PLAUSIBLE[base] ?? UNIT_PLAUSIBLE[unit];
}

/** price series: the suffix names the unit (fixed_broadband_internet_5GB.csv: i154_FBB5$, _GNI, _PPP) */
const BY_SUFFIX: ReadonlyArray<readonly [string, Unit]> = [
  ["$", "USD"],
  ["_GNI", "% of GNI per capita"],
  ["_PPP", "PPP$"],
];

/**
 * The kind and unit of an ITU series, from its code alone; undefined for a code bycn does not know.
 * `_IDI` marks ITU's copy of a series used in the IDI (xHH6_IDI, i911mw_IDI, i271mb_high_ts_GNI_IDI): same unit.
 * `tr…` codes are ITU ICT Regulatory Tracker / policy series (uas_policy.csv: trUSAdopted, trUS_Obligation): text answers.
 */
export function seriesKind(code: string): SeriesKind | undefined {
  const base = code.endsWith("_IDI") ? code.slice(0, -"_IDI".length) : code;
  const exact = BY_CODE[base];
  if (exact !== undefined) return { kind: "numeric", unit: exact };
  for (const [suffix, unit] of BY_SUFFIX) if (base.endsWith(suffix)) return { kind: "numeric", unit };
  if (/^tr[A-Z]/.test(base)) return { kind: "categorical" };
  return undefined;
}

/** the source's seriesUnits spellings that mean one of our units; anything else is a mismatch worth reporting */
const DECLARED: Readonly<Record<string, Unit>> = {
  "%": "%",
  count: "count",
  "per 100 inhabitants": "per 100 inhabitants",
  "% gni per capita": "% of GNI per capita",
  "% of gni per capita": "% of GNI per capita",
  usd: "USD",
  "ppp$": "PPP$",
  "bit/s": "bit/s",
  "bits per second": "bit/s",
  gb: "GB",
};

/** Does the file's declared unit agree with the unit the code implies? Empty declarations agree with anything. */
export function declaredUnitAgrees(declared: string, used: Unit): boolean {
  const d = declared.trim().toLowerCase();
  return d === "" || DECLARED[d] === used;
}

// number and size text for the report: deterministic (no locale, no clock)
import { groupThousands } from "./svg.js";

/** a data value as text: up to `sig` significant digits, trailing zeros dropped, thousands grouped */
export function formatValue(v: number, sig = 6): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const abs = Math.abs(v);
  const digits = Math.floor(Math.log10(abs)) + 1;
  const decimals = Math.min(10, Math.max(0, sig - digits));
  let fixed = v.toFixed(decimals);
  if (fixed.includes(".")) fixed = fixed.replace(/0+$/, "").replace(/\.$/, "");
  if (fixed === "-0") fixed = "0";
  return groupThousands(fixed);
}

/** a signed difference: "+0.15", "−1.4", "0" */
export function formatSigned(v: number): string {
  const s = formatValue(v);
  return v > 0 ? `+${s}` : s;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatValue(bytes / 1024, 3)} KiB`;
  return `${formatValue(bytes / (1024 * 1024), 3)} MiB`;
}

/** value and unit as one phrase: "89.5 %", "0.7 % of GNI per capita", "144" (count has no word) */
export function withUnit(value: string, unit: string): string {
  if (unit === "" || unit === "count" || unit === "score") return value;
  if (unit.startsWith("%")) return `${value}${unit}`;
  return `${value} ${unit}`;
}

// the limits of a run: defaults, overridden by raw/sources.json's optional "limits" block, overridden by options
import { ManifestLimits } from "@bycn/core";
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from "./http.js";

/** a new file with this many percent fewer rows than its previous snapshot needs --accept-shrink (see README) */
export const DEFAULT_MAX_SHRINK_PERCENT = 10;

export { ManifestLimits } from "@bycn/core";

export interface Limits {
  policy: FetchPolicy;
  maxShrinkPercent: number;
}

export type LimitsResult = { ok: true; limits: Limits } | { ok: false; details: string[] };

/** merge the three layers; the manifest block is validated here (the manifest schema ignores unknown keys) */
export function resolveLimits(manifest: unknown, overrides: Partial<FetchPolicy> = {}, maxShrinkPercent?: number | undefined): LimitsResult {
  const raw = typeof manifest === "object" && manifest !== null ? (manifest as Record<string, unknown>).limits : undefined;
  const parsed = ManifestLimits.optional().safeParse(raw);
  if (!parsed.success) return { ok: false, details: parsed.error.issues.map((i) => `limits.${i.path.join(".")}: ${i.message}`) };
  const m = parsed.data ?? {};
  const ms = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s * 1000));
  const fromManifest: { [K in keyof FetchPolicy]?: FetchPolicy[K] | undefined } = {
    connectTimeoutMs: ms(m.connect_timeout_s),
    totalTimeoutMs: ms(m.attempt_timeout_s),
    fileDeadlineMs: ms(m.file_deadline_s),
    runDeadlineMs: ms(m.run_deadline_s),
    minBytesPerSecond: m.min_rate_bytes_per_s,
    minRateWindowMs: ms(m.min_rate_window_s),
    maxBytes: m.max_bytes,
    retries: m.retries,
    maxRetryAfterMs: ms(m.max_retry_after_s),
  };
  const policy = { ...DEFAULT_FETCH_POLICY, ...defined(fromManifest), ...defined(overrides) };
  return { ok: true, limits: { policy, maxShrinkPercent: maxShrinkPercent ?? m.max_shrink_percent ?? DEFAULT_MAX_SHRINK_PERCENT } };
}

/** a fall of more than maxPercent of the previous rows; growth and small wobbles land */
export function isSharpShrink(previous: number, rows: number, maxPercent: number): boolean {
  return previous > 0 && previous - rows > (previous * maxPercent) / 100;
}

function defined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

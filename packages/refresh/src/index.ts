// @bycn/refresh: fetch the sources of raw/sources.json into new dated snapshots, safely
export { refresh, LOCK_FILE, DERIVATION } from "./refresh.js";
export type { RefreshOptions, RefreshReport, SourceReport, FileReport, RefreshStatus } from "./refresh.js";
export { DEFAULT_FETCH_POLICY, createDispatcher, fetchWithPolicy } from "./http.js";
export type { FetchPolicy, FetchResult, FetchContext, Conditional } from "./http.js";
export { DEFAULT_MAX_SHRINK_PERCENT, isSharpShrink, ManifestLimits, resolveLimits } from "./limits.js";
export type { Limits, LimitsResult } from "./limits.js";
export { isRetryableStatus, parseRetryAfter, retryWait } from "./retry.js";
export { checkBody, countRows, endsWithLineBreak } from "./content.js";
export type { BodyCheck, BodyInfo } from "./content.js";
export { planRefresh } from "./manifest.js";
export type { Plan, PlannedSource, PlannedFile } from "./manifest.js";
export { readZip, pickMember, looksLikeZip } from "./zip.js";
export type { ZipMember, ZipResult } from "./zip.js";
export { renderRefreshReport } from "./render.js";

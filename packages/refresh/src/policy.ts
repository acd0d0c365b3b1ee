// what one fetch may take and how it retries: the defaults, without the HTTP client (`bycn refresh --help` names them)

export interface FetchPolicy {
  /** ms to establish the TCP connection */
  connectTimeoutMs: number;
  /** ms for one whole attempt: connect, redirects, headers and body */
  totalTimeoutMs: number;
  /** ms for every attempt and wait of one URL together; no retry starts that could not finish before it */
  fileDeadlineMs: number;
  /** ms for the whole run; the sources not done by then fail (used by refresh, not by one fetch) */
  runDeadlineMs: number;
  /** bytes per second a body must average over each window of minRateWindowMs; 0 turns the check off */
  minBytesPerSecond: number;
  minRateWindowMs: number;
  /** largest body accepted (declared or streamed; also caps decompression) */
  maxBytes: number;
  /** further attempts after the first, on 408/425/429/5xx, network errors, timeouts, slow and cut-off bodies */
  retries: number;
  /** first backoff delay; doubles per retry, with jitter (half fixed, half random) */
  backoffBaseMs: number;
  /** the longest Retry-After waited for; a server asking for more is not retried */
  maxRetryAfterMs: number;
  userAgent: string;
  /** redirects followed per attempt (default 5) */
  maxRedirects?: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  connectTimeoutMs: 15_000,
  totalTimeoutMs: 300_000,
  fileDeadlineMs: 900_000,
  runDeadlineMs: 3_600_000,
  minBytesPerSecond: 2048,
  minRateWindowMs: 30_000,
  maxBytes: 200 * 1024 * 1024,
  retries: 3,
  backoffBaseMs: 2_000,
  maxRetryAfterMs: 120_000,
  userAgent: "bycn-refresh",
  maxRedirects: 5,
};

// when to try a download again, and how long to wait: pure, so the rules are tested without a clock or a server

/** statuses worth another attempt: request timeout, too early, too many requests, and server errors except the
 *  permanent ones (501 Not Implemented, 505 HTTP Version Not Supported) */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/**
 * Retry-After as milliseconds from `now`: delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT").
 * A date in the past is 0; anything else (empty, negative, garbage) is undefined, and plain backoff applies.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // an HTTP-date always names its weekday and zone; Date.parse alone would also take "5" or "2026"
  if (!/^[A-Za-z]{3},? .*\b(GMT|UTC)$/.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface RetryTiming {
  /** first backoff delay; doubles per retry */
  backoffBaseMs: number;
  /** the longest Retry-After honoured; a server asking for more is not retried */
  maxRetryAfterMs: number;
}

export type RetryWait = { wait: number } | { giveUp: string };

/**
 * The wait before retry `n` (1-based): exponential backoff with jitter (half fixed, half random), or the server's
 * Retry-After when it asks for longer. A Retry-After beyond the cap ends the retries: asking again sooner than
 * the server allows only earns another refusal.
 */
export function retryWait(n: number, timing: RetryTiming, retryAfterMs: number | undefined, random: () => number = Math.random): RetryWait {
  const full = timing.backoffBaseMs * 2 ** (n - 1);
  const backoff = Math.round(full / 2 + (random() * full) / 2);
  if (retryAfterMs === undefined) return { wait: backoff };
  if (retryAfterMs > timing.maxRetryAfterMs) {
    return { giveUp: `the server asks to retry after ${Math.ceil(retryAfterMs / 1000)} s, more than the ${Math.round(timing.maxRetryAfterMs / 1000)} s allowed` };
  }
  return { wait: Math.max(backoff, retryAfterMs) };
}

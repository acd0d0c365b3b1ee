// one careful GET on undici: proxies from the environment, conditional headers, redirects, timeouts and deadlines,
// a minimum transfer rate, a size cap, and retries with backoff that honour Retry-After
import { STATUS_CODES } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { EnvHttpProxyAgent, request, type Dispatcher } from "undici";
import type { FetchPolicy } from "./policy.js";
import { isRetryableStatus, parseRetryAfter, retryWait } from "./retry.js";

export { DEFAULT_FETCH_POLICY, type FetchPolicy } from "./policy.js";

export interface Conditional {
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | {
      kind: "ok";
      url: string;
      finalUrl: string;
      status: number;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      body: Uint8Array;
      attempts: number;
    }
  | { kind: "not_modified"; url: string; finalUrl: string; status: 304; etag?: string; lastModified?: string; attempts: number }
  | {
      kind: "failed";
      url: string;
      cause: string;
      status?: number;
      /** the body stopped short of its Content-Length or the connection dropped mid-body */
      truncated: boolean;
      attempts: number;
    };

type Failure = { kind: "failed"; cause: string; status?: number; truncated: boolean; retry: boolean; retryAfterMs?: number };
type Attempt = Exclude<FetchResult, { kind: "failed" }> | Failure;

export interface FetchContext {
  /** the connection pool (one per run); a fetch without one makes and closes its own */
  dispatcher?: Dispatcher;
  /** aborts the fetch (the run deadline); its reason, an Error, is the failure cause */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/**
 * The dispatcher of a run: direct, or through HTTP_PROXY / HTTPS_PROXY (either case) unless NO_PROXY names the
 * host. http URLs go to the proxy as absolute-URI requests, https ones through a CONNECT tunnel, as curl does:
 * proxies commonly refuse CONNECT to port 80.
 */
export function createDispatcher(policy: FetchPolicy): Dispatcher {
  return new EnvHttpProxyAgent({
    proxyTunnel: false,
    connect: { timeout: policy.connectTimeoutMs },
    headersTimeout: policy.totalTimeoutMs,
    bodyTimeout: policy.totalTimeoutMs,
  });
}

/** GET a URL under the policy; never throws. */
export async function fetchWithPolicy(url: string, policy: FetchPolicy, conditional: Conditional = {}, ctx: FetchContext = {}): Promise<FetchResult> {
  const own = ctx.dispatcher ? undefined : createDispatcher(policy);
  const dispatcher = ctx.dispatcher ?? own!;
  const log = ctx.log ?? (() => undefined);
  const deadline = Date.now() + policy.fileDeadlineMs;
  const done = (r: Failure, n: number): FetchResult => {
    const { retry: _retry, retryAfterMs: _after, ...rest } = r;
    return { ...rest, url, attempts: n };
  };
  try {
    for (let n = 1; ; n++) {
      const r = await attempt(url, policy, conditional, dispatcher, deadline, ctx.signal);
      if (r.kind !== "failed") return { ...r, attempts: n };
      if (!r.retry || n > policy.retries) return done(r, n);
      const next = retryWait(n, policy, r.retryAfterMs);
      if ("giveUp" in next) return done({ ...r, cause: `${r.cause}; ${next.giveUp}` }, n);
      if (Date.now() + next.wait >= deadline) {
        return done({ ...r, cause: `${r.cause}; no time left for a retry within the file deadline of ${seconds(policy.fileDeadlineMs)}` }, n);
      }
      log(`  ${url}: ${r.cause}; retry ${n}/${policy.retries} in ${next.wait} ms`);
      if (!(await sleep(next.wait, ctx.signal))) return done({ ...r, cause: reasonOf(ctx.signal) }, n);
    }
  } finally {
    await own?.close();
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** why an attempt was aborted, and whether another attempt may help */
class Stop extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

async function attempt(
  start: string,
  policy: FetchPolicy,
  conditional: Conditional,
  dispatcher: Dispatcher,
  deadline: number,
  outer: AbortSignal | undefined,
): Promise<Attempt> {
  const ac = new AbortController();
  const stop = (message: string, retry: boolean): void => {
    if (!ac.signal.aborted) ac.abort(new Stop(message, retry));
  };
  if (outer?.aborted) return { kind: "failed", cause: reasonOf(outer), retry: false, truncated: false };
  const left = deadline - Date.now();
  const byDeadline = left < policy.totalTimeoutMs;
  const timer = setTimeout(
    () => (byDeadline ? stop(`the file deadline of ${seconds(policy.fileDeadlineMs)} passed`, false) : stop(`no complete answer within ${policy.totalTimeoutMs} ms`, true)),
    Math.max(0, Math.min(left, policy.totalTimeoutMs)),
  );
  const onOuter = (): void => stop(reasonOf(outer), false);
  outer?.addEventListener("abort", onOuter, { once: true });
  try {
    return await follow(start, policy, conditional, dispatcher, ac.signal, stop);
  } catch (e) {
    return { kind: "failed", ...failureOf(e, ac.signal, policy), truncated: false };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuter);
  }
}

/** the redirect chain of one attempt; every hop is checked before it is requested */
async function follow(
  start: string,
  policy: FetchPolicy,
  conditional: Conditional,
  dispatcher: Dispatcher,
  signal: AbortSignal,
  stop: (message: string, retry: boolean) => void,
): Promise<Attempt> {
  const fail = (cause: string, retry: boolean, extra: { status?: number; truncated?: boolean; retryAfterMs?: number } = {}): Failure => ({
    kind: "failed",
    cause,
    retry,
    truncated: extra.truncated ?? false,
    ...(extra.status === undefined ? {} : { status: extra.status }),
    ...(extra.retryAfterMs === undefined ? {} : { retryAfterMs: extra.retryAfterMs }),
  });
  const seen = new Set<string>();
  let previous: URL | undefined;
  let href = start;
  for (;;) {
    let url: URL;
    try {
      url = previous ? new URL(href, previous) : new URL(href);
    } catch {
      return fail(`invalid URL ${JSON.stringify(href)}`, false);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return fail(`refusing ${url.protocol} URL ${url.href} (http(s) only)`, false);
    if (previous?.protocol === "https:" && url.protocol === "http:") return fail(`refusing redirect from https to ${url.href}`, false);
    if (seen.has(url.href)) return fail(`redirect loop at ${url.href}`, false);
    if (seen.size > (policy.maxRedirects ?? 5)) return fail(`more than ${policy.maxRedirects ?? 5} redirects`, false);
    seen.add(url.href);
    const headers: Record<string, string> = { "user-agent": policy.userAgent, accept: "*/*", "accept-encoding": "identity" };
    if (conditional.etag) headers["if-none-match"] = conditional.etag;
    if (conditional.lastModified) headers["if-modified-since"] = conditional.lastModified;
    const res = await request(url, { method: "GET", headers, dispatcher, signal });
    const status = res.statusCode;
    const location = header(res.headers.location);
    if (REDIRECT.has(status) && location) {
      await res.body.dump();
      previous = url;
      href = location;
      continue;
    }
    const etag = header(res.headers.etag);
    const lastModified = header(res.headers["last-modified"]);
    const validators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
    if (status === 304) {
      await res.body.dump();
      return { kind: "not_modified", url: start, finalUrl: url.href, status: 304, ...validators, attempts: 0 };
    }
    if (status !== 200) {
      await res.body.dump().catch(() => undefined);
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(header(res.headers["retry-after"]), Date.now()) : undefined;
      const text = STATUS_CODES[status];
      return fail(`HTTP ${status}${text ? ` ${text}` : ""}`, isRetryableStatus(status), { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    }
    const lengthHeader = header(res.headers["content-length"]);
    const declared = lengthHeader === undefined ? undefined : Number(lengthHeader);
    if (declared !== undefined && declared > policy.maxBytes) {
      res.body.destroy();
      return fail(`Content-Length ${declared} exceeds the limit of ${policy.maxBytes} bytes`, false, { status });
    }
    const body = await readBody(res.body, policy, signal, stop);
    if (body.kind === "over") return fail(`body exceeds the limit of ${policy.maxBytes} bytes`, false, { status });
    if (body.kind === "error") {
      if (signal.aborted) return fail(failureOf(body.error, signal, policy).cause, (signal.reason as Stop).retry, { status });
      return fail(`connection closed after ${body.received}${declared === undefined ? "" : ` of ${declared}`} bytes`, true, { status, truncated: true });
    }
    if (declared !== undefined && body.bytes.length !== declared) {
      return fail(`received ${body.bytes.length} bytes, Content-Length says ${declared}`, true, { status, truncated: true });
    }
    const decoded = decode(body.bytes, header(res.headers["content-encoding"]), policy.maxBytes);
    if (typeof decoded === "string") return fail(decoded, false, { status });
    const contentType = header(res.headers["content-type"]);
    return { kind: "ok", url: start, finalUrl: url.href, status, ...(contentType ? { contentType } : {}), ...validators, body: decoded, attempts: 0 };
  }
}

type Body = { kind: "ok"; bytes: Buffer } | { kind: "over" } | { kind: "error"; error: unknown; received: number };

/** read the body under the size cap, stopping the attempt when a window of minRateWindowMs brings too few bytes */
async function readBody(
  stream: AsyncIterable<Buffer> & { destroy: () => void },
  policy: FetchPolicy,
  signal: AbortSignal,
  stop: (message: string, retry: boolean) => void,
): Promise<Body> {
  const chunks: Buffer[] = [];
  let received = 0;
  let inWindow = 0;
  const need = (policy.minBytesPerSecond * policy.minRateWindowMs) / 1000;
  const rate =
    policy.minBytesPerSecond > 0
      ? setInterval(() => {
          if (inWindow < need) {
            stop(`transfer slower than the minimum of ${policy.minBytesPerSecond} bytes/s (${inWindow} bytes in ${policy.minRateWindowMs} ms, ${received} in all)`, true);
          }
          inWindow = 0;
        }, policy.minRateWindowMs)
      : undefined;
  try {
    for await (const chunk of stream) {
      received += chunk.length;
      inWindow += chunk.length;
      if (received > policy.maxBytes) {
        stream.destroy();
        return { kind: "over" };
      }
      chunks.push(chunk);
      if (signal.aborted) throw signal.reason;
    }
    return { kind: "ok", bytes: Buffer.concat(chunks) };
  } catch (error) {
    return { kind: "error", error, received };
  } finally {
    clearInterval(rate);
  }
}

/** the cause of a thrown request: our own stop reason, else undici's error in words */
function failureOf(e: unknown, signal: AbortSignal, policy: FetchPolicy): { cause: string; retry: boolean } {
  if (signal.aborted && signal.reason instanceof Stop) return { cause: signal.reason.message, retry: signal.reason.retry };
  const code = (e as { code?: string }).code;
  if (code === "UND_ERR_CONNECT_TIMEOUT") return { cause: `no connection within ${policy.connectTimeoutMs} ms`, retry: true };
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") return { cause: `no complete answer within ${policy.totalTimeoutMs} ms`, retry: true };
  return { cause: `network error: ${(e as Error).message}`, retry: true };
}

function reasonOf(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  return r instanceof Error ? r.message : "aborted";
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(false);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** undo a Content-Encoding we did not ask for (we send identity); a string is the failure cause */
function decode(body: Buffer, encoding: string | undefined, maxBytes: number): Uint8Array | string {
  const enc = (encoding ?? "identity").trim().toLowerCase();
  try {
    if (enc === "identity" || enc === "") return body;
    if (enc === "gzip" || enc === "x-gzip") return gunzipSync(body, { maxOutputLength: maxBytes });
    if (enc === "deflate") return inflateSync(body, { maxOutputLength: maxBytes });
    if (enc === "br") return brotliDecompressSync(body, { maxOutputLength: maxBytes });
  } catch (e) {
    return `cannot undo Content-Encoding ${enc}: ${(e as Error).message}`;
  }
  return `unsupported Content-Encoding ${enc}`;
}

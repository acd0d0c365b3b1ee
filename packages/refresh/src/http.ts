// one careful GET: conditional headers, redirects, connect and total timeouts, a size cap, retries with backoff
import http from "node:http";
import https from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export interface FetchPolicy {
  /** ms to establish the TCP connection */
  connectTimeoutMs: number;
  /** ms for one whole attempt: connect, redirects, headers and body */
  totalTimeoutMs: number;
  /** largest body accepted (declared or streamed; also caps decompression) */
  maxBytes: number;
  /** further attempts after the first, on 5xx, network errors, timeouts and cut-off bodies (never on 4xx) */
  retries: number;
  /** first backoff delay; doubles per retry, with jitter (half fixed, half random) */
  backoffBaseMs: number;
  userAgent: string;
  /** redirects followed per attempt (default 5) */
  maxRedirects?: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  connectTimeoutMs: 15_000,
  totalTimeoutMs: 300_000,
  maxBytes: 200 * 1024 * 1024,
  retries: 3,
  backoffBaseMs: 2_000,
  userAgent: "bycn-refresh",
  maxRedirects: 5,
};

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

type Attempt = Exclude<FetchResult, { kind: "failed" }> | { kind: "failed"; cause: string; status?: number; truncated: boolean; retry: boolean };

/** GET a URL under the policy; never throws. */
export async function fetchWithPolicy(
  url: string,
  policy: FetchPolicy,
  conditional: Conditional = {},
  log: (line: string) => void = () => undefined,
): Promise<FetchResult> {
  const attempts = policy.retries + 1;
  for (let n = 1; ; n++) {
    const r = await attempt(url, policy, conditional);
    if (r.kind !== "failed") return { ...r, attempts: n };
    if (!r.retry || n >= attempts) {
      const { retry: _retry, ...rest } = r;
      return { ...rest, url, attempts: n };
    }
    const full = policy.backoffBaseMs * 2 ** (n - 1);
    const delay = Math.round(full / 2 + (Math.random() * full) / 2);
    log(`  ${url}: ${r.cause}; retry ${n}/${policy.retries} in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

function attempt(start: string, policy: FetchPolicy, conditional: Conditional): Promise<Attempt> {
  return new Promise((resolve) => {
    const seen = new Set<string>();
    let current: http.ClientRequest | undefined;
    let done = false;
    const finish = (r: Attempt): void => {
      if (done) return;
      done = true;
      clearTimeout(total);
      current?.destroy();
      resolve(r);
    };
    const fail = (cause: string, retry: boolean, extra: { status?: number; truncated?: boolean } = {}): void =>
      finish({ kind: "failed", cause, retry, truncated: extra.truncated ?? false, ...(extra.status === undefined ? {} : { status: extra.status }) });
    const total = setTimeout(() => fail(`no complete answer within ${policy.totalTimeoutMs} ms`, true), policy.totalTimeoutMs);

    const hop = (href: string, previous: URL | undefined): void => {
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
      const lib = url.protocol === "https:" ? https : http;
      const req = lib.request(url, { method: "GET", headers, agent: false });
      current = req;
      req.on("socket", (socket) => {
        if (!socket.connecting) return;
        const t = setTimeout(() => {
          if (req === current) fail(`no connection within ${policy.connectTimeoutMs} ms`, true);
        }, policy.connectTimeoutMs);
        socket.once("connect", () => clearTimeout(t));
        socket.once("close", () => clearTimeout(t));
      });
      req.on("error", (e) => {
        if (req === current) fail(`network error: ${e.message}`, true);
      });
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECT.has(status) && location) {
          res.resume();
          req.destroy();
          return hop(location, url);
        }
        const etag = header(res.headers.etag);
        const lastModified = header(res.headers["last-modified"]);
        const validators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
        if (status === 304) {
          res.resume();
          return finish({ kind: "not_modified", url: start, finalUrl: url.href, status: 304, ...validators, attempts: 0 });
        }
        if (status !== 200) {
          res.resume();
          return fail(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ""}`, status >= 500, { status });
        }
        const declared = res.headers["content-length"] === undefined ? undefined : Number(res.headers["content-length"]);
        if (declared !== undefined && declared > policy.maxBytes) {
          return fail(`Content-Length ${declared} exceeds the limit of ${policy.maxBytes} bytes`, false, { status });
        }
        const chunks: Buffer[] = [];
        let received = 0;
        let ended = false;
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > policy.maxBytes) return fail(`body exceeds the limit of ${policy.maxBytes} bytes`, false, { status });
          chunks.push(chunk);
        });
        const cut = (): void =>
          fail(`connection closed after ${received}${declared === undefined ? "" : ` of ${declared}`} bytes`, true, { status, truncated: true });
        res.on("error", cut);
        res.on("close", () => {
          if (!ended) cut();
        });
        res.on("end", () => {
          ended = true;
          if (declared !== undefined && received !== declared) {
            return fail(`received ${received} bytes, Content-Length says ${declared}`, true, { status, truncated: true });
          }
          const decoded = decode(Buffer.concat(chunks), header(res.headers["content-encoding"]), policy.maxBytes);
          if (typeof decoded === "string") return fail(decoded, false, { status });
          const contentType = header(res.headers["content-type"]);
          finish({
            kind: "ok",
            url: start,
            finalUrl: url.href,
            status,
            ...(contentType ? { contentType } : {}),
            ...validators,
            body: decoded,
            attempts: 0,
          });
        });
      });
      req.end();
    };
    hop(start, undefined);
  });
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

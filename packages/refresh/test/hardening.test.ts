// refresh against hostile and unlucky servers: cut bodies under every framing, shrinking sources, drips and
// deadlines, a proxy from the environment, 429/503 with Retry-After. Loopback only, every case bounded in time.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { refresh, type RefreshOptions, type RefreshReport } from "../src/index.js";
import {
  expectRawSound,
  makeProject,
  makeZip,
  PREV_DATE,
  rawResponse,
  serve,
  startProxy,
  startServer,
  treeHash,
  type FixtureServer,
  type Handler,
  type Project,
  type ProxyServer,
  type SourceSpec,
} from "./_harness.js";

const TODAY = "2026-11-28";
const POLICY = { connectTimeoutMs: 500, totalTimeoutMs: 2_000, maxBytes: 64 * 1024, retries: 2, backoffBaseMs: 5, userAgent: "bycn-test" };
const PROXY_VARS = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];

/** cases run per kind, printed at the end (the reliability figures of issue 16) */
const tally = new Map<string, number>();
const count = (kind: string): void => void tally.set(kind, (tally.get(kind) ?? 0) + 1);
afterAll(() => {
  const line = [...tally].map(([k, n]) => `${k} ${n}`).join(", ");
  console.log(`refresh hardening cases: ${line}`);
});

let server: FixtureServer;
let project: Project | undefined;
const savedEnv = new Map<string, string | undefined>();

beforeEach(async () => {
  // a proxy set on the machine must not reroute these loopback tests; the proxy tests set their own
  for (const k of PROXY_VARS) {
    savedEnv.set(k, process.env[k]);
    delete process.env[k];
  }
  server = await startServer();
});
afterEach(async () => {
  for (const [k, v] of savedEnv) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await server.close();
  project?.cleanup();
  project = undefined;
});

/** 20 rows with a quoted, comma-holding first column; `bump` changes the values so the file is new */
function table(rows: number, bump = 0): string {
  const lines = ["Entity,Code,Year,Value"];
  for (let i = 0; i < rows; i++) lines.push(`"Economy ${i}, Republic of",E${String(i).padStart(2, "0")},${2000 + i},${(50 + i + bump).toFixed(1)}`);
  return `${lines.join("\n")}\n`;
}
const PREV = table(20);
const NEXT = table(20, 0.5);

function setup(sources?: SourceSpec[]): Project {
  project = makeProject(sources ?? [{ id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv"), prev: PREV }] }]);
  return project;
}

function run(p: Project, extra: Partial<RefreshOptions> = {}): Promise<RefreshReport> {
  return refresh({ root: p.root, manifest: p.manifest, now: () => new Date(`${TODAY}T10:00:00Z`), fetch: POLICY, ...extra });
}

async function expectRefused(p: Project, code: string, extra: Partial<RefreshOptions> = {}): Promise<RefreshReport> {
  const before = treeHash(p.raw);
  const report = await run(p, extra);
  expect(report.exitCode, JSON.stringify(report.sources[0]?.issues)).toBe(1);
  expect(report.sources[0]).toMatchObject({ status: "failed", snapshot: `raw/owid/${PREV_DATE}` });
  expect(report.sources[0]?.issues[0]?.code).toBe(code);
  expect(treeHash(p.raw)).toBe(before);
  expectRawSound(p.raw);
  return report;
}

function chunked(body: string | Uint8Array, terminate: boolean): Buffer {
  const b = Buffer.from(body);
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += 64) {
    const piece = b.subarray(i, i + 64);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n"));
  }
  if (terminate) parts.push(Buffer.from("0\r\n\r\n"));
  return Buffer.concat(parts);
}

/**
 * How a server can deliver `cut` bytes of `full`. The lying framings announce or start more than they send and drop
 * the connection (the transport sees it); the honest ones frame the cut body as if it were whole, and only the
 * format (or the row count) can tell.
 */
const FRAMINGS: Record<string, (full: string | Uint8Array, cut: Uint8Array) => Handler> = {
  "length-then-drop": (full, cut) => (_q, res) =>
    rawResponse(res, `HTTP/1.1 200 OK\nContent-Length: ${Buffer.byteLength(full)}\n`, cut, "destroy"),
  "length-of-the-cut": (_full, cut) => (_q, res) => rawResponse(res, `HTTP/1.1 200 OK\nContent-Length: ${cut.length}\n`, cut, "end"),
  "chunked-then-drop": (_full, cut) => (_q, res) => rawResponse(res, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n", chunked(cut, false), "destroy"),
  "chunked-cleanly-ended": (_full, cut) => (_q, res) =>
    rawResponse(res, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nConnection: close\n", chunked(cut, true), "end"),
  "close-delimited": (_full, cut) => (_q, res) => rawResponse(res, "HTTP/1.1 200 OK\nConnection: close\n", cut, "end"),
};
const LYING = new Set(["length-then-drop", "chunked-then-drop"]);

describe("a csv cut short lands under no framing", () => {
  const row10 = NEXT.indexOf("\n", NEXT.indexOf('"Economy 10')) + 1;
  const cuts: Record<string, number> = {
    // at a record boundary: whole records, half of them; only the row count can see it
    "at-a-record-boundary": row10,
    "inside-the-last-value": NEXT.length - 3,
    "right-after-a-delimiter": NEXT.lastIndexOf(",") + 1,
    "inside-a-quoted-field": NEXT.lastIndexOf('"Economy') + 5,
    "before-the-final-line-break": NEXT.length - 1,
  };
  for (const [framing, make] of Object.entries(FRAMINGS)) {
    for (const [where, at] of Object.entries(cuts)) {
      it(`${framing}/${where}`, async () => {
        count(`csv cut (${LYING.has(framing) ? "transport" : "format"})`);
        const p = setup();
        server.route("/internet.csv", make(NEXT, Buffer.from(NEXT.slice(0, at))));
        const expected = LYING.has(framing) ? "download_truncated" : where === "at-a-record-boundary" ? "snapshot_shrank" : "download_truncated";
        await expectRefused(p, expected);
      });
    }
  }

  for (const framing of Object.keys(FRAMINGS).filter((f) => !LYING.has(f))) {
    it(`${framing}/whole-body-lands`, async () => {
      count("csv whole");
      const p = setup();
      const body = Buffer.from(NEXT);
      server.route("/internet.csv", FRAMINGS[framing]!(NEXT, body));
      const report = await run(p);
      expect(report.sources[0]).toMatchObject({ status: "new", files: [{ rows: 20, previousRows: 20 }] });
      expectRawSound(p.raw);
    });
  }

  it("a-lost-final-line-break-lands-with-accept-shrink (the publisher changed its export)", async () => {
    count("csv whole");
    const p = setup();
    server.route("/internet.csv", serve(NEXT.slice(0, -1)));
    const refused = await expectRefused(p, "download_truncated");
    expect(refused.sources[0]?.issues[0]?.message).toMatch(/rerun with --accept-shrink/);
    expect((await run(p, { acceptShrink: true })).sources[0]?.status).toBe("new");
  });

  it("a-file-whose-previous-snapshot-has-no-final-line-break-may-end-without-one (OWID's and ITU's files)", async () => {
    count("csv whole");
    const prev = PREV.slice(0, -1);
    const p = setup([{ id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv"), prev }] }]);
    server.route("/internet.csv", FRAMINGS["close-delimited"]!(NEXT, Buffer.from(NEXT.slice(0, -1))));
    expect((await run(p)).sources[0]?.status).toBe("new");
  });
});

describe("json and zip cut short", () => {
  const JSON_PREV = JSON.stringify([{ iso: "BLR", v: 1 }, { iso: "CHN", v: 2 }]);
  const JSON_NEXT = JSON.stringify([{ iso: "BLR", v: 1.5 }, { iso: "CHN", v: 2.5 }]);
  for (const framing of Object.keys(FRAMINGS)) {
    for (const at of [1, Math.floor(JSON_NEXT.length / 2), JSON_NEXT.length - 1]) {
      it(`json/${framing}/cut-at-${at}`, async () => {
        count("json cut");
        const p = setup([{ id: "owid", format: "json", files: [{ name: "idi.json", url: server.url("/idi.json"), prev: JSON_PREV }] }]);
        server.route("/idi.json", FRAMINGS[framing]!(JSON_NEXT, Buffer.from(JSON_NEXT.slice(0, at))));
        await expectRefused(p, LYING.has(framing) ? "download_truncated" : "unexpected_content");
      });
    }
  }

  const zip = makeZip([
    { name: "API_1.csv", data: NEXT },
    { name: "Metadata_1.csv", data: "Country Code,Region\nE00,Somewhere\n", method: 0 },
  ]);
  const cdStart = zip.length - 22 - (46 + "API_1.csv".length) - (46 + "Metadata_1.csv".length);
  const zipCuts: Record<string, number> = {
    "inside-the-first-member": 40,
    "between-members": zip.indexOf(Buffer.from("Metadata_1.csv")) - 30,
    "inside-the-central-directory": cdStart + 20,
    "inside-the-end-record": zip.length - 10,
  };
  for (const framing of Object.keys(FRAMINGS)) {
    for (const [where, at] of Object.entries(zipCuts)) {
      it(`zip/${framing}/${where}`, async () => {
        count("zip cut");
        const p = setup([{ id: "owid", files: [{ name: "API_1.csv", url: server.url("/z.zip"), prev: PREV }] }]);
        server.route("/z.zip", FRAMINGS[framing]!(zip, zip.subarray(0, at)));
        await expectRefused(p, LYING.has(framing) ? "download_truncated" : "file_unreadable");
      });
    }
  }

  it("zip64-archive-opens (sizes and offsets in zip64 fields, zip64 end record)", async () => {
    count("zip whole");
    const p = setup([{ id: "owid", files: [{ name: "API_1.csv", url: server.url("/z.zip"), prev: PREV }] }]);
    server.route("/z.zip", serve(makeZip([{ name: "API_1.csv", data: NEXT }, { name: "x/Metadata_1.csv", data: "a,b\n1,2\n", method: 0 }], true)));
    const report = await run(p);
    expect(report.sources[0]).toMatchObject({ status: "new", files: [{ zipMember: "API_1.csv", rows: 20 }] });
    expectRawSound(p.raw);
  });

  const hostileNames = ["../API_1.csv", "/etc/API_1.csv", "C:/API_1.csv", "a\\..\\API_1.csv"];
  for (const name of hostileNames) {
    it(`zip-member-leaving-its-folder-is-refused: ${name}`, async () => {
      count("zip hostile");
      const p = setup([{ id: "owid", files: [{ name: "API_1.csv", url: server.url("/z.zip"), prev: PREV }] }]);
      server.route("/z.zip", serve(makeZip([{ name, data: NEXT }])));
      const report = await expectRefused(p, "file_unreadable");
      expect(report.sources[0]?.issues[0]?.message).toMatch(/absolute path|invalid relative path|invalid characters/);
    });
  }

  it("zip-member-bigger-than-its-directory-entry-says (a bomb in disguise)", async () => {
    count("zip hostile");
    const p = setup([{ id: "owid", files: [{ name: "API_1.csv", url: server.url("/z.zip"), prev: PREV }] }]);
    const z = makeZip([{ name: "API_1.csv", data: NEXT }]);
    // the central directory's uncompressed size (offset 24 of the entry) claims 10 bytes
    z.writeUInt32LE(10, z.length - 22 - (46 + "API_1.csv".length) + 24);
    server.route("/z.zip", serve(z));
    await expectRefused(p, "file_unreadable");
  });
});

describe("a sharply shrinking source needs acceptShrink", () => {
  const cases: [string, number, boolean, "new" | "failed"][] = [
    ["half-the-rows-refused", 10, false, "failed"],
    ["half-the-rows-accepted-with-accept-shrink", 10, true, "new"],
    ["one-row-in-twenty-fewer-lands (5% is under the 10% threshold)", 19, false, "new"],
    ["three-rows-in-twenty-fewer-refused (15%)", 17, false, "failed"],
    ["growth-lands", 30, false, "new"],
  ];
  for (const [name, rows, acceptShrink, status] of cases) {
    it(name, async () => {
      count("shrink");
      const p = setup();
      server.route("/internet.csv", serve(table(rows, 0.5)));
      const before = treeHash(p.raw);
      const report = await run(p, { acceptShrink });
      expect(report.sources[0]).toMatchObject({ status, files: [{ rows, previousRows: 20 }] });
      if (status === "failed") {
        expect(report.sources[0]?.issues[0]).toMatchObject({ code: "snapshot_shrank", rows, previous: 20 });
        expect(report.sources[0]?.issues[0]?.message).toMatch(/--accept-shrink/);
        expect(treeHash(p.raw)).toBe(before);
      }
      expectRawSound(p.raw);
    });
  }

  it("the-threshold-comes-from-the-manifest's-limits", async () => {
    count("shrink");
    const p = setup();
    server.route("/internet.csv", serve(table(19, 0.5)));
    const manifest = { ...(p.manifest as object), limits: { max_shrink_percent: 2 } };
    const report = await run(p, { manifest });
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "snapshot_shrank", percent: 5 });
  });

  it("a-json-array-that-shrinks", async () => {
    count("shrink");
    const prev = JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ i })));
    const p = setup([{ id: "owid", format: "json", files: [{ name: "a.json", url: server.url("/a.json"), prev }] }]);
    server.route("/a.json", serve(JSON.stringify({ data: [{ i: 1 }, { i: 2 }] })));
    await expectRefused(p, "snapshot_shrank");
  });
});

/** a server that sends the head at once, then `bytes` bytes every `everyMs` ms until the client goes */
function drip(bytes: number, everyMs: number): Handler {
  return (_q, res) => {
    res.writeHead(200, { "content-type": "text/csv" });
    res.write("Entity,Code,Year,Value\n");
    const t = setInterval(() => {
      if (res.destroyed) return clearInterval(t);
      res.write("x".repeat(bytes));
    }, everyMs);
    res.on("close", () => clearInterval(t));
  };
}

describe("drips and deadlines", () => {
  it("a-drip-below-the-minimum-rate-is-stopped-each-window-and-retried", async () => {
    count("drip");
    const p = setup();
    server.route("/internet.csv", drip(1, 50));
    const t0 = Date.now();
    const report = await expectRefused(p, "fetch_failed", { fetch: { ...POLICY, minBytesPerSecond: 200, minRateWindowMs: 200 } });
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(report.sources[0]?.issues[0]).toMatchObject({ attempts: 3 });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/slower than the minimum of 200 bytes\/s/);
    expect(server.hits("/internet.csv")).toBe(3);
  });

  it("a-drip-fast-enough-for-the-rate-meets-the-file-deadline-and-is-not-retried-past-it", async () => {
    count("deadline");
    const p = setup();
    server.route("/internet.csv", drip(100, 50));
    const t0 = Date.now();
    const report = await expectRefused(p, "fetch_failed", {
      fetch: { ...POLICY, maxBytes: 1 << 20, minBytesPerSecond: 100, minRateWindowMs: 200, totalTimeoutMs: 5_000, fileDeadlineMs: 600 },
    });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(5_000);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/file deadline of 600 ms passed/);
    expect(server.hits("/internet.csv")).toBe(1);
  });

  it("a-server-that-never-answers-is-bounded-by-the-file-deadline, however many retries are allowed", async () => {
    count("deadline");
    const p = setup();
    server.route("/internet.csv", () => undefined);
    const t0 = Date.now();
    const report = await expectRefused(p, "fetch_failed", { fetch: { ...POLICY, totalTimeoutMs: 300, fileDeadlineMs: 800, retries: 10 } });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(server.hits("/internet.csv")).toBeLessThanOrEqual(3);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/file deadline of 800 ms/);
  });

  it("the-run-deadline-stops-every-source-left", async () => {
    count("deadline");
    const p = setup([
      { id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv"), prev: PREV }] },
      { id: "wdi", files: [{ name: "w.csv", url: server.url("/w.csv"), prev: PREV }] },
      { id: "itu-datahub", files: [{ name: "i.csv", url: server.url("/i.csv"), prev: PREV }] },
    ]);
    for (const route of ["/internet.csv", "/w.csv", "/i.csv"]) server.route(route, drip(100, 50));
    const t0 = Date.now();
    const report = await run(p, { fetch: { ...POLICY, maxBytes: 1 << 20, minBytesPerSecond: 0, totalTimeoutMs: 5_000, fileDeadlineMs: 5_000, runDeadlineMs: 700 } });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(report.exitCode).toBe(1);
    expect(report.sources.map((s) => s.status)).toEqual(["failed", "failed", "failed"]);
    for (const s of report.sources) expect(s.issues[0]?.message).toMatch(/run deadline of 0.7 s passed/);
    // the sources after the deadline are not even asked
    expect(server.hits("/i.csv")).toBe(0);
    expectRawSound(p.raw);
  });
});

describe("proxy from the environment", () => {
  let proxy: ProxyServer;
  beforeEach(async () => {
    count("proxy");
    proxy = await startProxy();
  });
  afterEach(() => proxy.close());
  const serverHost = (): string => new URL(server.url("/")).host;

  it("HTTP_PROXY: the request goes through the loopback proxy as an absolute-URI request", async () => {
    process.env.HTTP_PROXY = proxy.url;
    const p = setup();
    server.route("/internet.csv", serve(NEXT));
    expect((await run(p)).sources[0]?.status).toBe("new");
    expect(proxy.seen).toEqual([`GET ${server.url("/internet.csv")}`]);
    expectRawSound(p.raw);
  });

  it("lower-case http_proxy works too", async () => {
    process.env.http_proxy = proxy.url;
    const p = setup();
    server.route("/internet.csv", serve(NEXT));
    expect((await run(p)).sources[0]?.status).toBe("new");
    expect(proxy.seen).toEqual([`GET ${server.url("/internet.csv")}`]);
  });

  it("NO_PROXY naming the host: the proxy sees nothing", async () => {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = serverHost();
    const p = setup();
    server.route("/internet.csv", serve(NEXT));
    expect((await run(p)).sources[0]?.status).toBe("new");
    expect(proxy.seen).toEqual([]);
    expect(server.hits("/internet.csv")).toBe(1);
  });

  it("HTTPS_PROXY: an https URL is tunnelled with CONNECT (here to a plain-http port, so TLS fails cleanly)", async () => {
    process.env.HTTPS_PROXY = proxy.url;
    const p = setup([{ id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv").replace("http:", "https:"), prev: PREV }] }]);
    const report = await expectRefused(p, "fetch_failed", { fetch: { ...POLICY, retries: 0 } });
    expect(proxy.seen).toEqual([`CONNECT ${serverHost()}`]);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/network error/);
  });

  it("a proxy that is down: a network error, retried, the snapshot kept", async () => {
    await proxy.close();
    process.env.HTTP_PROXY = proxy.url;
    const p = setup();
    const report = await expectRefused(p, "fetch_failed");
    expect(report.sources[0]?.issues[0]).toMatchObject({ attempts: 3 });
    expect(server.hits("/internet.csv")).toBe(0);
  });
});

describe("429 and 503 with Retry-After", () => {
  /** answer `status` with `headers` to the first request, then the file; the time between the two is recorded */
  function onceThen(status: number, headers: () => Record<string, string>): { handler: Handler; gap: () => number } {
    const times: number[] = [];
    return {
      handler: (req, res) => {
        times.push(Date.now());
        if (times.length === 1) res.writeHead(status, headers()).end();
        else serve(NEXT)(req, res);
      },
      gap: () => (times[1] ?? Number.NaN) - (times[0] ?? Number.NaN),
    };
  }

  it("429 with Retry-After in seconds: waits at least that long, then lands", async () => {
    count("retry-after");
    const p = setup();
    const s = onceThen(429, () => ({ "retry-after": "1" }));
    server.route("/internet.csv", s.handler);
    const report = await run(p);
    expect(report.sources[0]).toMatchObject({ status: "new", files: [{ attempts: 2 }] });
    expect(s.gap()).toBeGreaterThanOrEqual(990);
  });

  it("429 with Retry-After as an HTTP-date: waits until then, then lands", async () => {
    count("retry-after");
    const p = setup();
    // an HTTP-date has whole seconds: two seconds ahead is at least one second away
    const s = onceThen(429, () => ({ "retry-after": new Date(Date.now() + 2_000).toUTCString() }));
    server.route("/internet.csv", s.handler);
    const report = await run(p);
    expect(report.sources[0]).toMatchObject({ status: "new", files: [{ attempts: 2 }] });
    expect(s.gap()).toBeGreaterThanOrEqual(990);
    expect(s.gap()).toBeLessThan(5_000);
  });

  it("503 with a Retry-After past the cap: not retried, the cause says why", async () => {
    count("retry-after");
    const p = setup();
    server.route("/internet.csv", (_q, res) => res.writeHead(503, { "retry-after": "3600" }).end());
    const report = await expectRefused(p, "fetch_failed", { fetch: { ...POLICY, maxRetryAfterMs: 60_000 } });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/HTTP 503 Service Unavailable; the server asks to retry after 3600 s, more than the 60 s allowed/);
    expect(server.hits("/internet.csv")).toBe(1);
  });

  const statuses: [number, number][] = [
    [408, 2],
    [425, 2],
    [429, 2],
    [502, 2],
    [504, 2],
    [403, 1],
    [410, 1],
    [501, 1],
  ];
  for (const [status, hits] of statuses) {
    it(`${status}-then-200: ${hits === 2 ? "retried" : "not retried"}`, async () => {
      count("status retry");
      const p = setup();
      const s = onceThen(status, () => ({}));
      server.route("/internet.csv", s.handler);
      const report = await run(p);
      expect(server.hits("/internet.csv")).toBe(hits);
      expect(report.sources[0]?.status).toBe(hits === 2 ? "new" : "failed");
    });
  }
});

describe("limits in raw/sources.json", () => {
  it("retries: 0 in the manifest means one attempt", async () => {
    count("limits");
    const p = setup();
    server.route("/internet.csv", (_q, res) => res.writeHead(503).end());
    const { retries: _r, ...policy } = POLICY;
    const manifest = { ...(p.manifest as object), limits: { retries: 0 } };
    await expectRefused(p, "fetch_failed", { manifest, fetch: policy });
    expect(server.hits("/internet.csv")).toBe(1);
  });

  it("an unknown or negative limit is a manifest error before any request", async () => {
    count("limits");
    const p = setup();
    for (const limits of [{ file_deadline: 5 }, { run_deadline_s: -1 }, { retries: "3" }]) {
      const report = await run(p, { manifest: { ...(p.manifest as object), limits } });
      expect(report).toMatchObject({ exitCode: 2, issues: [{ code: "manifest_invalid" }] });
    }
    expect(server.requests).toEqual([]);
    expect(readdirSync(path.join(p.raw, "owid"))).toEqual([PREV_DATE]);
  });
});

// refresh against a real loopback http server: every failure leaves raw/ byte-identical, every success is complete
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SnapshotMeta } from "@bycn/core";
import { refresh, renderRefreshReport, type RefreshOptions, type RefreshReport } from "../src/index.js";
import {
  expectRawSound,
  listTree,
  makeProject,
  makeZip,
  NEXT_CSV,
  PREV_CSV,
  PREV_DATE,
  serve,
  sha256,
  startServer,
  treeHash,
  type FixtureServer,
  type Project,
  type SourceSpec,
} from "./_harness.js";

const TODAY = "2026-11-28";
const POLICY = { connectTimeoutMs: 300, totalTimeoutMs: 500, maxBytes: 64 * 1024, retries: 2, backoffBaseMs: 5, userAgent: "bycn-test" };

let server: FixtureServer;
let project: Project | undefined;

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
  project?.cleanup();
  project = undefined;
});

function setup(sources?: SourceSpec[]): Project {
  project = makeProject(sources ?? [{ id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv"), prev: PREV_CSV, etag: '"v1"' }] }]);
  return project;
}

async function run(p: Project, extra: Partial<RefreshOptions> = {}): Promise<RefreshReport> {
  const lines: string[] = [];
  return refresh({ root: p.root, manifest: p.manifest, now: () => new Date(`${TODAY}T10:00:00Z`), fetch: POLICY, log: (l) => lines.push(l), ...extra });
}


/** run a refresh that must fail, and check raw/ is exactly as before */
async function expectFailureKeepsRaw(p: Project, extra: Partial<RefreshOptions> = {}): Promise<RefreshReport> {
  const before = treeHash(p.raw);
  const report = await run(p, extra);
  expect(report.exitCode).toBe(1);
  expect(report.sources[0]?.status).toBe("failed");
  expect(report.sources[0]?.snapshot).toBe(`raw/owid/${PREV_DATE}`);
  expect(treeHash(p.raw)).toBe(before);
  expectRawSound(p.raw);
  return report;
}


describe("refresh over http", () => {
  it("200-new-content: a complete dated snapshot with a correct meta", async () => {
    const p = setup();
    server.route("/internet.csv", serve(NEXT_CSV, { etag: '"v2"', "last-modified": "Wed, 25 Nov 2026 08:00:00 GMT" }));
    const prevTree = treeHash(path.join(p.raw, "owid", PREV_DATE));
    const report = await run(p);
    expect(report).toMatchObject({ outcome: "ok", exitCode: 0, sources: [{ id: "owid", status: "new", snapshot: `raw/owid/${TODAY}` }] });
    const file = path.join(p.raw, "owid", TODAY, "internet.csv");
    expect(readFileSync(file, "utf8")).toBe(NEXT_CSV);
    const meta = SnapshotMeta.parse(JSON.parse(readFileSync(`${file}.meta.json`, "utf8")));
    expect(meta).toMatchObject({
      source: "owid",
      file: "internet.csv",
      title: "internet.csv (file title from the previous meta)",
      publisher: "Previous Publisher",
      origin: { url: server.url("/internet.csv") },
      retrieved: TODAY,
      format: "csv",
      encoding: "utf-8",
      sha256: sha256(NEXT_CSV),
      bytes: Buffer.byteLength(NEXT_CSV),
      derivation: "fetched by bycn refresh",
      etag: '"v2"',
      last_modified: "Wed, 25 Nov 2026 08:00:00 GMT",
    });
    // the repository copy no longer describes fetched bytes
    expect(meta.origin.repository).toBeUndefined();
    expect(treeHash(path.join(p.raw, "owid", PREV_DATE))).toBe(prevTree);
    expect(server.requests[0]?.headers["if-none-match"]).toBe('"v1"');
    expect(server.requests[0]?.headers["user-agent"]).toBe("bycn-test");
    expectRawSound(p.raw);
  });

  it("304-not-modified: conditional GET with the stored etag, nothing written", async () => {
    const p = setup();
    server.route("/internet.csv", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else serve(NEXT_CSV)(req, res);
    });
    const before = treeHash(p.raw);
    const report = await run(p);
    expect(report).toMatchObject({ exitCode: 0, sources: [{ status: "not_modified", snapshot: `raw/owid/${PREV_DATE}` }] });
    expect(treeHash(p.raw)).toBe(before);
    expectRawSound(p.raw);
  });

  it("same-bytes-with-200: unchanged content makes no snapshot", async () => {
    const p = setup();
    server.route("/internet.csv", serve(PREV_CSV));
    const before = treeHash(p.raw);
    const report = await run(p);
    expect(report.sources[0]).toMatchObject({ status: "unchanged", snapshot: `raw/owid/${PREV_DATE}` });
    expect(treeHash(p.raw)).toBe(before);
  });

  it("500-then-200: retried after backoff, then a new snapshot", async () => {
    const p = setup();
    let n = 0;
    server.route("/internet.csv", (req, res) => (n++ === 0 ? res.writeHead(500).end("oops") : serve(NEXT_CSV)(req, res)));
    const report = await run(p);
    expect(report.sources[0]).toMatchObject({ status: "new", files: [{ attempts: 2, httpStatus: 200 }] });
    expect(server.hits("/internet.csv")).toBe(2);
    expectRawSound(p.raw);
  });

  it("500-every-time: fails after 1 + retries attempts, snapshot kept", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => res.writeHead(503).end());
    const report = await expectFailureKeepsRaw(p);
    expect(server.hits("/internet.csv")).toBe(3);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "fetch_failed", attempts: 3 });
  });

  it("hang-past-total-timeout: aborted at the timeout, retried, snapshot kept", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => res.writeHead(200, { "content-length": "1000" }).write("Entity,Code"));
    const t0 = Date.now();
    const report = await expectFailureKeepsRaw(p, { fetch: { ...POLICY, retries: 1 } });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(2 * 500 - 50);
    expect(elapsed).toBeLessThan(5_000);
    expect(server.hits("/internet.csv")).toBe(2);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/within 500 ms/);
  });

  it("truncated-body: Content-Length larger than sent, then the socket is destroyed", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => {
      res.writeHead(200, { "content-length": String(NEXT_CSV.length) });
      res.write(NEXT_CSV.slice(0, 60));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "download_truncated" });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/of 1\d\d bytes/);
    expect(server.hits("/internet.csv")).toBe(3);
  });

  it("csv-cut-mid-record: correct Content-Length, last record short of fields; no retry", async () => {
    const p = setup();
    server.route("/internet.csv", serve(NEXT_CSV.slice(0, NEXT_CSV.lastIndexOf(",77.5"))));
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "download_truncated" });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/last record \(line 5\) has 3 of 4 fields/);
    expect(server.hits("/internet.csv")).toBe(1);
  });

  it("csv-cut-inside-quotes: an unclosed quote at end of file", async () => {
    const p = setup();
    server.route("/internet.csv", serve('Entity,Code,Year,Value\nBelarus,BLR,2022,89.5\n"China, People\'s Rep'));
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "download_truncated" });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/never closes/);
  });

  it("html-page-with-200: a login or error page is not a csv", async () => {
    const p = setup();
    server.route("/internet.csv", serve("\n<!DOCTYPE html>\n<html><body>Service unavailable</body></html>", { "content-type": "text/html" }));
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "unexpected_content", expected: "csv", found: "an HTML page" });
  });

  it("json-error-with-200-for-a-csv-source", async () => {
    const p = setup();
    server.route("/internet.csv", serve('{"message":"Not Found","status":404}', { "content-type": "application/json" }));
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "unexpected_content", expected: "csv" });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/JSON error/);
  });

  it("redirect-loop: detected, failed without retry", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => res.writeHead(302, { location: "/b" }).end());
    server.route("/b", (_req, res) => res.writeHead(301, { location: server.url("/internet.csv") }).end());
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/redirect loop/);
    expect(server.hits("/internet.csv")).toBe(1);
    expect(server.hits("/b")).toBe(1);
  });

  it("redirect-followed: a moved file is fetched from its new place", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => res.writeHead(301, { location: "/v2/internet.csv" }).end());
    server.route("/v2/internet.csv", serve(NEXT_CSV));
    const report = await run(p);
    expect(report.sources[0]?.status).toBe("new");
    expectRawSound(p.raw);
  });

  it("redirect-to-a-non-http-scheme: refused", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end());
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/http\(s\) only/);
  });

  it("oversize-declared: Content-Length above the limit, aborted up front, no retry", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => {
      res.writeHead(200, { "content-length": String(POLICY.maxBytes + 1) });
      res.write("Entity,Code,Year,Value\n");
    });
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/exceeds the limit/);
    expect(server.hits("/internet.csv")).toBe(1);
  });

  it("oversize-streamed: no Content-Length, the stream passes the limit", async () => {
    const p = setup();
    server.route("/internet.csv", (_req, res) => {
      res.writeHead(200);
      const row = "Belarus,BLR,2022,89.5\n".repeat(1000);
      const tick = (): void => {
        if (res.destroyed) return;
        if (res.write(row)) setTimeout(tick, 1);
        else res.once("drain", tick);
      };
      tick();
    });
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]?.message).toMatch(/body exceeds the limit of 65536 bytes/);
    expect(server.hits("/internet.csv")).toBe(1);
  });

  it("404: reported, never retried", async () => {
    const p = setup();
    const report = await expectFailureKeepsRaw(p);
    expect(server.hits("/internet.csv")).toBe(1);
    expect(report.sources[0]).toMatchObject({ files: [{ httpStatus: 404, attempts: 1 }] });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/HTTP 404/);
  });

  it("two-concurrent-runs: the second is refused by the lock and fetches nothing", async () => {
    const p = setup();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let arrived: () => void = () => undefined;
    const firstRequest = new Promise<void>((r) => (arrived = r));
    server.route("/internet.csv", (req, res) => {
      arrived();
      void gate.then(() => serve(NEXT_CSV)(req, res));
    });
    const first = run(p, { fetch: { ...POLICY, totalTimeoutMs: 5_000 } });
    await firstRequest;
    expect(existsSync(path.join(p.raw, ".refresh.lock"))).toBe(true);
    const second = await run(p);
    expect(second).toMatchObject({ outcome: "could_not_run", exitCode: 2, sources: [], issues: [{ code: "refresh_locked", pid: process.pid }] });
    expect(server.hits("/internet.csv")).toBe(1);
    release();
    expect((await first).sources[0]?.status).toBe("new");
    expectRawSound(p.raw);
  });

  it("stale-lock-of-a-dead-process: taken over", async () => {
    const p = setup();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(path.join(p.raw, ".refresh.lock"), JSON.stringify({ pid: dead, started: "2026-11-27T00:00:00.000Z", host: (await import("node:os")).hostname(), token: "x" }));
    server.route("/internet.csv", serve(NEXT_CSV));
    const report = await run(p);
    expect(report.sources[0]?.status).toBe("new");
    expectRawSound(p.raw);
  });

  it("leftover-temp-dir: removed by the next run", async () => {
    const p = setup();
    mkdirSync(path.join(p.raw, "owid", ".bycn-tmp-deadbeef"));
    writeFileSync(path.join(p.raw, "owid", ".bycn-tmp-deadbeef", "internet.csv"), "Entity,Co");
    server.route("/internet.csv", serve(PREV_CSV));
    await run(p);
    expectRawSound(p.raw);
  });

  it("same-day-second-snapshot: suffixed .02 so folders still sort by time", async () => {
    const p = setup();
    server.route("/internet.csv", serve(NEXT_CSV));
    expect((await run(p)).sources[0]?.snapshot).toBe(`raw/owid/${TODAY}`);
    server.route("/internet.csv", serve(`${NEXT_CSV}Belarus,BLR,2024,92.0\n`));
    expect((await run(p)).sources[0]?.snapshot).toBe(`raw/owid/${TODAY}.02`);
    expect(listTree(path.join(p.raw, "owid")).filter((e) => !e.includes("/"))).toEqual([PREV_DATE, TODAY, `${TODAY}.02`]);
    expectRawSound(p.raw);
  });

  it("one-failed-source-does-not-stop-the-others: exit 1, the good one is written", async () => {
    const p = setup([
      { id: "owid", files: [{ name: "internet.csv", url: server.url("/missing.csv"), prev: PREV_CSV }] },
      { id: "wdi", files: [{ name: "wdi.csv", url: server.url("/wdi.csv"), prev: PREV_CSV }] },
    ]);
    server.route("/wdi.csv", serve(NEXT_CSV));
    const report = await run(p);
    expect(report).toMatchObject({ outcome: "source_failed", exitCode: 1 });
    expect(report.sources.map((s) => [s.id, s.status])).toEqual([
      ["owid", "failed"],
      ["wdi", "new"],
    ]);
    expect(readFileSync(path.join(p.raw, "owid", PREV_DATE, "internet.csv"), "utf8")).toBe(PREV_CSV);
    expectRawSound(p.raw);
  });

  it("one-failed-file-fails-its-source: no half-new snapshot folder", async () => {
    const p = setup([
      {
        id: "owid",
        files: [
          { name: "a.csv", url: server.url("/a.csv"), prev: PREV_CSV },
          { name: "b.csv", url: server.url("/b.csv"), prev: PREV_CSV },
        ],
      },
    ]);
    server.route("/a.csv", serve(NEXT_CSV));
    await expectFailureKeepsRaw(p);
  });

  it("zip-body: the World Bank style zip is opened and its versioned member matched", async () => {
    const p = setup([
      {
        id: "wdi",
        files: [
          { name: "API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv", url: server.url("/wdi.zip"), prev: PREV_CSV },
          { name: "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv", url: server.url("/wdi.zip"), prev: "Country Code,Region\nBLR,Europe\n" },
        ],
      },
    ]);
    const zip = makeZip([
      { name: "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1300.csv", data: "Country Code,Region\nBLR,Europe & Central Asia\n" },
      { name: "API_IT.NET.USER.ZS_DS2_en_csv_v2_1300.csv", data: NEXT_CSV },
      { name: "Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2_1300.csv", data: "INDICATOR_CODE,INDICATOR_NAME\nIT.NET.USER.ZS,x\n", method: 0 },
    ]);
    server.route("/wdi.zip", serve(zip, { "content-type": "application/zip" }));
    const report = await run(p);
    expect(report.sources[0]).toMatchObject({ status: "new", snapshot: `raw/wdi/${TODAY}` });
    expect(report.sources[0]?.files.map((f) => f.zipMember)).toEqual([
      "API_IT.NET.USER.ZS_DS2_en_csv_v2_1300.csv",
      "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1300.csv",
    ]);
    expect(readFileSync(path.join(p.raw, "wdi", TODAY, "API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv"), "utf8")).toBe(NEXT_CSV);
    // one download for both files
    expect(server.hits("/wdi.zip")).toBe(1);
    expectRawSound(p.raw);
  });

  it("zip-that-does-not-open: a cut zip fails the source", async () => {
    const p = setup([{ id: "owid", files: [{ name: "internet.csv", url: server.url("/z"), prev: PREV_CSV }] }]);
    const zip = makeZip([{ name: "internet.csv", data: NEXT_CSV }]);
    server.route("/z", serve(zip.subarray(0, zip.length - 30)));
    const report = await expectFailureKeepsRaw(p);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "file_unreadable" });
    expect(report.sources[0]?.issues[0]?.message).toMatch(/zip does not open/);
  });

  it("json-source: valid JSON accepted, an empty array rejected (ITU API answers a wrong id with 200 [])", async () => {
    const p = setup([{ id: "itu-idi", format: "json", files: [{ name: "idi.json", url: server.url("/idi.json"), prev: "[1]" }] }]);
    server.route("/idi.json", serve('[{"isoCode":"BLR","score":88.5}]'));
    expect((await run(p)).sources[0]?.status).toBe("new");
    server.route("/idi.json", serve("[]"));
    const before = treeHash(p.raw);
    const report = await run(p);
    expect(report.sources[0]?.issues[0]).toMatchObject({ code: "unexpected_content", found: "an empty JSON value" });
    expect(treeHash(p.raw)).toBe(before);
  });

  it("first-fetch-without-previous-snapshot: meta from the manifest", async () => {
    const p = setup([{ id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv") }] }]);
    server.route("/internet.csv", serve(NEXT_CSV));
    const report = await run(p);
    expect(report.sources[0]).toMatchObject({ status: "new", snapshot: `raw/owid/${TODAY}` });
    const meta = JSON.parse(readFileSync(path.join(p.raw, "owid", TODAY, "internet.csv.meta.json"), "utf8")) as unknown;
    expect(meta).toMatchObject({ title: "owid title", publisher: "owid publisher", licence: "CC BY 4.0" });
    expectRawSound(p.raw);
  });

  it("manual-source-is-never-fetched: skipped_manual, the fetched source proceeds", async () => {
    const p = setup([
      { id: "itu-idi", refresh: "manual", files: [{ name: "idi.csv", url: server.url("/idi.html"), prev: "iso3,idi_2024\nBLR,88.5\n" }] },
      { id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv"), prev: PREV_CSV }] },
    ]);
    server.route("/internet.csv", serve(NEXT_CSV));
    const report = await run(p);
    expect(report.exitCode).toBe(0);
    expect(report.sources.map((s) => [s.id, s.status])).toEqual([
      ["itu-idi", "skipped_manual"],
      ["owid", "new"],
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(["/internet.csv"]);
    expectRawSound(p.raw);
  });

  it("dry-run: no request, no write, no lock", async () => {
    const p = setup();
    const before = treeHash(p.raw);
    const report = await run(p, { dryRun: true });
    expect(report).toMatchObject({ exitCode: 0, dryRun: true, sources: [{ status: "skipped_dry_run", snapshot: `raw/owid/${PREV_DATE}` }] });
    expect(server.requests).toEqual([]);
    expect(treeHash(p.raw)).toBe(before);
  });

  it("renders-text-and-markdown", async () => {
    const p = setup();
    const report = await run(p);
    expect(renderRefreshReport(report, "text")).toMatch(/^owid: failed \(raw\/owid\/2026-11-01\)\n.*fetch_failed.*HTTP 404/m);
    expect(renderRefreshReport(report, "markdown")).toContain("| owid | failed | raw/owid/2026-11-01 |");
  });
});

describe("manifest validation happens before any request", () => {
  const cases: [string, (m: { sources: { files: { name: string; url?: string }[]; url: string; id: string }[] }) => void, RegExp][] = [
    ["dot-dot-file-name", (m) => void (m.sources[0]!.files[0]!.name = "..%2Fx.csv"), /name/],
    ["path-separator-in-file-name", (m) => void (m.sources[0]!.files[0]!.name = "sub/x.csv"), /name/],
    ["absolute-file-name", (m) => void (m.sources[0]!.files[0]!.name = "/etc/passwd"), /name/],
    ["file-url-scheme", (m) => void (m.sources[0]!.files[0]!.url = "file:///etc/passwd"), /url/i],
    ["ftp-url-scheme", (m) => void (m.sources[0]!.files[0]!.url = "ftp://127.0.0.1/x.csv"), /url/i],
    ["traversal-in-source-id", (m) => void (m.sources[0]!.id = "../owid"), /id/],
    ["meta-name-clash", (m) => void (m.sources[0]!.files[0]!.name = "x.meta.json"), /clash/],
  ];
  for (const [name, mutate, message] of cases) {
    it(name, async () => {
      const p = setup();
      const manifest = structuredClone(p.manifest) as Parameters<typeof mutate>[0];
      mutate(manifest);
      const before = treeHash(p.raw);
      const report = await run(p, { manifest });
      expect(report).toMatchObject({ outcome: "could_not_run", exitCode: 2, issues: [{ code: "manifest_invalid" }] });
      expect(report.issues[0]?.message).toMatch(message);
      expect(server.requests).toEqual([]);
      expect(treeHash(p.raw)).toBe(before);
    });
  }

  it("unknown-source-id: usage error", async () => {
    const p = setup();
    const report = await run(p, { sourceId: "wdi" });
    expect(report).toMatchObject({ exitCode: 2, issues: [{ code: "manifest_invalid" }] });
    expect(report.issues[0]?.message).toMatch(/--source wdi: no such source/);
  });

  it("missing-raw-folder: could not run", async () => {
    const p = setup();
    const report = await run(p, { root: path.join(p.root, "nowhere") });
    expect(report).toMatchObject({ exitCode: 2, issues: [{ code: "raw_missing" }] });
  });
});

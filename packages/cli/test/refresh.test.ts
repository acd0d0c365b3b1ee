// bycn refresh as a user runs it: the real CLI process against a real node:http server on 127.0.0.1
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeProject, NEXT_CSV, PREV_CSV, PREV_DATE, sha256, startServer, treeHash, type FixtureServer, type Project } from "../../refresh/test/_harness.js";
import { repoRoot } from "./_cli.js";

// spawnSync would block this process's event loop, and with it the server the child talks to
function bycnRun(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=@bycn/source", "--import", "tsx", path.join(repoRoot, "packages/cli/src/bin.ts"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

let server: FixtureServer;
let project: Project;

beforeEach(async () => {
  server = await startServer();
  project = makeProject([
    { id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv"), prev: PREV_CSV, etag: '"v1"' }] },
    { id: "itu-idi", refresh: "manual", files: [{ name: "idi.csv", url: server.url("/idi"), prev: "iso3,idi_2024\nBLR,88.5\n" }] },
  ]);
  // every url the run may touch is on loopback
  for (const s of (project.manifest as { sources: { url: string }[] }).sources) expect(new URL(s.url).hostname).toBe("127.0.0.1");
});
afterEach(async () => {
  await server.close();
  project.cleanup();
});

describe("bycn refresh", () => {
  it("200-new-content: exit 0 and a complete dated snapshot whose meta has the right sha256", async () => {
    server.route("/internet.csv", (_q, res) => res.writeHead(200, { "content-type": "text/csv", etag: '"v2"' }).end(NEXT_CSV));
    const r = await bycnRun(["refresh", "--raw", project.raw, "--format", "json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sources.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ["itu-idi", "skipped_manual"],
      ["owid", "new"],
    ]);
    const folders = readdirSync(path.join(project.raw, "owid")).sort();
    expect(folders).toHaveLength(2);
    const latest = path.join(project.raw, "owid", folders[1]!);
    const meta = JSON.parse(readFileSync(path.join(latest, "internet.csv.meta.json"), "utf8"));
    expect(meta.sha256).toBe(sha256(readFileSync(path.join(latest, "internet.csv"))));
    expect(meta.etag).toBe('"v2"');
    expect(server.hits("/idi")).toBe(0);
  });

  it("html-page-with-200: exit 1, the previous snapshot kept byte for byte", async () => {
    server.route("/internet.csv", (_q, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><body>Sign in</body></html>"));
    const before = treeHash(project.raw);
    const r = await bycnRun(["refresh", "--raw", project.raw]);
    expect(r.status).toBe(1);
    expect(treeHash(project.raw)).toBe(before);
    expect(readdirSync(path.join(project.raw, "owid"))).toEqual([PREV_DATE]);
  });

  it("two-concurrent-runs: one is refused by the lock (exit 2), the other completes", async () => {
    server.route("/internet.csv", (_q, res) => {
      setTimeout(() => res.writeHead(200, { "content-type": "text/csv" }).end(NEXT_CSV), 4000);
    });
    const [a, b] = await Promise.all([bycnRun(["refresh", "--raw", project.raw]), bycnRun(["refresh", "--raw", project.raw])]);
    expect([a.status, b.status].sort()).toEqual([0, 2]);
    expect(`${a.stderr}${b.stderr}`).toMatch(/refresh_locked/);
    expect(readdirSync(project.raw)).not.toContain(".refresh.lock");
  });

  it("dry-run: exit 0, no request, nothing written", async () => {
    const before = treeHash(project.raw);
    const r = await bycnRun(["refresh", "--raw", project.raw, "--dry-run"]);
    expect(r.status).toBe(0);
    expect(server.requests).toEqual([]);
    expect(treeHash(project.raw)).toBe(before);
  });

  it("a-sharp-shrink-needs---accept-shrink: exit 1 without, a new snapshot with", async () => {
    const rows = (n: number): string => ["Entity,Code,Year,Value", ...Array.from({ length: n }, (_, i) => `E${i},E${i},2023,${i}.5`), ""].join("\n");
    project.cleanup();
    project = makeProject([{ id: "owid", files: [{ name: "internet.csv", url: server.url("/internet.csv"), prev: rows(20) }] }]);
    server.route("/internet.csv", (_q, res) => res.writeHead(200, { "content-type": "text/csv" }).end(rows(8)));
    const before = treeHash(project.raw);
    const refused = await bycnRun(["refresh", "--raw", project.raw]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/snapshot_shrank.*8 rows, 60% fewer than the 20/);
    expect(treeHash(project.raw)).toBe(before);
    const accepted = await bycnRun(["refresh", "--raw", project.raw, "--accept-shrink", "--file-deadline", "30", "--run-deadline", "60", "--min-rate", "0"]);
    expect(accepted.status).toBe(0);
    const folders = readdirSync(path.join(project.raw, "owid")).sort();
    expect(folders).toHaveLength(2);
    expect(readFileSync(path.join(project.raw, "owid", folders[1]!, "internet.csv"), "utf8")).toBe(rows(8));
  });

  it("a-deadline-that-is-not-a-positive-number: exit 2 before any request", async () => {
    for (const [name, value] of [["--file-deadline", "0"], ["--run-deadline", "soon"], ["--min-rate", "-1"]]) {
      const r = await bycnRun(["refresh", "--raw", project.raw, `${name}=${value}`]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${name} must be a`));
    }
    expect(server.requests).toEqual([]);
  });

  it("unknown source: usage error, exit 2", async () => {
    const r = await bycnRun(["refresh", "--raw", project.raw, "--source", "nope"]);
    expect(r.status).toBe(2);
  });
});

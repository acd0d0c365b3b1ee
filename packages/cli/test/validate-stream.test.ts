// bycn validate's streaming path: the same bytes as the whole-file path and as pipeline.run, any sort run size, temp files gone
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTable } from "@bycn/ingest";
import { sha256Hex } from "@bycn/core";
import { renderCsv, renderJson } from "@bycn/publish";
import { datahubChunks, generateDatahub, INVALID_KINDS } from "../../../bench/src/generate.js";
import { validateToIo } from "../src/validate-run.js";
import type { Io } from "../src/output.js";
import { PIPELINES } from "../src/pipelines.js";
import { builtFresh, repoRoot, tempDir } from "./_cli.js";
import { validateInProcess as run } from "./_validate.js";

function rawFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? rawFiles(p) : n.endsWith(".csv") ? [p] : [];
    });
}

const sha = (b: Uint8Array | string): string => createHash("sha256").update(b).digest("hex");

describe("validate: streaming path = whole-file path = pipeline.run, on every committed raw file", () => {
  const files = rawFiles(path.join(repoRoot, "raw")).map((f) => path.relative(repoRoot, f));

  it("finds the committed raw files, itu-datahub among them", () => {
    expect(files.filter((f) => f.includes("itu-datahub")).length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)("%s", async (rel) => {
    const file = path.join(repoRoot, rel);
    const streamed = await run(file, { runItems: 97 });
    const whole = await run(file, { streaming: false });
    expect([0, 1]).toContain(streamed.status);
    expect(streamed.status).toBe(whole.status);
    expect(streamed.stdout).toBe(whole.stdout);
    expect(streamed.stderr).toBe(whole.stderr);
    expect(Object.keys(streamed.files)).toEqual(Object.keys(whole.files));
    for (const name of Object.keys(whole.files)) expect(streamed.files[name], name).toBe(whole.files[name]);
    // the report is exactly JSON.stringify of itself, though it was written an issue at a time
    expect(`${JSON.stringify(JSON.parse(streamed.stdout), null, 2)}\n`).toBe(streamed.stdout);

    // and the datasets are what pipeline.run gives, rendered by renderCsv/renderJson
    const report = JSON.parse(streamed.stdout) as { kind: keyof typeof PIPELINES | null };
    if (report.kind === null) return;
    const bytes = readFileSync(file);
    const vintage = statSync(file).mtime.toISOString().slice(0, 10);
    const result = PIPELINES[report.kind].run([{ file, bytes, vintage, sha256: sha256Hex(bytes) }]);
    for (const d of result.datasets) {
      expect(streamed.files[`${d.spec.name}.csv`], d.spec.name).toBe(new TextDecoder().decode(renderCsv(d.spec, d.rows)));
      expect(streamed.files[`${d.spec.name}.json`], d.spec.name).toBe(new TextDecoder().decode(renderJson(d.spec, d.rows)));
    }
  });
});

describe("validate: large generated files", () => {
  const dir = tempDir("bycn-stream-gen-");
  const big = path.join(dir, "itu-long-20k.csv");
  writeFileSync(big, generateDatahub({ rows: 20_000, seed: 7, invalidRate: 0.01 }));

  it("runs-of-1000-merged-equal-one-run: 20k rows, 20+ spill files, the same bytes as one in-memory run and as run()", async () => {
    const merged = await run(big, { runItems: 1000 });
    const single = await run(big, { runItems: 1_000_000 });
    const whole = await run(big, { streaming: false });
    expect(merged.status).toBe(1);
    for (const r of [single, whole]) {
      expect(r.stdout).toBe(merged.stdout);
      expect(Object.keys(r.files)).toEqual(Object.keys(merged.files));
      for (const name of Object.keys(r.files)) expect(sha(r.files[name]!), name).toBe(sha(merged.files[name]!));
    }
    const report = JSON.parse(merged.stdout) as { data_records: number; rows: number; rejects: number; issues: { code: string }[] };
    expect(report.data_records).toBe(20_000);
    // every generated kind of invalid record is caught, and every record is a row or a reject
    const codes = new Set(report.issues.map((i) => i.code));
    for (const k of INVALID_KINDS) expect(codes).toContain(k);
    expect(report.rows + report.rejects).toBe(report.data_records);
  });

  it("duplicates-across-runs: with runs of 2 records the first in file order still wins, naming its line", async () => {
    const text = new TextDecoder().decode(generateDatahub({ rows: 40, seed: 3, invalidRate: 0 }));
    const lines = text.split("\n");
    // line 2's record again at the end (and once more), with other values: three runs apart
    const again = lines[1]!.replace(/"[0-9.e+-]+",(\d{4})/, '"1.5",$1');
    const file = path.join(dir, "dup.csv");
    writeFileSync(file, `${lines.slice(0, -1).join("\n")}\n${again}\n${again.replace('"1.5"', '"2.5"')}\n`);
    const streamed = await run(file, { runItems: 2 });
    const whole = await run(file, { streaming: false });
    expect(streamed.files).toEqual(whole.files);
    expect(streamed.stdout).toBe(whole.stdout);
    const dups = JSON.parse(streamed.stdout).issues.filter((i: { code: string }) => i.code === "duplicate_key");
    expect(dups.map((i: { at: { line: number }; first_line: number }) => [i.at.line, i.first_line])).toEqual([
      [42, 2],
      [43, 2],
    ]);
    expect(streamed.files["rejects.csv"]).toContain(",duplicate_key,");
  });

  it("temp-dir-removed: after a run, and after a run that fails while writing", async () => {
    const tmp = tempDir("bycn-stream-tmp-");
    await run(big, { runItems: 500, tmp });
    expect(readdirSync(tmp)).toEqual([]);
    // an output path that is a folder: the run throws mid-write and still cleans up
    const out = tempDir("bycn-stream-bad-out-");
    mkdirSync(path.join(out, "itu-indicators.csv"));
    const io: Io = { out: () => {}, err: () => {}, progress: () => {}, color: false };
    await expect(validateToIo({ file: big, kind: "auto", out, format: "json", runItems: 500, tmp }, io)).rejects.toThrow();
    expect(readdirSync(tmp)).toEqual([]);
  });

  // the compiled CLI (what users and the bench run) validates in a worker thread with a capped heap; from source the
  // same function runs in-process. Needs the build (npm ci builds it); skipped when lib/ is missing or older than src/
  const fresh = builtFresh(["packages/validate", "isolated"], ["packages/validate", "worker"], ["packages/cli", "validate-run"]);
  it.skipIf(!fresh)("compiled-cli-worker: the worker thread writes the same bytes as the in-process run", async () => {
    const out = tempDir("bycn-stream-worker-");
    const r = spawnSync(process.execPath, [path.join(repoRoot, "packages/cli/bin/bycn.js"), "validate", big, "--out", out, "--format", "json"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      maxBuffer: 64 << 20,
    });
    const inProcess = await run(big);
    expect(r.status).toBe(inProcess.status);
    expect(r.stdout).toBe(inProcess.stdout);
    expect(readdirSync(out).sort()).toEqual(Object.keys(inProcess.files));
    for (const name of Object.keys(inProcess.files)) expect(readFileSync(path.join(out, name), "utf8"), name).toBe(inProcess.files[name]);
  });

  it("text-format-caps-issue-lines: at most 1000 lines and a count, the json lists every one", async () => {
    const file = path.join(dir, "many-bad.csv");
    const text = new TextDecoder().decode(generateDatahub({ rows: 1500, seed: 5, invalidRate: 0 }));
    // every year unreadable: 1500 invalid_year issues
    writeFileSync(file, text.replace(/,(\d{4}),"/g, ',"y$1","'));
    let stdout = "";
    const io: Io = { out: (s) => void (stdout += `${s}\n`), err: () => {}, progress: () => {}, color: false };
    expect(await validateToIo({ file, kind: "auto", format: "text" }, io)).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1001);
    expect(lines.at(-1)).toMatch(/^… 500 more issue\(s\) not shown/);
    const json = await run(file);
    expect(JSON.parse(json.stdout).issues.filter((i: { code: string }) => i.code === "invalid_year")).toHaveLength(1500);
  });
});

describe("bench generator", () => {
  it("same-seed-same-bytes: deterministic, and another seed differs", () => {
    const a = sha(generateDatahub({ rows: 5000, seed: 11 }));
    expect(sha(generateDatahub({ rows: 5000, seed: 11 }))).toBe(a);
    expect(sha(generateDatahub({ rows: 5000, seed: 12 }))).not.toBe(a);
  });

  it("bom-quoted-exponents-commas-and-embedded-newlines: the quirks are in the file and the reader counts every record", () => {
    const bytes = generateDatahub({ rows: 20_000, seed: 1 });
    const text = new TextDecoder().decode(bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toMatch(/"\d\.\d+e\+00\d"/);
    expect(text).toContain('"Hong Kong, China"');
    expect(text).toContain('"TRCSL.\r\n\r\nTRCSL"');
    expect(text).toMatch(/"IFT ""México"":\nincludes/);
    const table = readTable(bytes, { file: "gen.csv" });
    expect(table.dataRecords).toBe(20_000);
    expect([...datahubChunks({ rows: 10, seed: 1 })].join("").split("\n").length).toBe(12);
  });
});
